import { css } from 'lit';

/**
 * Styles every element shares. Colours and fonts come from `--wbl-*` custom properties with
 * fallbacks, because a host page's own variables inherit into shadow roots.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--wbl-color-primary, #1d4ed8);
    --_on-primary: var(--wbl-color-primary-contrast, #ffffff);
    --_text: var(--wbl-color-text, #1b1f24);
    --_muted: var(--wbl-color-muted, #4b5563);
    --_surface: var(--wbl-color-surface, #ffffff);
    --_subtle: var(--wbl-color-subtle, #f3f4f6);
    --_border: var(--wbl-color-border, #d1d5db);
    --_danger: var(--wbl-color-danger, #b42318);
    --_success: var(--wbl-color-success, #067647);
    --_radius: var(--wbl-radius, 8px);
    --_space: var(--wbl-space, 1rem);
    --_focus: var(--wbl-focus-ring, 3px solid #2563eb);
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--wbl-font-family, inherit);
    font-size: var(--wbl-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  :focus-visible { outline: var(--_focus); outline-offset: 2px; }
  button, input, select, textarea { font: inherit; color: inherit; }
  button, select, input[type='checkbox'], input[type='radio'], a { min-height: 24px; min-width: 24px; }
  input[type='checkbox'], input[type='radio'] { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--_primary); }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .button {
    display: inline-flex; align-items: center; justify-content: center; gap: .4rem;
    min-height: 2.5rem; padding: .45rem 1rem; border-radius: var(--_radius); cursor: pointer;
    border: 1px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); font-weight: 600;
    text-decoration: none;
  }
  .button.secondary { background: var(--_surface); color: var(--_primary); }
  .button.link { border-color: transparent; background: transparent; color: var(--_primary); padding-inline: .25rem; text-decoration: underline; }
  .button:disabled { opacity: .6; cursor: progress; }
  @media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; } }
`;
