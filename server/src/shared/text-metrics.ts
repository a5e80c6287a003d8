/**
 * A deterministic text-width estimate, so the webview, the layout cache and the headless CLI export all
 * size boxes the same way without a font engine. Widths approximate a UI sans-serif (Segoe UI, Helvetica,
 * DejaVu Sans) in units of the font size; the estimate errs wide so real text rarely overflows.
 */

const NARROW = new Set("il.,:;'|!`ijtf()[]{} ".split(''));
const SEMI = new Set('rsJI-"/\\*'.split(''));
const WIDE = new Set('mwMW@%&'.split(''));

/** Width of one character in em (multiples of the font size). */
export function charWidthEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (NARROW.has(ch)) return 0.32;
  if (SEMI.has(ch)) return 0.45;
  if (WIDE.has(ch)) return 0.92;
  if (code >= 0x30 && code <= 0x39) return 0.64;
  if (code >= 0x41 && code <= 0x5a) return 0.72;
  if (code >= 0x61 && code <= 0x7a) return 0.6;
  // CJK, Hangul, full-width forms and emoji take a full em.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf)) return 1;
  if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || code >= 0x1f300) return 1;
  if (code >= 0xff00 && code <= 0xff60) return 1;
  return 0.66;
}

/** Estimated width in pixels of `text` set at `fontSize` pixels. Pure and deterministic. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch);
  return Math.ceil(em * fontSize);
}

/** The result of wrapping: the lines to draw and whether text was cut off. */
export interface WrappedText {
  lines: string[];
  truncated: boolean;
}

/** Cuts `word` to fit `maxWidth` with a trailing ellipsis. */
function ellipsize(word: string, maxWidth: number, fontSize: number): string {
  const chars = [...word];
  let width = textWidth('…', fontSize);
  let out = '';
  for (const ch of chars) {
    const w = charWidthEm(ch) * fontSize;
    if (width + w > maxWidth) break;
    width += w;
    out += ch;
  }
  return out.trimEnd() + '…';
}

/**
 * Wraps `text` (whitespace collapsed) into at most `maxLines` lines of at most `maxWidth` pixels,
 * breaking at spaces (or inside a word longer than a line); the last line ends with `…` when cut.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): WrappedText {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i];
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) {
      lines.push(current);
      current = '';
      if (lines.length === maxLines) break;
    }
    // A single word wider than the line: hard-break it.
    while (textWidth(word, fontSize) > maxWidth && lines.length < maxLines - 1) {
      let cut = '';
      for (const ch of word) {
        if (textWidth(cut + ch, fontSize) > maxWidth) break;
        cut += ch;
      }
      if (!cut) cut = [...word][0];
      lines.push(cut);
      word = word.slice(cut.length);
    }
    current = word;
  }
  if (current && lines.length < maxLines) {
    lines.push(current);
    i++;
  }
  const truncated = i < words.length || lines.some((l) => textWidth(l, fontSize) > maxWidth);
  if (truncated && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = ellipsize(lines[last], maxWidth, fontSize);
  }
  return { lines, truncated };
}
