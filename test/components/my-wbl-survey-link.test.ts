/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/base/define-site.js';
import '../../components/my-wbl/define.js';
import type { WblMyWbl } from '../../components/my-wbl/my-wbl.js';
import { bodyOf, placement, record, SIBLING, stubMe, student } from './my-wbl-fixtures.js';

/**
 * The experience-survey email opens the student page at `#wbl-my=survey:<application>`: the
 * widget keeps that through signing in (by the emailed link, whose fragment carries it beside
 * the token, or by access code), then focuses that placement's survey and clears the fragment.
 */
type Stub = ReturnType<typeof stubMe>;
let stub: Stub | undefined;
const PAGE = location.href.replace(/#.*$/, '');
before(() => import('../../components/my-wbl/placement-view.js'));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  stub?.restore();
  stub = undefined;
  history.replaceState(null, '', PAGE);
});

const $ = (el: WblMyWbl, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const focused = (el: WblMyWbl) => el.shadowRoot!.activeElement as HTMLElement | null;
const mount = () => fixture<WblMyWbl>(html`<wbl-my-wbl site-key="pk_test" api-base="https://api.example" lang="en"></wbl-my-wbl>`);
const at = (hash: string) => history.replaceState(null, '', `${PAGE}#${hash}`);
/** Two ended placements; the survey email is about the second. */
const ended = (answered = false) =>
  student({
    placements: [
      placement({ id: 'app_t_first', status: 'completed', survey: { answered: false }, actions: ['survey'] }),
      placement({ id: 'app_t_second', status: 'completed', survey: { answered }, actions: answered ? [] : ['survey'] }),
    ],
  });

describe('<wbl-my-wbl> opened at a survey', () => {
  it('from a sign-in link: takes the token, focuses that placement’s survey, and clears the fragment', async () => {
    stub = stubMe(() => record('student', [ended()]));
    at('wbl-my=survey:app_t_second&wbl-signin=tok_emailed_link_0123456789abcdef');
    const el = await mount();
    await waitUntil(() => focused(el)?.id === 'survey-app_t_second', 'focus on the second placement’s survey');
    expect(bodyOf(stub.requests[0]!.init)).to.deep.equal({ token: 'tok_emailed_link_0123456789abcdef' });
    expect(focused(el)!.textContent).to.contain('How was your experience?');
    expect(focused(el)!.closest('article')!.getAttribute('aria-labelledby')).to.equal('placement-app_t_second');
    expect(location.hash).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('asks for a link that comes back to the survey, and after an access code goes there', async () => {
    stub = stubMe(() => record('student', [ended()]));
    at('wbl-my=survey:app_t_second');
    const el = await mount();
    const input = $(el, '#signin-email') as HTMLInputElement;
    input.value = 'maya.student@example.org';
    input.dispatchEvent(new Event('input'));
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part~="notice"]'), 'the notice');
    expect(bodyOf(stub.requests[0]!.init)).to.deep.equal({ email: 'maya.student@example.org', returnTo: `${PAGE}#wbl-my=survey:app_t_second` });
    expect(location.hash).to.equal('#wbl-my=survey:app_t_second', 'kept until the survey shows');

    ($(el, '.choices label:nth-of-type(2) input') as HTMLInputElement).click();
    await el.updateComplete;
    for (const [sel, value] of [
      ['#signin-studentNumber', '100245'],
      ['#signin-accessCode', 'RIVER-2451'],
    ] as const) {
      const field = $(el, sel) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    ($(el, '[part~="signin-button"]') as HTMLButtonElement).click();
    await waitUntil(() => focused(el)?.id === 'survey-app_t_second', 'focus on the survey');
    expect(location.hash).to.equal('');
  });

  it('focuses the placement’s heading once the survey is answered', async () => {
    stub = stubMe(() => record('student', [ended(true)]));
    at('wbl-my=survey:app_t_second&wbl-signin=tok_emailed_link_0123456789abcdef');
    const el = await mount();
    await waitUntil(() => focused(el)?.id === 'placement-app_t_second', 'focus on the placement’s heading');
    expect(location.hash).to.equal('');
  });

  it('shows a guardian the child whose placement it is', async () => {
    const leo = { ...SIBLING, placements: [placement({ id: 'app_t_leo_place', status: 'completed', survey: { answered: false }, actions: ['survey'] })] };
    stub = stubMe(() => record('guardian', [student(), leo]));
    at('wbl-my=survey:app_t_leo_place&wbl-signin=tok_emailed_link_0123456789abcdef');
    const el = await mount();
    await waitUntil(() => focused(el)?.id === 'survey-app_t_leo_place', 'focus on Leo’s survey');
    expect($(el, '#student-title')!.textContent).to.contain('Leo');
  });

  it('only loses the fragment when the placement is not on the record', async () => {
    stub = stubMe(() => record('student', [ended()]));
    at('wbl-my=survey:app_someone_else&wbl-signin=tok_emailed_link_0123456789abcdef');
    const el = await mount();
    await waitUntil(() => $(el, '#student-title') && location.hash === '', 'the record, and the fragment gone');
    expect(focused(el)?.id).to.equal('record-title');
  });
});
