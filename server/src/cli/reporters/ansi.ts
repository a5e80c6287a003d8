/** Minimal ANSI styling, and making untrusted text safe to print on a terminal. */

/** Styles that are identity functions when colour is off. */
export function styles(color: boolean) {
  const wrap = (open: number, close: number) => (s: string) =>
    color ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
  };
}

/**
 * Makes text from a file or a message printable on one terminal line: line breaks, escape sequences,
 * other control characters and the bidirectional controls that reorder what a terminal shows (U+202E
 * and its kin, "Trojan Source") are shown escaped (`\n`, `\u001b`, `\u202e`) instead of acting.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => {
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  );
}
