/**
 * The generated badge image for an achievement without one: a round badge with a glyph for its
 * first aligned skill, the achievement's name and the issuer's. Text is XML-escaped; colours
 * come from a fixed palette chosen by the name, each dark enough for white text (WCAG AA).
 */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
      // Control characters are not allowed in XML 1.0 at all.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** Deep tones with at least 4.5:1 contrast against white. */
const PALETTE = [
  { ring: '#1d4ed8', fill: '#1e3a8a' },
  { ring: '#0f766e', fill: '#134e4a' },
  { ring: '#7c3aed', fill: '#4c1d95' },
  { ring: '#b45309', fill: '#78350f' },
  { ring: '#be123c', fill: '#881337' },
  { ring: '#047857', fill: '#064e3b' },
];

/** Simple 48×48 line glyphs, one per skill, drawn in white. */
const GLYPHS: Record<string, string> = {
  communication: '<path d="M8 10h32a4 4 0 0 1 4 4v16a4 4 0 0 1-4 4H22l-10 8v-8H8a4 4 0 0 1-4-4V14a4 4 0 0 1 4-4z"/><path d="M14 20h20M14 26h12"/>',
  collaboration: '<circle cx="17" cy="16" r="6"/><circle cx="31" cy="16" r="6"/><path d="M5 40c0-7 5-12 12-12s12 5 12 12M19 40c0-7 5-12 12-12s12 5 12 12"/>',
  critical_thinking: '<path d="M24 4a14 14 0 0 0-8 25.5V34h16v-4.5A14 14 0 0 0 24 4z"/><path d="M18 40h12M20 45h8M24 14v8l5 4"/>',
  professionalism: '<rect x="4" y="14" width="40" height="26" rx="3"/><path d="M17 14v-4a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v4M4 25h40M22 25v4h4v-4"/>',
  time_management: '<circle cx="24" cy="25" r="18"/><path d="M24 13v12l8 6M18 3h12"/>',
  digital_literacy: '<rect x="4" y="7" width="40" height="27" rx="3"/><path d="M16 43h16M24 34v9M16 17l-5 4 5 4M32 17l5 4-5 4M27 14l-6 14"/>',
  leadership: '<path d="M10 44V5M10 6h26l-6 8 6 8H10"/><circle cx="10" cy="44" r="1"/>',
  adaptability: '<path d="M40 18A17 17 0 0 0 9 14M8 30a17 17 0 0 0 31 4"/><path d="M9 5v9h9M39 43v-9h-9"/>',
  creativity: '<path d="M33 5l10 10-24 24-12 2 2-12z"/><path d="M28 10l10 10"/>',
};

/** Splits a name into at most three lines of about `width` characters. */
export function wrapLines(text: string, width = 18, max = 3): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1]!.slice(0, width - 1).trimEnd()}…`;
    return kept;
  }
  return lines.map((l) => (l.length > width + 4 ? `${l.slice(0, width + 3)}…` : l));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface BadgeImage {
  name: string;
  skill: string | null;
  issuer: string;
}

/** A 512×512 SVG badge, self-contained (no fonts or images to fetch). */
export function badgeSvg({ name, skill, issuer }: BadgeImage): string {
  const { ring, fill } = PALETTE[hash(name) % PALETTE.length]!;
  const lines = wrapLines(name);
  const lineHeight = 40;
  const top = 318 - ((lines.length - 1) * lineHeight) / 2;
  const glyph = GLYPHS[skill ?? ''] ?? GLYPHS.professionalism!;
  const issuerLine = wrapLines(issuer, 34, 1)[0] ?? '';
  const title = `${name} — ${issuer}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-labelledby="t">
<title id="t">${escapeXml(title)}</title>
<circle cx="256" cy="256" r="248" fill="${ring}"/>
<circle cx="256" cy="256" r="228" fill="#ffffff"/>
<circle cx="256" cy="256" r="216" fill="${fill}"/>
<g transform="translate(208 88) scale(2)" fill="none" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">${glyph}</g>
<g font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" fill="#ffffff" text-anchor="middle">
${lines.map((l, i) => `<text x="256" y="${top + i * lineHeight}" font-size="34" font-weight="700">${escapeXml(l)}</text>`).join('\n')}
<text x="256" y="430" font-size="19" opacity="0.92">${escapeXml(issuerLine)}</text>
</g>
</svg>
`;
}
