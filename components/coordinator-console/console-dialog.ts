import { css, html, nothing, type TemplateResult } from 'lit';
import { WblElement } from '../base/element.js';
import { baseStyles } from '../base/styles.js';

export interface ConfirmOptions {
  /** The question, as the dialog's heading ("Delete Maya Rodriguez?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  body: string;
  /** The button that goes ahead ("Delete student"). */
  confirm: string;
  cancel: string;
  /** A destructive action: the confirm button is red and focus starts on Cancel. */
  danger?: boolean;
}

/** The element focused in the document, looking into shadow roots. */
function deepActive(): HTMLElement | null {
  let el = document.activeElement as HTMLElement | null;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
  return el;
}

/**
 * A confirmation for destructive actions: a native modal `<dialog>` (focus trapped, Escape
 * cancels), named by its question and described by what will happen. Focus goes back to
 * whatever had it when the dialog closes.
 *
 * @internal
 * @tagname wbl-console-confirm
 */
export class WblConsoleConfirm extends WblElement {
  static override styles = [
    baseStyles,
    css`
    dialog { max-width: min(32rem, calc(100vw - 2rem)); padding: 0; border: 1px solid var(--_border); border-radius: var(--_radius);
      background: var(--_surface); color: var(--_text); box-shadow: 0 12px 40px rgb(0 0 0 / .25); }
    dialog::backdrop { background: rgb(15 23 42 / .55); }
    .inner { display: grid; gap: .75rem; padding: calc(var(--_space) * 1.25); }
    h2 { margin: 0; font-size: 1.2rem; }
    p { margin: 0; }
    .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: .6rem; margin-top: .25rem; }
    .danger { background: var(--_danger); border-color: var(--_danger); }
  `,
  ];

  static {
    this.createProperty('_options', { state: true });
  }

  declare private _options: ConfirmOptions | null;
  private _resolve: ((ok: boolean) => void) | null = null;
  private _returnTo: HTMLElement | null = null;
  private _ownCloses = 0;

  constructor() {
    super();
    this._options = null;
  }

  /** Asks; resolves true when confirmed, false when cancelled (Cancel, Escape). */
  async ask(options: ConfirmOptions): Promise<boolean> {
    this._resolve?.(false);
    this._returnTo = deepActive();
    this._options = options;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog')!;
    if (!dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>(options.danger ? '.cancel' : '.ok')?.focus();
    return new Promise<boolean>((resolve) => {
      this._resolve = resolve;
    });
  }

  override render(): TemplateResult {
    const o = this._options;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-body" @cancel=${this._onCancel} @close=${this._onClose}>
      ${
        o
          ? html`<div class="inner">
        <h2 id="dialog-title">${o.title}</h2>
        <p id="dialog-body">${o.body}</p>
        <div class="actions">
          <button type="button" class="button secondary cancel" @click=${() => this._finish(false)}>${o.cancel}</button>
          <button type="button" class="button ok ${o.danger ? 'danger' : ''}" part="confirm-button" @click=${() => this._finish(true)}>${o.confirm}</button>
        </div>
      </div>`
          : nothing
      }
    </dialog>`;
  }

  private _finish(ok: boolean): void {
    const resolve = this._resolve;
    const back = this._returnTo;
    this._resolve = null;
    this._returnTo = null;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) {
      // Its close event arrives later, maybe after the next question has opened: skip it then.
      this._ownCloses += 1;
      dialog.close();
    }
    if (back?.isConnected) back.focus();
    resolve?.(ok);
  }

  /** Escape (or the browser) closed it. */
  private _onCancel(e: Event): void {
    e.preventDefault();
    this._finish(false);
  }

  private _onClose(): void {
    if (this._ownCloses > 0) {
      this._ownCloses -= 1;
      return;
    }
    if (this._resolve) this._finish(false);
  }
}

WblConsoleConfirm.define('wbl-console-confirm');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-confirm': WblConsoleConfirm;
  }
}
