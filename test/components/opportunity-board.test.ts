/// <reference types="mocha" />
import { aTimeout, expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/opportunity-board/define.js';
import { WblOpportunityBoard } from '../../components/opportunity-board/opportunity-board.js';
import type { WblOpportunityBoardErrorEvent } from '../../components/events/opportunity-board-error.js';
import { delay, detail, json, page, stubFetch, summary } from './fixtures.js';

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

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
// @cloudflare/workers-types' global `Element` (HTMLRewriter's) clashes with HTMLSelectElement, hence `unknown`.
const select = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as unknown as HTMLSelectElement;
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const settled = (el: Element) => waitUntil(() => $(el, '[part~="card"], [part~="error"], [part~="empty"]'), 'the board settles');

/** A board with the test's attributes, once its first answer has rendered. */
async function board(attrs = ''): Promise<WblOpportunityBoard> {
  const el = await fixture<WblOpportunityBoard>(`<wbl-opportunity-board site-key="pk_test" api-base="https://api.example" ${attrs}></wbl-opportunity-board>`);
  await settled(el);
  return el;
}

function choose(el: Element, sel: string, value: string) {
  const control = select(el, sel);
  control.value = value;
  control.dispatchEvent(new Event('change'));
}

async function openFirst(el: WblOpportunityBoard) {
  const link = $(el, '[data-id="opp_test_1"]') as HTMLAnchorElement;
  link.focus();
  link.click();
  await waitUntil(() => active(el)?.id === 'detail-title', 'focus on the detail heading');
}

describe('<wbl-opportunity-board>', () => {
  describe('accessibility', () => {
    it('has no axe violations with results showing', async () => {
      stub = catalogue();
      const el = await board();
      await expect(el).to.be.accessible();
    });

    it('has no axe violations with the filters open in a narrow container and the match panel with results', async () => {
      stub = stubFetch((url) =>
        url.pathname.endsWith('/match')
          ? json({
              items: [{ opportunity: summary(1), score: 70, reasons: [{ code: 'cluster', text: 'Matches your interest in Healthcare & Human Services' }] }],
            })
          : json(page([summary(1), summary(2)], 2)),
      );
      const wrap = await fixture<HTMLDivElement>(
        '<div style="width: 340px"><wbl-opportunity-board site-key="pk_test" api-base="https://api.example" match></wbl-opportunity-board></div>',
      );
      const el = wrap.firstElementChild as WblOpportunityBoard;
      await settled(el);
      $(el, '[part~="filter-toggle"]')!.click();
      $(el, '.match > button')!.click();
      await el.updateComplete;
      ($(el, '#match-form') as HTMLFormElement).requestSubmit();
      await waitUntil(() => $(el, '.matches [part~="card"]'));
      await expect(el).to.be.accessible();
    });

    it('has no axe violations with the detail open', async () => {
      stub = catalogue();
      const el = await board();
      await openFirst(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in Spanish', async () => {
      stub = catalogue();
      const el = await board('lang="es" match');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the error and empty states', async () => {
      stub = stubFetch(() => json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503 }, 503));
      const failed = await board();
      await expect(failed).to.be.accessible();
      stub.restore();
      stub = stubFetch(() => json(page([], 0)));
      const empty = await board();
      await expect(empty).to.be.accessible();
    });
  });

  it('reserves its height and says it is busy while the first page loads', async () => {
    stub = stubFetch(async () => {
      await delay(300);
      return json(page([summary(1)], 1));
    });
    const el = await fixture<WblOpportunityBoard>('<wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board>');
    expect(el.getBoundingClientRect().height).to.be.at.least(32 * 16);
    expect($(el, '[part~="list"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text(el, '[part~="result-count"]')).to.equal('Loading opportunities…');
    await settled(el);
    expect($(el, '[part~="list"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows cards from the API with the site key, and the count', async () => {
    stub = catalogue();
    const el = await board('page-size="12"');
    expect($$(el, '[part~="card"]')).to.have.length(12);
    expect($$(el, '[part~="list"] > li > article')).to.have.length(12);
    expect($(el, '[part~="result-count"]')!.getAttribute('role')).to.equal('status');
    expect(text(el, '[part~="result-count"]')).to.equal('30 opportunities');
    const first = text(el, '[part~="card"]');
    expect(first).to.contain('Certified Nursing Assistant Clinical Rotation');
    expect(first).to.contain('Arroyo Valley Medical Center');
    expect(first).to.contain('Career preparation');
    expect(first).to.contain('Healthcare & Human Services');
    expect(first).to.contain('$17.50/hr');
    expect(first).to.contain('In person · Riverside');
    expect(first).to.contain('2 mi from your school');
    expect(first).to.contain('Apply by Dec 15');
    const { url, init } = stub.requests[0]!;
    expect(url.origin + url.pathname).to.equal('https://api.example/api/v1/opportunities');
    expect((init!.headers as Record<string, string>)['X-Site-Key']).to.equal('pk_test');
    expect(url.searchParams.get('open')).to.equal('true');
    expect(url.searchParams.get('limit')).to.equal('12');
  });

  it('says "Applications closed" in words on a closed card, and shows stipends', async () => {
    stub = stubFetch(() =>
      json(page([summary(1, { open: false }), summary(2, { compensation: { type: 'stipend', amountCents: 50000, currency: 'USD' } })], 2)),
    );
    const el = await board('open="false"');
    const [closed, stipend] = $$(el, '[part~="card"]');
    expect(closed!.textContent).to.contain('Applications closed');
    expect(stipend!.textContent).to.contain('$500 stipend');
    expect(stub.calls[0]!.searchParams.has('open')).to.equal(false);
  });

  it('debounces typing into one search request with q', async () => {
    stub = catalogue();
    const el = await board();
    const before = stub.calls.length;
    const input = $(el, '#search') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'nurs' });
    await aTimeout(100);
    expect(stub.calls.length, 'nothing is sent while typing').to.equal(before);
    await waitUntil(() => stub!.calls.length > before, 'a search request', { timeout: 2000 });
    await aTimeout(350);
    expect(stub.calls.length - before).to.equal(1);
    expect(stub.calls.at(-1)!.searchParams.get('q')).to.equal('nurs');
    await waitUntil(() => $$(el, '[part~="card"]').length === 1);
    expect(text(el, '[part~="result-count"]')).to.equal('1 opportunity');
    expect($(el, '#f-sort option')!.textContent).to.equal('Best match');
  });

  it('aborts a search still in flight when a newer one starts', async () => {
    const all = [summary(1), summary(2)];
    stub = stubFetch(async (url) => {
      if (url.searchParams.get('q') === 'opp') await delay(600);
      return json(page(all, 2));
    });
    const el = await board();
    const input = $(el, '#search') as HTMLInputElement;
    input.value = 'opp';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => stub!.calls.some((u) => u.searchParams.get('q') === 'opp'));
    input.value = 'nursing';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => stub!.calls.some((u) => u.searchParams.get('q') === 'nursing'));
    const slow = stub.requests.find((r) => r.url.searchParams.get('q') === 'opp')!;
    expect(slow.init!.signal!.aborted).to.equal(true);
  });

  it('sends a chosen filter and updates the count', async () => {
    stub = catalogue();
    const el = await board();
    const exploration = $$(el, '.stages input')[1] as HTMLInputElement;
    exploration.click();
    await waitUntil(() => text(el, '[part~="result-count"]') === '2 opportunities');
    expect(stub.calls.at(-1)!.searchParams.get('stage')).to.equal('exploration');
    expect(text(el, '[part~="filter-toggle"]')).to.contain('1 active');
    choose(el, '#f-paid', 'true');
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('paid') === 'true');
    choose(el, '#f-mode', 'virtual');
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('mode') === 'virtual');
    ($(el, '.toggles input') as HTMLInputElement).click();
    await waitUntil(() => !stub!.calls.at(-1)!.searchParams.has('open'));
    expect(text(el, '[part~="filter-toggle"]')).to.contain('4 active');
  });

  it('shows facet counts next to the filter options', async () => {
    stub = catalogue();
    const el = await board();
    expect(text(el, '.stages')).to.contain('Career exploration (2)');
    expect(text(el, '.stages')).to.contain('Career training (0)');
    const cluster = [...select(el, '#f-cluster').options].map((o) => o.textContent);
    expect(cluster).to.include('Healthcare & Human Services (30)');
    // Types list only those with results.
    const types = [...select(el, '#f-type').options].map((o) => o.textContent);
    expect(types).to.deep.equal(['All types', 'Paid internship (30)']);
  });

  it('sends preset filters from its attributes and shows a preset of several codes in its select', async () => {
    stub = catalogue();
    const el = await board('stage="preparation" cluster="healthcare_human_services,education" mode="in_person,hybrid" paid="true" grade="11"');
    const params = stub.calls[0]!.searchParams;
    expect(params.get('stage')).to.equal('preparation');
    expect(params.get('cluster')).to.equal('healthcare_human_services,education');
    expect(params.get('mode')).to.equal('in_person,hybrid');
    expect(params.get('paid')).to.equal('true');
    expect(params.get('grade')).to.equal('11');
    const cluster = select(el, '#f-cluster');
    expect(cluster.selectedOptions[0]!.textContent).to.equal('Healthcare & Human Services, Education');
    expect(select(el, '#f-mode').selectedOptions[0]!.textContent).to.equal('In person, Hybrid');
    expect(($$(el, '.stages input')[2] as HTMLInputElement).checked).to.equal(true);
  });

  it('converts the distance filter to kilometres for the API', async () => {
    stub = catalogue();
    const el = await board();
    choose(el, '#f-radius', '10');
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('radius_km') === '16.09');
    expect(text(el, '#f-radius')).to.contain('Within 10 mi');
    stub.restore();
    stub = catalogue();
    const km = await board('units="km"');
    expect(text(km, '[part~="card"]')).to.contain('3.2 km from your school');
    choose(km, '#f-radius', '25');
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('radius_km') === '25');
    choose(km, '#f-sort', 'distance');
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('sort') === 'distance');
  });

  it('loads more with the cursor, appends, and moves focus to the first new card', async () => {
    stub = catalogue();
    const el = await board();
    expect(text(el, '.more')).to.contain('Showing 12 of 30');
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 24);
    expect(stub.calls.at(-1)!.searchParams.get('cursor')).to.equal('12');
    await el.updateComplete;
    expect(active(el)?.textContent).to.equal('Opportunity number 13');
    expect(text(el, '.more')).to.contain('Showing 24 of 30');
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 30);
    expect($(el, '[part~="load-more"]'), 'no more pages').to.equal(null);
  });

  it('shows a failed "Load more" beside the results and retries it', async () => {
    let fail = true;
    stub = stubFetch((url) => {
      if (url.searchParams.get('cursor')) {
        return fail ? json({ type: 'https://openwbl.org/problems/rate-limited', title: 'Too many requests', status: 429 }, 429) : json(page([summary(3)], 3));
      }
      return json(page([summary(1), summary(2)], 3, 'next'));
    });
    const el = await board();
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => $(el, '.more ~ [part~="error"]'));
    expect(text(el, '[part~="error"]')).to.contain('Too many requests');
    expect($$(el, '[part~="card"]'), 'the results stay').to.have.length(2);
    fail = false;
    ($(el, '[part~="error"] button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 3);
    expect($(el, '[part~="error"]')).to.equal(null);
  });

  it('opens the detail with focus on its heading, links it by hash, and Escape returns focus to the card', async () => {
    stub = catalogue();
    const el = await board();
    const link = $(el, '[data-id="opp_test_1"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('#opportunity=opp_test_1');
    link.focus();
    setTimeout(() => link.click());
    const selected = await oneEvent(el, 'wbl-opportunity-select');
    expect(selected.detail.opportunityId).to.equal('opp_test_1');
    expect(selected.detail.opportunity.title).to.equal('Certified Nursing Assistant Clinical Rotation');
    await waitUntil(() => active(el)?.id === 'detail-title', 'focus on the heading');
    expect(location.hash).to.equal('#opportunity=opp_test_1');
    expect($(el, '.results')!.hidden, 'the detail takes the list’s place').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(el, '[part~="detail"]'));
    await waitUntil(() => active(el)?.getAttribute('data-id') === 'opp_test_1', 'focus back on the card');
    await waitUntil(() => location.hash === '', 'the address no longer names it');
  });

  it('"Back to results" returns focus to the card that opened the detail', async () => {
    stub = catalogue();
    const el = await board();
    await openFirst(el);
    $(el, '[part~="back-button"]')!.click();
    await waitUntil(() => active(el)?.getAttribute('data-id') === 'opp_test_1', 'focus back on the card');
    await waitUntil(() => location.hash === '');
  });

  it('shows everything a student needs in the detail', async () => {
    stub = catalogue();
    const el = await board();
    await openFirst(el);
    const d = text(el, '[part~="detail"]');
    for (const fact of [
      'Spend supervised clinical hours',
      'Take and record vital signs',
      'Communication',
      'vital signs',
      'Tuesdays and Thursdays',
      '6 hours a week',
      'After school',
      'Apply by Dec 15',
      '4445 Magnolia Avenue',
      'Route 1 stops out front.',
      'Grades 10–12',
      'Age 16 or older',
      '3 students',
      'Background check',
      'Parent or guardian consent',
      'TB test',
      '$17.50/hr',
      'A community hospital.',
      '2 mi from your school',
    ]) {
      expect(d, fact).to.contain(fact);
    }
    const map = $(el, 'a[href^="https://www.openstreetmap.org/"]') as HTMLAnchorElement;
    expect(map.href).to.contain('mlat=33.96&mlon=-117.39');
    expect(map.textContent).to.contain('(opens in a new tab)');
    // safeHref hands back the parsed (normalised) address, hence the trailing slash.
    expect(($(el, 'a[href="https://arroyo.example/"]') as HTMLAnchorElement).rel).to.equal('noopener');
  });

  it('opens the opportunity named in the address on load', async () => {
    stub = catalogue();
    history.replaceState(null, '', '#opportunity=opp_test_1');
    const el = await fixture<WblOpportunityBoard>('<wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board>');
    await waitUntil(() => $(el, '#detail-title'), 'the detail opens');
    expect(text(el, '#detail-title')).to.equal('Certified Nursing Assistant Clinical Rotation');
    await waitUntil(() => active(el)?.id === 'detail-title');
    // The results load behind it, so "Back to results" has something to show.
    $(el, '[part~="back-button"]')!.click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 12);
    expect(location.hash).to.equal('');
  });

  it('opens an opportunity when the address changes to name one', async () => {
    stub = catalogue();
    const el = await board();
    location.hash = 'opportunity=opp_test_1';
    await waitUntil(() => $(el, '#detail-title'), 'the detail opens on hashchange');
    history.back();
    await waitUntil(() => !$(el, '[part~="detail"]'), 'Back in the browser closes it');
  });

  it('says so when the linked opportunity is not there', async () => {
    stub = stubFetch((url) =>
      url.pathname.includes('opp_gone')
        ? json({ type: 'https://openwbl.org/problems/not-found', title: 'Not found', status: 404, detail: 'No published opportunity has that id here.' }, 404)
        : json(page([summary(1)], 1)),
    );
    history.replaceState(null, '', '#opportunity=opp_gone');
    const el = await fixture<WblOpportunityBoard>('<wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board>');
    await waitUntil(() => $(el, '[part~="detail"] [part~="error"]'));
    expect(text(el, '[part~="detail"]')).to.contain('We couldn’t load this opportunity.');
    expect(text(el, '[part~="detail"]')).to.contain('No published opportunity has that id here.');
  });

  it('dispatches wbl-opportunity-apply with the id, then offers the next step', async () => {
    stub = catalogue();
    const el = await board();
    await openFirst(el);
    setTimeout(() => $(el, '[part~="apply-button"]')!.click());
    const applied = await oneEvent(el, 'wbl-opportunity-apply');
    expect(applied.detail.opportunityId).to.equal('opp_test_1');
    expect(applied.detail.opportunity.id).to.equal('opp_test_1');
    expect(applied.bubbles && applied.composed && applied.cancelable).to.equal(true);
    // Without <wbl-placement-form> on the page, the board says how to apply.
    await waitUntil(() => $(el, '.apply-help'));
  });

  it('leaves applying to the host page when it cancels wbl-opportunity-apply', async () => {
    stub = catalogue();
    const el = await board();
    el.addEventListener('wbl-opportunity-apply', (e) => e.preventDefault());
    await openFirst(el);
    $(el, '[part~="apply-button"]')!.click();
    await el.updateComplete;
    expect($(el, '.apply-help')).to.equal(null);
  });

  it('works by keyboard alone, with targets of at least 24 px', async () => {
    stub = catalogue();
    const el = await board('match');
    const visible = $$(el, 'a, button, select, input').filter((c) => c.getClientRects().length > 0);
    for (const control of visible) {
      const box = control.getBoundingClientRect();
      expect(Math.min(box.width, box.height), control.outerHTML.slice(0, 80)).to.be.at.least(24);
    }
    // Space toggles a stage filter.
    ($$(el, '.stages input')[1] as HTMLInputElement).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('stage') === 'exploration');
    await waitUntil(() => $$(el, '[part~="card"]').length === 2);
    // Enter opens a card; Tab reaches Apply; Escape goes back to the card.
    ($(el, '[data-id="opp_test_1"]') as HTMLAnchorElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.id === 'detail-title', 'Enter opens the detail');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('apply-button');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => active(el)?.getAttribute('data-id') === 'opp_test_1', 'Escape returns to the card');
    // Shift+Tab from the first card reaches the sort order.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(active(el)?.id).to.equal('f-sort');
    // Enter in the search box searches at once.
    ($(el, '#search') as HTMLInputElement).focus();
    await sendKeys({ type: 'Opportunity number 7' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('q') === 'Opportunity number 7', 'Enter searches', { timeout: 250 });
  });

  it('speaks Spanish: labels, plurals, money and dates', async () => {
    stub = catalogue();
    const el = await board('lang="es"');
    expect(text(el, '[part~="result-count"]')).to.equal('30 oportunidades');
    expect(text(el, 'label[for="search"]')).to.equal('Buscar oportunidades');
    expect(text(el, 'label[for="f-cluster"]')).to.equal('Grupo profesional');
    expect($(el, '[part~="list"]')!.getAttribute('aria-label')).to.equal('Oportunidades');
    const card = text(el, '[part~="card"]');
    expect(card).to.contain('Salud y servicios humanos');
    expect(card).to.contain('Preparación para la carrera');
    expect(card).to.match(/Solicita antes del 15 dic/);
    expect(card).to.match(/17\.50\/hora/);
    expect(card).to.contain('de tu escuela');
    expect(text(el, '.more')).to.contain('Mostrando 12 de 30');
    const input = $(el, '#search') as HTMLInputElement;
    input.value = 'Certified';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => text(el, '[part~="result-count"]') === '1 oportunidad', 'the singular');
  });

  it('takes its language from the page when it has no lang of its own', async () => {
    stub = catalogue();
    const wrap = await fixture<HTMLDivElement>(
      '<div lang="es-MX"><wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board></div>',
    );
    const el = wrap.firstElementChild as WblOpportunityBoard;
    await settled(el);
    expect(text(el, 'label[for="search"]')).to.equal('Buscar oportunidades');
  });

  it('shows the problem title and detail, and "Try again" retries successfully', async () => {
    let fail = true;
    stub = stubFetch(() =>
      fail
        ? json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503, detail: 'The database is busy.' }, 503)
        : json(page([summary(1)], 1)),
    );
    // The event is composed and bubbles, so the page sees it.
    const errors: WblOpportunityBoardErrorEvent[] = [];
    const collect = (e: WblOpportunityBoardErrorEvent) => errors.push(e);
    document.addEventListener('wbl-opportunity-board-error', collect);
    const el = await board().finally(() => document.removeEventListener('wbl-opportunity-board-error', collect));
    const error = $(el, '[part~="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('We couldn’t load opportunities.');
    expect(error.textContent).to.contain('Something went wrong on our side');
    expect(error.textContent).to.contain('The database is busy.');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.status).to.equal(503);
    expect(errors[0]!.detail.problem?.title).to.equal('Something went wrong on our side');
    fail = false;
    (error.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 1, 'the retry shows results');
    expect($(el, '[part~="error"]')).to.equal(null);
  });

  it('lists the fields of a validation problem', async () => {
    stub = stubFetch(() =>
      json(
        {
          type: 'https://openwbl.org/problems/validation',
          title: 'Your request has invalid fields',
          status: 400,
          errors: [{ path: 'radius_km', message: 'A radius needs a point: send near=lat,lng' }],
        },
        400,
      ),
    );
    const el = await board();
    expect(text(el, '[part~="error"]')).to.contain('A radius needs a point: send near=lat,lng');
  });

  it('explains a network failure in plain words', async () => {
    stub = stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const el = await board('lang="es"');
    expect(text(el, '[part~="error"]')).to.contain('Revisa tu conexión e inténtalo de nuevo.');
    expect(text(el, '[part~="error"] button')).to.equal('Intentar de nuevo');
  });

  it('says when nothing matches and clears the filters and the search', async () => {
    stub = stubFetch((url) => json(url.searchParams.get('type') || url.searchParams.get('q') ? page([], 0) : page([summary(1)], 1)));
    const el = await board('type="apprenticeship"');
    expect(text(el, '[part~="empty"]')).to.contain('No opportunities match these filters.');
    const input = $(el, '#search') as HTMLInputElement;
    input.value = 'welding';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('q') === 'welding');
    ($(el, '[part~="empty"] button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '[part~="card"]').length === 1);
    const last = stub.calls.at(-1)!.searchParams;
    expect(last.has('type') || last.has('q')).to.equal(false);
    expect(input.value).to.equal('');
    expect(el.type).to.equal('');
  });

  it('ranks matches for a student’s interests and shows the reasons', async () => {
    stub = stubFetch((url, init) => {
      if (url.pathname.endsWith('/match')) {
        const body = JSON.parse(String(init!.body));
        expect(init!.method).to.equal('POST');
        expect(body).to.deep.equal({
          clusters: ['healthcare_human_services'],
          skills: ['communication'],
          availability: ['after_school'],
          grade: 11,
          travel: 'public_transit',
          maxDistanceKm: 16.1,
          paid: 'preferred',
          locale: 'en',
          limit: 10,
        });
        return json({
          items: [{ opportunity: summary(1), score: 70, reasons: [{ code: 'cluster', text: 'Matches your interest in Healthcare & Human Services' }] }],
        });
      }
      return json(url.pathname.endsWith('/opp_test_1') ? detail(1) : page([summary(1)], 1));
    });
    const el = await board('match');
    const toggle = $(el, '.match > button')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    ($(el, 'input[name="clusters"][value="healthcare_human_services"]') as HTMLInputElement).click();
    ($(el, 'input[name="skills"][value="communication"]') as HTMLInputElement).click();
    ($(el, 'input[name="availability"][value="after_school"]') as HTMLInputElement).click();
    select(el, '#m-grade').value = '11';
    select(el, '#m-travel').value = 'public_transit';
    select(el, '#m-far').value = '10';
    select(el, '#m-paid').value = 'preferred';
    ($(el, '#match-form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => $(el, '.matches [part~="card"]'));
    expect(text(el, '.matches')).to.contain('Matches your interest in Healthcare & Human Services');
    expect(text(el, '.match-count')).to.equal('1 match');
    // A match opens like any card.
    ($(el, '.matches [data-id="opp_test_1"]') as HTMLAnchorElement).click();
    await waitUntil(() => $(el, '#detail-title'));
  });

  it('collapses the filters behind a toggle in a 320 px container', async () => {
    stub = catalogue();
    const wrap = await fixture<HTMLDivElement>(
      '<div style="width: 320px"><wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board></div>',
    );
    const el = wrap.firstElementChild as WblOpportunityBoard;
    await settled(el);
    const toggle = $(el, '[part~="filter-toggle"]')!;
    const bar = $(el, '[part~="filter-bar"]')!;
    expect(getComputedStyle(toggle).display).to.not.equal('none');
    expect(getComputedStyle(bar).display).to.equal('none');
    expect(toggle.getAttribute('aria-controls')).to.equal(bar.id);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(bar).display).to.equal('grid');
    expect(el.scrollWidth).to.be.at.most(320);
    expect(el.shadowRoot!.querySelector('.base')!.scrollWidth).to.be.at.most(320);
  });

  it('shows the filter bar without a toggle in a wide container', async () => {
    stub = catalogue();
    const wrap = await fixture<HTMLDivElement>(
      '<div style="width: 1000px"><wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board></div>',
    );
    const el = wrap.firstElementChild as WblOpportunityBoard;
    await settled(el);
    expect(getComputedStyle($(el, '[part~="filter-toggle"]')!).display).to.equal('none');
    expect(getComputedStyle($(el, '[part~="filter-bar"]')!).display).to.equal('grid');
  });

  it('loads again when it is moved while a request is in flight', async () => {
    stub = stubFetch(async () => {
      await delay(200);
      return json(page([summary(1)], 1));
    });
    const wrap = await fixture<HTMLDivElement>(
      '<div><wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board><section></section></div>',
    );
    const el = wrap.firstElementChild as WblOpportunityBoard;
    wrap.querySelector('section')!.appendChild(el);
    await settled(el);
    expect($$(el, '[part~="card"]')).to.have.length(1);
  });

  it('survives a second registration of the same tag', async () => {
    class Copy extends WblOpportunityBoard {}
    expect(() => WblOpportunityBoard.define('wbl-opportunity-board')).to.not.throw();
    expect(() => Copy.define('wbl-opportunity-board')).to.not.throw();
    expect(customElements.get('wbl-opportunity-board')).to.equal(WblOpportunityBoard);
  });
});
