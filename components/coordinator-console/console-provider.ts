import { ContextProvider } from '@lit/context';
import type { ReactiveElement } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import type { ConsoleApi } from './console-api.js';
import { apiContext, userContext } from './console-context.js';

/**
 * The console's side of its contexts: provides the API client and the signed-in user to every
 * section below `host`. Loaded with the first section, so `@lit/context` is not part of the
 * sign-in screen's download.
 */
export class ConsoleProviders {
  private readonly _api: ContextProvider<typeof apiContext>;
  private readonly _user: ContextProvider<typeof userContext>;

  constructor(host: ReactiveElement, api: ConsoleApi, user: SessionUser) {
    this._api = new ContextProvider(host, { context: apiContext, initialValue: api });
    this._user = new ContextProvider(host, { context: userContext, initialValue: user });
  }

  /** Tells the sections of a new client (another `api-base`) or a changed user (role, name). */
  set(api: ConsoleApi, user: SessionUser): void {
    this._api.setValue(api);
    this._user.setValue(user);
  }
}
