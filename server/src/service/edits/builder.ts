/**
 * The one way quick fixes (and the CLI's `--fix`) build text edits: insert properties into a block or a
 * flow mapping, replace a value, add a line above another. Every edit keeps the file's line ending
 * (CRLF or LF), the mapping's indentation and the comments around it, and writes values with the one
 * quoting policy (quote.ts).
 */
import type { LineIndex } from '../syntax/text';
import { offsetsOf } from '../syntax/parse';
import { isMap, pairKey, pairOf, pairValue, type Node, type Pair, type YAMLMap } from '../syntax/nodes';
import type { Position, TextEdit } from '../model/types';
import { quoteScalar } from './quote';

/** The text an edit applies to (a parsed document has both). */
export interface EditTarget {
  readonly text: string;
  readonly lines: LineIndex;
}

/**
 * A value to write: text (quoted when YAML would read it otherwise), a number or boolean, YAML written as
 * is (`[]`, `{}`), or a mapping of new properties (block lines in a block mapping, `{…}` in a flow one or
 * when `flow` is set).
 */
export type NewValue =
  string | number | boolean | { raw: string } | { entries: NewProperty[]; flow?: boolean };

/** A property to insert: key and value. */
export type NewProperty = readonly [key: string, value: NewValue];

/** The file's line ending: CRLF when it has one, LF otherwise. */
export function lineEnding(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** An edit replacing the text between two offsets. */
export function replaceOffsets(
  doc: EditTarget,
  offsets: readonly [number, number],
  newText: string,
): TextEdit {
  return { range: doc.lines.range(offsets[0], offsets[1]), newText };
}

/** An edit replacing a node's text as written (without a trailing comment). */
export function replaceNode(doc: EditTarget, node: Node, newText: string): TextEdit {
  return replaceOffsets(doc, offsetsOf(node), newText);
}

/** An edit replacing a scalar by `value`, in the scalar's quotes, quoted when it must be. */
export function replaceScalar(doc: EditTarget, node: Node, value: string): TextEdit {
  return replaceNode(doc, node, quoteScalar(value, node));
}

/** An edit inserting `text` at a position. */
export function insertAt(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** An edit adding a line (given without its line ending) above `line`. */
export function insertLineAbove(doc: EditTarget, line: number, text: string): TextEdit {
  return insertAt({ line, character: 0 }, text + lineEnding(doc.text));
}

/**
 * An edit inserting properties into a mapping, after the pair of `after` (or after the last pair):
 * in a block mapping on new lines indented like its keys (after the line's comment, if any); in a flow
 * mapping as `, key: value` after that pair (or inside an empty `{}`). Undefined when `map` is not a
 * mapping, or a block mapping without pairs.
 */
export function insertProperties(
  doc: EditTarget,
  map: unknown,
  properties: readonly NewProperty[],
  after?: string,
): TextEdit | undefined {
  if (!isMap(map) || !properties.length) return undefined;
  const anchor = (after ? pairOf(map, after) : undefined) ?? map.items[map.items.length - 1];
  if (map.flow) return insertIntoFlow(doc, map, anchor, properties);
  const key = anchor ? pairKey(anchor) : undefined;
  if (!anchor || !key) return undefined;
  const keyStart = offsetsOf(key)[0];
  const indent = doc.lines.position(keyStart).character;
  const eol = lineEnding(doc.text);
  const line = doc.lines.position(endOf(doc, anchor, keyStart)).line;
  const text = properties.map((p) => eol + ' '.repeat(indent) + blockProperty(p, indent, eol)).join('');
  return insertAt({ line, character: doc.lines.lineText(line).length }, text);
}

function insertIntoFlow(
  doc: EditTarget,
  map: YAMLMap,
  anchor: Pair | undefined,
  properties: readonly NewProperty[],
): TextEdit {
  const text = properties.map(flowProperty).join(', ');
  if (!anchor) return insertAt(doc.lines.position(offsetsOf(map)[0] + 1), text);
  const start = offsetsOf(pairKey(anchor))[0];
  return insertAt(doc.lines.position(endOf(doc, anchor, start)), ', ' + text);
}

/** The offset after a pair's last character (a block value's range runs on over the line break). */
function endOf(doc: EditTarget, pair: Pair, floor: number): number {
  let end = Math.max(offsetsOf(pairValue(pair))[1], offsetsOf(pairKey(pair))[1]);
  while (end > floor && /\s/.test(doc.text[end - 1])) end--;
  return end;
}

function isEntries(value: NewValue): value is { entries: NewProperty[]; flow?: boolean } {
  return typeof value === 'object' && 'entries' in value;
}

/** `key: value` in a block mapping whose keys are at `indent`. */
function blockProperty([key, value]: NewProperty, indent: number, eol: string): string {
  if (!isEntries(value) || value.flow || !value.entries.length)
    return `${quoteScalar(key)}: ${flowValue(value)}`;
  const inner = indent + 2;
  return (
    quoteScalar(key) +
    ':' +
    value.entries.map((p) => eol + ' '.repeat(inner) + blockProperty(p, inner, eol)).join('')
  );
}

/** `key: value` in a flow mapping. */
function flowProperty([key, value]: NewProperty): string {
  return `${quoteScalar(key)}: ${flowValue(value)}`;
}

/** A value written on one line. */
function flowValue(value: NewValue): string {
  if (typeof value === 'string') return quoteScalar(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('raw' in value) return value.raw;
  return `{${value.entries.map(flowProperty).join(', ')}}`;
}
