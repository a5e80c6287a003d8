import type { Position } from '../../server/src/service';
/**
 * Inline test documents with a `|` cursor marker: `at('start: an|swer')` gives the text without the bar
 * and the bar's position. Leading indentation common to all lines is removed, so tests can indent YAML.
 */

/** Removes the indentation shared by all non-blank lines and a leading/trailing blank line. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^ */.exec(l)![0].length))).join('\n');
}

/** The text without its single `|` marker, and the marker's position and offset. */
export function at(
  marked: string,
  { keepIndent = false } = {},
): { text: string; position: Position; offset: number } {
  const src = keepIndent ? marked : dedent(marked);
  const offset = src.indexOf('|');
  if (offset < 0 || src.indexOf('|', offset + 1) >= 0) throw new Error('Mark the cursor with exactly one |');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
