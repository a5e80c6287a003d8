/**
 * Keeps the answers of a trainee page out of sight until the debrief: the text is XORed with a keystream
 * drawn from a key that travels in the same page, then base64-encoded. This is hiding, not security: it
 * stops view-source, a text search and a casual reader from showing the answers before the end; anyone
 * who reads the page's script can decode them. (A page that must not hold them is exported with
 * `--no-answers`.) The same functions run in Node and in the browser (no crypto API needed, so the page
 * works from a file, a USB stick or a plain-http intranet).
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A 32-bit xorshift keystream seeded from the key's characters. */
function keystream(key: string): () => number {
  let s = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) s = Math.imul(s ^ key.charCodeAt(i), 0x01000193) >>> 0;
  if (s === 0) s = 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s & 0xff;
  };
}

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(clean)) return undefined;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, B64.indexOf(clean[i + k])), 0);
    for (const b of [(n >> 16) & 255, (n >> 8) & 255, n & 255]) if (o < out.length) out[o++] = b;
  }
  return out;
}

function xor(bytes: Uint8Array, key: string): Uint8Array {
  const next = keystream(key);
  return bytes.map((b) => b ^ next());
}

/** Hides `text` under `key` (see the module comment for what this does and does not protect). */
export function hideText(text: string, key: string): string {
  return toBase64(xor(new TextEncoder().encode(text), key));
}

/** The text hidden by {@link hideText} with the same key; undefined when the data is not base64 or not UTF-8. */
export function revealText(hidden: string, key: string): string | undefined {
  const bytes = fromBase64(hidden);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(xor(bytes, key));
  } catch {
    return undefined;
  }
}
