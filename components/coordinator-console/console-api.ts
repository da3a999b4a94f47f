import type { LoginResponse, PasswordChanged, SessionUser } from '../../schema/api/auth.js';
import type { Problem } from '../../schema/api/problem.js';
import { ApiError, apiUrl, isAbort, type Params } from '../base/api.js';

/** A staff API problem, with the seconds from `Retry-After` when the API sent one (429). */
export class ConsoleApiError extends ApiError {
  /** Seconds to wait before trying again, from `Retry-After`; null when not sent. */
  readonly retryAfter: number | null;
  constructor(status: number, problem: Problem | null, message: string, retryAfter: number | null = null) {
    super(status, problem, message);
    this.retryAfter = retryAfter;
  }
}

/** Anything a request failed with, as a `ConsoleApiError` (network failures are status 0). */
export const toConsoleError = (e: unknown): ConsoleApiError =>
  e instanceof ConsoleApiError ? e : e instanceof ApiError ? new ConsoleApiError(e.status, e.problem, e.message) : new ConsoleApiError(0, null, 'network');

/** A file the API answered with (`Content-Disposition: attachment`). */
export interface Download {
  blob: Blob;
  filename: string;
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/**
 * The staff API as the console uses it: `Authorization: Bearer` on every request, problems
 * as `ConsoleApiError`. A 401 on any call but sign-in ends the session through
 * `onUnauthorized`, so the console shows sign-in again wherever the call came from.
 */
export class ConsoleApi {
  readonly base: string;
  token: string | null = null;
  /** Called once per 401 from a signed-in call. */
  onUnauthorized: ((e: ConsoleApiError) => void) | null = null;

  constructor(base: string) {
    this.base = base.replace(/\/$/, '');
  }

  /** `{base}/api/v1{path}?…`, skipping empty values and joining lists with commas. */
  url(path: string, params: Params = {}): string {
    return apiUrl(this.base, path, params);
  }

  private async _fetch(
    method: string,
    path: string,
    opts: { params?: Params; body?: unknown; signal?: AbortSignal; text?: string; accept?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json, application/problem+json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (opts.text !== undefined) {
      headers['Content-Type'] = 'text/csv';
      body = opts.text;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, opts.params), { method, headers, body, signal: opts.signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ConsoleApiError(0, null, 'network');
    }
    if (res.ok) return res;
    let problem: Problem | null = null;
    try {
      const json = (await res.json()) as unknown;
      if (json && typeof json === 'object' && 'title' in json) problem = json as Problem;
    } catch (e) {
      if (isAbort(e)) throw e;
    }
    const error = new ConsoleApiError(
      res.status,
      problem,
      problem?.title ?? (res.statusText || `HTTP ${res.status}`),
      retryAfter(res.headers.get('Retry-After')),
    );
    if (res.status === 401 && this.token && !path.startsWith('/auth/login')) this.onUnauthorized?.(error);
    throw error;
  }

  /** Sends a request and reads its JSON answer (`null` for 204). */
  async request<T>(method: string, path: string, opts: { params?: Params; body?: unknown; signal?: AbortSignal; text?: string } = {}): Promise<T> {
    const res = await this._fetch(method, path, opts);
    if (res.status === 204) return null as T;
    try {
      return (await res.json()) as T;
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ConsoleApiError(res.status, null, 'The answer was not JSON');
    }
  }

  get<T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { params, signal });
  }

  post<T>(path: string, body: unknown = {}, signal?: AbortSignal, params?: Params): Promise<T> {
    return this.request<T>('POST', path, { body, signal, params });
  }

  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('PATCH', path, { body, signal });
  }

  put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('PUT', path, { body, signal });
  }

  delete<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('DELETE', path, { signal });
  }

  /** Sends CSV text (a roster import). */
  postCsv<T>(path: string, csv: string, params?: Params, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, { text: csv, params, signal });
  }

  /** Fetches a file (CSV report, JSON export) with the bearer token, for a download link. */
  async download(path: string, params?: Params, fallbackName = 'download'): Promise<Download> {
    const res = await this._fetch('GET', path, { params, accept: '*/*' });
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    return { blob: await res.blob(), filename: name ? decodeURIComponent(name) : fallbackName };
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const session = await this.post<LoginResponse>('/auth/login', { email, password });
    this.token = session.token;
    return session;
  }

  me(): Promise<SessionUser> {
    return this.get<SessionUser>('/auth/me');
  }

  /** Replaces the signed-in user's password; their other sessions end, this one stays. */
  changePassword(currentPassword: string, newPassword: string): Promise<PasswordChanged> {
    return this.post<PasswordChanged>('/auth/password', { currentPassword, newPassword });
  }

  /** Ends a session on the server; the console forgets the token whether or not this arrives. */
  async logout(token: string | null): Promise<void> {
    if (!token) return;
    try {
      await fetch(this.url('/auth/logout'), { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    } catch {
      /* offline: the session ends by itself after its idle time */
    }
  }
}

/** Saves a file the API answered with, through a temporary object URL. */
export function saveFile({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A session kept for this tab only: `sessionStorage` survives a reload, never another tab or a restart. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const storageKey = (base: string) => `wbl-console-session:${base}`;

export function readSession(base: string): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(storageKey(base));
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    // The expiry slides on the server with every use, so only the server can say it has passed.
    if (!s.token || !s.user) return null;
    return s;
  } catch {
    return null;
  }
}

export function writeSession(base: string, session: StoredSession | null): void {
  try {
    if (session) sessionStorage.setItem(storageKey(base), JSON.stringify(session));
    else sessionStorage.removeItem(storageKey(base));
  } catch {
    /* storage blocked: the session lives in memory only */
  }
}
