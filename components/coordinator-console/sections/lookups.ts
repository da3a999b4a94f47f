import type { AdminSchool, AdminSchoolList } from '../../../schema/api/admin/sites.js';
import type { ConsoleApi } from '../console-api.js';

const schools = new WeakMap<ConsoleApi, Promise<AdminSchool[]>>();

/** The tenant's schools, for the pickers: asked once per session, forgotten if the answer failed. */
export function loadSchools(api: ConsoleApi): Promise<AdminSchool[]> {
  let pending = schools.get(api);
  if (!pending) {
    pending = api.get<AdminSchoolList>('/admin/schools', { limit: 100 }).then((page) => page.items);
    pending.catch(() => schools.delete(api));
    schools.set(api, pending);
  }
  return pending;
}
