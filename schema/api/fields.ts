/**
 * Field helpers for the public forms' schemas, written with `zod/mini` so a widget that
 * validates with them stays small (zod/mini is ~5 KB gzip where classic zod is ~90 KB). The
 * Worker validates with the very same schemas. Every check carries a message a person can act on.
 */
import * as z from 'zod/mini';

export const text = (max: number, message = 'Required') =>
  z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(max, `Keep this under ${max} characters`));

export const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max, `Keep this under ${max} characters`)));

export const date = z.string({ error: 'Use a date like 2027-06-15' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-06-15'));

export const email = (message: string) => z.email({ error: message }).check(z.maxLength(254, 'Keep this under 254 characters'));

export const int = (min: number, max: number, message: string) => z.int({ error: message }).check(z.gte(min, message), z.lte(max, message));

/**
 * A web address people will click: only `http:` and `https:` (never `javascript:`, `data:` or
 * another scheme), with a host. Every URL a form accepts uses this.
 */
export const httpUrl = (message: string, max = 500) =>
  z.url({ protocol: /^https?$/, error: message }).check(z.maxLength(max, `Keep this under ${max} characters`));
