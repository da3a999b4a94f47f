import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const boardStyles = [
  baseStyles,
  css`
  :host {
    display: block;
    /* The board answers to the width it is given, not the viewport's. */
    container: wbl-board / inline-size;
    min-height: var(--wbl-board-min-height, 32rem);
  }
  .base, .results { display: grid; gap: calc(var(--_space) * .75); }
  .base > *, .results > * { min-width: 0; }

  .search { display: grid; gap: .25rem; }
  .search-row { display: flex; gap: .5rem; flex-wrap: wrap; }
  #search {
    flex: 1 1 10rem; min-width: 0; min-height: 2.75rem; padding: .5rem .75rem;
    border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface);
  }
  select {
    min-height: 2.5rem; padding: .35rem .5rem; border: 1px solid var(--_muted); border-radius: var(--_radius);
    background: var(--_surface); max-width: 100%; width: 100%;
  }
  label { font-weight: 600; font-size: .9rem; }
  .check { display: inline-flex; align-items: center; gap: .45rem; font-weight: 400; min-height: 24px; cursor: pointer; }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { font-weight: 600; font-size: .9rem; padding: 0; margin-bottom: .25rem; }

  /* Disclosure buttons show their state by shape as well as by aria-expanded. */
  .filter-toggle::after, .disclosure::after {
    content: ''; width: .45em; height: .45em; margin-inline-start: .15rem;
    border: solid currentColor; border-width: 0 2px 2px 0; transform: translateY(-.15em) rotate(45deg);
  }
  [aria-expanded='true'].filter-toggle::after, [aria-expanded='true'].disclosure::after { transform: translateY(.1em) rotate(-135deg); }
  .pill { font-size: .8rem; padding: 0 .45rem; border-radius: 999px; background: var(--_primary); color: var(--_on-primary); }

  .filters {
    display: none; gap: .75rem 1rem; padding: var(--_space); border: 1px solid var(--_border);
    border-radius: var(--_radius); background: var(--_surface);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
  }
  .filters.open { display: grid; }
  .filters .stages, .filters .toggles { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .35rem 1.1rem; align-items: center; }
  .filters .stages legend { width: 100%; }
  .field { display: grid; gap: .2rem; align-content: start; min-width: 0; }
  .clear { justify-self: start; grid-column: 1 / -1; }
  @container wbl-board (min-width: 48rem) {
    .filter-toggle { display: none; }
    .filters { display: grid; }
  }

  .summary { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem 1rem; }
  .summary p { margin: 0; font-weight: 600; }
  .sort { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .5rem; }
  .sort label { white-space: nowrap; }
  .sort select { width: auto; }

  .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); }
  .cards > li { display: flex; min-width: 0; }
  /* Offscreen cards skip layout and paint until they scroll near. */
  .cards:not(.matches) > li { content-visibility: auto; contain-intrinsic-size: auto 15rem; }
  .cards[aria-busy='true']:not(.skeleton) { opacity: .6; transition: opacity .2s; }
  .card {
    flex: 1; min-width: 0; display: flex; flex-direction: column; gap: .35rem; padding: var(--_space);
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow-wrap: anywhere;
  }
  .card:focus-within { border-color: var(--_primary); box-shadow: 0 0 0 1px var(--_primary); }
  .card-title { margin: 0; font-size: 1.1rem; line-height: 1.3; }
  .card-title a { color: var(--_primary); text-decoration: none; display: inline-block; min-height: 24px; padding-block: 1px; }
  .card-title a:hover { text-decoration: underline; }
  .employer { margin: 0; color: var(--_muted); }
  .badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; }
  .badge { font-size: .8rem; padding: .1rem .5rem; border-radius: 999px; background: var(--_subtle); color: var(--_text); border: 1px solid var(--_border); }
  .meta { list-style: none; margin: auto 0 0; padding: .5rem 0 0; display: grid; gap: .15rem; font-size: .92rem; border-top: 1px solid var(--_border); }
  .deadline.closed, .closed { color: var(--_danger); font-weight: 600; }
  .why p { margin: 0; font-size: .85rem; font-weight: 600; }
  .reasons { margin: .15rem 0 0; padding-left: 1.1rem; font-size: .92rem; }

  .placeholder { min-height: 11rem; display: grid; gap: .6rem; align-content: start; }
  .placeholder span { display: block; height: .9rem; border-radius: 4px; background: var(--_subtle); animation: pulse 1.4s ease-in-out infinite; }
  .placeholder span:nth-child(1) { width: 40%; }
  .placeholder span:nth-child(2) { width: 85%; height: 1.2rem; }
  .placeholder span:nth-child(3) { width: 60%; }
  @keyframes pulse { 50% { opacity: .45; } }

  .more { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; }
  .more p { margin: 0; color: var(--_muted); }
  .button[aria-disabled='true'] { opacity: .6; cursor: progress; }
  .empty, .error { padding: var(--_space); border: 1px dashed var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .error { border: 1px solid var(--_danger); border-inline-start-width: 4px; }
  .error strong { color: var(--_danger); }
  .empty p, .error p, .error ul { margin: 0 0 .5rem; }

  .detail { display: grid; gap: .5rem; padding: var(--_space); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow-wrap: anywhere; }
  .detail > * { min-width: 0; }
  .detail h3 { margin: 0; font-size: 1.45rem; line-height: 1.25; }
  .detail h3:focus { outline: none; }
  .detail h3:focus-visible { outline: var(--_focus); outline-offset: 2px; }
  .detail h4 { margin: .75rem 0 0; font-size: 1.05rem; }
  .detail p { margin: 0; }
  .detail ul { margin: 0; padding-left: 1.25rem; }
  .description { max-width: 70ch; }
  .back { justify-self: start; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
  .skills { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0 !important; }
  .skills li { padding: .1rem .55rem; border-radius: 999px; background: var(--_subtle); border: 1px solid var(--_border); font-size: .9rem; }
  .facts { margin: 0; display: grid; gap: .75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
  .facts dt { font-weight: 600; font-size: .9rem; }
  .facts dd { margin: 0; }
  a { color: var(--_primary); }

  .match { display: grid; gap: .75rem; justify-items: start; }
  .match form { display: grid; gap: .75rem; width: 100%; padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .match form > * { min-width: 0; }
  .match h3 { margin: 0; font-size: 1.15rem; }
  .match h4 { margin: 0; font-size: 1.05rem; }
  .match form > p { margin: 0; }
  .grid { display: grid; gap: .3rem 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr)); }
  .grid legend { grid-column: 1 / -1; }
  .row { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr)); }
  .match form > .button { justify-self: start; }
  .match-count { font-weight: 600; }
`,
];
