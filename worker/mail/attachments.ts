/**
 * What a message carries besides its text, built at delivery from the row's `data` (so a file
 * reflects the event as it is when the message goes out). An RSVP's messages carry the event as
 * an invitation (RFC 5546): `{ ics: { eventId, rsvpId, method } }` becomes `event.ics`, METHOD
 * REQUEST with the guest as ATTENDEE (accepted, or tentative while waitlisted), or CANCEL when
 * the event or the reservation is cancelled. Its UID is the one the public feed and download
 * use and its SEQUENCE the event's, so a calendar that has the event replaces it.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { events, rsvps, sites, tenants } from '../../schema/db/tables.js';
import type { Database } from '../lib/db.js';
import { eventColumns, eventPageUrl, localized, toIcsEvent, withKnownZone } from '../lib/events.js';
import { buildCalendar } from '../lib/ical.js';
import { isLang } from '../lib/lang.js';
import { publicLink } from '../lib/mappers.js';
import type { Attachment } from './render.js';

/** What delivery knows that the row does not: its own sender address and public origin. */
interface AttachmentContext {
  fromAddress: string;
  /** The Worker's public origin, for the demo calendar page when a district has none. */
  baseUrl: string;
}

interface IcsData {
  eventId: string;
  rsvpId: string;
  method: 'REQUEST' | 'CANCEL';
}

function icsOf(data: Record<string, unknown> | null): IcsData | null {
  const ics = data?.ics as Partial<IcsData> | undefined;
  if (!ics || typeof ics.eventId !== 'string' || typeof ics.rsvpId !== 'string') return null;
  return { eventId: ics.eventId, rsvpId: ics.rsvpId, method: ics.method === 'CANCEL' ? 'CANCEL' : 'REQUEST' };
}

async function invitation(db: Database, row: { tenantId: string; lang: string }, ics: IcsData, ctx: AttachmentContext): Promise<Attachment | null> {
  const lang = isLang(row.lang) ? row.lang : 'en';
  const [event, guest, tenant, page] = await Promise.all([
    db
      .select(eventColumns)
      .from(events)
      .where(and(eq(events.id, ics.eventId), eq(events.tenantId, row.tenantId)))
      .get(),
    db
      .select({ name: rsvps.name, email: rsvps.email, status: rsvps.status, updatedAt: rsvps.updatedAt })
      .from(rsvps)
      .where(and(eq(rsvps.id, ics.rsvpId), eq(rsvps.tenantId, row.tenantId)))
      .get(),
    db.select({ name: tenants.name, replyTo: tenants.replyTo, url: tenants.issuerUrl }).from(tenants).where(eq(tenants.id, row.tenantId)).get(),
    db
      .select({ url: sites.calendarPageUrl })
      .from(sites)
      .where(and(eq(sites.tenantId, row.tenantId), eq(sites.status, 'active'), isNotNull(sites.calendarPageUrl)))
      .orderBy(asc(sites.createdAt))
      .limit(1)
      .get(),
  ]);
  // The event was deleted (only possible with no RSVPs) or the RSVP is gone: nothing to attach.
  if (!event || !guest) return null;
  const shown = { ...withKnownZone(localized(event, lang)), virtualUrl: publicLink(event.virtualUrl) };
  const cancelled = ics.method === 'CANCEL' || event.status === 'cancelled' || guest.status === 'cancelled';
  const method = cancelled ? 'CANCEL' : 'REQUEST';
  const pageUrl = publicLink(page?.url ?? null) ?? `${ctx.baseUrl}/demo/family.html`;
  const entry = toIcsEvent(shown, {
    url: eventPageUrl(pageUrl, event.id),
    organizer: { name: tenant?.name ?? 'Open WBL', url: publicLink(tenant?.url ?? null), email: tenant?.replyTo ?? ctx.fromAddress },
    lang,
  });
  const body = buildCalendar({
    prodId: '-//Open WBL//Events 1.0//EN',
    method,
    timeZone: shown.timeZone,
    events: [
      {
        ...entry,
        status: cancelled ? 'CANCELLED' : entry.status,
        attendee: {
          name: guest.name,
          email: guest.email,
          partstat: guest.status === 'cancelled' ? 'DECLINED' : guest.status === 'waitlisted' ? 'TENTATIVE' : 'ACCEPTED',
        },
        // The later of the event's last change and the guest's: a cancellation or promotion is newer than the invitation before it.
        stamp: Math.max(Date.parse(event.updatedAt), Date.parse(guest.updatedAt)),
      },
    ],
  });
  return { filename: 'event.ics', content: body, type: `text/calendar; method=${method}; charset=UTF-8` };
}

export async function attachmentsFor(
  db: Database,
  row: { tenantId: string; lang: string; data: Record<string, unknown> | null },
  ctx: AttachmentContext = { fromAddress: 'wbl@openwbl.localhost', baseUrl: 'http://127.0.0.1:8787' },
): Promise<Attachment[]> {
  const ics = icsOf(row.data);
  if (!ics) return [];
  const file = await invitation(db, row, ics, ctx);
  return file ? [file] : [];
}
