/**
 * The check-in code of a reservation: what the QR code in its confirmation holds and what a
 * guest can read out at the door. It is derived from the RSVP id with the app secret, so it
 * needs no column and cannot be guessed from the id, and it manages nothing: seeing it lets
 * staff mark the party as arrived, never cancel or change the reservation (that is the manage
 * link's and the manage code's job).
 */
import { encode } from 'uqr';
import { mac } from './app-secret.js';
import { base64url } from './credentials.js';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** `K7Q2-M9XD`: 40 bits of the HMAC, in two groups of four to read out. */
export async function checkInCode(secret: string, rsvpId: string): Promise<string> {
  const bytes = base64url.decode(await mac(secret, 'rsvp-checkin', rsvpId));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === LENGTH) break;
    value &= 0xff;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/**
 * A code as someone typed or a scanner read it, in its printed form: case, spaces and dashes do
 * not matter, and the letters Crockford's alphabet leaves out read as the digits they look like.
 * Null when it cannot be a code.
 */
export function normalizeCheckInCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (plain.length !== LENGTH || [...plain].some((ch) => !ALPHABET.includes(ch))) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (const b of p) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const ascii = (s: string) => new TextEncoder().encode(s);

function chunk(type: string, data: Uint8Array): Uint8Array[] {
  const name = ascii(type);
  return [u32(data.length), name, data, u32(crc32([name, data]))];
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The QR code of `text` as a greyscale PNG: `scale` pixels a module and the four-module quiet
 * zone scanners need. PNG is the one image every mail client shows; deflate comes from the
 * platform's CompressionStream, so no image library is bundled.
 */
export async function qrPng(text: string, scale = 8): Promise<Uint8Array> {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const side = qr.size * scale;
  // One filter byte (0, none) before each row, then one byte a pixel: 0 black, 255 white.
  const raw = new Uint8Array(side * (side + 1));
  for (let y = 0; y < side; y++) {
    const row = qr.data[Math.floor(y / scale)]!;
    const at = y * (side + 1);
    raw[at] = 0;
    for (let x = 0; x < side; x++) raw[at + 1 + x] = row[Math.floor(x / scale)] ? 0 : 255;
  }
  const header = new Uint8Array([...u32(side), ...u32(side), 8, 0, 0, 0, 0]);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    ...chunk('IHDR', header),
    ...chunk('IDAT', await deflate(raw)),
    ...chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
