import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

/** Status badges, shared by the sections and the cells of their tables. */
export const badgeStyles = css`
  .badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .82rem; font-weight: 600; white-space: nowrap;
    background: var(--_subtle); border: 1px solid var(--_border); color: var(--_text); }
  .badge.good { border-color: var(--_success); color: var(--_success); }
  .badge.bad { border-color: var(--_danger); color: var(--_danger); }
  .badge.wait { border-color: #b54708; color: #8a3a06; }
`;

/** What every section shares: toolbars, the detail pane, forms, notices. */
export const sectionStyles = [
  baseStyles,
  badgeStyles,
  css`
  :host { display: grid; gap: var(--_space); min-width: 0; container-type: inline-size; }
  h3 { margin: 0; font-size: 1.2rem; line-height: 1.3; }
  h4 { margin: .5rem 0 0; font-size: 1.02rem; }
  p { margin: 0; }
  h3:focus, h4:focus { outline: none; }
  h3:focus-visible, h4:focus-visible { outline: var(--_focus); outline-offset: 3px; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: end; gap: .6rem 1rem; }
  .toolbar .field { flex: 0 1 14rem; }
  .split { display: grid; gap: var(--_space); min-width: 0; }
  /* The detail takes the list's place in a narrow container, and sits beside it in a wide one. */
  .split.with-pane > wbl-console-table { display: none; }
  @container (min-width: 80rem) {
    .split.with-pane { grid-template-columns: minmax(0, 1fr) minmax(0, 30rem); align-items: start; }
    .split.with-pane > wbl-console-table { display: grid; }
  }
  .pane { display: grid; gap: .75rem; padding: var(--_space); border: 2px solid var(--_primary); border-radius: var(--_radius);
    background: var(--_surface); min-width: 0; }
  .pane-head { display: flex; align-items: start; justify-content: space-between; gap: .5rem; }
  .pane-head h3 { overflow-wrap: anywhere; }
  dl.facts { display: grid; grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr); gap: .35rem .9rem; margin: 0; }
  dl.facts dt { font-weight: 600; color: var(--_muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-line; }
  @container (max-width: 24rem) { dl.facts { grid-template-columns: minmax(0, 1fr); } dl.facts dd { margin-bottom: .35rem; } }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .button.danger { background: var(--_danger); border-color: var(--_danger); color: #fff; }
  .button.danger.secondary { background: var(--_surface); color: var(--_danger); }
  .button.small { min-height: 2rem; padding: .2rem .7rem; font-size: .92rem; }
  form.grid { display: grid; gap: .8rem; }
  .row { display: grid; gap: .8rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)); }
  .field { display: grid; gap: .25rem; min-width: 0; align-content: start; }
  .field > label, fieldset > legend { font-weight: 600; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0; padding: .6rem .8rem; min-width: 0; }
  .checks { display: flex; flex-wrap: wrap; gap: .35rem 1rem; }
  .checks label, label.check { display: inline-flex; align-items: center; gap: .45rem; min-height: 24px; cursor: pointer; }
  input:not([type='checkbox']):not([type='radio']), select, textarea {
    width: 100%; min-height: 2.5rem; padding: .4rem .6rem; border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface); }
  textarea { resize: vertical; min-height: 5rem; }
  .invalid input, .invalid select, .invalid textarea { border: 2px solid var(--_danger); }
  .hint { color: var(--_muted); font-size: .9rem; }
  .error { color: var(--_danger); font-weight: 600; }
  .problem { padding: .75rem var(--_space); border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface);
    display: grid; gap: .4rem; justify-items: start; }
  .problem ul { margin: 0; padding-left: 1.2rem; }
  .ok-note { padding: .6rem .85rem; border: 2px solid var(--_success); border-radius: var(--_radius); background: var(--_surface); }
  .muted { color: var(--_muted); }
  .tabs { display: flex; flex-wrap: wrap; gap: .3rem; }
  .tabs button { min-height: 2.25rem; padding: .25rem .75rem; border-radius: 999px; border: 1px solid var(--_border); background: var(--_surface); cursor: pointer; }
  .tabs button[aria-pressed='true'] { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); font-weight: 600; }
  .copy-row { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
  .copy-row code, pre { overflow-wrap: anywhere; white-space: pre-wrap; background: var(--_subtle); padding: .15rem .4rem; border-radius: 4px; font-size: .88rem; }
  pre { margin: 0; padding: .6rem .75rem; max-height: 16rem; overflow: auto; }
  ul.plain { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
  /* Visually hidden text inside a scrolling table is clipped with it, not left sticking out of the page. */
  .scroll { position: relative; }
`,
];
