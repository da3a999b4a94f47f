/// <reference types="mocha" />
/**
 * "Choose your password" in the coordinator console: after a temporary password the console
 * opens nothing else until a new one is saved; every staff user can change theirs from the
 * header; coordinators add employer supervisors in Settings → Users.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/define.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import type { SessionUser } from '../../schema/api/auth.js';
import { employer, fakeApi, session, signedInRoutes, staffUser, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, root, $, text, active } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;

cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
});

const requests = (s: Stub, method: string, path: string) =>
  s.requests.filter((r) => (r.init?.method ?? 'GET') === method && r.url.pathname === `/api/v1${path}`);

function type(el: Element, sel: string, value: string) {
  const input = $<HTMLInputElement>(el, sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const temporary = (role: SessionUser['role']): SessionUser => ({ ...USERS[role], mustChangePassword: true });

/** A console whose sign-in answers a temporary-password session; /auth/password answers `answer`. */
async function signedInWithTemporary(role: SessionUser['role'], answer?: (body: any) => Response, lang = 'en') {
  const sent: any[] = [];
  stub = fakeApi({
    ...signedInRoutes(role),
    'POST /auth/login': () => json({ ...session(role), user: temporary(role) }),
    'GET /auth/me': () => json(temporary(role)),
    'POST /auth/password': (_u, _i, _p, body) => {
      sent.push(body);
      return answer ? answer(body) : json({ user: USERS[role], otherSessionsEnded: 0 });
    },
  });
  const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang=${lang}></wbl-coordinator-console>`);
  type(el, '#signin-email', USERS[role].email);
  type(el, '#signin-password', 'k7mq-3xtd-9pwa-h2ne');
  $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
  await waitUntil(() => $(el, '[part~="password"]'), 'the password step shows', { timeout: 5000 });
  return { el, sent };
}

async function choose(el: Element, current: string, next: string, confirm = next) {
  type(el, '#pw-currentPassword', current);
  type(el, '#pw-newPassword', next);
  type(el, '#pw-confirm', confirm);
  $<HTMLButtonElement>(el, '[part~="password-submit"]')!.click();
}

describe('choose your password', () => {
  it('is accessible, and is all a temporary password opens', async () => {
    const { el } = await signedInWithTemporary('coordinator');
    await expect(el).to.be.accessible();
    expect(text($(el, '#password-title'))).to.equal('Choose your password');
    await waitUntil(() => active(el)?.id === 'password-title', 'focus moves to the step');
    expect($(el, '[part~="nav"]'), 'no sections yet').to.equal(null);
    const rules = text($(el, '#pw-rules'));
    expect(rules).to.contain('12 characters');
    expect(rules).to.contain('email');
    expect($(el, '#pw-newPassword')!.getAttribute('aria-describedby')).to.contain('pw-rules');
    expect($<HTMLInputElement>(el, '#pw-newPassword')!.autocomplete).to.equal('new-password');
    // Nothing but the password step asked the API for anything.
    expect(stub!.requests.every((r) => /\/auth\//.test(r.url.pathname))).to.equal(true);
  });

  it('checks the rules before sending, with each error on its field', async () => {
    const { el, sent } = await signedInWithTemporary('coordinator');
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', 'too short');
    await waitUntil(() => $(el, '#pw-newPassword-error'), 'the error shows');
    expect(text($(el, '#pw-newPassword-error'))).to.contain('12 characters');
    expect($(el, '#pw-newPassword')!.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => active(el)?.id === 'pw-newPassword', 'focus moves to the field');
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', USERS.coordinator.email.toUpperCase());
    await waitUntil(() => text($(el, '#pw-newPassword-error')).includes('email'));
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', 'k7mq-3xtd-9pwa-h2ne');
    await waitUntil(() => text($(el, '#pw-newPassword-error')).includes('different'));
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', 'harbor lantern orchard', 'harbor lantern orchid');
    await waitUntil(() => $(el, '#pw-confirm-error'));
    expect(sent).to.deep.equal([]);
  });

  it('shows the server’s answer about the current password', async () => {
    const { el } = await signedInWithTemporary('coordinator', () =>
      json(
        {
          type: 'https://openwbl.org/problems/validation',
          title: 'Some of the input is not valid',
          status: 400,
          errors: [{ path: 'currentPassword', message: 'This is not your current password', code: 'wrong_password' }],
        },
        400,
      ),
    );
    await choose(el, 'not-it', 'harbor lantern orchard');
    await waitUntil(() => $(el, '#pw-currentPassword-error'));
    expect(text($(el, '#pw-currentPassword-error'))).to.contain('not your current password');
  });

  it('saves the new password and continues to the console', async () => {
    const { el, sent } = await signedInWithTemporary('coordinator', () => json({ user: USERS.coordinator, otherSessionsEnded: 0 }));
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', 'harbor lantern orchard');
    await waitUntil(() => $(el, '[part~="nav"]'), 'the console opens', { timeout: 5000 });
    expect(sent).to.deep.equal([{ currentPassword: 'k7mq-3xtd-9pwa-h2ne', newPassword: 'harbor lantern orchard' }]);
    const call = requests(stub!, 'POST', '/auth/password')[0]!;
    expect(new Headers(call.init?.headers).get('Authorization')).to.equal(`Bearer ${TOKEN}`);
    const kept = JSON.parse(sessionStorage.getItem('wbl-console-session:https://api.example')!);
    expect(kept.user.mustChangePassword).to.equal(false);
  });

  it('speaks Spanish', async () => {
    const { el } = await signedInWithTemporary('viewer', undefined, 'es');
    expect(text($(el, '#password-title'))).to.equal('Elija su contraseña');
    expect(text($(el, '#pw-rules'))).to.contain('12 caracteres');
    await choose(el, 'k7mq-3xtd-9pwa-h2ne', 'corta');
    await waitUntil(() => text($(el, '#pw-newPassword-error')).includes('al menos 12'));
  });
});

describe('change password from the header', () => {
  it('is there for every role, and Cancel goes back', async () => {
    for (const role of ['supervisor', 'viewer'] as const) {
      stub = fakeApi({
        ...signedInRoutes(role),
        'POST /auth/password': () => json({ user: USERS[role], otherSessionsEnded: 2 }),
        'GET /admin/applications': () => json({ items: [], nextCursor: null, total: 0 }),
      });
      const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang="en"></wbl-coordinator-console>`);
      type(el, '#signin-email', USERS[role].email);
      type(el, '#signin-password', 'riverside-demo');
      $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
      await waitUntil(() => $(el, '[part~="password-button"]'), 'the header shows', { timeout: 5000 });
      $<HTMLButtonElement>(el, '[part~="password-button"]')!.click();
      await waitUntil(() => $(el, '[part~="password"]'));
      expect(text($(el, '#password-title'))).to.equal('Change password');
      await expect(el).to.be.accessible();
      await choose(el, 'riverside-demo', 'a much longer password');
      await waitUntil(() => $(el, '[part~="nav"]'), 'back to the console');
      await waitUntil(() => text(root(el).querySelector('[role="status"][aria-live]')).includes('2 other sessions'), 'says the other sessions ended');
      expect(active(el)?.getAttribute('part')).to.contain('password-button');
      $<HTMLButtonElement>(el, '[part~="password-button"]')!.click();
      await waitUntil(() => $(el, '[part~="password"]'));
      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="password"] button')].find((b) => text(b) === 'Cancel')!.click();
      await waitUntil(() => $(el, '[part~="nav"]'));
      stub.restore();
      sessionStorage.clear();
    }
    stub = undefined;
  });
});

describe('Settings → Users for a coordinator', () => {
  it('lists supervisors and adds one for an approved employer, with no role to choose', async () => {
    const sent: any[] = [];
    const sup = staffUser(3, { role: 'supervisor', employerId: 'emp_t_arroyo', employerName: 'Arroyo Valley Medical Center' });
    stub = fakeApi({
      ...signedInRoutes('coordinator'),
      'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
      'GET /admin/users': () => json({ items: [sup], nextCursor: null }),
      'GET /admin/employers': (url) => {
        sent.push({ employers: url.searchParams.get('vetting') });
        return json({ items: [employer(1, { id: 'emp_t_arroyo' })], nextCursor: null, total: 1 });
      },
      'POST /admin/users': (_u, _i, _p, raw) => {
        const body = raw as { email: string; name: string; employerId: string };
        sent.push(body);
        return json(
          {
            user: staffUser(4, {
              role: 'supervisor',
              email: body.email,
              name: body.name,
              employerId: body.employerId,
              employerName: 'Arroyo Valley Medical Center',
            }),
            temporaryPassword: 'abcd-efgh-jkmn-pqrs',
          },
          201,
        );
      },
    });
    history.replaceState(null, '', `${location.pathname}#settings/new-user`);
    const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang="en"></wbl-coordinator-console>`);
    type(el, '#signin-email', USERS.coordinator.email);
    type(el, '#signin-password', 'riverside-demo');
    $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
    await waitUntil(() => $(el, 'wbl-console-settings'), 'settings load', { timeout: 5000 });
    const settings = $(el, 'wbl-console-settings')!;
    const s = (sel: string) => settings.shadowRoot!.querySelector<HTMLElement>(sel);
    await waitUntil(() => s('[part~="user-form"]') && s('select[name="employerId"] option[value="emp_t_arroyo"]'), 'the form with the approved employers', {
      timeout: 5000,
    });
    expect(sent[0]).to.deep.equal({ employers: 'approved' });
    expect(s('select[name="role"]'), 'no role to choose').to.equal(null);
    expect(text(s('[part~="supervisors-intro"]'))).to.contain('approved employers');
    const form = s('[part~="user-form"]') as HTMLFormElement;
    form.querySelector<HTMLInputElement>('[name="email"]')!.value = 'p.natarajan@arroyo.example';
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = 'Priya Natarajan';
    (form.querySelector('[name="employerId"]') as unknown as { value: string }).value = 'emp_t_arroyo';
    (s('[part~="save-user"]') as HTMLButtonElement).click();
    await waitUntil(() => s('[part~="temporary-password"]'), 'the temporary password shows once', { timeout: 5000 });
    expect(sent[1]).to.deep.equal({ email: 'p.natarajan@arroyo.example', name: 'Priya Natarajan', employerId: 'emp_t_arroyo', role: 'supervisor' });
    expect(text(s('[part~="temporary-password"]'))).to.contain('abcd-efgh-jkmn-pqrs');
    // No administrator's buttons for a coordinator.
    expect(s('[part~="reset-password-button"]')).to.equal(null);
    expect(s('[part~="user-status-button"]')).to.equal(null);
  });
});
