import * as z from 'zod/mini';

/** The public forms whose fill time the server measures. */
export const PUBLIC_FORMS = ['host-offer', 'application', 'rsvp'] as const;
export type PublicForm = (typeof PUBLIC_FORMS)[number];

/**
 * A signed, short-lived token a widget fetches when its form opens and sends back as
 * `formToken` with the submission. The server reads the moment the form opened from it, so the
 * minimum fill time cannot be faked by the client.
 */
export const FormToken = z.object({
  token: z.string(),
  form: z.enum(PUBLIC_FORMS),
  /** A submission sent sooner than this many seconds after the token was issued is refused. */
  minFillSeconds: z.number(),
  /** After this instant the token is refused; fetch a new one (a draft keeps what was typed). */
  expiresAt: z.string(),
});
export type FormToken = z.infer<typeof FormToken>;

/** The body field that carries the token; 20–400 URL-safe characters. */
export const formTokenField = z.string({ error: 'Required' }).check(z.regex(/^[A-Za-z0-9._-]{20,400}$/, 'Not a form token from this site'));
