import type { PersonSession } from '../../schema/api/me.js';
import { type ApiClient, toApiError } from '../base/api.js';

/**
 * The `/me` API as `<wbl-my-wbl>` uses it: the site's client (site key, language) plus the
 * person's bearer session. A 401 from any signed-in call ends the session through
 * `onUnauthorized`, so the widget shows sign-in again wherever the call came from.
 */
export class MeApi {
  token: string | null = null;
  onUnauthorized: (() => void) | null = null;
  /** The widget's client as it is now (its language follows the page's). */
  private readonly _client: () => ApiClient;
  constructor(client: () => ApiClient) {
    this._client = client;
  }

  /** Sends `body` as JSON; a 2xx answer without JSON (a 204) is `null`. */
  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
    const all: Record<string, string> = { ...headers };
    if (this.token) all.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) all['Content-Type'] = 'application/json';
    try {
      return await this._client().request<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: all, signal });
    } catch (e) {
      const err = toApiError(e);
      if (err.status >= 200 && err.status < 300) return null as T;
      if (err.status === 401 && this.token) this.onUnauthorized?.();
      throw e;
    }
  }
}

/**
 * The session is kept in this tab only (sessionStorage, never localStorage): a shared family
 * computer forgets it when the tab closes. One per API and site.
 */
const sessionKey = (client: ApiClient) => `wbl-me-session:${client.base}|${client.siteKey}`;

export function readSession(client: ApiClient): PersonSession | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(sessionKey(client)) ?? 'null') as PersonSession | null;
    return kept && Date.parse(kept.expiresAt) > Date.now() ? kept : null;
  } catch {
    return null;
  }
}

export function writeSession(client: ApiClient, session: PersonSession | null): void {
  try {
    if (session) sessionStorage.setItem(sessionKey(client), JSON.stringify(session));
    else sessionStorage.removeItem(sessionKey(client));
  } catch {
    /* storage blocked: the session lasts as long as the page */
  }
}

/**
 * A new Idempotency-Key. `crypto.randomUUID` exists only in secure contexts; a school page
 * still served over plain http gets 128 random bits all the same.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Drafts stay on the device, one per student, placement and form, like the placement form's. */
export const draftKey = (siteKey: string, studentId: string, placementId: string, form: string) =>
  `wbl-my-draft:${siteKey}:${studentId}:${placementId}:${form}`;

/** A form's values, its Idempotency-Key, when it was saved, and whether it came back from the device (not typed in this page). */
export type Draft = { values: Record<string, unknown>; key: string; savedAt: string; restored?: boolean };

export function readDraft(key: string): Draft | null {
  try {
    const draft = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
    return draft ? { ...draft, restored: true } : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: Draft | null): void {
  try {
    if (draft) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  } catch {
    /* private mode or full storage: the form still works */
  }
}
