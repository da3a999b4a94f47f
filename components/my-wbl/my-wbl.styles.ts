import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const myStyles = [
  baseStyles,
  css`
  :host { display: block; max-width: var(--wbl-my-max-width, 60rem); container-type: inline-size; }
  .base { display: grid; gap: var(--_space); min-width: 0; }
  h2, h3, h4, h5, h6 { margin: 0; line-height: 1.25; }
  h2 { font-size: 1.45rem; }
  h3 { font-size: 1.3rem; }
  h4 { font-size: 1.15rem; padding-bottom: .3rem; border-bottom: 2px solid var(--_border); }
  h5 { font-size: 1.05rem; }
  h6 { font-size: 1rem; }
  .form-title { font-weight: 700; }
  [tabindex='-1']:focus { outline: none; }
  [tabindex='-1']:focus-visible { outline: var(--_focus); outline-offset: 3px; }
  p { margin: 0; }
  .muted, .hint { color: var(--_muted); }
  .hint { font-size: .9rem; }
  .signin { display: grid; gap: .8rem; max-width: 30rem; width: 100%; padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  form { display: grid; gap: .8rem; }
  fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
  legend { font-weight: 600; padding: 0; margin-bottom: .3rem; }
  .choices { display: grid; gap: .35rem; }
  .field { display: grid; gap: .3rem; min-width: 0; }
  .field > label { font-weight: 600; }
  input:not([type='checkbox']):not([type='radio']), select, textarea { width: 100%; min-height: 2.6rem; padding: .45rem .6rem;
    border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface); }
  textarea { resize: vertical; }
  .invalid input:not([type='checkbox']):not([type='radio']), .invalid select, .invalid textarea { border: 2px solid var(--_danger); }
  .error { color: var(--_danger); font-weight: 600; }
  .error::before { content: '⚠ '; }
  .check { display: flex; align-items: flex-start; gap: .5rem; min-height: 24px; cursor: pointer; }
  .check input { margin-top: .2rem; flex: none; }
  .options { display: grid; gap: .35rem .9rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr)); }
  .notice, .done { padding: .6rem .85rem; border-radius: var(--_radius); background: var(--_subtle); border: 1px solid var(--_border); }
  .done { border-color: var(--_success); border-width: 2px; }
  .failure { padding: .75rem var(--_space); border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface);
    display: grid; gap: .5rem; justify-items: start; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem var(--_space);
    padding: .6rem var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .who { display: flex; flex-wrap: wrap; gap: .15rem .6rem; align-items: baseline; }
  .actions, .students { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .student { display: grid; gap: calc(var(--_space) * 1.25); }
  .section { display: grid; gap: .75rem; }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
  .item, .placement, .confirm, .subform, .stage { padding: .75rem var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius);
    background: var(--_surface); display: grid; gap: .45rem; }
  .item-head { display: flex; flex-wrap: wrap; gap: .3rem .75rem; justify-content: space-between; align-items: baseline; }
  .placement { gap: .9rem; }
  .placement-title { display: flex; flex-wrap: wrap; gap: .3rem .6rem; align-items: baseline; }
  .block { display: grid; gap: .6rem; }
  .subform { background: var(--_subtle); justify-items: stretch; }
  .subform > .actions, .subform > .failure { justify-self: start; }
  .row { display: grid; gap: .8rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); }
  .status { justify-self: start; display: inline-block; padding: .05rem .55rem; border-radius: 999px; border: 1px solid currentColor; font-size: .85rem; font-weight: 600; white-space: nowrap; }
  .status-offered, .status-pending, .status-reserved, .status-waitlisted { color: var(--_primary); }
  .status-approved, .status-attended, .status-confirmed, .status-active, .status-completed, .status-accepted { color: var(--_success); }
  .status-returned, .status-declined, .status-cancelled, .status-withdrawn, .status-missed { color: var(--_danger); }
  .note { color: var(--_danger); font-size: .9rem; margin-top: .2rem; }
  .facts, .totals { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: 0; }
  .facts dt, .totals dt { font-size: .85rem; color: var(--_muted); }
  .facts dd, .totals dd { margin: 0; font-weight: 600; }
  .totals dd { font-size: 1.2rem; }
  .table-wrap { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: .95rem; }
  th, td { text-align: start; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--_border); }
  th { background: var(--_subtle); }
  .nowrap { white-space: nowrap; }
  td .status { white-space: normal; border-radius: .6rem; }
  .agreement { white-space: pre-wrap; max-height: 18rem; overflow: auto; padding: .75rem; border: 1px solid var(--_border);
    border-radius: var(--_radius); background: var(--_surface); }
  .prose { white-space: pre-wrap; overflow-wrap: anywhere; }
  .continuum { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; counter-reset: stage; }
  .stage { counter-increment: stage; border-inline-start: 6px solid var(--_border); }
  .stage.reached { border-inline-start-color: var(--_primary); }
  .stage h5::before { content: counter(stage) '. '; }
  .stage ul { margin: 0; padding-inline-start: 1.2rem; }
  .loading { color: var(--_muted); }
  @container (min-width: 44rem) { .continuum { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
  @media print {
    :host { max-width: none; color: #000; }
    .no-print, .bar, button { display: none !important; }
    .item, .placement, .stage { break-inside: avoid; border-color: #999; }
    .continuum { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    .table-wrap { overflow: visible; }
  }
`,
];
