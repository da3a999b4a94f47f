/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/base/define-site.js';
import '../../components/my-wbl/define.js';
import type { WblMyWbl } from '../../components/my-wbl/my-wbl.js';
import { json } from './fixtures.js';
import { authOf, bodyOf, headerOf, record, SIBLING, session, stubMe, student, TOKEN } from './my-wbl-fixtures.js';

type Stub = ReturnType<typeof stubMe>;
let stub: Stub | undefined;
const KEPT = 'wbl-me-session:https://api.example|pk_test';
// The placement view is its own module (zod and all, unbundled under the test server): loaded once here, so no test waits on it.
before(() => import('../../components/my-wbl/placement-view.js'));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const $ = (el: WblMyWbl, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: WblMyWbl) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const type = async (el: WblMyWbl, sel: string, value: string) => {
  const input = $(el, sel) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
};
const mount = (lang = 'en') => fixture<WblMyWbl>(html`<wbl-my-wbl site-key="pk_test" api-base="https://api.example" lang=${lang}></wbl-my-wbl>`);
/** Mounts with a session kept in this tab, and waits for the record. */
async function signedIn(kind: 'student' | 'guardian' = 'student', lang = 'en'): Promise<WblMyWbl> {
  sessionStorage.setItem(KEPT, JSON.stringify(session(kind)));
  const el = await mount(lang);
  await waitUntil(() => $(el, '#student-title'), 'the record renders');
  return el;
}

describe('<wbl-my-wbl> signing in', () => {
  it('is accessible, and asks for a link by email with the same answer whether or not the school has the address', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await expect(el).to.be.accessible();
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'signin-email', 'focus on the invalid field');
    expect($(el, '#signin-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el)).to.contain('Enter the email address your school has for you');
    expect(stub.calls).to.have.length(0);
    await expect(el).to.be.accessible();

    await type(el, '#signin-email', 'maya.student@example.org');
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part~="notice"]'), 'the notice');
    const sent = stub.requests[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/sign-in-link');
    expect(sent.init?.method).to.equal('POST');
    expect(headerOf(sent.init, 'X-Site-Key')).to.equal('pk_test');
    // The link is to open this page again, without any fragment it had.
    expect(bodyOf(sent.init)).to.deep.equal({ email: 'maya.student@example.org', returnTo: location.href.split('#')[0] });
    expect($(el, '[part~="notice"]')!.textContent).to.contain('If your school has this address, a link is on its way — it works for 15 minutes.');
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[part~="notice"]'), 'focus on the notice');
  });

  it('signs in with a student number and access code, keeping the session in sessionStorage only', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    const signin = oneEvent(el, 'wbl-me-signin');
    ($(el, '.choices label:nth-of-type(2) input') as HTMLInputElement).click();
    await el.updateComplete;
    await type(el, '#signin-studentNumber', '100245');
    await type(el, '#signin-accessCode', 'RIVER-2451');
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    expect((await signin).detail.person.name).to.equal('Maya');
    await waitUntil(() => $(el, '#student-title'), 'the record');
    expect(bodyOf(stub.requests[0]!.init)).to.deep.equal({ studentNumber: '100245', accessCode: 'RIVER-2451' });
    const me = stub.requests.find((r) => r.url.pathname === '/api/v1/me')!;
    expect(authOf(me.init)).to.equal(`Bearer ${TOKEN}`);
    expect(headerOf(me.init, 'X-Site-Key')).to.equal('pk_test');
    expect(sessionStorage.getItem(KEPT)).to.contain(TOKEN);
    expect(JSON.stringify({ ...localStorage })).not.to.contain(TOKEN);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'record-title', 'focus on the record heading');
  });

  it('says so when the student number and access code do not match', async () => {
    stub = stubMe(
      () => record(),
      (url) => (url.pathname === '/api/v1/me/sessions' ? json({ type: 'about:blank', title: 'Unauthorized', status: 401 }, 401) : undefined),
    );
    const el = await mount();
    ($(el, '.choices label:nth-of-type(2) input') as HTMLInputElement).click();
    await el.updateComplete;
    await type(el, '#signin-studentNumber', '100245');
    await type(el, '#signin-accessCode', 'WRONG-CODE');
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part~="error"]'), 'the failure');
    expect(text(el)).to.contain('That student number and access code do not match');
    expect(sessionStorage.getItem(KEPT)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('exchanges the emailed link’s #wbl-signin token for a session and removes it from the address', async () => {
    stub = stubMe(() => record());
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#wbl-signin=tok_emailed_link_0123456789abcdef`);
    try {
      const el = await mount();
      await waitUntil(() => $(el, '#student-title'), 'the record');
      expect(bodyOf(stub.requests[0]!.init)).to.deep.equal({ token: 'tok_emailed_link_0123456789abcdef' });
      expect(location.hash).to.equal('');
      expect(sessionStorage.getItem(KEPT)).to.contain(TOKEN);
    } finally {
      history.replaceState(null, '', before.replace(/#.*$/, ''));
    }
  });

  it('says an expired or used link has to be asked for again', async () => {
    stub = stubMe(
      () => record(),
      (url) => (url.pathname === '/api/v1/me/sessions' ? json({ type: 'about:blank', title: 'Gone', status: 410 }, 410) : undefined),
    );
    history.replaceState(null, '', `${location.pathname}${location.search}#wbl-signin=tok_used_link_0123456789abcdef`);
    const el = await mount();
    await waitUntil(() => $(el, '[part~="error"]'), 'the failure');
    expect(text(el)).to.contain('This sign-in link has expired or was already used');
    expect(location.hash).to.equal('');
  });

  it('returns to sign-in with a message when the API answers 401, and forgets the session', async () => {
    stub = stubMe(
      () => record(),
      (url) => (url.pathname === '/api/v1/me' ? json({ type: 'about:blank', title: 'Unauthorized', status: 401 }, 401) : undefined),
    );
    sessionStorage.setItem(KEPT, JSON.stringify(session()));
    const el = await mount();
    const out = oneEvent(el, 'wbl-me-signout');
    expect((await out).detail.reason).to.equal('expired');
    await el.updateComplete;
    expect($(el, '[part~="notice"]')!.textContent).to.contain('Your session ended. Sign in again to carry on.');
    expect(sessionStorage.getItem(KEPT)).to.equal(null);
  });

  it('signs out: the API is told, the session and the record are gone from the page', async () => {
    stub = stubMe(() => record());
    const el = await signedIn();
    ($(el, '[part~="signout-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const out = stub.requests.at(-1)!;
    expect(out.url.pathname).to.equal('/api/v1/me/sessions/current');
    expect(out.init?.method).to.equal('DELETE');
    expect(authOf(out.init)).to.equal(`Bearer ${TOKEN}`);
    expect(sessionStorage.getItem(KEPT)).to.equal(null);
    expect(text(el)).not.to.contain('Certified Nursing Assistant');
    expect(text(el)).to.contain('You are signed out.');
  });
});

describe('<wbl-my-wbl> the record', () => {
  it('shows a student’s applications with what happens next, placement, events, badges and continuum, and is accessible', async () => {
    stub = stubMe(() => record());
    const el = await signedIn();
    await waitUntil(() => $(el, '[part~="placement"]'), 'the placement view loads');
    const t = text(el);
    expect(t).to.contain('Hello, Maya');
    expect(t).to.contain('Software Engineering Job Shadow');
    expect(t).to.contain('Offered to you');
    expect(t).to.contain('What happens next: Accept or decline the offer by Friday.');
    expect(t).to.contain('Supervisor');
    expect(t).to.contain('Dana Whitfield');
    expect(t).to.contain('Inland Valley Career Fair');
    expect(t).to.contain('Attended');
    const badge = $(el, '[part~="badge"] a') as HTMLAnchorElement;
    expect(badge.href).to.equal('https://api.example/badges/cred_t_1');
    const stages = [...el.shadowRoot!.querySelectorAll('[part~="stage"] h5')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(stages).to.deep.equal(['Career awareness · 3 hours', 'Career exploration · 0 hours', 'Career preparation · 3 hours', 'Career training · 0 hours']);
    await expect(el).to.be.accessible();
  });

  it('shows a guardian each of their students, one at a time', async () => {
    stub = stubMe(() => record('guardian', [student(), SIBLING]));
    const el = await signedIn('guardian');
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="students"] button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Maya', 'Leo']);
    expect(buttons[0]!.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '#student-title')!.textContent).to.contain('Maya');
    // A guardian does not choose how a student's name shows on badges.
    expect($(el, '[part~="badge-switch"]')).to.equal(null);
    await expect(el).to.be.accessible();
    buttons[1]!.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'student-title', 'focus on the student heading');
    expect($(el, '#student-title')!.textContent).to.contain('Leo');
    expect(text(el)).to.contain('Solar Farm Worksite Tour');
    expect(text(el)).not.to.contain('Software Engineering Job Shadow');
    expect(buttons[1]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('speaks Spanish with lang="es" and asks the API in Spanish', async () => {
    stub = stubMe(() => record());
    const el = await signedIn('student', 'es');
    await waitUntil(() => $(el, '[part~="placement"]'), 'the placement view loads');
    const t = text(el);
    expect(t).to.contain('Hola, Maya');
    expect(t).to.contain('Solicitudes');
    expect(t).to.contain('Te la ofrecen');
    expect(t).to.contain('Registrar horas');
    expect(t).to.contain('Conocimiento de carreras');
    expect(stub.requests.find((r) => r.url.pathname === '/api/v1/me')!.url.searchParams.get('lang')).to.equal('es');
    await expect(el).to.be.accessible();
  });

  it('signs in Spanish too', async () => {
    stub = stubMe(() => record());
    const el = await mount('es');
    expect(text(el)).to.contain('Enviarme un enlace por correo');
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text(el)).to.contain('Escribe el correo que tu escuela tiene de ti');
  });

  it('prints the record', async () => {
    stub = stubMe(() => record());
    const el = await signedIn();
    let printed = 0;
    const original = window.print;
    window.print = () => {
      printed++;
    };
    try {
      ($(el, '[part~="print-button"]') as HTMLButtonElement).click();
    } finally {
      window.print = original;
    }
    expect(printed).to.equal(1);
  });

  it('can be used with the keyboard alone: sign-in choices, fields and the button', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    ($(el, '.choices input') as HTMLInputElement).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect($(el, '#signin-studentNumber')).to.exist;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('signin-studentNumber');
    await sendKeys({ type: '100245' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'RIVER-2451' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'record-title', 'focus on the record heading');
    expect(bodyOf(stub.requests[0]!.init)).to.deep.equal({ studentNumber: '100245', accessCode: 'RIVER-2451' });
  });

  it('takes its site key, API and language from an enclosing <wbl-site>', async () => {
    stub = stubMe(() => record());
    sessionStorage.setItem('wbl-me-session:https://site.example|pk_site', JSON.stringify(session()));
    const site = await fixture(html`<wbl-site site-key="pk_site" api-base="https://site.example" lang="es"><wbl-my-wbl></wbl-my-wbl></wbl-site>`);
    const el = site.querySelector('wbl-my-wbl')!;
    await waitUntil(() => $(el, '#student-title'), 'the record renders');
    const me = stub.requests.find((r) => r.url.pathname === '/api/v1/me')!;
    expect(me.url.origin).to.equal('https://site.example');
    expect(headerOf(me.init, 'X-Site-Key')).to.equal('pk_site');
    expect(text(el)).to.contain('Solicitudes');
  });

  it('answers an offer with the keyboard alone, focus following each step', async () => {
    stub = stubMe(() => record());
    const el = await signedIn();
    ($(el, '#offer-app_t_offer [data-answer]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'confirm-app_t_offer', 'focus on the question');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('note-app_t_offer');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Yes, accept');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('done'), 'focus on the confirmation');
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('You accepted the offer.');
    const sent = stub.requests.find((r) => r.init?.method === 'POST')!;
    expect(bodyOf(sent.init)).to.deep.equal({ answer: 'accept' });
  });
});
