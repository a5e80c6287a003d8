/** Offsets ↔ positions over one text, with UTF-16 columns, and small text helpers. */
import type { Position, Range } from '../model/types';

/** Maps string offsets to zero-based line/character positions. Handles `\n`, `\r\n` and lone `\r`. */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: Int32Array;

  constructor(
    public text: string,
    lineStarts?: Int32Array,
  ) {
    if (lineStarts) this.lineStarts = lineStarts;
    else {
      const found = scanLineStarts(text, 0, text.length);
      this.lineStarts = new Int32Array(found.length + 1);
      this.lineStarts.set(found, 1);
    }
  }

  /**
   * The index of `text`, which is this index's text with [start, end) replaced by `inserted`: lines
   * before the edit are kept, lines after it shifted, and only the lines around it scanned again.
   */
  edited(start: number, end: number, inserted: string, text: string): LineIndex {
    const old = this.lineStarts;
    const delta = inserted.length - (end - start);
    const first = Math.max(0, this.position(start).line - 1);
    const lastOld = Math.min(old.length - 1, this.position(end).line + 2);
    const regionStart = old[first];
    const regionEndOld = lastOld + 1 < old.length ? old[lastOld + 1] : this.text.length;
    // The region is read from the old text and the insertion, so the new text (possibly a rope of
    // both) is not flattened here.
    const region = this.text.slice(regionStart, start) + inserted + this.text.slice(end, regionEndOld);
    const middle = scanLineStarts(region, 0, region.length).map((o) => o + regionStart);
    const tail = old.length - (lastOld + 2);
    const starts = new Int32Array(first + 1 + middle.length + Math.max(0, tail));
    starts.set(old.subarray(0, first + 1));
    starts.set(middle, first + 1);
    for (let k = 0, to = first + 1 + middle.length, from = lastOld + 2; k < tail; k++)
      starts[to + k] = old[from + k] + delta;
    return new LineIndex(text, starts);
  }

  /** The position of an offset (clamped into the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  /**
   * The offset of a position, clamped as the LSP and the editor's text model clamp it: a character past
   * the end of its line means the line's end, before its line break; a line past the last means the end
   * of the text, a negative one its start.
   */
  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    if (pos.character <= 0) return start;
    if (pos.line + 1 >= this.lineStarts.length) return Math.min(start + pos.character, this.text.length);
    // Only the last two characters of a line can be its break: the text is read there only.
    const next = this.lineStarts[pos.line + 1];
    let offset = Math.min(start + pos.character, next);
    while (offset > start && offset >= next - 1 && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** The offsets just after each line break in text[from, to), counting `\r\n` once and a lone `\r`. */
function scanLineStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** True when `pos` lies inside `range` (end inclusive, so a cursor just after a word still counts). */
export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

/** Orders positions. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** `word` quoted in backticks for messages, shortened when long. */
export function code(word: unknown): string {
  const s = typeof word === 'string' ? word : (JSON.stringify(word) ?? String(word));
  return '`' + (s.length > 60 ? s.slice(0, 57) + '…' : s) + '`';
}

/** "a, b or c" */
export function listOr(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max).map((i) => code(i));
  if (items.length > max) shown.push(`… (${items.length - max} more)`);
  if (shown.length <= 1) return shown.join('');
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1];
}
