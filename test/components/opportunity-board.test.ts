/// <reference types="mocha" />
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/opportunity-board/define.js';
import { WblOpportunityBoard } from '../../components/opportunity-board/opportunity-board.js';
import { detail, json, page, stubFetch, summary } from './fixtures.js';

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | undefined;

afterEach(() => {
  stub?.restore();
  stub = undefined;
  history.replaceState(null, '', location.pathname + location.search);
});

/** A board answering from a small in-memory catalogue of 30 opportunities, 12 a page. */
function catalogue() {
  const all = Array.from({ length: 30 }, (_, i) => summary(i + 1));
  return stubFetch((url) => {
    if (url.pathname.endsWith('/opportunities/opp_test_1')) return json(detail(1));
    const q = url.searchParams.get('q');
    const stage = url.searchParams.get('stage');
    let items = all;
    if (q) items = items.filter((o) => o.title.toLowerCase().includes(q.toLowerCase()));
    if (stage) items = stage === 'exploration' ? items.slice(0, 2) : items;
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 12);
    const next = start + limit < items.length ? String(start + limit) : null;
    return json(page(items.slice(start, start + limit), items.length, next));
  });
}

async function board(attrs = ''): Promise<WblOpportunityBoard> {
  const el = await fixture<WblOpportunityBoard>(html`<wbl-opportunity-board site-key="pk_test" api-base="https://api.example" page-size="12"></wbl-opportunity-board>`);
  if (attrs.includes('es')) el.lang = 'es';
  if (attrs.includes('match')) el.match = true;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="card"], [part~="error"], [part~="empty"]'), 'the board settles');
  return el;
}

const $ = (el: WblOpportunityBoard, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: WblOpportunityBoard, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];

describe('<wbl-opportunity-board>', () => {
  it('is accessible with results showing', async () => {
    stub = catalogue();
    const el = await board();
    await expect(el).to.be.accessible();
  });

  it('is accessible with the match panel and the detail open', async () => {
    stub = catalogue();
    const el = await board('match');
    $(el, '.match > button')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    ($(el, '[data-id="opp_test_1"]') as HTMLAnchorElement).click();
    await waitUntil(() => $(el, '#detail-title'));
    await expect(el).to.be.accessible();
  });

  it('shows cards from the API with the site key, and the count', async () => {
    stub = catalogue();
    const el = await board();
    expect($$(el, '[part~="card"]')).to.have.length(12);
    expect($(el, '[part~="result-count"]')!.textContent!.trim()).to.equal('30 opportunities');
    const first = $$(el, '[part~="card"]')[0]!.textContent!;
    expect(first).to.contain('Certified Nursing Assistant Clinical Rotation');
    expect(first).to.contain('Arroyo Valley Medical Center');
    expect(first).to.contain('$17.50/hr');
    expect(first).to.contain('2 mi from school');
    expect(first).to.contain('Apply by Dec 15');
    expect(stub.calls[0]!.origin).to.equal('https://api.example');
    expect(stub.calls[0]!.searchParams.get('open')).to.equal('true');
  });

  it('debounces typing into one search request', async () => {
    stub = catalogue();
    const el = await board();
    const before = stub.calls.length;
    const input = $(el, '#search') as HTMLInputElement;
    for (const value of ['n', 'nu', 'nur', 'nurs']) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await aTimeout(40);
    }
    await waitUntil(() => stub!.calls.length > before, 'a search request', { timeout: 2000 });
    await aTimeout(400);
    expect(stub.calls.length - before).to.equal(1);
    expect(stub.calls.at(-1)!.searchParams.get('q')).to.equal('nurs');
    await waitUntil(() => $$(el, '[part~="card"]').length === 1);
    expect($(el, '[part~="result-count"]')!.textContent!.trim()).to.equal('1 opportunity');
  });

  it('sends a chosen filter and updates the count', async () => {
    stub = catalogue();
    const el = await board();
    const exploration = $$(el, '.stages input')[1] as HTMLInputElement;
    exploration.click();
    await waitUntil(() => $(el, '[part~="result-count"]')!.textContent!.includes('2 opportunities'));
    expect(stub.calls.at(-1)!.searchParams.get('stage')).to.equal('exploration');
    expect($(el, '[part~="filter-toggle"]')!.textContent).to.contain('1 active');
  });

  it('loads more with the cursor and moves focus to the first new card', async () => {
    stub = catalogue();
    const el = await board();
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 24);
    expect(stub.calls.at(-1)!.searchParams.get('cursor')).to.equal('12');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Opportunity number 13');
    expect($(el, '.more')!.textContent).to.contain('Showing 24 of 30');
  });

  it('opens the detail with focus on its heading, links it by hash, and Escape returns focus', async () => {
    stub = catalogue();
    const el = await board();
    const link = $(el, '[data-id="opp_test_1"]') as HTMLAnchorElement;
    link.focus();
    setTimeout(() => link.click());
    const selected = await oneEvent(el, 'wbl-opportunity-select');
    expect(selected.detail.opportunityId).to.equal('opp_test_1');
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'detail-title', 'focus on the heading');
    expect(location.hash).to.equal('#opportunity=opp_test_1');
    expect($(el, '[part~="detail"]')!.textContent).to.contain('Take and record vital signs');
    $(el, '[part~="detail"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(() => !$(el, '[part~="detail"]'));
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('data-id') === 'opp_test_1', 'focus back on the card');
  });

  it('opens the opportunity named in the address on load', async () => {
    stub = catalogue();
    history.replaceState(null, '', '#opportunity=opp_test_1');
    const el = await fixture<WblOpportunityBoard>(html`<wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board>`);
    await waitUntil(() => $(el, '#detail-title'), 'the detail opens');
    expect($(el, '#detail-title')!.textContent).to.equal('Certified Nursing Assistant Clinical Rotation');
  });

  it('dispatches wbl-opportunity-apply from the Apply button', async () => {
    stub = catalogue();
    const el = await board();
    ($(el, '[data-id="opp_test_1"]') as HTMLAnchorElement).click();
    await waitUntil(() => $(el, '[part~="apply-button"]'));
    setTimeout(() => $(el, '[part~="apply-button"]')!.click());
    const applied = await oneEvent(el, 'wbl-opportunity-apply');
    expect(applied.detail.opportunityId).to.equal('opp_test_1');
    expect(applied.bubbles && applied.composed && applied.cancelable).to.equal(true);
  });

  it('speaks Spanish', async () => {
    stub = catalogue();
    const el = await board('es');
    await el.updateComplete;
    expect($(el, '[part~="result-count"]')!.textContent!.trim()).to.equal('30 oportunidades');
    expect($(el, 'label[for="search"]')!.textContent).to.equal('Buscar oportunidades');
    const card = $$(el, '[part~="card"]')[0]!.textContent!;
    expect(card).to.contain('Salud y servicios humanos');
    expect(card).to.contain('Solicita antes del 15 dic');
    await expect(el).to.be.accessible();
  });

  it('shows the problem and retries successfully', async () => {
    let fail = true;
    const ok = catalogue();
    ok.restore();
    stub = stubFetch((url, init) => {
      if (fail) return json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503, detail: 'The database is busy.' }, 503);
      return json(page([summary(1)], 1));
    });
    const el = await board();
    const error = $(el, '[part~="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('The database is busy.');
    await expect(el).to.be.accessible();
    fail = false;
    (error.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 1, 'the retry shows results');
  });

  it('says when nothing matches and clears the filters', async () => {
    stub = stubFetch((url) => json(url.searchParams.get('type') ? page([], 0) : page([summary(1)], 1)));
    const el = await fixture<WblOpportunityBoard>(html`<wbl-opportunity-board site-key="pk_test" api-base="https://api.example" type="apprenticeship"></wbl-opportunity-board>`);
    await waitUntil(() => $(el, '[part~="empty"]'));
    expect($(el, '[part~="empty"]')!.textContent).to.contain('No opportunities match these filters.');
    ($(el, '[part~="empty"] button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 1);
  });

  it('ranks matches with their reasons', async () => {
    stub = stubFetch((url, init) => {
      if (url.pathname.endsWith('/match')) {
        const body = JSON.parse(String(init!.body));
        expect(body.clusters).to.deep.equal(['healthcare_human_services']);
        expect(body.maxDistanceKm).to.equal(16.1);
        return json({ items: [{ opportunity: summary(1), score: 70, reasons: [{ code: 'cluster', text: 'Matches your interest in Healthcare & Human Services' }] }] });
      }
      return json(page([summary(1)], 1));
    });
    const el = await board('match');
    $(el, '.match > button')!.click();
    await el.updateComplete;
    ($(el, 'input[name="clusters"][value="healthcare_human_services"]') as HTMLInputElement).click();
    ($(el, '#m-far') as unknown as HTMLSelectElement).value = '10';
    ($(el, '#match-form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => $(el, '.matches'));
    expect($(el, '.matches')!.textContent).to.contain('Matches your interest in Healthcare & Human Services');
    expect($(el, '.match-count')!.textContent).to.contain('1 match');
  });

  it('works by keyboard alone: Enter opens a card, Escape goes back, and every target is at least 24 px', async () => {
    stub = catalogue();
    const el = await board();
    const visible = $$(el, 'a, button, select, input').filter((c) => c.getClientRects().length > 0);
    for (const control of visible) expect(control.getBoundingClientRect().height, control.outerHTML.slice(0, 60)).to.be.at.least(24);
    ($(el, '[data-id="opp_test_1"]') as HTMLAnchorElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'detail-title', 'Enter opens the detail');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('data-id') === 'opp_test_1', 'Escape returns to the card');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-sort');
  });

  it('collapses the filters behind a toggle in a narrow container', async () => {
    stub = catalogue();
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board></div>`);
    const el = wrap.querySelector('wbl-opportunity-board')!;
    await waitUntil(() => $(el, '[part~="card"]'));
    const toggle = $(el, '[part~="filter-toggle"]')!;
    const bar = $(el, '[part~="filter-bar"]')!;
    expect(getComputedStyle(toggle).display).to.not.equal('none');
    expect(getComputedStyle(bar).display).to.equal('none');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(bar).display).to.equal('grid');
    expect(el.scrollWidth).to.be.at.most(320);
  });

  it('survives a second registration of the same tag', async () => {
    expect(() => WblOpportunityBoard.define('wbl-opportunity-board')).to.not.throw();
    expect(customElements.get('wbl-opportunity-board')).to.equal(WblOpportunityBoard);
  });
});
