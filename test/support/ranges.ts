import type { Position, Range } from '../../server/src/service';
/**
 * Inline range markers for tests: write `[[` and `]]` around the text a problem should cover, and
 * `marked()` returns the text without the markers and the ranges they enclosed (zero-based, UTF-16
 * columns, in the order the markers open). Markers may span lines; they do not nest. The first `]]`
 * closes, so a range that starts or ends with a YAML bracket (`[[[a]]]`) is ambiguous: use `range()`.
 */

/** The text without markers, and each marked range in order. */
export interface Marked {
  text: string;
  ranges: Range[];
}

/** Strips `[[…]]` markers from `source` and returns the ranges they enclosed. */
export function marked(source: string): Marked {
  let text = '';
  const ranges: Range[] = [];
  let line = 0;
  let character = 0;
  let open: Position | undefined;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('[[', i) && open === undefined && source.indexOf(']]', i + 2) >= 0) {
      open = { line, character };
      i++;
      continue;
    }
    if (source.startsWith(']]', i) && open !== undefined) {
      ranges.push({ start: open, end: { line, character } });
      open = undefined;
      i++;
      continue;
    }
    const c = source[i];
    text += c;
    if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) {
      line++;
      character = 0;
    } else if (c !== '\r') character++;
  }
  if (open !== undefined) throw new Error('marked(): an opening [[ has no closing ]]');
  return { text, ranges };
}

/** A range from four numbers (zero-based), for assertions that do not use markers. */
export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** `line:col-line:col` (zero-based), for readable assertion messages. */
export function showRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
