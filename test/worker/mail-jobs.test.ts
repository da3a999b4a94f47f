/**
 * Reminders and digests from the minute Cron Trigger, through the real Worker, its queue and a
 * real SMTP inbox. The cron is fired at chosen times (its scheduled time is the jobs' "now"):
 * what is due is sent once, a second trigger in the same period sends nothing, and a person who
 * turned reminders off has theirs recorded as suppressed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { sqlValue } from '../../demo/seed/index.js';
import { addDays, localDate, zonedInstant } from '../../worker/lib/zones.js';
import { quote, sql, submitOffer, SUPERVISOR } from './admin-helpers.js';
import { api, BASE, formToken } from './helpers.js';
import { type Delivered, fireCron, linkIn, mark, settledMail, waitForMail } from './mail.js';
import { ARROYO, applied, assignSupervisor, move, newStudent, R, sign, signTokens } from './placement-helpers.js';

const MINUTE_CRON = '* * * * *';
const LA = 'America/Los_Angeles';
const DAY = 86_400_000;
const PREFERENCES = `${BASE}/api/v1/mail/preferences`;

/** 10:00 in Riverside on the local date `days` after `from`. */
const riversideMorning = (from: number, days: number, time = '10:00') => new Date(zonedInstant(addDays(localDate(from, LA), days), time, LA));

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Fires the minute cron at `time` until `to` has received `count` messages matching `match` (other tests' leftovers may come first). */
async function fireUntil(time: Date, to: string, after: number, match: (m: Delivered) => boolean, count = 1): Promise<Delivered[]> {
  for (let i = 0; ; i++) {
    await fireCron(MINUTE_CRON, new Date(time.getTime() + i * 60_000));
    try {
      return await waitForMail(to, { after, match, count, timeoutMs: i < 4 ? 6000 : 20_000 });
    } catch (e) {
      if (i >= 4) throw e;
    }
  }
}

describe('signature reminders', () => {
  it('reminds each unsigned signer 3 and 7 days after the link went out, once each, with a fresh link in their language', async () => {
    const student = await newStudent({ grade: 11 });
    const id = await applied(student, ARROYO.shadow);
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await move(id, 'accepted');
    const issuedAt = Date.now();
    const tokens = await signTokens(id);
    assert.ok(tokens.student && tokens.guardian && tokens.supervisor);
    assert.equal((await sign(tokens.student, student.preferredName)).status, 200);
    const [{ reference }] = sql<{ reference: string }>(`SELECT reference FROM applications WHERE id = ${quote(id)}`) as [{ reference: string }];
    const rows = sql<{ role: string; sent_to: string }>(`SELECT role, sent_to FROM agreements WHERE application_id = ${quote(id)}`);
    const guardian = rows.find((r) => r.role === 'guardian')!.sent_to;
    const studentTo = rows.find((r) => r.role === 'student')!.sent_to;
    const ours = (m: Delivered) => (m.mail.subject ?? '').includes(reference) && /^(Reminder|Recordatorio)/.test(m.mail.subject ?? '');

    // The guardian chooses Spanish from the footer of the signing request they received.
    const [request] = await waitForMail(guardian, { match: (m) => (m.mail.subject ?? '').includes(reference) });
    const saved = await fetch(linkIn(request!, PREFERENCES), form({ lang: 'es', notices: 'on', reminders: 'on', digests: 'on' }));
    assert.equal(saved.status, 200);

    // Two days on: nothing is due yet.
    let after = await mark();
    await fireCron(MINUTE_CRON, riversideMorning(issuedAt, 2));
    assert.equal((await settledMail(guardian, after, 2000)).filter(ours).length, 0, 'nothing before 3 days');

    const day3 = riversideMorning(issuedAt, 4);
    after = await mark();
    const [es] = await fireUntil(day3, guardian, after, ours);
    assert.match(es!.mail.subject ?? '', /^Recordatorio: firme el acuerdo de formación/);
    assert.equal(es!.mail.headers.get('content-language'), 'es');
    assert.match(es!.mail.text ?? '', /Le enviamos un enlace hace 3 días/);
    assert.match(es!.mail.text ?? '', /El enlace anterior ya no funciona/);
    assert.match(es!.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const [supervisorReminder] = await waitForMail(SUPERVISOR, { after, match: ours });
    assert.match(supervisorReminder!.mail.subject ?? '', /^Reminder: please sign the training agreement/);
    assert.match(supervisorReminder!.mail.text ?? '', /The earlier link no longer works/);

    // The old link stopped working; the reminder's own link opens the guardian's agreement.
    const fresh = /token=([A-Za-z0-9_-]{43})/.exec(es!.mail.text ?? '')?.[1];
    assert.ok(fresh && fresh !== tokens.guardian);
    assert.equal((await api(`/agreements/${tokens.guardian}`, { key: null })).status, 404);
    const view = await api(`/agreements/${fresh}`, { key: null });
    assert.equal(view.status, 200);
    assert.equal(((await view.json()) as { role: string }).role, 'guardian');
    // Only the hash of the new token is stored, and the outbox keeps the link sealed.
    const stored = sql<{ body: string; sealed_link: string | null; dedupe_key: string }>(
      `SELECT body, sealed_link, dedupe_key FROM outbox WHERE related_id = ${quote(id)} AND kind = 'signature.reminder' AND recipient = ${quote(guardian)}`,
    );
    assert.equal(stored.length, 1);
    assert.ok(!stored[0]!.body.includes(fresh) && stored[0]!.body.includes('{link}'));

    // A second trigger the same day sends nothing again, and the student, who signed, got nothing.
    const again = await mark();
    await fireCron(MINUTE_CRON, new Date(day3.getTime() + 7 * 60_000));
    assert.equal((await settledMail(guardian, again)).filter(ours).length, 0, 'a second trigger sends no second reminder');
    assert.equal((await settledMail(SUPERVISOR, again, 0)).filter(ours).length, 0);
    assert.equal((await settledMail(studentTo, after, 0)).filter(ours).length, 0, 'the signer who signed is not reminded');
    assert.equal((await api(`/agreements/${fresh}`, { key: null })).status, 200, 'and the reminder’s link still works');
    assert.match(stored[0]!.dedupe_key, /^signature\.reminder:agr_[0-9a-z]+:.+\+3d$/);

    // A week on: the second reminder, once.
    const day7 = riversideMorning(issuedAt, 8);
    after = await mark();
    const [second] = await fireUntil(day7, guardian, after, ours);
    assert.match(second!.mail.text ?? '', /hace 7 días/);
    const last = await mark();
    await fireCron(MINUTE_CRON, new Date(day7.getTime() + 5 * 60_000));
    assert.equal((await settledMail(guardian, last)).filter(ours).length, 0);
    assert.equal(
      sql(`SELECT 1 FROM audit_log WHERE action = 'agreement.remind' AND actor_type = 'system' AND json_extract(detail, '$.applicationId') = ${quote(id)}`)
        .length,
      4,
      'each reminder (guardian and supervisor, 3 and 7 days) is audited as the system’s',
    );
  });
});

// ---------------------------------------------------------------------------------------------

const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
let client = Math.floor(Math.random() * 60_000);
const nextClient = () => `198.19.${(++client >> 8) & 255}.${client & 255}`;

async function rsvp(eventId: string, email: string, lang: 'en' | 'es', partySize = 1): Promise<void> {
  const res = await api(`/events/${eventId}/rsvps`, {
    method: 'POST',
    query: { lang },
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
    body: JSON.stringify({ name: `Guest ${lang}`, email, role: 'family', partySize, consent: true, formToken: await formToken('rsvp', R.key) }),
  });
  assert.equal(res.status, 201, await res.clone().text());
}

describe('RSVP reminders', () => {
  it('reminds each confirmed guest the day before, in their language with the event’s local time and place, once; an unsubscribed guest’s is suppressed', async () => {
    // An event 20 days out at 18:00 in Riverside.
    const date = addDays(localDate(Date.now(), LA), 20);
    const starts = zonedInstant(date, '18:00', LA);
    const eventId = `evt_test_remind_${RUN}`;
    const row: Record<string, string | number | boolean | null | string[]> = {
      id: eventId,
      tenant_id: R.tenantId,
      type: 'workshop',
      title: `Reminder night ${RUN}`,
      title_es: `Noche de recordatorio ${RUN}`,
      description: 'A throw-away event made by the mail job tests.',
      starts_at: new Date(starts).toISOString(),
      ends_at: new Date(starts + 2 * 3_600_000).toISOString(),
      all_day: false,
      time_zone: LA,
      location_name: 'Riverside High School, Library',
      address: '4020 Arlington Avenue',
      city: 'Riverside',
      state: 'CA',
      postal_code: '92506',
      audiences: ['families'],
      clusters: [],
      registration_required: true,
      status: 'scheduled',
      sequence: 0,
    };
    sql(
      `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
        .map((v) => sqlValue(v))
        .join(', ')})`,
    );
    const en = `rsvp-en-${RUN}@example.org`;
    const es = `rsvp-es-${RUN}@example.org`;
    const quiet = `rsvp-quiet-${RUN}@example.org`;
    await rsvp(eventId, en, 'en', 2);
    await rsvp(eventId, es, 'es');
    await rsvp(eventId, quiet, 'en');
    // The family's language is the RSVP's (the form's `lang`); set here too, whichever writes it.
    sql(`UPDATE rsvps SET lang = 'es' WHERE email = ${quote(es)}`);
    // The quiet guest turns reminders off with one click, with the link from the footer of a message they received.
    const before = await mark();
    await submitOffer({ title: 'A family business offers a tour', contactEmail: quiet });
    const [receipt] = await waitForMail(quiet, { after: before });
    const token = new URL(linkIn(receipt!, PREFERENCES)).searchParams.get('t')!;
    const off = await fetch(`${BASE}/api/v1/mail/unsubscribe?t=${encodeURIComponent(token)}&c=reminder`, form({ 'List-Unsubscribe': 'One-Click' }));
    assert.equal(off.status, 200);

    const reminder = (m: Delivered) => /^(Tomorrow|Mañana): /.test(m.mail.subject ?? '');
    // Two days before: not yet.
    let after = await mark();
    await fireCron(MINUTE_CRON, new Date(zonedInstant(addDays(date, -2), '10:00', LA)));
    assert.equal((await settledMail(en, after, 2000)).filter(reminder).length, 0, 'not two days before');

    // The day before, at 7:00 (too early) nothing; at 10:00 each guest gets theirs.
    await fireCron(MINUTE_CRON, new Date(zonedInstant(addDays(date, -1), '07:00', LA)));
    assert.equal((await settledMail(en, after, 2000)).filter(reminder).length, 0, 'nobody is written to before 8 in the morning');
    const dayBefore = new Date(zonedInstant(addDays(date, -1), '10:00', LA));
    after = await mark();
    const [english] = await fireUntil(dayBefore, en, after, reminder);
    assert.equal(english!.mail.subject, `Tomorrow: Reminder night ${RUN}`);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: LA, weekday: 'long', month: 'long', day: 'numeric' }).format(starts);
    assert.match(english!.mail.text ?? '', new RegExp(`When: ${weekday}, \\d{4}, 6:00\\sPM – 8:00\\sPM P[SD]T`));
    assert.match(english!.mail.text ?? '', /Where: Riverside High School, Library, 4020 Arlington Avenue, Riverside, CA/);
    assert.match(english!.mail.text ?? '', /a party of 2/);
    const [spanish] = await waitForMail(es, { after, match: reminder });
    assert.equal(spanish!.mail.subject, `Mañana: Noche de recordatorio ${RUN}`);
    const diaSemana = new Intl.DateTimeFormat('es-US', { timeZone: LA, weekday: 'long' }).format(starts);
    assert.match(spanish!.mail.text ?? '', new RegExp(`Cuándo: ${diaSemana}, `));
    assert.match(spanish!.mail.text ?? '', /6:00\sp\.\s?m\./);

    // A second trigger that day sends nothing more.
    const again = await mark();
    await fireCron(MINUTE_CRON, new Date(dayBefore.getTime() + 3 * 60_000));
    assert.equal((await settledMail(en, again)).filter(reminder).length, 0, 'a second trigger sends no second reminder');
    assert.equal((await settledMail(es, again, 0)).filter(reminder).length, 0);

    // The quiet guest's reminder was written, and recorded as suppressed rather than delivered.
    assert.equal((await settledMail(quiet, after, 0)).filter(reminder).length, 0);
    const quietRows = sql<{ status: string }>(`SELECT status FROM outbox WHERE recipient = ${quote(quiet)} AND kind = 'rsvp.reminder'`);
    assert.deepEqual(quietRows, [{ status: 'suppressed' }]);
  });
});

// ---------------------------------------------------------------------------------------------

/** The Monday of the ISO week `weeks` weeks after this one, in Riverside. */
function mondayIn(weeks: number): string {
  const today = localDate(Date.now(), LA);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  return addDays(today, 7 * weeks - (weekday - 1));
}

describe('digests', () => {
  it('sends a supervisor their week on Monday only when something waits for them, once', async () => {
    const monday = mondayIn(5);
    const digest = (m: Delivered) => /^(This week|Esta semana): /.test(m.mail.subject ?? '');
    // Sunday: no weekly digest.
    let after = await mark();
    await fireCron(MINUTE_CRON, new Date(zonedInstant(addDays(monday, -1), '09:00', LA)));
    assert.equal((await settledMail(SUPERVISOR, after, 2000)).filter(digest).length, 0, 'not on a Sunday');

    const at = new Date(zonedInstant(monday, '09:00', LA));
    after = await mark();
    const [m] = await fireUntil(at, SUPERVISOR, after, digest);
    assert.match(m!.mail.subject ?? '', /hours to approve/);
    assert.match(m!.mail.text ?? '', /Hours waiting for your approval:/);
    assert.match(m!.mail.text ?? '', new RegExp(`${BASE}/demo/console\\.html#placements/app_`));
    assert.match(m!.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    // The demo's second supervisor has nothing waiting: no digest for them.
    assert.equal((await settledMail('supervisor2@riverside.example', after, 0)).filter(digest).length, 0, 'nothing waits, nothing is sent');

    const again = await mark();
    await fireCron(MINUTE_CRON, new Date(at.getTime() + 60 * 60_000));
    assert.equal((await settledMail(SUPERVISOR, again)).filter(digest).length, 0, 'once a week');
  });

  it('sends each coordinator what waits today, once a day', async () => {
    const coordinator = 'coordinator@riverside.example';
    const day = addDays(localDate(Date.now(), LA), 40);
    const digest = (m: Delivered) => /^(Waiting for you today|Pendiente hoy): /.test(m.mail.subject ?? '');
    const at = new Date(zonedInstant(day, '08:30', LA));
    const after = await mark();
    const [m] = await fireUntil(at, coordinator, after, digest);
    // The seed has offers waiting for review and unsigned agreements weeks old.
    assert.match(m!.mail.text ?? '', /offers? to host students wait/);
    assert.match(m!.mail.text ?? '', new RegExp(`${BASE}/demo/console\\.html#review`));
    assert.match(m!.mail.text ?? '', /Training agreements still unsigned after more than a week:/);
    const again = await mark();
    await fireCron(MINUTE_CRON, new Date(at.getTime() + 3 * 3_600_000));
    assert.equal((await settledMail(coordinator, again)).filter(digest).length, 0, 'once a day');
    // The next day, another.
    const next = await mark();
    await fireUntil(new Date(at.getTime() + DAY), coordinator, next, digest);
  });
});
