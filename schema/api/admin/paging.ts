/**
 * Pieces the admin schemas share: keyset paging, query-string values, and the few field types
 * (calendar dates, wall-clock times, IANA zones, web origins) that the console's forms check
 * exactly as the Worker does. Written with `zod/mini` so the console stays small.
 */
import * as z from 'zod/mini';

/** A query value arrives as a string, or as an array when repeated: the last one wins, and '' means absent. */
export const queryValue = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v === '' ? undefined : v)),
    schema,
  );

/** Several values of one filter, repeated (`status=a&status=b`) or comma-separated. */
export const queryList = <T extends z.core.$ZodType<string, string>>(item: T) =>
  z.optional(
    z.pipe(
      z.transform((v: unknown) => {
        if (v === undefined || v === '') return undefined;
        const values = (Array.isArray(v) ? v : [v])
          .flatMap((x) => String(x).split(','))
          .map((x) => x.trim())
          .filter(Boolean);
        return values.length ? values : undefined;
      }),
      z.optional(z.array(item).check(z.maxLength(20, 'Choose up to 20'))),
    ),
  );

const LIMIT_MESSAGE = 'Ask for 1 to 100 rows at a time';

/** `cursor` and `limit` of every admin list: the cursor is the previous answer's `nextCursor`. */
export const adminPaging = {
  cursor: z.optional(queryValue(z.optional(z.string().check(z.maxLength(500, 'This cursor is not valid; start again from the first page'))))),
  limit: queryValue(
    z._default(
      z.pipe(z.coerce.number({ error: LIMIT_MESSAGE }), z.int({ error: LIMIT_MESSAGE }).check(z.gte(1, LIMIT_MESSAGE), z.lte(100, LIMIT_MESSAGE))),
      25,
    ),
  ),
};

/** Every admin list answers a page of items and the cursor of the next page (null on the last). */
export const adminPageOf = <T extends z.core.$ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const DATE_MESSAGE = 'Use a date like 2027-06-15';

/** A calendar date that exists (`2027-02-30` does not), between 2000 and 2100. */
export const calendarDate = z
  .string({ error: DATE_MESSAGE })
  .check(z.regex(/^(20\d\d|2100)-\d{2}-\d{2}$/, DATE_MESSAGE), z.refine(isRealDate, 'This date does not exist'));

/** A wall-clock time, 24-hour: `09:30`, `18:00`. */
export const wallTime = z.string({ error: 'Use a time like 09:30' }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:30 or 18:00'));

function knownZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone the runtime knows (`America/Chicago`). */
export const ianaZone = z
  .string({ error: 'Choose a time zone' })
  .check(
    z.maxLength(64, 'Choose a time zone like America/Chicago'),
    z.regex(/^[A-Za-z][A-Za-z0-9_+/-]*$/, 'Choose a time zone like America/Chicago'),
    z.refine(knownZone, 'Choose a time zone like America/Chicago'),
  );

/**
 * A web origin exactly as a browser sends it in `Origin`: scheme, host and port only, lower
 * case, no default port, no path and no trailing slash. Anything else would never match.
 */
export function isWebOrigin(v: string): boolean {
  if (!/^https?:\/\/[^/?#\s@]+$/i.test(v)) return false;
  try {
    return new URL(v).origin === v;
  } catch {
    return false;
  }
}

export const webOrigin = z
  .string({ error: 'Enter an origin like https://www.example.org' })
  .check(
    z.maxLength(200, 'Keep this under 200 characters'),
    z.refine(isWebOrigin, 'Enter an origin like https://www.example.org: lower case, no path and no trailing slash'),
  );

/** A latitude/longitude pair in decimal degrees. */
export const latitude = z
  .number({ error: 'Enter a latitude in decimal degrees' })
  .check(z.gte(-90, 'Latitude is between -90 and 90'), z.lte(90, 'Latitude is between -90 and 90'));
export const longitude = z
  .number({ error: 'Enter a longitude in decimal degrees' })
  .check(z.gte(-180, 'Longitude is between -180 and 180'), z.lte(180, 'Longitude is between -180 and 180'));

/** An optional text field a form may also clear with `null`. */
export const clearableText = (max: number) => z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(max, `Keep this under ${max} characters`))));

/** An id of the given prefix (`emp`, `opp`, `evt`…); the shape only, whether it exists is the Worker's question. */
export const adminRef = (prefix: string, message: string) => z.string({ error: message }).check(z.regex(new RegExp(`^${prefix}_[a-z0-9_]{3,60}$`), message));
