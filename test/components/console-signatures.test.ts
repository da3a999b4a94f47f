/// <reference types="mocha" />
/**
 * The console's training-agreement block (issue 10, trust): where each role's link went, a
 * guardian who waits for a roster address (said in words, English and Spanish), the guardian
 * the student typed shown only as a suggestion, and "Sign as coordinator" in a dialog. Issue 12:
 * each signing request's delivery state, never its link, and a failed one sent again.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/define.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import type { ApplicationDetail } from '../../schema/api/admin/placements.js';
import { application, fakeApi, outboxMessage, signedInRoutes, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, $, $$, text } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;

cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
});

const sig = (role: ApplicationDetail['agreement']['signatures'][number]['role'], over: Partial<ApplicationDetail['agreement']['signatures'][number]> = {}) => ({
  role,
  textVersion: '2026-07',
  signed: false,
  signerName: null,
  signedAt: null,
  sentTo: null,
  signedBy: null,
  ...over,
});

/** An accepted minor's placement: the student has signed; the roster has no guardian address. */
function waitingForGuardian(over: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return application({
    status: 'accepted',
    allowedTransitions: ['confirmed', 'withdrawn'],
    guardianSuggestion: { name: 'Pat Guardian', email: 'pat.typed@example.com' },
    agreement: {
      required: ['student', 'guardian', 'supervisor', 'coordinator'],
      missing: ['guardian', 'supervisor', 'coordinator'],
      waiting: [{ role: 'guardian', reason: 'no_roster_address' }],
      signatures: [
        sig('student', { signed: true, signerName: 'Maya Rodriguez', signedAt: '2026-09-20T17:00:00.000Z', sentTo: 'maya@students.example' }),
        sig('guardian'),
        sig('supervisor', { sentTo: 'supervisor@riverside.example' }),
        sig('coordinator'),
      ],
    },
    ...over,
  });
}

async function open(role: keyof typeof USERS, detail: ApplicationDetail, extra: Parameters<typeof fakeApi>[0] = {}, lang = 'en') {
  stub = fakeApi({
    ...signedInRoutes(role),
    'GET /admin/applications': () => json({ items: [], nextCursor: null }),
    'GET /admin/applications/:id': () => json(detail),
    'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
    ...extra,
  });
  history.replaceState(null, '', `${location.pathname}#placements/app_t_1`);
  const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang=${lang}></wbl-coordinator-console>`);
  const input = (sel: string, value: string) => {
    const i = $<HTMLInputElement>(el, sel)!;
    i.value = value;
    i.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  input('#signin-email', USERS[role].email);
  input('#signin-password', 'riverside-demo');
  $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
  await waitUntil(() => $(el, 'wbl-console-placements'), 'the section loads', { timeout: 20000 });
  const p = $(el, 'wbl-console-placements')!;
  await waitUntil(() => $(p, '[part~="signatures"]'), 'the signatures show', { timeout: 10000 });
  return { el, p };
}

describe('console: training agreement signatures', function () {
  // The console loads its sections' code on first use: give a busy machine time for that.
  this.timeout(30_000);
  it('shows where each link went and says, in words, that the guardian waits for the roster', async () => {
    const { el, p } = await open('coordinator', waitingForGuardian());
    const line = (role: string) => text($(p, `[data-role="${role}"]`));
    expect(line('student')).to.contain('Link sent to maya@students.example');
    expect(line('supervisor')).to.contain('Link sent to supervisor@riverside.example');
    expect(line('coordinator')).to.contain('a coordinator signs this line here, in the console');
    expect(line('guardian')).to.contain('Add the parent or guardian’s email to the roster, then send the links again.');
    expect(text($(p, '[part~="guardian-suggestion"]'))).to.contain('pat.typed@example.com');
    expect(text($(p, '[part~="guardian-suggestion"]'))).to.contain('Nothing is sent to this contact');
    expect(text($(p, '[part~="issue-links-button"]'))).to.equal('Send the links again');
    await expect(el).to.be.accessible();
  });

  it('says it in Spanish too', async () => {
    const { p } = await open('coordinator', waitingForGuardian(), {}, 'es');
    expect(text($(p, '[data-role="guardian"]'))).to.contain(
      'Agregue el correo de la madre, el padre o el tutor al registro y luego envíe los enlaces de nuevo.',
    );
    expect(text($(p, '[data-role="student"]'))).to.contain('Enlace enviado a maya@students.example');
    expect(text($(p, '[part~="sign-coordinator-button"]'))).to.equal('Firmar como coordinador');
  });

  it('signs the coordinator line in a dialog with the typed name, and shows the staff account that signed', async () => {
    const posted: unknown[] = [];
    const signed = waitingForGuardian();
    signed.agreement.signatures[3] = sig('coordinator', {
      signed: true,
      signerName: 'Marcus Bell',
      signedAt: '2026-09-21T17:00:00.000Z',
      signedBy: { id: 'usr_t_coord', name: 'Marcus Bell' },
    });
    signed.agreement.missing = ['guardian', 'supervisor'];
    const { el, p } = await open('coordinator', waitingForGuardian(), {
      'POST /admin/applications/:id/agreement/sign': (_u, _i, _p, body) => {
        posted.push(body);
        return json(signed);
      },
    });
    $<HTMLButtonElement>(p, '[part~="sign-coordinator-button"]')!.click();
    const dialog = $<HTMLDialogElement>(p, '[part~="sign-dialog"]')!;
    await waitUntil(() => dialog.open, 'the dialog opens');
    expect(text(dialog.querySelector('h2'))).to.equal('Sign the training agreement for AP-TEST-0001');
    expect(text(dialog.querySelector('#pl-sign-body'))).to.contain('as Marcus Bell');
    await expect(el).to.be.accessible();

    const name = dialog.querySelector<HTMLInputElement>('#pl-typedName')!;
    name.value = '';
    dialog.querySelector<HTMLButtonElement>('[part~="sign-submit"]')!.click();
    await waitUntil(() => dialog.querySelector('#pl-typedName-error'), 'asks for the name');
    expect(text(dialog.querySelector('#pl-typedName-error'))).to.equal('Type your full name to sign');
    expect(posted).to.have.length(0);

    name.value = 'Marcus Bell';
    dialog.querySelector<HTMLButtonElement>('[part~="sign-submit"]')!.click();
    await waitUntil(() => posted.length === 1, 'signed');
    expect(posted[0]).to.deep.equal({ typedName: 'Marcus Bell' }, 'no role in the request: it signs the coordinator line only');
    await waitUntil(() => !dialog.isConnected || !dialog.open, 'the dialog closes');
    await waitUntil(() => text($(p, '[data-role="coordinator"]')).includes('staff account: Marcus Bell'), 'the signature shows');
    expect($(p, '[part~="sign-coordinator-button"]')).to.equal(null);
  });

  it('shows a refusal for a coordinator who holds another role beside the name', async () => {
    const { p } = await open('coordinator', waitingForGuardian(), {
      'POST /admin/applications/:id/agreement/sign': () =>
        json(
          {
            type: 'https://openwbl.org/problems/conflict',
            title: 'One person cannot sign for two roles',
            status: 409,
            errors: [{ path: 'typedName', message: 'You are this agreement’s student', code: 'same_person' }],
          },
          409,
        ),
    });
    $<HTMLButtonElement>(p, '[part~="sign-coordinator-button"]')!.click();
    const dialog = $<HTMLDialogElement>(p, '[part~="sign-dialog"]')!;
    await waitUntil(() => dialog.open, 'the dialog opens');
    dialog.querySelector<HTMLButtonElement>('[part~="sign-submit"]')!.click();
    await waitUntil(() => dialog.querySelector('#pl-typedName-error'), 'the refusal shows');
    expect(text(dialog.querySelector('#pl-typedName-error'))).to.equal('You are this agreement’s student');
    expect(dialog.open).to.equal(true);
  });

  it('shows to whom each signing request went and whether it arrived, never a link, and sends a failed one again', async () => {
    const detail = waitingForGuardian();
    detail.agreement.signatures[0] = sig('student', { sentTo: 'maya@students.example' });
    detail.agreement.missing = ['student', 'guardian', 'supervisor', 'coordinator'];
    const redacted = (to: string) => `Please sign here: [one-time link — sent only to ${to}]`;
    const studentRequest = outboxMessage(1, {
      recipient: 'maya@students.example',
      subject: 'Please sign: training agreement',
      body: redacted('maya@students.example'),
      oneTimeLink: true,
    });
    const notice = outboxMessage(2, { recipient: 'maya@students.example', subject: 'You were offered a place', createdAt: '2026-11-21T15:00:00.000Z' });
    let supervisorRequest = outboxMessage(3, {
      recipient: 'Supervisor@Riverside.example',
      subject: 'Please sign: training agreement',
      body: redacted('Supervisor@Riverside.example'),
      oneTimeLink: true,
      status: 'failed',
      attempts: 12,
      lastError: '550 mailbox unavailable',
      sentAt: null,
      messageId: null,
    });
    const retried: string[] = [];
    const { el, p } = await open('coordinator', detail, {
      'GET /admin/outbox': () => json({ items: [notice, supervisorRequest, studentRequest], nextCursor: null }),
      'POST /admin/outbox/:id/retry': (_u, _i, params) => {
        retried.push(params.id!);
        supervisorRequest = { ...supervisorRequest, status: 'queued', attempts: 0, lastError: null };
        return json(supervisorRequest);
      },
    });
    await waitUntil(() => $(p, '[data-request="supervisor"] .delivery'), 'the delivery states show');
    const panel = $(p, '[part~="signing-links"]')!;
    expect(text(panel)).not.to.match(/https?:|token=|Copy link/);
    expect(text($(p, '[data-request="student"]'))).to.contain('Student to maya@students.example');
    expect(text($(p, '[data-request="student"] .delivery'))).to.equal('Sent');
    const supervisor = $(p, '[data-request="supervisor"]')!;
    expect(text(supervisor.querySelector('.delivery'))).to.equal('Failed');
    expect(text(supervisor)).to.contain('12 attempts · 550 mailbox unavailable');
    expect(text($(p, '[data-form="agreement"]'))).to.contain('it is never shown here');
    expect($(p, '[data-request="student"] [part~="retry-button"]')).to.equal(null, 'only a failed request is sent again');
    expect(text($(p, '[part~="issue-links-button"]'))).to.equal('Send the links again');
    await expect(el).to.be.accessible();

    supervisor.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => text($(p, '[data-request="supervisor"] .delivery')) === 'Queued', 'queued again');
    expect(retried).to.deep.equal(['msg_t_3']);
    expect($(p, '[data-request="supervisor"] [part~="retry-button"]')).to.equal(null);
  });

  it('says the delivery states in Spanish', async () => {
    const detail = waitingForGuardian();
    const { p } = await open(
      'coordinator',
      detail,
      {
        'GET /admin/outbox': () =>
          json({
            items: [outboxMessage(3, { recipient: 'supervisor@riverside.example', oneTimeLink: true, status: 'retrying', attempts: 2 })],
            nextCursor: null,
          }),
      },
      'es',
    );
    await waitUntil(() => $(p, '[data-request="supervisor"] .delivery'), 'the delivery state shows');
    expect(text($(p, '[data-request="supervisor"] .delivery'))).to.equal('Reintentando');
    expect(text($(p, '[data-request="supervisor"]'))).to.contain('2 intentos');
    expect(text($(p, '[data-form="agreement"]'))).to.contain('nunca se muestra aquí');
  });

  it('shows a supervisor no addresses, no suggestion and no signing action', async () => {
    const { p } = await open('supervisor', waitingForGuardian({ allowedTransitions: [], guardianSuggestion: null }));
    expect($$(p, '[part~="sent-to"]')).to.have.length(0);
    expect($(p, '[part~="guardian-suggestion"]')).to.equal(null);
    expect($(p, '[part~="sign-coordinator-button"]')).to.equal(null);
  });
});
