import type { FieldError, Problem } from '../../schema/api/problem.js';

/** A problem answer from the API (or the network), with what a person needs to see. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

type Params = Record<string, string | number | boolean | readonly string[] | undefined | null>;

/** The API as the widgets use it: the site key on every request, problems as `ApiError`. */
export class ApiClient {
  readonly base: string;
  readonly siteKey: string;
  constructor(base: string, siteKey: string) {
    this.base = base.replace(/\/$/, '');
    this.siteKey = siteKey;
  }

  url(path: string, params: Params = {}): string {
    const url = new URL(`${this.base}/api/v1${path}`, location.href);
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

  async request<T>(path: string, init: RequestInit & { params?: Params } = {}): Promise<T> {
    const { params, headers, ...rest } = init;
    let res: Response;
    try {
      res = await fetch(this.url(path, params), { ...rest, headers: { 'X-Site-Key': this.siteKey, Accept: 'application/json', ...headers } });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, null, 'network');
    }
    if (res.ok) return (await res.json()) as T;
    let problem: Problem | null = null;
    try {
      problem = (await res.json()) as Problem;
    } catch { /* not a problem document */ }
    throw new ApiError(res.status, problem, problem?.title ?? res.statusText);
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
    return new URL(moduleUrl).origin;
  } catch {
    return location.origin;
  }
}
