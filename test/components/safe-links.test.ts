/// <reference types="mocha" />
/**
 * A stored link is rendered as a link only when it is http(s). Each widget is fed, by a fake
 * API, the `javascript:`, `data:` and `vbscript:` links an attacker could have slipped into the
 * database, and no anchor (nor any other attribute) may carry them; the http(s) ones still work.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../components/opportunity-board/define.js';
import '../../components/event-calendar/define.js';
import '../../components/skills-badge/define.js';
import { safeHref } from '../../components/base/safe-url.js';
import { calendarDetail, calendarEvent } from './event-fixtures.js';
import { API, CRED_ID, answer, credential, verification } from './badge-fixtures.js';
import { detail, json, page, stubFetch, summary } from './fixtures.js';

const HOSTILE = ['javascript:alert(document.domain)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];

let stub: ReturnType<typeof stubFetch> | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
  history.replaceState(null, '', location.pathname + location.search);
});

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];

/** Every attribute of every element in the shadow root that holds a non-web scheme. */
function unsafeAttributes(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('*')].flatMap((node) =>
    [...node.attributes].filter((a) => /^\s*(javascript|data:text|vbscript)/i.test(a.value)).map((a) => `<${node.localName} ${a.name}="${a.value}">`),
  );
}

const anchors = (el: Element) => $$(el, 'a[href]') as HTMLAnchorElement[];

describe('safeHref', () => {
  it('keeps http and https links and drops every other scheme', () => {
    expect(safeHref('https://arroyo.example/careers')).to.equal('https://arroyo.example/careers');
    expect(safeHref('http://plain.example')).to.equal('http://plain.example/');
    for (const url of [...HOSTILE, 'ftp://files.example/x', 'not a url', '', null, undefined]) expect(safeHref(url), String(url)).to.equal(undefined);
  });
});

describe('the opportunity board renders a stored employer website only when it is http(s)', () => {
  async function detailWith(website: string) {
    stub = stubFetch((url) =>
      url.pathname.endsWith('/opportunities/opp_test_1') ? json(detail(1, { employer: { ...detail(1).employer, website } })) : json(page([summary(1)], 1)),
    );
    const el = await fixture(`<wbl-opportunity-board site-key="pk_test" api-base="https://api.example"></wbl-opportunity-board>`);
    await waitUntil(() => $(el, '[data-id="opp_test_1"]'), 'the card');
    ($(el, '[data-id="opp_test_1"]') as HTMLAnchorElement).click();
    await waitUntil(() => $(el, '#detail-title'), 'the detail');
    return el;
  }

  for (const website of HOSTILE) {
    it(`no link for ${website}`, async () => {
      const el = await detailWith(website);
      expect(anchors(el).map((a) => a.getAttribute('href'))).to.not.include(website);
      expect(unsafeAttributes(el)).to.deep.equal([]);
      expect(
        anchors(el).every((a) => a.getAttribute('href')!.startsWith('#') || /^https?:\/\//.test(a.href)),
        'every link is web or in-page',
      ).to.equal(true);
    });
  }

  it('still links an https website', async () => {
    const el = await detailWith('https://arroyo.example/careers');
    expect(anchors(el).some((a) => a.href === 'https://arroyo.example/careers')).to.equal(true);
  });
});

describe('the event calendar renders a stored meeting link and organizer link only when they are http(s)', () => {
  const realNow = Date.now;
  before(() => {
    const offset = Date.parse('2027-01-15T20:00:00Z') - realNow();
    Date.now = () => realNow() + offset;
  });
  after(() => {
    Date.now = realNow;
  });

  async function eventWith(url: string) {
    const e = calendarEvent('evt_panel', {
      title: 'Virtual Careers Panel',
      virtual: true,
      location: null,
      startsAt: '2027-03-15T01:00:00.000Z',
      endsAt: '2027-03-15T02:00:00.000Z',
    });
    stub = stubFetch((u) => {
      if (u.pathname.endsWith('/events')) return json({ items: [e] });
      return json(calendarDetail(e, { virtualUrl: url, organizer: { name: 'Riverside Unified School District', url } }));
    });
    const el = await fixture(`<wbl-event-calendar site-key="pk_test" api-base="https://api.example" month="2027-03" view="agenda"></wbl-event-calendar>`);
    await waitUntil(() => $$(el, '[part~="event-title"]').length, 'the agenda');
    $$(el, '[part~="event-title"]')[0]!.click();
    await waitUntil(() => $(el, '#detail-title'), 'the detail');
    return el;
  }

  for (const url of HOSTILE) {
    it(`no link for ${url}`, async () => {
      const el = await eventWith(url);
      expect(anchors(el).map((a) => a.getAttribute('href'))).to.not.include(url);
      expect(unsafeAttributes(el)).to.deep.equal([]);
      expect(el.shadowRoot!.textContent).to.include('Riverside Unified School District');
    });
  }

  it('still links an https meeting', async () => {
    const el = await eventWith('https://meet.example/panel');
    expect(anchors(el).filter((a) => a.href === 'https://meet.example/panel').length).to.equal(2);
  });
});

describe('the skills badge renders a stored issuer link only when it is http(s)', () => {
  async function badgeWith(url: string) {
    const c = credential({ issuer: { id: url, type: ['Profile'], name: 'Riverside Unified School District', url } });
    c.evidence = [{ id: url, type: ['Evidence'], name: 'Clinical rotation', narrative: '120 hours' }];
    const body = answer('Sofia', c);
    body.display.issuerUrl = url;
    stub = stubFetch((u) => (u.pathname === '/api/v1/credentials/verify' ? json(verification('verified')) : json(body)));
    const el = await fixture(`<wbl-skills-badge api-base="${API}" credential-id="${CRED_ID}"></wbl-skills-badge>`);
    await waitUntil(() => (el.shadowRoot!.textContent ?? '').includes('Riverside Unified School District'), 'the badge');
    return el;
  }

  for (const url of HOSTILE) {
    it(`no link for ${url}`, async () => {
      const el = await badgeWith(url);
      expect(anchors(el).map((a) => a.getAttribute('href'))).to.not.include(url);
      expect(unsafeAttributes(el)).to.deep.equal([]);
    });
  }

  it('still links an https issuer', async () => {
    const el = await badgeWith('https://riversideunified.example');
    expect(anchors(el).some((a) => a.href === 'https://riversideunified.example/')).to.equal(true);
  });
});
