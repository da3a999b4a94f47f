import { html, nothing, type TemplateResult } from 'lit';
import type { OutboxMessage } from '../../../schema/api/admin/placements.js';
import type { SettingsMessages } from './settings.messages.js';

/** The badge's colour; its text always says the state too, so colour is never the only cue. */
const tone = (s: OutboxMessage['status']) => (s === 'sent' ? 'good' : s === 'failed' ? 'bad' : s === 'suppressed' ? '' : 'wait');

/**
 * Where a message is on its way, for the outbox list and the placement's signing requests: a
 * badge that names the state, then when it was sent, or its attempts and last error.
 */
export function renderDelivery(m: OutboxMessage, t: SettingsMessages, instant: (iso: string | null) => string): TemplateResult {
  const detail =
    m.status === 'sent'
      ? t.sentAt(instant(m.sentAt))
      : m.status === 'retrying' || m.status === 'failed'
        ? [t.attempts(m.attempts), m.status === 'retrying' && m.nextAttemptAt ? t.nextTry(instant(m.nextAttemptAt)) : '', m.lastError ?? '']
            .filter(Boolean)
            .join(' · ')
        : m.status === 'suppressed'
          ? (m.lastError ?? '')
          : '';
  return html`<span class="badge delivery ${tone(m.status)}" data-status=${m.status}>${t.delivery[m.status]}</span>${detail ? html` <span class="muted">${detail}</span>` : nothing}`;
}
