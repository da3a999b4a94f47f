/// <reference types="mocha" />
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/skills-badge/define.js';
import type { WblSkillsBadge } from '../../components/skills-badge/skills-badge.js';
import type { WblBadgeErrorEvent } from '../../components/events/badge-error.js';
import type { WblBadgeVerifiedEvent } from '../../components/events/badge-verified.js';
import type { VerifyStatus } from '../../schema/api/credentials.js';
import { API, CRED_ID, CRED_URL, answer, credential, foreignCredential, jwtOf, verification } from './badge-fixtures.js';
import { delay, json, stubFetch } from './fixtures.js';

type Outcome = VerifyStatus | 'unknown-issuer' | 'offline';
let stub: ReturnType<typeof stubFetch> | undefined;

afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const FOREIGN_JSON = 'https://badges.example/teamwork.json';
const FOREIGN_JWT = 'https://badges.example/teamwork.jwt';

/** The API and another issuer's site: the credential, its JWT, and the verifier's answer (`outcome`). */
function world(outcome: Outcome = 'verified', opts: { learner?: string | null; verifyDelay?: number } = {}) {
  return stubFetch(async (url, init) => {
    if (url.pathname === '/api/v1/credentials/verify') {
      if (opts.verifyDelay) await delay(opts.verifyDelay);
      if (outcome === 'offline') throw new TypeError('Failed to fetch');
      return json(verification(outcome));
    }
    if (url.href === FOREIGN_JSON) return json(foreignCredential());
    if (url.href === FOREIGN_JWT) return new Response(jwtOf(foreignCredential()), { headers: { 'Content-Type': 'application/jwt' } });
    if (url.pathname === `/api/v1/credentials/${CRED_ID}` && init?.method !== 'POST') return json(answer(opts.learner === undefined ? 'Sofia' : opts.learner));
    return json({ type: 'https://openwbl.org/problems/not-found', title: 'Credential not found', status: 404 }, 404);
  });
}

// Elements are compared by identity or by part, never with chai's deep equality (which walks the whole DOM).
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element | null, sel?: string) => ((sel ? $(el!, sel) : el)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const status = (el: WblSkillsBadge) => $(el, '[part~="status"]')!;
const button = (el: WblSkillsBadge, name: string) => $$(el, 'button, a').find((b) => text(b).startsWith(name))!;
const settled = (el: WblSkillsBadge) =>
  waitUntil(
    () =>
      $(el, '[part~="error"]') ||
      (el.shadowRoot!.textContent ?? '').match(/Verified|Revoked|Not valid|Expired|Could not be verified|Verificada|Revocada|No se pudo verificar/),
    'the badge settles',
  );

async function badge(attrs = `credential-id="${CRED_ID}"`): Promise<WblSkillsBadge> {
  const el = await fixture<WblSkillsBadge>(`<wbl-skills-badge api-base="${API}" ${attrs}></wbl-skills-badge>`);
  await settled(el);
  return el;
}

describe('<wbl-skills-badge>', () => {
  describe('accessibility', () => {
    for (const outcome of ['verified', 'revoked', 'invalid', 'expired', 'unknown-issuer', 'offline'] as Outcome[]) {
      it(`has no axe violations when ${outcome}`, async () => {
        stub = world(outcome);
        const el = await badge();
        await expect(el).to.be.accessible();
      });
    }

    it('has no axe violations while checking, and when the credential does not load', async () => {
      stub = world('verified', { verifyDelay: 400 });
      const checking = await fixture<WblSkillsBadge>(`<wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge>`);
      await waitUntil(() => $(checking, '[part~="issuer"]'));
      await expect(checking).to.be.accessible();
      const failed = await badge('credential-id="cred_unknown"');
      await expect(failed).to.be.accessible();
    });

    it('has no axe violations as a chip, closed and open, with the JSON and the details open', async () => {
      stub = world('verified');
      const el = await badge(`credential-id="${CRED_ID}" variant="compact"`);
      await expect(el).to.be.accessible();
      $(el, '[part~="chip"]')!.click();
      await waitUntil(() => $(el, '[popover]')!.matches(':popover-open'));
      button(el, 'View JSON').click();
      ($(el, 'details') as HTMLDetailsElement).open = true;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in Spanish', async () => {
      stub = world('revoked');
      const el = await badge(`credential-id="${CRED_ID}" lang="es"`);
      await expect(el).to.be.accessible();
    });
  });

  describe('verification state', () => {
    it('says "Checking…" in a polite live region until the verifier answers, then announces the result with the badge’s name', async () => {
      stub = world('verified', { verifyDelay: 300 });
      const el = await fixture<WblSkillsBadge>(`<wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge>`);
      await waitUntil(() => $(el, '[part~="issuer"]'), 'the credential shows');
      expect(status(el).getAttribute('role')).to.equal('status');
      // The live region's first words are not read out, so a page of badges does not chant "Checking…".
      expect(text(status(el))).to.equal('Checking…');
      const event = (await oneEvent(el, 'wbl-badge-verified')) as WblBadgeVerifiedEvent;
      expect(event.detail).to.include({ status: 'verified', verified: true, credentialId: CRED_URL });
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      expect(text(status(el))).to.equal('Patient Care Communication: Verified');
      expect(status(el).querySelector('svg.icon')).to.exist;
    });

    it('verifies the signed JWT, not the JSON beside it', async () => {
      stub = world('verified');
      await badge();
      const verify = stub.requests.find((r) => r.url.pathname.endsWith('/verify'))!;
      expect(verify.init?.method).to.equal('POST');
      expect(JSON.parse(verify.init!.body as string)).to.deep.equal({ jwt: answer().jwt });
      // Public routes need no site key, and the GET is a simple request (no preflight from another origin).
      const get = stub.requests[0]!;
      expect(get.url.href).to.equal(CRED_URL);
      expect(Object.keys(get.init?.headers ?? {})).to.deep.equal(['Accept']);
    });

    const cases: [Outcome, string, string | null][] = [
      ['revoked', 'Revoked', 'The issuer has withdrawn it.'],
      ['invalid', 'Not valid', 'Changed since it was issued, or not signed by its issuer.'],
      ['expired', 'Expired', null],
      ['unknown-issuer', 'Could not be verified', 'Its issuer is unknown to this checker.'],
    ];
    for (const [outcome, words, why] of cases) {
      it(`says "${words}" in words and with its own shape when the verifier answers ${outcome}`, async () => {
        stub = world(outcome);
        const events: WblBadgeVerifiedEvent[] = [];
        const wrap = await fixture<HTMLDivElement>('<div></div>');
        wrap.addEventListener('wbl-badge-verified', (e) => events.push(e));
        wrap.innerHTML = `<wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge>`;
        const el = wrap.firstElementChild as WblSkillsBadge;
        await settled(el);
        expect(text(status(el))).to.equal(`Patient Care Communication: ${words}${why ? ` ${why}` : ''}`);
        expect(status(el).getAttribute('role')).to.equal('status');
        expect(status(el).classList.contains(`s-${outcome === 'unknown-issuer' ? 'unverified' : outcome}`)).to.equal(true);
        expect(events.map((e) => e.detail.status)).to.deep.equal([outcome === 'unknown-issuer' ? 'unverified' : outcome]);
        expect(events[0]!.detail.verified).to.equal(false);
        // "Add to LinkedIn" is only for a badge that checks out.
        expect(button(el, 'Add to LinkedIn')).to.equal(undefined);
      });
    }

    it('gives each state a different shape, so none rests on colour alone', async () => {
      const shapes = new Set<string>();
      for (const outcome of ['verified', 'revoked', 'invalid', 'expired', 'unknown-issuer'] as Outcome[]) {
        stub?.restore();
        stub = world(outcome);
        const el = await badge();
        shapes.add(
          status(el)
            .querySelector('svg')!
            .innerHTML.replace(/<!--[^>]*-->/g, ''),
        );
      }
      expect(shapes.size).to.equal(5);
    });

    it('lists what was checked, and when, in a disclosure', async () => {
      stub = world('revoked');
      const el = await badge();
      const details = $(el, '[part~="details"]') as HTMLDetailsElement;
      expect(details.open).to.equal(false);
      expect(text(details.querySelector('summary'))).to.equal('Verification details');
      expect($$(el, '.checks li').map((li) => text(li))).to.deep.equal(['Signature: passed', 'Issuer: passed', 'Revocation: failed', 'Dates: passed']);
      expect(text(details.querySelector('p'))).to.match(/^Last checked: \d{1,2}:\d\d [AP]M$/);
    });

    it('offers to try again when the verifier cannot be reached, and then verifies', async () => {
      stub = world('offline');
      const el = await badge();
      expect(text(status(el))).to.equal('Patient Care Communication: Could not be verified Check your connection and try again.');
      stub.restore();
      stub = world('verified');
      button(el, 'Try again').click();
      await waitUntil(() => text(status(el)).endsWith('Verified'), 'verified after retrying');
      expect(button(el, 'Try again')).to.equal(undefined);
    });
  });

  describe('loading', () => {
    it('shows the error with a retry when the network fails, and loads on retry', async () => {
      stub = stubFetch(() => {
        throw new TypeError('Failed to fetch');
      });
      const wrap = await fixture<HTMLDivElement>('<div></div>');
      const failed = oneEvent(wrap, 'wbl-badge-error');
      wrap.innerHTML = `<wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge>`;
      const el = wrap.firstElementChild as WblSkillsBadge;
      expect(((await failed) as WblBadgeErrorEvent).detail).to.deep.equal({ status: 0, problem: null });
      await el.updateComplete;
      const error = $(el, '[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.equal('We couldn’t load this badge. Check your connection and try again. Try again');
      expect(status(el).hidden).to.equal(true);
      stub.restore();
      stub = world('verified');
      button(el, 'Try again').click();
      await waitUntil(() => text(status(el)) === 'Patient Care Communication: Verified', 'verified after retrying');
      expect($(el, '[part~="error"]')).to.equal(null);
    });

    it('says what the API said when the credential does not exist', async () => {
      stub = world('verified');
      const el = await badge('credential-id="cred_nope"');
      expect(text(el, '[part~="error"] p')).to.equal('We couldn’t load this badge. Credential not found');
    });

    it('shows the issuer, linked, the localised date, the skills with their rubric level and the evidence', async () => {
      stub = world('verified');
      const el = await badge();
      expect(text(el, '[part~="title"]')).to.equal('Patient Care Communication');
      expect($(el, '[part~="title"]')!.getAttribute('role')).to.equal('heading');
      expect($(el, '[part~="title"]')!.getAttribute('aria-level')).to.equal('3');
      expect(text(el, '[part~="issuer"]')).to.equal('Issued by Riverside Unified School District on August 14, 2026');
      expect($(el, '[part~="issuer"] a')!.getAttribute('href')).to.equal('https://riversideunified.example');
      expect($$(el, '[part~="skills"] li').map((li) => text(li))).to.deep.equal(['Communication · Proficient', 'Professionalism · Advanced']);
      expect($$(el, '.facts dt').map((dt) => text(dt))).to.deep.equal(['Skills', 'Evidence']);
      expect(text(el, '.facts div:last-child dd')).to.equal(
        'Certified Nursing Assistant Clinical Rotation — 120 supervised hours at Arroyo Valley Medical Center, final evaluation by the workplace supervisor.',
      );
      const img = $(el, 'img[part~="image"]') as HTMLImageElement;
      expect(img.alt).to.equal('Patient Care Communication');
      expect(img.getAttribute('src')).to.equal(`${API}/api/v1/achievements/ach_riv_patient_care_communication/image.svg`);
      expect($(el, 'article[part~="card"]')!.getAttribute('aria-labelledby')).to.equal('title');
    });

    it('takes its heading level from heading-level', async () => {
      stub = world('verified');
      const el = await badge(`credential-id="${CRED_ID}" heading-level="2"`);
      expect($(el, '[part~="title"]')!.getAttribute('aria-level')).to.equal('2');
    });

    it('draws a rosette named after the badge when there is no image, or the image does not load', async () => {
      stub = world('verified');
      const el = await badge(
        `jwt="${jwtOf(credential({ credentialSubject: { ...(credential().credentialSubject as object), achievement: { name: 'Night Shift Ready' } } }))}"`,
      );
      const svg = $(el, 'svg[part~="image"]')!;
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal('Night Shift Ready');
      const broken = await badge(
        `jwt="${jwtOf(credential({ credentialSubject: { achievement: { name: 'Broken', image: { id: 'https://images.invalid/nope.png' } } } }))}"`,
      );
      // The image's host must fail to resolve first, which can take a while on a loaded machine.
      await waitUntil(() => $(broken, 'svg[part~="image"]'), 'the fallback replaces the broken image', { timeout: 5000 });
    });
  });

  describe('the learner', () => {
    it('names the learner only when the API says the student chose to show it', async () => {
      stub = world('verified', { learner: 'Sofia' });
      const shown = await badge();
      expect(text(shown, '[part~="learner"]')).to.equal('Awarded to Sofia');
      stub.restore();
      stub = world('verified', { learner: null });
      const hidden = await badge();
      expect($(hidden, '[part~="learner"]')).to.equal(null);
      expect(hidden.shadowRoot!.textContent).not.to.contain('Awarded');
    });

    it('never derives a name from the credential’s identifiers', async () => {
      stub = world('verified');
      const el = await badge(
        `jwt="${jwtOf(credential({ credentialSubject: { ...(credential().credentialSubject as object), id: 'mailto:sofia@example.com', name: 'Sofia Ramírez' } }))}"`,
      );
      expect($(el, '[part~="learner"]')).to.equal(null);
      expect(el.shadowRoot!.textContent).not.to.match(/sofia@example|Sofia Ramírez|sha256/);
    });
  });

  describe('inputs', () => {
    it('reads an inline JWT without fetching it, and verifies that JWT', async () => {
      stub = world('verified');
      const jwt = jwtOf(credential());
      const el = await badge(`jwt="${jwt}"`);
      expect(text(el, '[part~="title"]')).to.equal('Patient Care Communication');
      expect(stub.calls.map((u) => u.pathname)).to.deep.equal(['/api/v1/credentials/verify']);
      expect(JSON.parse(stub.requests[0]!.init!.body as string)).to.deep.equal({ jwt });
      expect(text(status(el))).to.contain('Verified');
    });

    it('reads a src answering a credential’s JSON, and verifies the JSON; another issuer’s badge says it could not be verified', async () => {
      stub = world('unknown-issuer');
      const el = await badge(`src="${FOREIGN_JSON}"`);
      expect(text(el, '[part~="title"]')).to.equal('Teamwork');
      expect(text(el, '[part~="issuer"]')).to.equal('Issued by Example Corp on January 1, 2010');
      expect($$(el, '[part~="skills"] li').map((li) => text(li))).to.deep.equal(['Collaboration and teamwork']);
      const verify = stub.requests.find((r) => r.url.pathname.endsWith('/verify'))!;
      expect(JSON.parse(verify.init!.body as string)).to.deep.equal({ credential: foreignCredential() });
      expect(text(status(el))).to.equal('Teamwork: Could not be verified Its issuer is unknown to this checker.');
    });

    it('reads a src answering a compact JWT as text', async () => {
      stub = world('unknown-issuer');
      const el = await badge(`src="${FOREIGN_JWT}"`);
      expect(text(el, '[part~="title"]')).to.equal('Teamwork');
      const verify = stub.requests.find((r) => r.url.pathname.endsWith('/verify'))!;
      expect(JSON.parse(verify.init!.body as string)).to.deep.equal({ jwt: jwtOf(foreignCredential()) });
    });

    it('says so when the answer is not a credential', async () => {
      stub = stubFetch(() => new Response('<html>Not here</html>', { headers: { 'Content-Type': 'text/html' } }));
      const el = await badge('src="https://badges.example/somewhere.html"');
      expect(text(el, '[part~="error"] p')).to.equal('We couldn’t load this badge.');
    });
  });

  describe('actions', () => {
    it('builds LinkedIn’s add-certification link from the credential', async () => {
      stub = world('verified');
      const el = await badge();
      const link = button(el, 'Add to LinkedIn') as HTMLAnchorElement;
      expect(link.target).to.equal('_blank');
      expect(text(link)).to.equal('Add to LinkedIn (opens in a new tab)');
      const url = new URL(link.href);
      expect(url.origin + url.pathname).to.equal('https://www.linkedin.com/profile/add');
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({
        startTask: 'CERTIFICATION_NAME',
        name: 'Patient Care Communication',
        organizationName: 'Riverside Unified School District',
        issueYear: '2026',
        issueMonth: '8',
        certUrl: CRED_URL,
        certId: CRED_ID,
      });
      expect(link.href).to.contain('name=Patient%20Care%20Communication');
    });

    it('downloads the credential as a .json file through a Blob URL', async () => {
      stub = world('verified');
      const el = await badge();
      const blobs: Blob[] = [];
      const clicked: HTMLAnchorElement[] = [];
      const create = URL.createObjectURL;
      const click = HTMLAnchorElement.prototype.click;
      URL.createObjectURL = (b: Blob) => {
        blobs.push(b);
        return 'blob:https://portfolio.example/1';
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      try {
        button(el, 'Download').click();
      } finally {
        URL.createObjectURL = create;
        HTMLAnchorElement.prototype.click = click;
      }
      expect(clicked[0]!.download).to.equal(`${CRED_ID}.json`);
      expect(clicked[0]!.href).to.equal('blob:https://portfolio.example/1');
      expect(blobs[0]!.type).to.equal('application/json');
      expect(JSON.parse(await blobs[0]!.text())).to.deep.equal(credential());
    });

    it('copies the credential’s link and says so politely', async () => {
      stub = world('verified');
      const el = await badge();
      const copied: string[] = [];
      const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: {
          writeText: async (s: string) => {
            copied.push(s);
          },
        },
      });
      try {
        button(el, 'Copy link').click();
        await waitUntil(() => text(el, '.actions [role="status"]') === 'Link copied.', 'the confirmation');
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
        Object.defineProperty(Navigator.prototype, 'clipboard', original);
      }
      expect(copied).to.deep.equal([CRED_URL]);
    });

    it('shows the link, selected, to copy by hand when the clipboard is refused', async () => {
      stub = world('verified');
      const el = await badge();
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) },
      });
      try {
        button(el, 'Copy link').click();
        await waitUntil(() => $(el, '.manual input'), 'the link to copy by hand');
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
      }
      const input = $(el, '.manual input') as HTMLInputElement;
      expect(input.value).to.equal(CRED_URL);
      expect(el.shadowRoot!.activeElement === input, 'focus on the link').to.equal(true);
      expect(input.selectionStart).to.equal(0);
      expect(input.selectionEnd).to.equal(CRED_URL.length);
      expect(text(el, '.manual')).to.equal('Copy link');
    });

    it('shows the pretty-printed JSON in a disclosure that takes focus', async () => {
      stub = world('verified');
      const el = await badge();
      const toggle = button(el, 'View JSON');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect($(el, '#json')!.hidden).to.equal(true);
      toggle.click();
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'json', 'focus on the JSON');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '#json')!.textContent).to.equal(JSON.stringify(credential(), null, 2));
      toggle.click();
      await el.updateComplete;
      expect($(el, '#json')!.hidden).to.equal(true);
    });

    it('reaches every action by keyboard', async () => {
      stub = world('verified');
      const el = await badge();
      $(el, '[part~="issuer"] a')!.focus();
      const reached: string[] = [];
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        reached.push(text(el.shadowRoot!.activeElement as HTMLElement));
      }
      expect(reached).to.deep.equal(['Verification details', 'View JSON', 'Download', 'Copy link', 'Add to LinkedIn (opens in a new tab)']);
      // Every target is at least 24 by 24 CSS pixels.
      for (const target of $$(el, '.actions > button, .actions > a, summary')) {
        const box = target.getBoundingClientRect();
        expect(box.height, text(target)).to.be.at.least(24);
        expect(box.width, text(target)).to.be.at.least(24);
      }
    });
  });

  describe('variants', () => {
    it('is a chip that opens the full card, and gives focus back to the chip on Escape', async () => {
      stub = world('revoked');
      const el = await badge(`credential-id="${CRED_ID}" variant="compact"`);
      const chip = $(el, '[part~="chip"]')!;
      expect(text(chip)).to.equal('Patient Care Communication Revoked');
      expect(chip.querySelector('.visually-hidden')!.textContent).to.equal('Revoked');
      expect(text(el, '.visually-hidden[role="status"]')).to.equal('Patient Care Communication: Revoked');
      const card = $(el, '[part~="card"]')!;
      expect(card.checkVisibility()).to.equal(false);
      chip.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => card.checkVisibility(), 'the card opens');
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('close-button');
      expect(text(status(el))).to.contain('Revoked');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !card.checkVisibility(), 'the card closes');
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('chip');
    });

    it('is a card by default that fits a 320 px phone', async () => {
      stub = world('verified');
      const wrap = await fixture<HTMLDivElement>(
        `<div style="width: 288px"><wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge></div>`,
      );
      const el = wrap.firstElementChild as WblSkillsBadge;
      await settled(el);
      expect(el.variant).to.equal('full');
      expect($(el, '[part~="chip"]')).to.equal(null);
      expect(el.getBoundingClientRect().width).to.be.at.most(288);
      expect(el.scrollWidth).to.be.at.most(288);
      for (const part of $$(el, '[part~="card"] *'))
        expect(part.getBoundingClientRect().right, part.outerHTML.slice(0, 60)).to.be.at.most(wrap.getBoundingClientRect().right + 0.5);
    });
  });

  describe('in Spanish', () => {
    it('speaks Spanish, dates included', async () => {
      stub = world('verified');
      const el = await badge(`credential-id="${CRED_ID}" lang="es"`);
      expect(text(status(el))).to.equal('Patient Care Communication: Verificada');
      expect(text(el, '[part~="issuer"]')).to.equal('Emitida por Riverside Unified School District el 14 de agosto de 2026');
      expect(text(el, '[part~="learner"]')).to.equal('Otorgada a Sofia');
      expect($$(el, '[part~="action"]').map((b) => text(b))).to.deep.equal([
        'Ver JSON',
        'Descargar',
        'Copiar enlace',
        'Añadir a LinkedIn (se abre en una pestaña nueva)',
      ]);
      expect(text(el, 'summary')).to.equal('Detalles de la verificación');
    });

    it('takes Spanish from the page around it, and says "No se pudo verificar"', async () => {
      stub = world('unknown-issuer');
      const wrap = await fixture<HTMLDivElement>(`<div lang="es-MX"><wbl-skills-badge api-base="${API}" src="${FOREIGN_JSON}"></wbl-skills-badge></div>`);
      const el = wrap.firstElementChild as WblSkillsBadge;
      await settled(el);
      expect(text(status(el))).to.equal('Teamwork: No se pudo verificar Este verificador no conoce a su emisor.');
    });
  });
});
