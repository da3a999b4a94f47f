/** Small field helpers shared by the roster and placement schemas: building blocks, not part of the contract. */
import * as z from 'zod/mini';

/** The last value of a repeated query key; an empty value is no value. */
export const single = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v === '' ? undefined : v)),
    schema,
  );

/** A list in a query string: repeated (`status=a&status=b`) or comma-separated. */
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
      z.optional(z.array(item).check(z.maxLength(20, 'Choose at most 20'))),
    ),
  );

/** A whole number from a query string (`grade=11`). */
export const queryInt = (min: number, max: number, message: string) =>
  z.optional(
    single(
      z.pipe(
        z.transform((v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v)),
        z.int({ error: message }).check(z.gte(min, message), z.lte(max, message)),
      ),
    ),
  );

/** Page size: 1–100, 25 unless asked. */
export const queryLimit = z._default(queryInt(1, 100, 'Ask for 1 to 100 items'), 25);

/** The opaque `nextCursor` of the previous page. */
export const queryCursor = z.optional(single(z.string().check(z.maxLength(500, 'This cursor is not valid; start again from the first page'))));

/** A prefixed id (`stu_…`, `app_…`) as it appears in a query or body; anything else cannot exist. */
export const idOf = (prefix: string, message = 'Not a valid id') =>
  z.string({ error: message }).check(z.regex(new RegExp(`^${prefix}_[a-z0-9_]{3,60}$`), message));

/** A yes/no that a person (or a spreadsheet) may have written as text. */
export const YES = ['true', 'yes', 'y', '1', 'x', 'si', 'sí'];
export const NO = ['false', 'no', 'n', '0', ''];
