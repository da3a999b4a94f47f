import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const consoleStyles = [
  baseStyles,
  css`
  :host { display: block; container-type: inline-size; }
  .base { display: grid; gap: var(--_space); min-width: 0; }
  h2 { margin: 0; font-size: 1.45rem; line-height: 1.25; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: var(--_focus); outline-offset: 4px; }
  .signin { display: grid; gap: .75rem; max-width: 26rem; width: 100%; margin-inline: auto; padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .signin p { margin: 0; }
  .product { color: var(--_muted); font-weight: 600; font-size: .9rem; text-transform: uppercase; letter-spacing: .06em; }
  .intro { color: var(--_muted); }
  form { display: grid; gap: .9rem; }
  .field { display: grid; gap: .3rem; }
  .field label { font-weight: 600; }
  input:not([type='checkbox']) { width: 100%; min-height: 2.6rem; padding: .45rem .6rem; border: 1px solid var(--_muted);
    border-radius: var(--_radius); background: var(--_surface); }
  .invalid input { border: 2px solid var(--_danger); }
  .error { margin: 0; color: var(--_danger); font-weight: 600; }
  .error::before { content: '⚠ '; }
  .check { display: flex; align-items: center; gap: .5rem; min-height: 24px; cursor: pointer; }
  .notice { padding: .6rem .85rem; border-radius: var(--_radius); background: var(--_subtle); border: 1px solid var(--_border); }
  .failure { padding: .75rem var(--_space); border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface);
    display: grid; gap: .5rem; justify-items: start; }
  .failure p { margin: 0; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem var(--_space);
    padding: .6rem var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .who { margin: 0; display: flex; flex-wrap: wrap; gap: .15rem .6rem; align-items: baseline; min-width: 0; }
  .role { color: var(--_muted); font-size: .92rem; }
  .layout { display: grid; gap: var(--_space); grid-template-columns: minmax(0, 1fr); align-items: start; }
  @container (min-width: 52rem) {
    .layout { grid-template-columns: var(--wbl-console-nav-width, 13rem) minmax(0, 1fr); }
    .nav ul { flex-direction: column; }
    .nav a { width: 100%; }
  }
  .nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
  .nav a { display: flex; align-items: center; min-height: 2.5rem; padding: .4rem .8rem; border-radius: var(--_radius);
    color: var(--_text); text-decoration: none; border: 1px solid var(--_border); background: var(--_surface); font-weight: 600; }
  .nav a:hover { border-color: var(--_primary); color: var(--_primary); }
  .nav a[aria-current='page'] { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); }
  .main { display: grid; gap: var(--_space); min-width: 0; }
  .loading { color: var(--_muted); margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .rules { color: var(--_muted); }
  .rules ul { margin: .25rem 0 0; padding-inline-start: 1.25rem; }
`,
];
