import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const formStyles = [
  baseStyles,
  css`
  :host { display: block; max-width: var(--wbl-form-max-width, 44rem); }
  .base { display: grid; gap: var(--_space); }
  .notice { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .6rem .85rem; border-radius: var(--_radius);
    background: var(--_subtle); border: 1px solid var(--_border); }
  .step-count { margin: 0; font-weight: 600; color: var(--_muted); }
  .progress { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; margin: .35rem 0 0; padding: 0; counter-reset: step; }
  .progress li { counter-increment: step; font-size: .85rem; padding: .2rem .6rem; border-radius: 999px; border: 1px solid var(--_border); background: var(--_surface); }
  .progress li::before { content: counter(step) '. '; }
  .progress li.current { border-color: var(--_primary); color: var(--_primary); font-weight: 700; }
  .progress li.done { background: var(--_subtle); }
  .summary { padding: var(--_space); border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface); }
  .summary h3 { margin: 0 0 .25rem; color: var(--_danger); font-size: 1.1rem; }
  .summary p { margin: 0 0 .25rem; }
  .summary ul { margin: 0; padding-left: 1.2rem; }
  .summary a { color: var(--_danger); font-weight: 600; }
  form { display: grid; gap: var(--_space); }
  .step { display: grid; gap: .9rem; margin: 0; padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); min-width: 0; }
  .step > legend { font-size: 1.2rem; font-weight: 700; padding: 0 .25rem; }
  .step-title:focus { outline: none; }
  .step-title:focus-visible { outline: var(--_focus); }
  .review h3 { margin: 0; font-size: 1.2rem; }
  .field { display: grid; gap: .3rem; min-width: 0; }
  .field > label, .group > legend { font-weight: 600; }
  .group { border: 0; padding: 0; margin: 0; }
  .options { display: grid; gap: .35rem .9rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr)); margin-top: .25rem; }
  .options label, .check label { display: flex; gap: .5rem; align-items: flex-start; min-height: 24px; cursor: pointer; }
  .options input, .check input { margin-top: .2rem; flex: none; }
  input:not([type='checkbox']), select, textarea {
    width: 100%; min-height: 2.6rem; padding: .45rem .6rem; border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface);
  }
  textarea { resize: vertical; }
  .invalid input:not([type='checkbox']), .invalid select, .invalid textarea { border: 2px solid var(--_danger); }
  .hint { margin: 0; color: var(--_muted); font-size: .9rem; }
  .error { margin: 0; color: var(--_danger); font-weight: 600; }
  .error::before { content: '⚠ '; }
  .optional { font-weight: 400; color: var(--_muted); }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; }
  .failure { padding: .75rem var(--_space); border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface); }
  .failure p { margin: 0; }
  .honeypot { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .review-step { display: grid; grid-template-columns: 1fr auto; align-items: baseline; gap: .25rem 1rem; border-top: 1px solid var(--_border); padding-top: .6rem; }
  .review-step h4 { margin: 0; }
  .review-step dl { grid-column: 1 / -1; margin: 0; display: grid; gap: .35rem; }
  .review-step dt { font-weight: 600; font-size: .9rem; }
  .review-step dd { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
  .receipt { padding: var(--_space); border: 2px solid var(--_success); border-radius: var(--_radius); background: var(--_surface); display: grid; gap: .5rem; }
  .receipt h3 { margin: 0; font-size: 1.25rem; }
  .receipt p { margin: 0; }
  .reference { font-size: 1.15rem; letter-spacing: .05em; }
`,
];
