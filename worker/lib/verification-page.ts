/**
 * What a credential's `id` URL answers, by content negotiation, and the public verification
 * page it answers a browser with: what a college admissions officer sees when they click a
 * badge link. The page is built from the signed credential, the student's own choice to show
 * their name, and the live verification result; never from any other student data.
 *
 * The page runs nothing (no script at all) and styles itself with one inline <style> whose
 * SHA-256 the Content-Security-Policy names, so it works under `default-src 'none'`.
 */
import type { VerifyResult } from '../../schema/api/credentials.js';
import type { CredentialDisplay } from '../../schema/api/credentials.js';
import { RUBRIC_LEVELS } from '../../schema/api/admin/placements.js';
import { labelOf, SKILLS } from '../../schema/vocab.js';

// ---------------------------------------------------------------------------------------------
// Content negotiation

interface Accepted {
  type: string;
  q: number;
}

function parseAccept(header: string | undefined): Accepted[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const value = q ? Number(q.slice(2)) : 1;
      return { type: type.trim().toLowerCase(), q: Number.isFinite(value) ? value : 0 };
    })
    .filter((a) => a.type && a.q > 0);
}

/**
 * The representation the client asked for by name: among the media types it lists that we
 * offer (wildcards name nothing), the one with the highest quality. Null when it names none of
 * ours (no Accept, or only `*∕*`); 'tie' when two different representations are asked for
 * equally (as the badge widget does with `application/json, application/jwt`).
 */
export function negotiate<K extends string>(accept: string | undefined, offers: Record<string, K>): { kind: K; type: string } | 'tie' | null {
  const named = parseAccept(accept).filter((a) => a.type in offers);
  if (!named.length) return null;
  const best = Math.max(...named.map((a) => a.q));
  const winners = named.filter((a) => a.q === best);
  const kinds = new Set(winners.map((a) => offers[a.type]!));
  return kinds.size === 1 ? { kind: offers[winners[0]!.type]!, type: winners[0]!.type } : 'tie';
}

/** What a credential's id URL offers. */
export const CREDENTIAL_OFFERS = {
  'application/vc+ld+json': 'credential',
  'application/vc': 'credential',
  'application/ld+json': 'credential',
  'application/json': 'credential',
  'application/vc+jwt': 'jwt',
  'application/jwt': 'jwt',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
} as const;

/** What the status list URL offers: the list as JSON, or signed (VC-JOSE-COSE). */
export const STATUS_LIST_OFFERS = {
  'application/vc+ld+json': 'json',
  'application/vc': 'json',
  'application/ld+json': 'json',
  'application/json': 'json',
  'application/vc+jwt': 'jwt',
  'application/jwt': 'jwt',
} as const;

export type Lang = 'en' | 'es';

/** `?lang=` first, then the first of en/es in Accept-Language by quality, else English. */
export function pageLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'es' || query === 'en') return query;
  for (const { type } of parseAccept(acceptLanguage).sort((a, b) => b.q - a.q)) {
    const base = type.split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

// ---------------------------------------------------------------------------------------------
// The page

const WORDS = {
  en: {
    title: 'Badge verification',
    site: 'Open WBL · Work-based learning badges',
    verification: 'Verification',
    status: { verified: 'Verified', revoked: 'Revoked', expired: 'Expired', invalid: 'Not valid' },
    summary: {
      verified: 'This badge is authentic: its issuer signed it, has not revoked it, and it has not expired.',
      revoked: 'This badge was issued, but its issuer has since revoked it.',
      expired: 'This badge was authentic, but it has expired.',
      invalid: 'This badge could not be verified: it was changed after it was issued, or its issuer did not sign it.',
    },
    checks: 'What was checked',
    signatureOk: 'The issuer’s digital signature is valid.',
    signatureBad: 'The digital signature is not valid.',
    issuerOk: (name: string) => `Issued by ${name}.`,
    issuerBad: 'The issuer is not one this service knows.',
    notRevoked: 'Not revoked by the issuer.',
    revokedOn: (date: string) => `Revoked by the issuer on ${date}.`,
    revokedUnchecked: 'Revocation was not checked.',
    noExpiry: 'Does not expire.',
    validUntil: (date: string) => `Not expired; valid until ${date}.`,
    expiredOn: 'It has expired, or is not valid yet.',
    checkedAt: (time: string) => `Checked live on ${time} (UTC).`,
    about: 'About this badge',
    awardedTo: 'Awarded to',
    issuedBy: 'Issued by',
    issuedOn: 'Issued on',
    type: 'Type',
    criteria: 'What it takes to earn it',
    skills: 'Skills shown at the workplace',
    skillLevel: (skill: string, level: string) => `${skill}: ${level}`,
    machine: 'For software',
    json: 'The credential (Open Badges 3.0, JSON)',
    jwt: 'The signed credential (VC-JWT)',
    other: 'Ver en español',
    otherLang: 'es',
    privacy: 'This page shows only what the credential says. The student’s name appears only if they chose to show it.',
  },
  es: {
    title: 'Verificación de insignia',
    site: 'Open WBL · Insignias de aprendizaje basado en el trabajo',
    verification: 'Verificación',
    status: { verified: 'Verificada', revoked: 'Revocada', expired: 'Vencida', invalid: 'No válida' },
    summary: {
      verified: 'Esta insignia es auténtica: su emisor la firmó, no la ha revocado y no ha vencido.',
      revoked: 'Esta insignia fue emitida, pero su emisor la ha revocado.',
      expired: 'Esta insignia era auténtica, pero ha vencido.',
      invalid: 'No se pudo verificar esta insignia: fue modificada después de su emisión, o su emisor no la firmó.',
    },
    checks: 'Qué se comprobó',
    signatureOk: 'La firma digital del emisor es válida.',
    signatureBad: 'La firma digital no es válida.',
    issuerOk: (name: string) => `Emitida por ${name}.`,
    issuerBad: 'Este servicio no conoce al emisor.',
    notRevoked: 'El emisor no la ha revocado.',
    revokedOn: (date: string) => `Revocada por el emisor el ${date}.`,
    revokedUnchecked: 'No se comprobó la revocación.',
    noExpiry: 'No vence.',
    validUntil: (date: string) => `No ha vencido; es válida hasta el ${date}.`,
    expiredOn: 'Ha vencido, o todavía no es válida.',
    checkedAt: (time: string) => `Comprobada en vivo el ${time} (UTC).`,
    about: 'Sobre esta insignia',
    awardedTo: 'Otorgada a',
    issuedBy: 'Emitida por',
    issuedOn: 'Fecha de emisión',
    type: 'Tipo',
    criteria: 'Qué se necesita para obtenerla',
    skills: 'Habilidades demostradas en el lugar de trabajo',
    skillLevel: (skill: string, level: string) => `${skill}: ${level}`,
    machine: 'Para programas informáticos',
    json: 'La credencial (Open Badges 3.0, JSON)',
    jwt: 'La credencial firmada (VC-JWT)',
    other: 'View in English',
    otherLang: 'en',
    privacy: 'Esta página muestra solo lo que dice la credencial. El nombre del estudiante aparece solo si eligió mostrarlo.',
  },
} as const;

/** Colours meet WCAG AA (4.5:1 or more) on their backgrounds; the status is also said in words. */
const CSS = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1f2328;background:#f6f8fa}
body{margin:0}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header,footer{padding:1rem 1.5rem;background:#fff;border-bottom:1px solid #d0d7de}
footer{border-top:1px solid #d0d7de;border-bottom:0;font-size:.95rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem}header p{margin:0;font-weight:600}
main{max-width:46rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.75rem;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
section{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
.result{border-width:2px}
.result-verified{border-color:#1a7f37}.result-verified .badge{background:#1a7f37}
.result-revoked,.result-invalid,.result-expired{border-color:#b42318}
.result-revoked .badge,.result-invalid .badge,.result-expired .badge{background:#b42318}
.badge{display:inline-block;color:#fff;font-weight:700;padding:.15rem .6rem;border-radius:1rem}
section>h2:first-child{margin-top:0}
ul{padding-left:1.25rem}
li.ok::marker{content:"✓ ";color:#1a7f37}li.bad::marker{content:"✗ ";color:#b42318}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0}
a{color:#0550ae}a:focus-visible{outline:3px solid #0550ae;outline-offset:2px}
.small{font-size:.9rem;color:#57606a}
`;

let cssHash: Promise<string> | null = null;
/** `'sha256-…'` of the page's one inline style, for its Content-Security-Policy. */
export function styleHash(): Promise<string> {
  cssHash ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(CSS)).then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return cssHash;
}

/** No script, no frames, no forms; images only from here or https. */
export async function pageCsp(): Promise<string> {
  return `default-src 'none'; style-src ${await styleHash()}; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const httpUrl = (x: unknown) => (typeof x === 'string' && /^https?:\/\/\S+$/.test(x) ? x : null);

function formatDate(iso: string | null | undefined, lang: Lang, time = false): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return '';
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'long',
    ...(time ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(new Date(t));
}

export interface PageInput {
  lang: Lang;
  /** The credential's own URL (its `id`), where the other languages and forms are. */
  url: string;
  display: CredentialDisplay;
  /** The credential's `validUntil`, when it has one. */
  validUntil: string | null;
  result: VerifyResult;
}

/** The verification page, as a complete HTML document. */
export function verificationPage({ lang, url, display: d, validUntil, result }: PageInput): string {
  const w = WORDS[lang];
  const status = result.status === 'verified' || result.status === 'revoked' || result.status === 'expired' ? result.status : 'invalid';
  const { signature, issuer, revocation, expiry } = result.checks;
  const revokedOn = d.revokedOn ? formatDate(d.revokedOn, lang) : null;
  const checks: [boolean, string][] = [
    [signature.ok, signature.ok ? w.signatureOk : w.signatureBad],
    [issuer.ok, issuer.ok ? w.issuerOk(d.issuerName) : w.issuerBad],
    [revocation.ok, revocation.ok ? w.notRevoked : revokedOn && d.revoked ? w.revokedOn(revokedOn) : w.revokedUnchecked],
    [expiry.ok, !expiry.ok ? w.expiredOn : validUntil ? w.validUntil(formatDate(validUntil, lang)) : w.noExpiry],
  ];
  const levelOf = (level: number) => RUBRIC_LEVELS.find((r) => r.level === level)?.label[lang] ?? String(level);
  const issuerLink = httpUrl(d.issuerUrl) ? `<a href="${esc(d.issuerUrl)}">${esc(d.issuerName)}</a>` : esc(d.issuerName);
  const other = w.otherLang;
  const otherUrl = `${url}?lang=${other}`;
  const jwtUrl = `${url}?format=jwt`;
  const jsonUrl = `${url}?format=json`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(d.achievementName)} · ${esc(w.title)}</title>
<link rel="alternate" type="application/vc+ld+json" href="${esc(url)}">
<link rel="alternate" type="application/jwt" href="${esc(jwtUrl)}">
<link rel="alternate" hreflang="${other}" href="${esc(otherUrl)}">
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">${lang === 'es' ? 'Ir al contenido' : 'Skip to content'}</a>
<header><p>${esc(w.site)}</p>
<p><a href="${esc(otherUrl)}" hreflang="${other}" lang="${other}">${esc(w.other)}</a></p></header>
<main id="main">
<p class="small">${esc(w.title)}</p>
<h1>${esc(d.achievementName)}</h1>
<section class="result result-${status}" aria-labelledby="verification">
<h2 id="verification">${esc(w.verification)}: <span class="badge">${esc(w.status[status])}</span></h2>
<p>${esc(w.summary[status])}</p>
<h3>${esc(w.checks)}</h3>
<ul>
${checks.map(([ok, text]) => `<li class="${ok ? 'ok' : 'bad'}">${esc(text)}</li>`).join('\n')}
</ul>
<p class="small">${esc(w.checkedAt(formatDate(result.checkedAt, lang, true)))}</p>
</section>
<section aria-labelledby="about">
<h2 id="about">${esc(w.about)}</h2>
${d.achievementDescription ? `<p>${esc(d.achievementDescription)}</p>` : ''}
<dl>
${d.learnerName ? `<dt>${esc(w.awardedTo)}</dt><dd>${esc(d.learnerName)}</dd>` : ''}
<dt>${esc(w.issuedBy)}</dt><dd>${issuerLink}</dd>
<dt>${esc(w.issuedOn)}</dt><dd><time datetime="${esc(d.issuedOn)}">${esc(formatDate(d.issuedOn, lang))}</time></dd>
</dl>
</section>
${
  d.criteria
    ? `<section aria-labelledby="criteria">
<h2 id="criteria">${esc(w.criteria)}</h2>
<p>${esc(d.criteria)}</p>
</section>`
    : ''
}
${
  d.skills.length
    ? `<section aria-labelledby="skills">
<h2 id="skills">${esc(w.skills)}</h2>
<ul>
${d.skills.map((s) => `<li>${esc(w.skillLevel(labelOf(SKILLS, s.code, lang), `${levelOf(s.level)} (${s.level}/4)`))}</li>`).join('\n')}
</ul>
</section>`
    : ''
}
</main>
<footer>
<nav aria-label="${esc(w.machine)}">
<p>${esc(w.machine)}: <a href="${esc(jsonUrl)}" type="application/json">${esc(w.json)}</a> · <a href="${esc(jwtUrl)}" type="application/jwt">${esc(w.jwt)}</a></p>
</nav>
<p class="small">${esc(w.privacy)}</p>
</footer>
</body>
</html>
`;
}
