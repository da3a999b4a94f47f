import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const boardStyles = [baseStyles, css`
  :host {
    display: block;
    container: wbl-board / inline-size;
    min-height: var(--wbl-board-min-height, 32rem);
  }
  .base { display: grid; gap: calc(var(--_space) * .75); }
  .search { display: flex; gap: .5rem; flex-wrap: wrap; }
  #search {
    flex: 1 1 14rem; min-width: 0; min-height: 2.75rem; padding: .5rem .75rem;
    border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface);
  }
  select {
    min-height: 2.5rem; padding: .35rem .5rem; border: 1px solid var(--_muted); border-radius: var(--_radius);
    background: var(--_surface); max-width: 100%;
  }
  label { font-weight: 600; font-size: .9rem; }
  .check { display: inline-flex; align-items: center; gap: .45rem; font-weight: 400; min-height: 24px; cursor: pointer; }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { font-weight: 600; font-size: .9rem; padding: 0; margin-bottom: .25rem; }

  .filters {
    display: none; gap: .75rem 1rem; padding: var(--_space); border: 1px solid var(--_border);
    border-radius: var(--_radius); background: var(--_surface);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
  }
  .filters.open { display: grid; }
  .filters .stages, .filters .toggles { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .35rem 1.1rem; align-items: center; }
  .filters .stages legend { width: 100%; }
  .field { display: grid; gap: .2rem; align-content: start; min-width: 0; }
  .clear { justify-self: start; }
  @container wbl-board (min-width: 48rem) {
    .filter-toggle { display: none; }
    .filters { display: grid; }
  }

  .summary { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; }
  .summary p { margin: 0; font-weight: 600; }
  .sort { display: flex; align-items: center; gap: .5rem; }

  .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); }
  .cards > li { display: flex; content-visibility: auto; contain-intrinsic-size: auto 15rem; }
  .card {
    flex: 1; display: flex; flex-direction: column; gap: .35rem; padding: var(--_space);
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  .card:focus-within { border-color: var(--_primary); }
  .card-title { margin: 0; font-size: 1.1rem; line-height: 1.3; }
  .card-title a, .matches a { color: var(--_primary); text-decoration: none; display: inline-block; min-height: 24px; padding-block: 1px; }
  .card-title a:hover, .matches a:hover { text-decoration: underline; }
  .employer { margin: 0; color: var(--_muted); }
  .badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; }
  .badge { font-size: .8rem; padding: .1rem .5rem; border-radius: 999px; background: var(--_subtle); color: var(--_text); border: 1px solid var(--_border); }
  .meta { list-style: none; margin: auto 0 0; padding: .5rem 0 0; display: grid; gap: .15rem; font-size: .92rem; border-top: 1px solid var(--_border); }
  .deadline.closed, .closed { color: var(--_danger); font-weight: 600; }
  .placeholder { min-height: 11rem; display: grid; gap: .6rem; align-content: start; padding: var(--_space);
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .placeholder span { display: block; height: .9rem; border-radius: 4px; background: var(--_subtle); }
  .placeholder span:nth-child(1) { width: 40%; }
  .placeholder span:nth-child(2) { width: 85%; height: 1.2rem; }
  .placeholder span:nth-child(3) { width: 60%; }

  .more { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; }
  .more p { margin: 0; color: var(--_muted); }
  .empty, .error { padding: var(--_space); border: 1px dashed var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .error { border: 1px solid var(--_danger); }
  .error strong { color: var(--_danger); }
  .empty p, .error p { margin: 0 0 .5rem; }

  .detail { display: grid; gap: .5rem; padding: var(--_space); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); }
  .detail h3 { margin: 0; font-size: 1.45rem; line-height: 1.25; }
  .detail h3:focus { outline: none; }
  .detail h3:focus-visible { outline: var(--_focus); }
  .detail h4 { margin: .75rem 0 0; font-size: 1.05rem; }
  .detail p { margin: 0; }
  .detail ul { margin: 0; padding-left: 1.25rem; }
  .back { justify-self: start; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
  .skills { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0 !important; }
  .skills li { padding: .1rem .55rem; border-radius: 999px; background: var(--_subtle); border: 1px solid var(--_border); font-size: .9rem; }
  .facts { margin: 0; display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); }
  .facts dt { font-weight: 600; font-size: .9rem; }
  .facts dd { margin: 0; }
  a { color: var(--_primary); }

  .match { display: grid; gap: .75rem; justify-items: start; }
  .match form { display: grid; gap: .75rem; width: 100%; padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .match h3 { margin: 0; font-size: 1.15rem; }
  .match p { margin: 0; }
  .grid { display: grid; gap: .3rem 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr)); }
  .grid legend { grid-column: 1 / -1; }
  .row { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr)); }
  .match form > .button { justify-self: start; }
  .match-count { font-weight: 600; }
  .matches { margin: 0; padding-left: 1.25rem; display: grid; gap: .75rem; }
  .matches a { font-weight: 600; }
  .matches .employer { display: block; }
  .reasons { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .92rem; }
`];
