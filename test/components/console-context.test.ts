/// <reference types="mocha" />
import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ConsoleApi } from '../../components/coordinator-console/console-api.js';
import { apiContext, userContext } from '../../components/coordinator-console/console-context.js';
import '../../components/coordinator-console/define.js';
import '../../components/coordinator-console/sections/reports.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import { fakeApi, signedInRoutes, studentDetail, student, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, $, root } from './console-dom.js';

/**
 * The console hands its sections the API client and the signed-in user through `@lit/context`
 * (nothing sets them by hand), and its sections load on `@lit/task`: a load that a newer one
 * overtakes is aborted, its signal reaching `fetch`.
 */

let stub: ReturnType<typeof fakeApi> | undefined;
cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
});

const auth = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

describe('console contexts and tasks', () => {
  it('gives a section the client and the user through context, and tells it when the user changes', async () => {
    stub = fakeApi(signedInRoutes('admin'));
    const api = new ConsoleApi('https://api.example');
    api.token = TOKEN;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: apiContext, initialValue: api });
    const user = new ContextProvider(host, { context: userContext, initialValue: USERS.admin });
    const section = document.createElement('wbl-console-reports');
    host.appendChild(section);

    await waitUntil(() => root(section).querySelector('.tiles'), 'the report shows', { timeout: 5000 });
    const asked = stub.requests.filter((r) => r.url.pathname === '/api/v1/admin/reports');
    expect(asked).to.have.length(1);
    expect(auth(asked[0]!.init)).to.equal(`Bearer ${TOKEN}`, 'the request carries the context’s session');
    expect(root(section).querySelector('.threshold'), 'an administrator sets the threshold').to.exist;

    user.setValue(USERS.viewer);
    await section.updateComplete;
    expect(root(section).querySelector('.threshold'), 'a viewer does not').to.equal(null);
  });

  it('aborts the load of a record that another one overtook, and shows the newer one', async () => {
    const signals: Record<string, AbortSignal> = {};
    stub = fakeApi({
      ...signedInRoutes('coordinator'),
      'GET /admin/students': () => json({ items: [student(1), student(2)], nextCursor: null }),
      // The first student's record never comes: only its signal can end the wait.
      'GET /admin/students/:id': (_url, init, { id }) => {
        signals[id!] = init!.signal!;
        if (id === 'stu_t_1')
          return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
        return json(studentDetail(2));
      },
    });
    history.replaceState(null, '', `${location.pathname}#students/stu_t_1`);
    const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang="en"></wbl-coordinator-console>`);
    $<HTMLInputElement>(el, '#signin-email')!.value = USERS.coordinator.email;
    $<HTMLInputElement>(el, '#signin-password')!.value = 'riverside-demo';
    $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
    await waitUntil(() => signals.stu_t_1, 'the first record is asked for', { timeout: 5000 });
    expect(signals.stu_t_1!.aborted).to.equal(false);

    location.hash = 'students/stu_t_2';
    await waitUntil(() => signals.stu_t_2, 'the second record is asked for', { timeout: 5000 });
    expect(signals.stu_t_1!.aborted, 'the overtaken request is aborted').to.equal(true);
    const students = $(el, 'wbl-console-students')!;
    await waitUntil(() => root(students).querySelector('#pane-title')?.textContent?.includes(studentDetail(2).preferredName), 'the newer record shows', {
      timeout: 5000,
    });
  });
});
