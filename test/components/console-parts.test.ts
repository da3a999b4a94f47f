/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/define.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import { application, fakeApi, signedInRoutes, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, $ } from './console-dom.js';

/**
 * The parts inside the console's sections (their tables, dialogs and buttons, each in a shadow
 * root of its own) are forwarded up with `exportparts`, so a page styles them with
 * `wbl-coordinator-console::part(…)`.
 */

let stub: ReturnType<typeof fakeApi> | undefined;
let sheet: HTMLStyleElement | undefined;
cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
  sheet?.remove();
  sheet = undefined;
});

const PAGE_CSS = `
  wbl-coordinator-console::part(table) { outline-color: rgb(1, 2, 3); }
  wbl-coordinator-console::part(dialog) { outline-color: rgb(4, 5, 6); }
  wbl-coordinator-console::part(transition-button) { outline-color: rgb(7, 8, 9); }
  wbl-coordinator-console::part(detail) { outline-color: rgb(10, 11, 12); }
  wbl-coordinator-console::part(confirm-button) { outline-color: rgb(13, 14, 15); }
`;

const outline = (el: Element | null | undefined) => (el ? getComputedStyle(el).outlineColor : 'missing');

describe('console: parts reach the page', function () {
  this.timeout(30_000);
  it("styles a section's table, detail pane, buttons and confirmation dialog through ::part", async () => {
    const style = document.createElement('style');
    style.textContent = PAGE_CSS;
    document.head.appendChild(style);
    sheet = style;
    const detail = application();
    stub = fakeApi({
      ...signedInRoutes('coordinator'),
      'GET /admin/applications': () => json({ items: [], nextCursor: null }),
      'GET /admin/applications/:id': () => json(detail),
      'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
    });
    history.replaceState(null, '', `${location.pathname}#placements/app_t_1`);
    const el = await fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang="en"></wbl-coordinator-console>`);
    const input = (sel: string, value: string) => {
      const i = $<HTMLInputElement>(el, sel)!;
      i.value = value;
      i.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    input('#signin-email', USERS.coordinator.email);
    input('#signin-password', 'riverside-demo');
    $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
    await waitUntil(() => $(el, 'wbl-console-placements'), 'the section loads', { timeout: 20000 });
    const section = $(el, 'wbl-console-placements')!;
    await waitUntil(() => $(section, '[part~="transition-button"]'), 'the placement opens', { timeout: 10000 });

    const table = $(section, 'wbl-console-table')!;
    await waitUntil(() => table.shadowRoot?.querySelector('[part~="table"]'), 'the table renders');
    expect(outline(table.shadowRoot!.querySelector('[part~="table"]'))).to.equal('rgb(1, 2, 3)');
    expect(outline($(section, '[part~="transition-button"]'))).to.equal('rgb(7, 8, 9)');
    expect(outline($(section, '[part~="detail"]'))).to.equal('rgb(10, 11, 12)');

    const confirm = $(section, 'wbl-console-confirm')!;
    await waitUntil(() => confirm.shadowRoot?.querySelector('[part~="dialog"]'), 'the dialog renders');
    expect(outline(confirm.shadowRoot!.querySelector('[part~="dialog"]'))).to.equal('rgb(4, 5, 6)');
    // The button that goes ahead shows once the dialog asks something.
    void (confirm as HTMLElement & { ask(o: object): Promise<boolean> }).ask({
      title: 'Withdraw?',
      body: 'It ends.',
      confirm: 'Withdraw',
      cancel: 'Keep',
      danger: true,
    });
    await waitUntil(() => confirm.shadowRoot!.querySelector('[part~="confirm-button"]'), 'the dialog asks');
    expect(outline(confirm.shadowRoot!.querySelector('[part~="confirm-button"]'))).to.equal('rgb(13, 14, 15)');
    confirm.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.click();
  });
});
