/**
 * The two ways mail leaves the Worker. SMTP (`SMTP_URL`: `smtp://host:port` in the clear or with
 * STARTTLS when the server offers it, `smtps://` for implicit TLS, user and password in the URL
 * for relays that ask) through worker-mailer over `cloudflare:sockets`; or Cloudflare Email
 * Service through the `send_email` binding `EMAIL`. SMTP wins when both are configured, so
 * `npm start` and the tests deliver to their local server.
 */
import type { SendEmail } from '@cloudflare/workers-types';
import { LogLevel, WorkerMailer, type WorkerMailerOptions } from 'worker-mailer';
import type { OutgoingMail } from './render.js';

export interface MailDriver {
  name: 'smtp' | 'cloudflare';
  /** Sends one message and answers its Message-ID. */
  send(mail: OutgoingMail): Promise<string>;
  close(): Promise<void>;
}

/** A failure no retry will fix: the server refused this message or recipient (SMTP 5xx). */
export class PermanentFailure extends Error {}

export interface DriverEnv {
  SMTP_URL?: string;
  EMAIL?: SendEmail;
}

export function smtpOptions(url: string): WorkerMailerOptions {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP_URL must be smtp:// or smtps://, not ${u.protocol}`);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    startTls: !secure && u.searchParams.get('starttls') !== 'false',
    ...(u.username
      ? { credentials: { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }, authType: ['plain', 'login'] }
      : {}),
    // Failures are recorded on the outbox row; the log keeps only warnings.
    logLevel: LogLevel.WARN,
    socketTimeoutMs: 10_000,
    responseTimeoutMs: 10_000,
  };
}

const base64 = (content: string | Uint8Array) => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
};

/** SMTP replies 5xx refuse for good; anything else (a dropped connection, 4xx) is worth another try. */
const permanent = (e: unknown) => e instanceof Error && /(?:^|\s)5\d\d[ -]/.test(e.message);

async function smtpDriver(url: string): Promise<MailDriver> {
  // One connection for a whole queue batch: messages go out one after another on it.
  const mailer = await WorkerMailer.connect(smtpOptions(url));
  return {
    name: 'smtp',
    async send(m) {
      try {
        await mailer.send({
          from: m.from,
          to: m.to,
          ...(m.replyTo ? { reply: m.replyTo } : {}),
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers,
          attachments: m.attachments.map((a) => ({ filename: a.filename, content: base64(a.content), mimeType: a.type })),
        });
      } catch (e) {
        throw permanent(e) ? new PermanentFailure(e instanceof Error ? e.message : String(e)) : e;
      }
      return m.headers['Message-ID'] ?? '';
    },
    close: () => mailer.close(),
  };
}

function cloudflareDriver(binding: SendEmail): MailDriver {
  return {
    name: 'cloudflare',
    async send(m) {
      // The service gives each message its own Message-ID.
      const sent = await binding.send({
        from: m.from,
        to: m.to,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: Object.fromEntries(Object.entries(m.headers).filter(([k]) => k !== 'Message-ID')),
        attachments: m.attachments.map((a) => ({ disposition: 'attachment' as const, filename: a.filename, type: a.type, content: a.content })),
      });
      return sent.messageId;
    },
    close: async () => {},
  };
}

/** The configured driver, connected; throws (a failure worth retrying) when the server cannot be reached. */
export async function openDriver(env: DriverEnv): Promise<MailDriver> {
  if (env.SMTP_URL) return smtpDriver(env.SMTP_URL);
  if (env.EMAIL) return cloudflareDriver(env.EMAIL);
  throw new Error('No mail driver is configured: set SMTP_URL, or bind Cloudflare Email Service as EMAIL.');
}
