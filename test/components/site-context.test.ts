/// <reference types="mocha" />
// <wbl-site>: one site key, one API client and one taxonomy fetch for every widget inside it;
// a widget's own attributes win, and outside a <wbl-site> a widget is configured by its own.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../components/base/define-site.js';
import '../../components/event-calendar/define.js';
import '../../components/opportunity-board/define.js';
import '../../components/placement-form/define.js';
import type { WblEventCalendar } from '../../components/event-calendar/event-calendar.js';
import type { WblOpportunityBoard } from '../../components/opportunity-board/opportunity-board.js';
import type { WblPlacementForm } from '../../components/placement-form/placement-form.js';
import type { WblSite } from '../../components/base/site.js';
import { json, page, stubFetch, summary } from './fixtures.js';

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const TAXONOMY = { stages: [], clusters: [], types: [], skills: [], modes: [], compensation: [] };

/** A counting API: every request is recorded (form tokens too), with the key it carried. */
function api() {
  const seen: { path: string; key: string | null }[] = [];
  const s = stubFetch(
    (url, init) => {
      seen.push({ path: url.pathname, key: new Headers(init?.headers).get('X-Site-Key') });
      if (url.pathname.endsWith('/taxonomy')) return json(TAXONOMY);
      if (url.pathname.endsWith('/events')) return json({ items: [] });
      return json(page([summary(1)], 1));
    },
    { tokens: true },
  );
  return { ...s, seen };
}

const settled = (el: Element) => waitUntil(() => el.shadowRoot?.querySelector('[part~="card"], [part~="count"]')?.textContent?.trim(), 'the widget settles');

describe('<wbl-site>', () => {
  it('sets the key once for a board, a calendar and a form: one client, every request keyed, one taxonomy fetch', async () => {
    stub = api();
    const site = await fixture<WblSite>(`<wbl-site site-key="pk_site" api-base="https://api.example">
      <wbl-opportunity-board></wbl-opportunity-board>
      <wbl-event-calendar></wbl-event-calendar>
      <wbl-placement-form></wbl-placement-form>
    </wbl-site>`);
    const board = site.querySelector('wbl-opportunity-board') as WblOpportunityBoard;
    const calendar = site.querySelector('wbl-event-calendar') as WblEventCalendar;
    const form = site.querySelector('wbl-placement-form') as WblPlacementForm;
    await Promise.all([settled(board), settled(calendar), form.updateComplete]);
    await waitUntil(() => stub && (stub as ReturnType<typeof api>).seen.some((r) => r.path.includes('/forms/')), 'the form token');

    // One client for the three of them, pointed at the site's API with the site's key.
    expect(board._client).to.equal(calendar._client);
    expect(form._client).to.equal(board._client);
    expect(board._client.siteKey).to.equal('pk_site');
    expect(board._client.base).to.equal('https://api.example');

    const seen = (stub as ReturnType<typeof api>).seen;
    expect(seen.map((r) => r.path)).to.include.members(['/api/v1/opportunities', '/api/v1/events', '/api/v1/forms/host-offer/token']);
    for (const r of seen) expect(r.key, r.path).to.equal('pk_site');

    // The taxonomy: however many widgets ask, the site fetches it once.
    const asked = await Promise.all([board, calendar, form].map((el) => el._site.value!.taxonomy()));
    expect(asked[0]).to.deep.equal(TAXONOMY);
    expect(seen.filter((r) => r.path.endsWith('/taxonomy'))).to.have.length(1);
  });

  it('lets a widget’s own site-key and api-base win, and tells the widgets when the site changes', async () => {
    stub = api();
    const site = await fixture<WblSite>(`<wbl-site site-key="pk_site" api-base="https://api.example">
      <wbl-opportunity-board site-key="pk_own"></wbl-opportunity-board>
      <wbl-event-calendar api-base="https://other.example"></wbl-event-calendar>
    </wbl-site>`);
    const board = site.querySelector('wbl-opportunity-board') as WblOpportunityBoard;
    const calendar = site.querySelector('wbl-event-calendar') as WblEventCalendar;
    await Promise.all([settled(board), settled(calendar)]);
    expect(board._client.siteKey).to.equal('pk_own');
    expect(board._client.base).to.equal('https://api.example');
    expect(calendar._client.siteKey).to.equal('pk_site');
    expect(calendar._client.base).to.equal('https://other.example');

    const seen = (stub as ReturnType<typeof api>).seen;
    const before = seen.length;
    site.setAttribute('site-key', 'pk_new');
    await waitUntil(() => seen.slice(before).some((r) => r.path.endsWith('/events')), 'the calendar loads again for the new site');
    expect(seen.slice(before).find((r) => r.path.endsWith('/events'))!.key).to.equal('pk_new');
    // The board keeps its own key and does not reload.
    expect(seen.slice(before).some((r) => r.path.endsWith('/opportunities'))).to.equal(false);
  });

  it('gives its lang to the widgets inside, unless they set their own', async () => {
    stub = api();
    const site = await fixture<WblSite>(`<wbl-site site-key="pk_site" api-base="https://api.example" lang="es">
      <wbl-opportunity-board></wbl-opportunity-board>
      <wbl-opportunity-board lang="en"></wbl-opportunity-board>
    </wbl-site>`);
    const [es, en] = [...site.querySelectorAll('wbl-opportunity-board')] as WblOpportunityBoard[];
    await Promise.all([settled(es!), settled(en!)]);
    expect(es!.shadowRoot!.querySelector('label[for="search"]')!.textContent).to.not.equal(en!.shadowRoot!.querySelector('label[for="search"]')!.textContent);
    expect(es!.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('es');
    expect(en!.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('en');
  });

  it('leaves a widget outside any <wbl-site> to its own attributes', async () => {
    stub = api();
    const board = await fixture<WblOpportunityBoard>('<wbl-opportunity-board site-key="pk_alone" api-base="https://api.example"></wbl-opportunity-board>');
    await settled(board);
    expect(board._site.value).to.equal(undefined);
    expect((stub as ReturnType<typeof api>).seen.every((r) => r.key === 'pk_alone')).to.equal(true);
  });
});
