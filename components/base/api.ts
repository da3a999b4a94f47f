import type { FieldError, Problem } from '../../schema/api/problem.js';

/**
 * A problem answer from the API (RFC 9457 `application/problem+json`), or a network failure
 * (`status` 0, no problem), with what a person needs to see.
 */
export class ApiError extends Error {
  /** The HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The problem document, when the API sent one. */
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  /** Field-level validation errors (`path`, `message`), empty when there are none. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

/**
 * Anything a request can fail with, as an `ApiError`. By name, not `instanceof`: inside a
 * `<wbl-site>` the client may come from another bundle's copy of this module.
 */
export const toApiError = (e: unknown): ApiError => ((e as Error | null)?.name === 'ApiError' ? (e as ApiError) : new ApiError(0, null, 'network'));
export const isAbort = (e: unknown): boolean => (e as Error | null)?.name === 'AbortError';

export type Params = Record<string, string | number | boolean | readonly string[] | undefined | null>;

/** `{base}/api/v1{path}?…`, skipping empty values and joining lists with commas. */
export function apiUrl(base: string, path: string, params: Params = {}): string {
  const url = new URL(`${base}/api/v1${path}`, location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) url.searchParams.set(k, v.join(','));
    } else {
      url.searchParams.set(k, String(v));
    }
  }
  return url.toString();
}

/**
 * The API as the widgets use it: the site key on every request, the widget's language as `lang`
 * (the server's problems, receipts and content answer in it, and messages to the person are
 * written in it), problems as `ApiError`.
 */
export class ApiClient {
  readonly base: string;
  readonly siteKey: string;
  /** `en` or `es`; empty: leave it to the browser's Accept-Language. */
  readonly lang: string;
  private _langs?: Map<string, ApiClient>;
  constructor(base: string, siteKey: string, lang = '') {
    this.base = base.replace(/\/$/, '');
    this.siteKey = siteKey;
    this.lang = lang;
  }

  /** The same client speaking `lang` (one per language, kept). */
  withLang(lang: string): ApiClient {
    if (lang === this.lang) return this;
    this._langs ??= new Map();
    let client = this._langs.get(lang);
    if (!client) this._langs.set(lang, (client = new ApiClient(this.base, this.siteKey, lang)));
    return client;
  }

  url(path: string, params: Params = {}): string {
    return apiUrl(this.base, path, this.lang && !('lang' in params) ? { ...params, lang: this.lang } : params);
  }

  async request<T>(path: string, init: RequestInit & { params?: Params } = {}): Promise<T> {
    const { params, headers, ...rest } = init;
    let res: Response;
    try {
      res = await fetch(this.url(path, params), {
        ...rest,
        headers: { 'X-Site-Key': this.siteKey, Accept: 'application/json, application/problem+json', ...headers },
      });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError(0, null, 'network');
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch (e) {
      if (isAbort(e)) throw e;
      // Not JSON: a proxy's error page, or `api-base` pointing somewhere that is not the API.
    }
    if (res.ok) {
      if (body === null) throw new ApiError(res.status, null, 'The answer was not JSON');
      return body as T;
    }
    const problem = body && typeof body === 'object' && 'title' in body ? (body as Problem) : null;
    throw new ApiError(res.status, problem, problem?.title ?? (res.statusText || `HTTP ${res.status}`));
  }

  get<T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { params, signal });
  }

  post<T>(path: string, body: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>(path, { method: 'POST', body: JSON.stringify(body), signal, headers: { 'Content-Type': 'application/json', ...headers } });
  }
}

/** Where the API lives when `api-base` is not set: the origin the widget script came from. */
export function defaultApiBase(moduleUrl: string): string {
  try {
    const origin = new URL(moduleUrl).origin;
    // `blob:` and `data:` modules have an opaque ("null") origin: fall back to the page.
    return origin && origin !== 'null' ? origin : location.origin;
  } catch {
    return location.origin;
  }
}
