/**
 * Where the cursor is in YAML terms. Editing features run on half-typed documents whose syntax tree is
 * often broken, so `contextAt` reads the text itself: the current line up to the cursor and the
 * indentation of the lines above give the path (`steps › answer › next`) and whether a key or a value is
 * being typed. `nodeAt` uses the syntax tree instead, for hover and navigation on complete documents.
 */
import { asNode, isMap, isScalar, isSeq, keyNode, pairKey, pairValue, type Node } from './nodes';
import { offsetsOf, type ScenarioDocument } from './parse';
import type { Position, Range } from '../model/types';

/** A path segment: a mapping key or a sequence index. */
export type Segment = string | number;

/** One structural element at the start of a line: a `- ` item marker or a `key:`. */
export interface Frame {
  col: number;
  type: 'item' | 'key';
  key?: string;
  /** Column where the key's value starts (after `: `). */
  valueCol?: number;
  /** The key has a value (other than a comment) on the same line. */
  hasValue?: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`][^:#]*?)[ \t]*:(?=[ \t]|$)/;

/** The item markers and keys a line starts with (none for blank and comment lines). */
export function lineFrames(text: string): Frame[] {
  const frames: Frame[] = [];
  let i = 0;
  while (text[i] === ' ') i++;
  for (;;) {
    if (i >= text.length || text[i] === '#') return frames;
    if (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ')) {
      frames.push({ col: i, type: 'item' });
      i++;
      while (text[i] === ' ') i++;
      continue;
    }
    const m = KEY.exec(text.slice(i));
    if (m) {
      let v = i + m[0].length;
      while (text[v] === ' ' || text[v] === '\t') v++;
      frames.push({
        col: i,
        type: 'key',
        key: unquote(m[1]),
        valueCol: v,
        hasValue: v < text.length && text[v] !== '#',
      });
    }
    return frames;
  }
}

function unquote(s: string): string {
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) return s.slice(1, -1).replace(/\\"/g, '"');
  if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replace(/''/g, "'");
  return s.trim();
}

/** What is being typed at a position. */
export interface YamlContext {
  /**
   * `key`: a key of the mapping at `path` (or, when that is a sequence of scalars, a new value);
   * `value`: the value at `path`.
   */
  kind: 'key' | 'value';
  path: Segment[];
  /** The line of each path segment's key or item marker (-1 inside flow collections). */
  lines: number[];
  /** The token under the cursor (without quotes) and its range (the whole token, also after the cursor). */
  word: string;
  range: Range;
  quote?: '"' | "'";
  /** Inside `[…]` or `{…}`. */
  inFlow: boolean;
  /** The current line starts a sequence item (`- `) right before the token. */
  afterDash: boolean;
  /** Keys already present in the mapping that receives a key. */
  siblings: Set<string>;
}

/** The YAML context at a position, from the text alone (works on broken documents). */
export function contextAt(doc: ScenarioDocument, pos: Position): YamlContext | undefined {
  const lineText = doc.lines.lineText(pos.line);
  const before = lineText.slice(0, pos.character);
  if (hasComment(before)) return undefined;
  const frames = lineFrames(before);
  let tokenStart = before.length - before.trimStart().length;
  if (frames.length) {
    const last = frames[frames.length - 1];
    tokenStart = last.type === 'key' ? last.valueCol! : Math.min(before.length, last.col + 2);
  }
  // A key frame whose colon is right at the cursor (`next:` with no space yet) is still the key being typed.
  if (frames.length && frames[frames.length - 1].type === 'key' && tokenStart > before.length) {
    frames.pop();
    tokenStart = frames.length
      ? Math.min(before.length, frames[frames.length - 1].col + 2)
      : before.length - before.trimStart().length;
  }
  const startCol = frames.length ? frames[0].col : tokenStart;
  const { path, lines } = parentPath(doc, pos.line, startCol);
  let siblingsCol = startCol;
  frames.forEach((f, i) => {
    if (f.type === 'item') {
      path.push(itemIndex(doc, pos.line, f.col));
      lines.push(pos.line);
      siblingsCol = i + 1 < frames.length ? frames[i + 1].col : f.col + 2;
    } else {
      path.push(f.key!);
      lines.push(pos.line);
    }
  });
  const lastFrame = frames[frames.length - 1];
  const valueMode = lastFrame?.type === 'key';
  const rest = before.slice(tokenStart);
  let inFlow = false;
  let kind: YamlContext['kind'] = valueMode ? 'value' : 'key';
  let flowSiblings: Set<string> | undefined;
  if (valueMode && /^[[{]/.test(rest)) {
    const flow = scanFlow(rest);
    inFlow = true;
    for (const seg of flow.path) {
      path.push(seg);
      lines.push(-1);
    }
    kind = flow.kind;
    flowSiblings = flow.siblings;
    tokenStart += flow.tokenOffset;
  }
  const { start, end, quote } = tokenExtent(lineText, pos.character, tokenStart, kind);
  const word = lineText.slice(start, pos.character).trimStart();
  const siblings =
    kind === 'key'
      ? (flowSiblings ??
        (valueMode ? new Set<string>() : siblingKeys(doc, pos.line, siblingsCol, lastFrame?.type === 'item')))
      : new Set<string>();
  return {
    kind,
    path,
    lines,
    word,
    range: {
      start: { line: pos.line, character: pos.character - word.length },
      end: { line: pos.line, character: end },
    },
    quote,
    inFlow,
    afterDash: lastFrame?.type === 'item',
    siblings,
  };
}

/** The token under the cursor: from `tokenStart` (after an opening quote) to its end on the line. */
function tokenExtent(
  lineText: string,
  cursor: number,
  tokenStart: number,
  kind: YamlContext['kind'],
): { start: number; end: number; quote: YamlContext['quote'] } {
  let start = tokenStart;
  let quote: YamlContext['quote'];
  if (lineText[start] === '"' || lineText[start] === "'") {
    quote = lineText[start] as '"' | "'";
    start++;
  }
  let end = Math.max(cursor, start);
  const stop = quote
    ? (c: string) => c === quote
    : (c: string) => /[,\]}#]/.test(c) || (kind === 'key' && c === ':');
  while (end < lineText.length && !stop(lineText[end])) end++;
  if (!quote) while (end > cursor && lineText[end - 1] === ' ') end--;
  return { start, end, quote };
}

function hasComment(before: string): boolean {
  let q: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (q) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(before[i - 1])) q = c;
    } else if (c === '#' && (i === 0 || before[i - 1] === ' ' || before[i - 1] === '\t')) return true;
  }
  return false;
}

/** The path of the mapping or sequence that holds a line starting at `col`, from the lines above. */
export function parentPath(
  doc: ScenarioDocument,
  line: number,
  col: number,
): { path: Segment[]; lines: number[] } {
  const path: Segment[] = [];
  const lines: number[] = [];
  let limit = col;
  let afterItem = false;
  for (let i = line - 1; i >= 0 && (limit > 0 || afterItem); i--) {
    const frames = lineFrames(doc.lines.lineText(i));
    if (!frames.length) continue;
    let found: Frame | undefined;
    for (let j = frames.length - 1; j >= 0; j--) {
      const f = frames[j];
      if (
        f.col < limit ||
        (afterItem && f.col === limit && f.type === 'key' && !f.hasValue && j === frames.length - 1)
      ) {
        found = f;
        break;
      }
    }
    if (!found) continue;
    if (found.type === 'item') {
      path.unshift(itemIndex(doc, i, found.col));
      lines.unshift(i);
      afterItem = true;
    } else {
      path.unshift(found.key!);
      lines.unshift(i);
      afterItem = false;
      // A step's key: the rest of the way up is `steps:` (known from the parse; scanning up to it would
      // read every line above, ~5 ms in the middle of a 10,000-step file).
      const steps = stepsKeyLine(doc);
      if (steps !== undefined && steps < i && doc.stepsById.get(found.key!)?.keyRange.start.line === i) {
        path.unshift('steps');
        lines.unshift(steps);
        break;
      }
    }
    limit = found.col;
  }
  return { path, lines };
}

/** The line of the top-level `steps:` key, when the document parsed with one at column 0. */
function stepsKeyLine(doc: ScenarioDocument): number | undefined {
  const start = keyNode(doc.root, 'steps')?.range?.[0];
  if (start === undefined) return undefined;
  const pos = doc.lines.position(start);
  return pos.character === 0 ? pos.line : undefined;
}

/** The index of the sequence item whose `- ` is on `line` at `col`. */
function itemIndex(doc: ScenarioDocument, line: number, col: number): number {
  let index = 0;
  for (let i = line - 1; i >= 0; i--) {
    const frames = lineFrames(doc.lines.lineText(i));
    if (!frames.length) continue;
    const at = frames.find((f) => f.col === col);
    if (at?.type === 'item') index++;
    else if (frames[0].col < col || (at?.type === 'key' && !at.hasValue)) break;
    else if (at) break;
  }
  return index;
}

/** The keys at column `col` in the block around `line` (the mapping a new key would join). */
export function siblingKeys(
  doc: ScenarioDocument,
  line: number,
  col: number,
  startsHere = false,
): Set<string> {
  const keys = new Set<string>();
  const visit = (i: number): boolean => {
    const frames = lineFrames(doc.lines.lineText(i));
    if (!frames.length) return true;
    const at = frames.find((f) => f.col === col);
    if (at?.type === 'key') keys.add(at.key!);
    return frames[0].col >= col;
  };
  if (!startsHere) for (let i = line - 1; i >= 0; i--) if (!visit(i)) break;
  for (let i = line + 1; i < doc.lines.lineCount; i++) {
    const frames = lineFrames(doc.lines.lineText(i));
    if (frames.length && frames[0].col < col) break;
    visit(i);
  }
  return keys;
}

interface FlowScan {
  path: Segment[];
  kind: 'key' | 'value';
  siblings: Set<string>;
  tokenOffset: number;
}

/** Reads `[a, b` or `{seconds: 20, next: x` up to the cursor. */
function scanFlow(text: string): FlowScan {
  type Level =
    { type: 'seq'; index: number } | { type: 'map'; key?: string; keys: Set<string>; start: number };
  const stack: Level[] = [];
  let tokenOffset = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '[') {
      stack.push({ type: 'seq', index: 0 });
      tokenOffset = i + 1;
    } else if (c === '{') {
      stack.push({ type: 'map', keys: new Set(), start: i + 1 });
      tokenOffset = i + 1;
    } else if (c === ']' || c === '}') {
      stack.pop();
    } else if (c === ',') {
      if (top?.type === 'seq') top.index++;
      else if (top?.type === 'map') {
        top.key = undefined;
        top.start = i + 1;
      }
      tokenOffset = i + 1;
    } else if (
      c === ':' &&
      top?.type === 'map' &&
      top.key === undefined &&
      (text[i + 1] === ' ' || i + 1 === text.length)
    ) {
      top.key = text.slice(top.start, i).trim();
      top.keys.add(top.key);
      tokenOffset = i + 1;
    }
  }
  while (text[tokenOffset] === ' ') tokenOffset++;
  const path: Segment[] = [];
  let kind: FlowScan['kind'] = 'value';
  let siblings = new Set<string>();
  stack.forEach((l, i) => {
    if (l.type === 'seq') path.push(l.index);
    else if (l.key !== undefined) path.push(l.key);
    else if (i === stack.length - 1) {
      kind = 'key';
      siblings = l.keys;
    }
  });
  return { path, kind, siblings, tokenOffset: Math.min(tokenOffset, text.length) };
}

/** A node of the syntax tree under an offset. */
export interface NodeHit {
  /** The path of the value (for a key: the path including the key). */
  path: Segment[];
  node: Node;
  isKey: boolean;
}

/** The innermost scalar (key or value) of the syntax tree at `offset`. */
export function nodeAt(doc: ScenarioDocument, offset: number): NodeHit | undefined {
  let node = asNode(doc.yaml?.contents);
  const path: Segment[] = [];
  const inside = (n: unknown): boolean => {
    const x = asNode(n);
    if (!x?.range) return false;
    const [s, e] = offsetsOf(x);
    return offset >= s && offset <= e;
  };
  for (let depth = 0; node && depth < 300; depth++) {
    if (isMap(node)) {
      let next: Node | undefined;
      for (const pair of node.items) {
        const key = pairKey(pair);
        if (isScalar(key) && inside(key))
          return { path: [...path, String(key.value)], node: key, isKey: true };
        const value = pairValue(pair);
        if (inside(value)) {
          path.push(isScalar(key) ? String(key.value) : '?');
          next = value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(inside);
      if (index < 0) return undefined;
      path.push(index);
      node = asNode(node.items[index]);
    } else if (isScalar(node)) {
      return { path, node, isKey: false };
    } else return undefined;
  }
  return undefined;
}
