import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const badgeStyles = [
  baseStyles,
  css`
  :host { display: block; max-width: 40rem; }
  :host([variant='compact']) { display: inline-block; }
  p, dl, dd, ul, pre { margin: 0; padding: 0; list-style: none; }
  a, summary { color: var(--_primary); }
  .card, .facts, .error { display: grid; gap: .75rem; }
  .card, .error, pre { padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); }
  .card, [popover] { background: var(--_surface); overflow-wrap: anywhere; }
  .card > * { min-width: 0; }
  .head, .status, .skills, .actions, li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .head > div { flex: 1 1 12rem; }
  .image { width: var(--wbl-badge-image-size, 6rem); height: var(--wbl-badge-image-size, 6rem); object-fit: contain; fill: var(--_muted); }
  .image circle { fill: var(--_primary); }
  .star { fill: var(--_on-primary); }
  .title { font-size: 1.25rem; font-weight: 700; }
  .issuer, details p, dt, label { color: var(--_muted); font-size: .9rem; }
  .icon { width: 1.25em; height: 1.25em; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; }
  .status { flex-wrap: nowrap; align-items: start; padding: .5rem .75rem; background: var(--_subtle); border-inline-start: 4px solid; color: var(--_muted); }
  .s-verified, .c-true { color: var(--_success); }
  .s-revoked, .s-invalid, .c-false, .error strong { color: var(--_danger); }
  .skills li { padding: 0 .6rem; border-radius: 1rem; background: var(--_subtle); }
  summary { min-height: 24px; }
  input { width: 100%; min-height: 2.5rem; }
  pre { max-height: 20rem; overflow: auto; font-size: .8rem; background: var(--_subtle); }
  .error { border-color: var(--_danger); justify-items: start; }
  .chip { border-radius: 2rem; padding-inline-start: .25rem; color: inherit; text-align: start; --wbl-badge-image-size: 2rem; }
  [popover] { width: min(40rem, 100vw - 1rem); max-height: calc(100dvh - 1rem); padding: 0; border: 0; border-radius: var(--_radius); color: inherit; }
  ::backdrop { background: #0008; }
  .close { display: flex; margin: .5rem .5rem 0 auto; }
`,
];
