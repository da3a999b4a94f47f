import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { VerifyResult } from '../../schema/api/credentials.js';
import type { BadgeStatus } from '../events/badge-verified.js';
import { linkedInUrl, shortId, type View } from './credential.js';
import type { Checks, WblSkillsBadge as EL } from './skills-badge.js';

/**
 * The badge card's body — description, skills, evidence, what the verifier checked, and the
 * actions (View JSON, Download, Copy link, Add to LinkedIn). The badge imports this module as it
 * starts loading the credential, and the build writes it to a file of its own
 * (`skills-badge-body.js`), so the badge's own bundle stays in its budget.
 *
 * This file is a separate bundle: it imports no runtime code from Lit (the badge hands it its
 * own `html` and `nothing`, so templates stay one Lit's).
 */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

export function renderBody(el: EL, v: View, { html, nothing }: Lit): TemplateResult {
  const t = el._t;
  const fact = (term: string, body: unknown) => html`<div><dt>${term}</dt><dd>${body}</dd></div>`;
  const checks = el._checks;
  return html`
    ${v.description ? html`<p>${v.description}</p>` : nothing}
    <dl class="facts">
      ${v.skills.length ? fact(t.skills, html`<ul part="skills" class="skills">${v.skills.map((s) => html`<li>${s.name}${s.level ? html`${s.name ? ' · ' : ''}<strong>${s.level}</strong>` : nothing}</li>`)}</ul>`) : nothing}
      ${
        v.evidence.length
          ? fact(
              t.evidence,
              v.evidence.map((e) => html`<p>${e}</p>`),
            )
          : nothing
      }
    </dl>
    ${
      checks
        ? html`<details part="details"><summary>${t.details}</summary><ul class="checks">${Object.entries(t.checks).map(([k, label]) => {
            const ok = checks[k]?.ok;
            return html`<li class="c-${!!ok}">${el._icon(ok ? 'verified' : 'no')}${label}: ${ok ? t.yes : t.no}</li>`;
          })}</ul><p>${t.checked} ${el._date(el._checkedAt, true)}</p></details>`
        : nothing
    }
    <div part="actions" class="actions">
      <button type="button" part="action" class="button secondary" aria-expanded=${el._json} aria-controls="json" @click=${() => toggleJson(el)}>${t.json}</button>
      <button type="button" part="action" class="button secondary" @click=${() => download(el, v)}>${t.download}</button>
      ${v.url ? html`<button type="button" part="action" class="button secondary" @click=${() => copyLink(el, v)}>${t.copy}</button>` : nothing}
      ${el._verdict === 'verified' ? html`<a part="action" class="button secondary" href=${linkedInUrl(v)} target="_blank" rel="noopener">${t.linkedIn}<span class="visually-hidden"> ${t.newTab}</span></a>` : nothing}
      <span role="status">${el._copy === 'copied' ? t.copied : ''}</span>
    </div>
    ${el._copy === 'manual' ? html`<label class="manual">${t.copy}<input readonly .value=${v.url}></label>` : nothing}
    <pre part="json" id="json" tabindex="0" aria-label="JSON" ?hidden=${!el._json}>${el._json ? JSON.stringify(v.credential, null, 2) : ''}</pre>`;
}

async function toggleJson(el: EL): Promise<void> {
  // Opened, the JSON takes focus, so the keyboard can scroll it at once.
  if ((el._json = !el._json)) {
    await el.updateComplete;
    el.renderRoot.querySelector<HTMLElement>('#json')!.focus();
  }
}

function download(_el: EL, v: View): void {
  // A Blob URL, not a data: URL, so a strict Content-Security-Policy still allows the download.
  const url = URL.createObjectURL(new Blob([JSON.stringify(v.credential, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${shortId(v.credential.id) || 'badge'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function copyLink(el: EL, v: View): Promise<void> {
  el._copy = '';
  try {
    await navigator.clipboard.writeText(v.url!);
    el._copy = 'copied';
  } catch {
    // No clipboard permission, or no Clipboard API: show the link, selected, to copy by hand.
    el._copy = 'manual';
    await el.updateComplete;
    el.renderRoot.querySelector<HTMLInputElement>('.manual input')!.select();
  }
}

/**
 * Asks the API's verifier, with the JWT when there is one (its signature is what proves the
 * credential). "Not valid" because the verifier does not know the issuer is reported as "could
 * not be verified": unknown to this checker is not the same as forged. Throws when the verifier
 * cannot be reached or does not answer a verdict.
 */
export async function verify(base: string, v: View, signal: AbortSignal): Promise<{ verdict: BadgeStatus; checks: Checks; checkedAt: string }> {
  const res = await fetch(`${base}/api/v1/credentials/verify`, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(v.jwt ? { jwt: v.jwt } : { credential: v.credential }),
  });
  const body = (await res.json()) as Partial<VerifyResult>;
  const checks: Checks = body.checks ?? {};
  if (!res.ok || !body.status) throw new Error(`verify ${res.status}`);
  return {
    verdict: body.status === 'invalid' && !checks.issuer?.ok && !checks.signature?.ok ? 'unverified' : body.status,
    checks,
    checkedAt: body.checkedAt ?? new Date().toISOString(),
  };
}
