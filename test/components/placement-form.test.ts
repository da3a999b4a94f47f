/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/placement-form/define.js';
import type { WblPlacementForm } from '../../components/placement-form/placement-form.js';
import { json, stubFetch } from './fixtures.js';

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const $ = (el: WblPlacementForm, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const type = async (el: WblPlacementForm, id: string, value: string) => {
  const input = $(el, `#${id}`) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  await el.updateComplete;
};
const next = async (el: WblPlacementForm) => {
  ($(el, '[part~="next-button"], [part~="submit-button"]') as HTMLButtonElement).click();
  await el.updateComplete;
};

async function applyForm(): Promise<WblPlacementForm> {
  return fixture<WblPlacementForm>(
    html`<wbl-placement-form mode="apply" opportunity-id="opp_test_1" site-key="pk_test" api-base="https://api.example"></wbl-placement-form>`,
  );
}

async function fillApply(el: WblPlacementForm) {
  await type(el, 'f-student-studentNumber', '100245');
  await type(el, 'f-student-accessCode', 'RIVER-2451');
  await type(el, 'f-student-preferredName', 'Maya');
  await type(el, 'f-student-grade', '11');
  await type(el, 'f-student-email', 'maya@example.com');
  await next(el);
  await type(el, 'f-guardian-name', 'Lucia Rodriguez');
  await type(el, 'f-guardian-email', 'lucia@example.com');
  await next(el);
  await type(el, 'f-application-statement', 'I want to be a nurse.');
  (el.shadowRoot!.querySelector('[data-group="f-application-availability"] input') as HTMLInputElement).click();
  await type(el, 'f-application-transportation', 'public_transit');
  for (const id of ['f-consents-accurate', 'f-consents-shareWithEmployer', 'f-consents-guardianAware']) ($(el, `#${id}`) as HTMLInputElement).click();
  await el.updateComplete;
  await next(el);
}

describe('<wbl-placement-form>', () => {
  it('is accessible on its first step and when showing errors', async () => {
    const el = await applyForm();
    await expect(el).to.be.accessible();
    await next(el);
    await expect(el).to.be.accessible();
  });

  it('shows an error summary, moves focus to it, and ties each error to its field', async () => {
    const el = await applyForm();
    await next(el);
    const summary = $(el, '[part~="error-summary"]')!;
    await waitUntil(() => el.shadowRoot!.activeElement === summary, 'focus on the summary');
    expect(summary.textContent).to.contain('Student number: Enter the student number on your school ID');
    const input = $(el, '#f-student-studentNumber')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${input.getAttribute('aria-describedby')!.split(' ').pop()}`)!.textContent).to.contain('Enter the student number');
    (summary.querySelector('a') as HTMLAnchorElement).click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-student-studentNumber');
  });

  it('steps forward and back, keeping what was typed', async () => {
    const el = await applyForm();
    await type(el, 'f-student-studentNumber', '100245');
    await type(el, 'f-student-accessCode', 'RIVER-2451');
    await type(el, 'f-student-preferredName', 'Maya');
    await type(el, 'f-student-grade', '11');
    await type(el, 'f-student-email', 'maya@example.com');
    await next(el);
    expect($(el, 'legend')!.textContent).to.contain('Parent or guardian');
    expect($(el, '[aria-current="step"]')!.textContent).to.equal('Parent or guardian');
    ($(el, '.actions .secondary') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(($(el, '#f-student-preferredName') as HTMLInputElement).value).to.equal('Maya');
  });

  it('restores a draft after a reload, without the access code, and can start over', async () => {
    const el = await applyForm();
    await type(el, 'f-student-studentNumber', '100245');
    await type(el, 'f-student-accessCode', 'RIVER-2451');
    expect(JSON.stringify(localStorage)).to.not.contain('RIVER-2451');
    el.remove();
    const again = await applyForm();
    expect(($(again, '#f-student-studentNumber') as HTMLInputElement).value).to.equal('100245');
    expect(($(again, '#f-student-accessCode') as HTMLInputElement).value).to.equal('');
    expect($(again, '[part~="draft-notice"]')!.textContent).to.contain('We kept what you typed');
    ($(again, '[part~="draft-notice"] button') as HTMLButtonElement).click();
    await again.updateComplete;
    expect(($(again, '#f-student-studentNumber') as HTMLInputElement).value).to.equal('');
  });

  it('keeps everything when the network fails, and retries with the same Idempotency-Key', async () => {
    const keys: string[] = [];
    let fail = true;
    stub = stubFetch((_url, init) => {
      keys.push(new Headers(init!.headers).get('Idempotency-Key')!);
      if (fail) throw new TypeError('Failed to fetch');
      return json({ id: 'app_1', reference: 'AP-TEST-2345', status: 'submitted', alreadyApplied: false, next: 'Your Career Center will review it.' }, 201);
    });
    const el = await applyForm();
    await fillApply(el);
    expect($(el, 'h3')!.textContent).to.contain('Review and submit');
    await next(el);
    await waitUntil(() => $(el, '.failure'), 'the failure shows');
    expect($(el, '.failure')!.textContent).to.contain('Nothing you typed is lost');
    expect($(el, '[part~="submit-button"]')!.textContent!.trim()).to.equal('Try again');
    fail = false;
    setTimeout(() => ($(el, '[part~="submit-button"]') as HTMLButtonElement).click());
    const success = await oneEvent(el, 'wbl-placement-success');
    expect(success.detail.receipt.reference).to.equal('AP-TEST-2345');
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    await el.updateComplete;
    expect($(el, '[part~="receipt"]')!.textContent).to.contain('AP-TEST-2345');
    expect(localStorage.length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  for (const [mode, form] of [
    ['apply', 'application'],
    ['host', 'host-offer'],
  ] as const) {
    it(`fetches a ${form} token when the ${mode} form opens, with the site key`, async () => {
      const seen: string[] = [];
      stub = stubFetch(
        (url, init) => {
          seen.push(`${url.pathname} ${new Headers(init!.headers).get('X-Site-Key')}`);
          return json({}, 404);
        },
        { tokens: true },
      );
      await fixture<WblPlacementForm>(
        html`<wbl-placement-form mode=${mode} opportunity-id="opp_test_1" site-key="pk_test" api-base="https://api.example"></wbl-placement-form>`,
      );
      await waitUntil(() => seen.length === 1, 'one token request');
      expect(seen).to.deep.equal([`/api/v1/forms/${form}/token pk_test`]);
    });
  }

  it('sends the form token instead of a start time', async () => {
    const bodies: Record<string, unknown>[] = [];
    stub = stubFetch((_url, init) => {
      bodies.push(JSON.parse(String(init!.body)));
      return json({ id: 'app_1', reference: 'AP-TEST-2345', status: 'submitted', alreadyApplied: false, next: 'Next.' }, 201);
    });
    const el = await applyForm();
    await fillApply(el);
    setTimeout(() => ($(el, '[part~="submit-button"]') as HTMLButtonElement).click());
    await oneEvent(el, 'wbl-placement-success');
    expect(stub.tokens).to.have.length(1);
    expect(bodies[0]!.formToken).to.equal(stub.tokens[0]);
    expect(bodies[0]).to.not.have.property('startedAt');
    expect(JSON.stringify(localStorage)).to.not.contain('startedAt');
  });

  for (const [code, lang, words] of [
    ['too_fast', 'en', 'Please check your answers and submit again. Nothing you typed is lost.'],
    ['form_token_invalid', 'es', 'Revisa tus respuestas y envía el formulario de nuevo. No se perdió nada de lo que escribiste.'],
  ] as const) {
    it(`asks to submit again with a fresh token when the server answers ${code} (${lang}), keeping the draft and the key`, async () => {
      const sent: { token: unknown; key: string | null }[] = [];
      stub = stubFetch((_url, init) => {
        sent.push({ token: JSON.parse(String(init!.body)).formToken, key: new Headers(init!.headers).get('Idempotency-Key') });
        return sent.length === 1
          ? json(
              {
                type: 'https://openwbl.org/problems/validation',
                title: 'That was very quick',
                status: 400,
                errors: [{ path: 'formToken', message: 'Submitted too soon', code }],
              },
              400,
            )
          : json({ id: 'app_1', reference: 'AP-TEST-2345', status: 'submitted', alreadyApplied: false, next: 'Next.' }, 201);
      });
      const el = await fixture<WblPlacementForm>(
        html`<wbl-placement-form lang=${lang} mode="apply" opportunity-id="opp_test_1" site-key="pk_test" api-base="https://api.example"></wbl-placement-form>`,
      );
      await fillApply(el);
      await next(el);
      await waitUntil(() => $(el, '.failure'), 'the failure shows');
      expect($(el, '.failure')!.textContent!.trim()).to.equal(words);
      await waitUntil(() => stub!.tokens.length === 2, 'a fresh token');
      expect($(el, '[part~="error-summary"]'), 'nothing for the person to fix').to.equal(null);
      expect(JSON.parse(Object.values({ ...localStorage })[0] as string).values['student.preferredName'], 'the draft is kept').to.equal('Maya');
      setTimeout(() => ($(el, '[part~="submit-button"]') as HTMLButtonElement).click());
      await oneEvent(el, 'wbl-placement-success');
      expect(sent.map((x) => x.token)).to.deep.equal(stub.tokens);
      expect(sent[1]!.key).to.equal(sent[0]!.key);
    });
  }

  it('refuses a website that is not http or https, as a field error', async () => {
    stub = stubFetch(() => json({}, 500));
    const el = await fixture<WblPlacementForm>(html`<wbl-placement-form mode="host" site-key="pk_test" api-base="https://api.example"></wbl-placement-form>`);
    for (const website of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://files.example']) {
      await type(el, 'f-organization-website', website);
      await next(el);
      expect($(el, '#f-organization-website-error')?.textContent, website).to.contain('Enter a full web address');
      expect($(el, '#f-organization-website')!.getAttribute('aria-invalid')).to.equal('true');
    }
    await type(el, 'f-organization-website', 'https://arroyo.example');
    await next(el);
    expect($(el, '#f-organization-website-error')).to.equal(null);
    expect(stub.calls, 'nothing sent').to.have.length(0);
  });

  it('shows the API’s field error on the website', async () => {
    stub = stubFetch(() =>
      json(
        {
          type: 'https://openwbl.org/problems/validation',
          title: 'Check the fields',
          status: 400,
          errors: [{ path: 'organization.website', message: 'Enter a full web address, like https://example.com', code: 'invalid_format' }],
        },
        400,
      ),
    );
    const el = await fixture<WblPlacementForm>(html`<wbl-placement-form mode="host" site-key="pk_test" api-base="https://api.example"></wbl-placement-form>`);
    (el as unknown as { _values: Record<string, unknown> })._values = {
      'organization.name': 'Arroyo',
      'organization.website': 'https://arroyo.example',
      'organization.clusters': ['healthcare_human_services'],
      'organization.address': '1 Main St',
      'organization.city': 'Riverside',
      'organization.state': 'CA',
      'organization.postalCode': '92501',
      'organization.size': '10-49',
      'contact.name': 'Denise',
      'contact.email': 'denise@example.com',
      'contact.phone': '(951) 555-0140',
      'opportunity.type': 'job_shadowing',
      'opportunity.title': 'Shadow',
      'opportunity.description': 'Follow a nurse.',
      'opportunity.tasks': 'Observe',
      'opportunity.skills': ['communication'],
      'opportunity.capacity': '2',
      'opportunity.compensation.type': 'unpaid',
      'opportunity.mode': 'in_person',
      'agreements.liability': true,
      'agreements.childLabor': true,
      'agreements.insurance': 'yes',
    };
    (el as unknown as { _step: number })._step = 4;
    await el.updateComplete;
    await next(el);
    await waitUntil(() => $(el, '#f-organization-website-error'), 'the error is on the website field');
    expect($(el, '#f-organization-website-error')!.textContent).to.contain('Enter a full web address');
  });

  it('lets the host page cancel the submission', async () => {
    stub = stubFetch(() => json({}, 500));
    const el = await applyForm();
    await fillApply(el);
    el.addEventListener('wbl-placement-submit', (e) => e.preventDefault());
    await next(el);
    expect(stub.calls).to.have.length(0);
  });

  it('speaks Spanish', async () => {
    const el = await fixture<WblPlacementForm>(html`<wbl-placement-form lang="es" mode="host" site-key="pk_test"></wbl-placement-form>`);
    expect($(el, 'legend')!.textContent).to.contain('Su organización');
    expect($(el, '.step-count')!.textContent).to.equal('Paso 1 de 5');
    await expect(el).to.be.accessible();
  });

  it('skips what the employer’s page already filled in', async () => {
    const el = await fixture<WblPlacementForm>(html`<wbl-placement-form mode="host" site-key="pk_test" employer-name="Arroyo Valley Medical Center"
      employer-clusters="healthcare_human_services" employer-address="4445 Magnolia Avenue" employer-city="Riverside" employer-state="CA" employer-zip="92501" employer-size="1000+"></wbl-placement-form>`);
    expect($(el, 'legend')!.textContent).to.contain('Contact');
    expect($(el, '.step-count')!.textContent).to.equal('Step 1 of 4');
  });
});
