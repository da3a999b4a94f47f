/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/my-wbl/define.js';
import type { WblMyWbl } from '../../components/my-wbl/my-wbl.js';
import type { MeRecord } from '../../schema/api/me.js';
import { json } from './fixtures.js';
import { bodyOf, headerOf, placement, record, session, START, stubMe, student, THIS_WEEK } from './my-wbl-fixtures.js';

type Stub = ReturnType<typeof stubMe>;
let stub: Stub | undefined;
const KEPT = 'wbl-me-session:https://api.example|pk_test';
before(() => import('../../components/my-wbl/placement-view.js'));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  sessionStorage.setItem(KEPT, JSON.stringify(session()));
});
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const $ = (el: WblMyWbl, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: WblMyWbl) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const F = (kind: string, name: string) => `#f-app_t_place-${kind}-${name}`;
const type = async (el: WblMyWbl, sel: string, value: string) => {
  const input = $(el, sel) as unknown as HTMLInputElement | HTMLSelectElement;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  await el.updateComplete;
};
const click = async (el: WblMyWbl, sel: string) => {
  ($(el, sel) as HTMLElement).click();
  await el.updateComplete;
};
const submitOf = (el: WblMyWbl, sel: string) => $(el, sel)!.closest('form')!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
const writes = (stub: Stub) => stub.requests.filter((r) => r.init?.method && r.init.method !== 'GET');
async function mount(): Promise<WblMyWbl> {
  const el = await fixture<WblMyWbl>(html`<wbl-my-wbl site-key="pk_test" api-base="https://api.example"></wbl-my-wbl>`);
  await waitUntil(() => $(el, '[part~="placement"]'), 'the placement renders');
  return el;
}

describe('<wbl-my-wbl> a placement', () => {
  it('shows hours with totals, an approved and a returned entry with the supervisor’s note', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    const totals = [...el.shadowRoot!.querySelectorAll('.totals dd')].map((d) => d.textContent!.trim());
    expect(totals).to.deep.equal(['5.5', '3', '0']);
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="hours"] tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' '));
    expect(rows[0]).to.contain('Approved');
    expect(rows[1]).to.contain('Returned by your supervisor');
    expect(rows[1]).to.contain('This was a Monday: you were not scheduled. Check the date.');
  });

  it('logs hours that then show as waiting for the supervisor, with an Idempotency-Key, and clears the draft', async () => {
    let current: MeRecord = record();
    stub = stubMe(() => current);
    const el = await mount();
    const acted = oneEvent(el, 'wbl-me-action');
    await type(el, F('hours', 'workedOn'), THIS_WEEK);
    await type(el, F('hours', 'hours'), '2.75');
    await type(el, F('hours', 'activity'), 'Restocked supply carts');
    expect(localStorage.length).to.equal(1);
    current = record('student', [
      student({
        placements: [
          placement({
            hours: [
              ...placement().hours,
              { id: 'hrs_t_3', workedOn: THIS_WEEK, hours: 2.75, activity: 'Restocked supply carts', status: 'pending', returnNote: null },
            ],
            totals: { logged: 8.25, approved: 3, pending: 2.75 },
          }),
        ],
      }),
    ]);
    submitOf(el, F('hours', 'workedOn')).click();
    expect((await acted).detail).to.deep.equal({ kind: 'hours', studentId: 'stu_t_maya', id: 'app_t_place' });
    const sent = writes(stub)[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/placements/app_t_place/hours');
    expect(sent.init?.method).to.equal('POST');
    expect(bodyOf(sent.init)).to.deep.equal({ workedOn: THIS_WEEK, hours: 2.75, activity: 'Restocked supply carts' });
    expect(headerOf(sent.init, 'Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    await waitUntil(() => text(el).includes('Waiting for your supervisor'), 'the pending entry');
    expect(text(el)).to.contain('Logged. Your supervisor approves them next.');
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('done'), 'focus on the confirmation');
    expect(localStorage.length).to.equal(0);
    expect(($(el, F('hours', 'activity')) as HTMLTextAreaElement).value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('checks the hours with the contract before sending: errors tied to their fields, focus on the first', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await type(el, F('hours', 'hours'), '13');
    submitOf(el, F('hours', 'hours')).click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === F('hours', 'workedOn').slice(1), 'focus on the first invalid field');
    const hours = $(el, F('hours', 'hours'))!;
    expect(hours.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${hours.getAttribute('aria-describedby')!.split(' ').pop()}`)!.textContent).to.contain('from 0.25 to 12');
    expect(writes(stub)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('keeps what was typed in the hours form across a reload', async () => {
    stub = stubMe(() => record());
    let el = await mount();
    await type(el, F('hours', 'hours'), '3');
    await type(el, F('hours', 'activity'), 'Shadowed the charge nurse');
    el.remove();
    el = await mount();
    expect(($(el, F('hours', 'hours')) as HTMLInputElement).value).to.equal('3');
    expect(($(el, F('hours', 'activity')) as HTMLTextAreaElement).value).to.equal('Shadowed the charge nurse');
    expect($(el, '[part~="hours-form"] [part~="draft-notice"]')!.textContent).to.contain('We kept what you typed.');
    await click(el, '[part~="hours-form"] [part~="draft-notice"] button');
    expect(($(el, F('hours', 'activity')) as HTMLTextAreaElement).value).to.equal('');
    expect(localStorage.length).to.equal(0);
  });

  it('retries a failed submission with the same Idempotency-Key, even after a reload', async () => {
    let fail = true;
    stub = stubMe(
      () => record(),
      (url) => {
        if (url.pathname.endsWith('/hours') && fail) return json({ type: 'about:blank', title: 'Internal error', status: 500 }, 500);
        return undefined;
      },
    );
    let el = await mount();
    await type(el, F('hours', 'workedOn'), THIS_WEEK);
    await type(el, F('hours', 'hours'), '2');
    await type(el, F('hours', 'activity'), 'Filed charts');
    submitOf(el, F('hours', 'workedOn')).click();
    await waitUntil(() => $(el, '[part~="hours-form"] .failure'), 'the failure');
    expect(text(el)).to.contain('Something went wrong on our side');
    expect(submitOf(el, F('hours', 'workedOn')).textContent).to.contain('Try again');
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[part~="hours-form"] .failure'), 'focus on the failure');
    el.remove();
    el = await mount();
    fail = false;
    submitOf(el, F('hours', 'workedOn')).click();
    await waitUntil(() => text(el).includes('Logged. Your supervisor approves them next.'), 'the confirmation');
    const [first, second] = writes(stub);
    expect(headerOf(second!.init, 'Idempotency-Key')).to.equal(headerOf(first!.init, 'Idempotency-Key'));
    expect(bodyOf(second!.init)).to.deep.equal(bodyOf(first!.init));
  });

  it('shows the API’s field errors on their fields', async () => {
    stub = stubMe(
      () => record(),
      (url) =>
        url.pathname.endsWith('/hours')
          ? json(
              {
                type: 'https://openwbl.org/problems/validation',
                title: 'Invalid',
                status: 422,
                errors: [{ path: 'workedOn', message: 'That day is outside the placement' }],
              },
              422,
            )
          : undefined,
    );
    const el = await mount();
    await type(el, F('hours', 'workedOn'), THIS_WEEK);
    await type(el, F('hours', 'hours'), '2');
    await type(el, F('hours', 'activity'), 'Filed charts');
    submitOf(el, F('hours', 'workedOn')).click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === F('hours', 'workedOn').slice(1), 'focus on the field');
    expect(text(el)).to.contain('That day is outside the placement');
  });

  it('signs the student’s own line: the agreement text, a typed name and "I agree"', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await click(el, '[data-sign]');
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('agreement'), 'focus on the agreement');
    expect($(el, '.agreement')!.textContent).to.contain('follow the workplace’s safety rules');
    await expect(el).to.be.accessible();
    submitOf(el, F('sign', 'typedName')).click();
    await waitUntil(() => $(el, `${F('sign', 'agree')}-error`), 'the errors');
    expect(text(el)).to.contain('Check the box to say you agree');
    await type(el, F('sign', 'typedName'), 'Maya Rodríguez');
    await click(el, F('sign', 'agree'));
    submitOf(el, F('sign', 'typedName')).click();
    await waitUntil(() => text(el).includes('Signed. Thank you.'), 'the confirmation');
    const sent = writes(stub)[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/placements/app_t_place/signature');
    expect(bodyOf(sent.init)).to.deep.equal({ version: 'v1-en', typedName: 'Maya Rodríguez', agree: true });
  });

  it('saves a week’s reflection, the latest week chosen by default, and another week on choosing it', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    const weeks = [...($(el, F('reflection', 'period')) as unknown as HTMLSelectElement).options].map((o) => o.value);
    expect(weeks[0]).to.equal(START);
    expect(weeks.at(-1)).to.equal(THIS_WEEK);
    expect(($(el, F('reflection', 'period')) as unknown as HTMLSelectElement).value).to.equal(THIS_WEEK);
    // What was typed for one week does not follow the person to another.
    await type(el, F('reflection', 'body'), 'Half a thought');
    await type(el, F('reflection', 'period'), START);
    expect(($(el, F('reflection', 'body')) as HTMLTextAreaElement).value).to.equal('I learned to take a blood pressure.');
    await type(el, F('reflection', 'period'), THIS_WEEK);
    expect(($(el, F('reflection', 'body')) as HTMLTextAreaElement).value).to.equal('');
    await type(el, F('reflection', 'body'), 'I practised taking a patient history.');
    submitOf(el, F('reflection', 'body')).click();
    await waitUntil(() => writes(stub!).length === 1, 'the request');
    let sent = writes(stub)[0]!;
    expect(sent.init?.method).to.equal('PUT');
    expect(sent.url.pathname).to.equal(`/api/v1/me/placements/app_t_place/reflections/${THIS_WEEK}`);
    expect(bodyOf(sent.init)).to.deep.equal({ body: 'I practised taking a patient history.' });
    await waitUntil(() => text(el).includes('Saved. Your coordinator reads it.'), 'the confirmation');
    // The first week already has a reflection: choosing it shows it, to edit.
    await type(el, F('reflection', 'period'), START);
    expect(($(el, F('reflection', 'body')) as HTMLTextAreaElement).value).to.equal('I learned to take a blood pressure.');
    await type(el, F('reflection', 'body'), 'I learned to take a blood pressure and a pulse.');
    submitOf(el, F('reflection', 'body')).click();
    await waitUntil(() => writes(stub!).length === 2, 'the second request');
    sent = writes(stub)[1]!;
    expect(sent.url.pathname).to.equal(`/api/v1/me/placements/app_t_place/reflections/${START}`);
  });

  it('saves the closing reflection with skills chosen from the placement’s and whether they would recommend it', async () => {
    stub = stubMe(() => record('student', [student({ placements: [placement({ actions: ['close'] })] })]));
    const el = await mount();
    submitOf(el, F('closing', 'body')).click();
    await waitUntil(() => $(el, `${F('closing', 'wouldRecommend')}-error`), 'the errors');
    expect(text(el)).to.contain('Choose yes or no');
    await expect(el).to.be.accessible();
    await type(el, F('closing', 'body'), 'Patient care is about listening.');
    const skills = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>(`fieldset:has(${F('closing', 'skills')}) input`)];
    expect(skills.map((s) => s.parentElement!.textContent!.trim())).to.deep.equal(['Communication', 'Professionalism', 'vital signs']);
    skills[0]!.click();
    skills[2]!.click();
    await el.updateComplete;
    await click(el, F('closing', 'wouldRecommend'));
    submitOf(el, F('closing', 'body')).click();
    await waitUntil(() => writes(stub!).length === 1, 'the request');
    const sent = writes(stub)[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/placements/app_t_place/reflections/closing');
    expect(bodyOf(sent.init)).to.deep.equal({ body: 'Patient care is about listening.', skills: ['communication', 'vital signs'], wouldRecommend: true });
  });

  it('asks the experience survey once the placement ended: three scales and a comment', async () => {
    stub = stubMe(() => record('student', [student({ placements: [placement({ status: 'completed', survey: { answered: false }, actions: ['survey'] })] })]));
    const el = await mount();
    expect($(el, '[part~="survey"]')!.textContent).to.contain('Did you feel safe at the workplace?');
    await expect(el).to.be.accessible();
    const pick = async (name: string, n: number) => {
      ($(el, `fieldset:has(${F('survey', name)})`)!.querySelectorAll('input')[n - 1] as HTMLInputElement).click();
      await el.updateComplete;
    };
    await pick('meaningful', 4);
    await pick('feltSafe', 3);
    submitOf(el, F('survey', 'meaningful')).click();
    await waitUntil(() => $(el, `${F('survey', 'wouldRecommend')}-error`), 'the missing answer');
    expect(text(el)).to.contain('Choose whether you would recommend it');
    await pick('wouldRecommend', 4);
    await type(el, F('survey', 'comment'), 'My supervisor explained everything.');
    submitOf(el, F('survey', 'meaningful')).click();
    await waitUntil(() => writes(stub!).length === 1, 'the request');
    const sent = writes(stub)[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/placements/app_t_place/survey');
    expect(bodyOf(sent.init)).to.deep.equal({ meaningful: 4, feltSafe: 3, wouldRecommend: 4, comment: 'My supervisor explained everything.' });
    expect(headerOf(sent.init, 'Idempotency-Key')).to.be.a('string');
  });
});

describe('<wbl-my-wbl> offers and badges', () => {
  it('accepts an offer after a confirmation step, and can step back from it', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await click(el, '#offer-app_t_offer [data-answer]');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'confirm-app_t_offer', 'focus on the question');
    expect(text(el)).to.contain('Accept Software Engineering Job Shadow at Inland Code Works?');
    await expect(el).to.be.accessible();
    await click(el, '#offer-app_t_offer .confirm .button.secondary');
    await waitUntil(() => el.shadowRoot!.activeElement?.hasAttribute('data-answer'), 'focus back on Accept');
    expect(writes(stub)).to.have.length(0);
    await click(el, '#offer-app_t_offer [data-answer]');
    await type(el, '#note-app_t_offer', 'Thank you!');
    submitOf(el, '#note-app_t_offer').click();
    await waitUntil(() => text(el).includes('You accepted the offer.'), 'the confirmation');
    const sent = writes(stub)[0]!;
    expect(sent.url.pathname).to.equal('/api/v1/me/applications/app_t_offer/answer');
    expect(bodyOf(sent.init)).to.deep.equal({ answer: 'accept', note: 'Thank you!' });
  });

  it('declines an offer', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await click(el, '#offer-app_t_offer [part~="offer-actions"] .button.secondary');
    expect(text(el)).to.contain('Decline Software Engineering Job Shadow at Inland Code Works?');
    submitOf(el, '#note-app_t_offer').click();
    await waitUntil(() => writes(stub!).length === 1, 'the request');
    expect(bodyOf(writes(stub)[0]!.init)).to.deep.equal({ answer: 'decline' });
  });

  it('turns "Show my name on my badges" off', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    const toggle = $(el, '[part~="badge-switch"] input') as HTMLInputElement;
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.checked).to.equal(true);
    toggle.click();
    await waitUntil(() => writes(stub!).length === 1, 'the request');
    const sent = writes(stub)[0]!;
    expect(sent.init?.method).to.equal('PUT');
    expect(sent.url.pathname).to.equal('/api/v1/me/students/stu_t_maya/badge-name');
    expect(bodyOf(sent.init)).to.deep.equal({ showNameOnBadges: false });
    await waitUntil(() => text(el).includes('Your name no longer shows on your badges.'), 'the confirmation');
  });

  it('shows a guardian only their own line to sign, and no hours form', async () => {
    sessionStorage.setItem(KEPT, JSON.stringify(session('guardian')));
    stub = stubMe(() =>
      record('guardian', [
        student({
          placements: [
            placement({
              actions: ['sign'],
              signatures: placement().signatures.map((s) => ({ ...s, mine: s.role === 'guardian', signed: s.role === 'student' })),
            }),
          ],
        }),
      ]),
    );
    const el = await mount();
    expect($(el, '[part~="hours-form"]')).to.equal(null);
    expect($(el, '[data-sign]')).to.exist;
    expect($(el, '.signatures li:nth-child(2)')!.textContent).to.contain('(you)');
    await expect(el).to.be.accessible();
  });

  it('prints the whole record without its forms and buttons', async () => {
    stub = stubMe(() => record());
    const el = await mount();
    await emulateMedia({ media: 'print' });
    try {
      const shown = (sel: string) => getComputedStyle($(el, sel)!).display !== 'none';
      expect(shown('[part~="hours-form"]')).to.equal(false);
      expect(shown('[part~="print-button"]')).to.equal(false);
      expect(shown('[part~="offer-actions"]')).to.equal(false);
      expect(shown('[part~="hours"]')).to.equal(true);
      expect(shown('[part~="continuum"]')).to.equal(true);
      expect(shown('[part~="signatures"]')).to.equal(true);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle($(el, '[part~="hours-form"]')!).display).not.to.equal('none');
  });
});
