import { createContext } from '@lit/context';
import type { SessionUser } from '../../schema/api/auth.js';
import type { ConsoleApi } from './console-api.js';

/**
 * What the console shares with its sections through `@lit/context`: the signed-in API client
 * and who is signed in. Symbols, so a second copy of the console on the page never answers
 * this one's sections. Imported only by lazily loaded modules (the provider, the sections).
 */
export const apiContext = createContext<ConsoleApi>(Symbol('wbl-console-api'));
export const userContext = createContext<SessionUser>(Symbol('wbl-console-user'));
