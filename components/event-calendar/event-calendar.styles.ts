import { css } from 'lit';
import { baseStyles } from '../base/styles.js';

export const calendarStyles = [
  baseStyles,
  css`
  :host {
    display: block;
    /* The calendar answers to the width it is given, not the viewport's. */
    container: wbl-calendar / inline-size;
    min-height: var(--wbl-calendar-min-height, 24rem);
  }
  .base, .main, .detail, .rsvp, .receipt { display: grid; gap: calc(var(--_space) * .75); }
  .base > *, .main > *, .detail > * { min-width: 0; }
  p, h3, h4 { margin: 0; }
  a { color: var(--_primary); }
  label, legend { font-weight: 600; font-size: .9rem; }
  input:not([type='checkbox']), select {
    width: 100%; min-width: 0; min-height: 2.5rem; padding: .4rem .6rem; border: 1px solid var(--_muted);
    border-radius: var(--_radius); background: var(--_surface);
  }
  fieldset, legend { border: 0; margin: 0; padding: 0; min-width: 0; }
  .field { display: grid; gap: .2rem; align-content: start; min-width: 0; }
  .filters { display: grid; gap: .5rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr)); }

  .nav, .months, .views { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
  .nav { justify-content: space-between; }
  .months .button.secondary { min-width: 2.5rem; padding-inline: .5rem; font-size: 1.25rem; line-height: 1; }
  .months h3 { font-size: 1.3rem; min-width: 9rem; text-align: center; }
  .views [aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  .count { font-weight: 600; }

  .grid { display: grid; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_border); gap: 1px; }
  .grid[aria-busy='true'] { opacity: .6; }
  .row { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 1px; }
  .weekday { background: var(--_subtle); text-align: center; font-size: .85rem; font-weight: 600; padding: .25rem 0; }
  .day { background: var(--_surface); min-height: 7.5rem; padding: .25rem; display: flex; flex-direction: column; gap: 2px; cursor: pointer; min-width: 0; }
  .day.out { background: var(--_subtle); }
  .day:focus-visible { outline-offset: -3px; }
  .number { font-weight: 600; font-size: .9rem; align-self: flex-start; min-width: 1.6rem; text-align: center; border-radius: 999px; }
  [part~='today'] .number { background: var(--_primary); color: var(--_on-primary); }
  .chip, .more { width: 100%; min-height: 24px; padding: .15rem .3rem; border: 0; border-radius: 4px; text-align: start; cursor: pointer; font-size: .8rem; line-height: 1.25; }
  /* Two lines of a title, then an ellipsis. */
  .chip { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; overflow-wrap: anywhere; }
  .chip { background: var(--_subtle); border-inline-start: 3px solid var(--_primary); }
  .chip.cancelled { text-decoration: line-through; border-color: var(--_danger); }
  /* Said in words, not only struck through; an inline-block is spared the line. */
  .tag { display: inline-block; color: var(--_danger); font-weight: 600; }
  .more { background: none; color: var(--_primary); font-weight: 600; }
  .dots { display: none; color: var(--_primary); line-height: 1; font-size: 1.25rem; }
  @container wbl-calendar (max-width: 40rem) {
    .day { min-height: 3.25rem; align-items: center; }
    .number { align-self: center; }
    .chip, .more { display: none; }
    .dots { display: block; }
  }

  .day-panel, .agenda, .subscribe, .empty, .error, .detail {
    display: grid; gap: .5rem; padding: var(--_space); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  .agenda { gap: var(--_space); }
  .agenda section { display: grid; gap: .35rem; }
  .date { font-size: 1.05rem; border-bottom: 1px solid var(--_border); padding-bottom: .2rem; }
  h3:focus, h4:focus { outline: none; }
  h3:focus-visible, h4:focus-visible { outline: var(--_focus); }
  .items { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
  .item { display: grid; gap: .1rem; padding-inline-start: .6rem; border-inline-start: 3px solid var(--_primary); overflow-wrap: anywhere; }
  .item .button { padding: 0; min-height: 24px; font-size: 1.05rem; text-align: start; justify-content: flex-start; }
  .when, .meta, .muted, .hint, .seats { font-size: .92rem; }
  .when, .meta, .muted, .hint { color: var(--_muted); }
  .when { font-weight: 600; }
  .item.cancelled { border-color: var(--_danger); }
  .item.cancelled .button { text-decoration: line-through; }
  .item.cancelled .seats, .alert { color: var(--_danger); font-weight: 600; }
  .empty { border-style: dashed; justify-items: start; }
  .error { border-color: var(--_danger); border-inline-start-width: 4px; justify-items: start; }
  .error strong { color: var(--_danger); }

  .detail { overflow-wrap: anywhere; }
  .back { justify-self: start; }
  .detail h3 { font-size: 1.45rem; line-height: 1.25; }
  .detail h4 { margin-top: .5rem; font-size: 1.05rem; }
  .badges { display: flex; flex-wrap: wrap; gap: .35rem; }
  .badge { font-size: .8rem; padding: .1rem .5rem; border-radius: 999px; background: var(--_subtle); border: 1px solid var(--_border); }
  .notice { padding: .5rem .75rem; border-radius: var(--_radius); background: var(--_subtle); border: 1px solid var(--_border); }
  .facts { margin: 0; display: grid; gap: .75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
  .facts dt { font-weight: 600; font-size: .9rem; }
  .facts dd { margin: 0; }
  .description { max-width: 70ch; white-space: pre-line; }
  .add { display: grid; gap: .5rem; }
  .links { display: flex; flex-wrap: wrap; gap: .5rem; }

  .rsvp, .receipt { padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); max-width: 40rem; }
  .rsvp > .button, .receipt > .button { justify-self: start; }
  .optional { font-weight: 400; color: var(--_muted); }
  .check label { display: flex; gap: .5rem; align-items: flex-start; font-weight: 400; font-size: 1rem; cursor: pointer; }
  .check input { margin-top: .25rem; flex: none; }
  .invalid input:not([type='checkbox']), .invalid select { border: 2px solid var(--_danger); }
  .field-error, .failure { color: var(--_danger); font-weight: 600; }
  .failure, .summary, .notice.alert { padding: .6rem .75rem; border: 2px solid var(--_danger); border-radius: var(--_radius); background: var(--_surface); }
  .summary strong, .summary a { color: var(--_danger); }
  .summary ul { margin: .25rem 0 0; padding-inline-start: 1.2rem; }
  .receipt { border: 2px solid var(--_success); }
  .receipt h4 { font-size: 1.2rem; }

  .copy { display: grid; gap: .2rem; width: 100%; }
  .copy-row { display: flex; gap: .5rem; }
  .copy-row input { flex: 1; font-family: ui-monospace, monospace; font-size: .9rem; }
  .subscribe { justify-items: start; }
`,
];
