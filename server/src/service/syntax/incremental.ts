/**
 * Incremental re-parsing: an edit inside one step re-parses only that step's lines and splices the new
 * nodes into the previous tree; everything else is reused. Whatever cannot be proven local (an edit
 * across steps or outside `steps:`, a change of indentation at the step level, anchors and aliases,
 * a syntax error before or after, several changes at once) falls back to a full parse, so the result is
 * always the one a full parse of the new text gives — the tests compare the two on random edits.
 *
 * The previous document is consumed: its YAML nodes are moved into the new document (and their ranges
 * shifted), so only the newest version of a document may be updated.
 */
import {
  isAlias,
  isMap,
  isScalar,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { reindexSteps, type KeyFindings, type ScenarioDocument } from './document';
import { asNode, childNodes, keyText, pairKey, pairOf, pairValue } from './nodes';
import { shiftPlace } from './fast-nodes';
import { parseScenario, PARSE_OPTIONS } from './parse';
import { keyProblems, scanNodes } from './scan';
import { LineIndex } from './text';
import type { Range } from '../model/types';

/** One change as LSP sends it: a range in the text before the change, and its replacement. */
export interface TextChange {
  range: Range;
  text: string;
}

/** Why the last update could not be incremental (for logs and benchmarks). */
export type UpdateMode = 'incremental' | 'full';

/**
 * The document after `changes` (applied in order, LSP semantics). Re-parses one step when it can, the
 * whole text otherwise; `mode` tells which. `newText`, when the caller has it already (an editor's
 * document), is the text after the changes: it is used instead of a copy built here (building and
 * flattening a 2 MB string costs ~15 ms) after a check that it has the expected length and the
 * re-parsed lines.
 */
export function updateScenario(
  prev: ScenarioDocument,
  changes: readonly TextChange[],
  version: number | undefined,
  newText?: string,
): { doc: ScenarioDocument; mode: UpdateMode } {
  // Each change applies to the text the previous one left (LSP semantics); each is re-parsed locally
  // when it can be, and the first one that cannot sends the final text to a full parse.
  let doc: ScenarioDocument | undefined = prev;
  let text = prev.text;
  // The re-parsed lines of the last local re-parse and their offset, to check a caller's text.
  let checkSlice: [number, string] | undefined;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k];
    const lines: LineIndex = doc ? doc.lines : new LineIndex(text);
    // A reversed range means the same span (as the editor's text model reads it).
    const a = lines.offset(c.range.start);
    const b = lines.offset(c.range.end);
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    text = text.slice(0, start) + c.text + text.slice(end);
    const local: ReturnType<typeof tryLocal> = doc
      ? tryLocal(doc, start, end, c.text, text, k === changes.length - 1 ? version : undefined)
      : undefined;
    doc = local?.doc;
    checkSlice = local?.slice;
  }
  if (newText !== undefined && newText.length !== text.length) doc = undefined;
  if (doc && newText !== undefined && checkSlice) {
    const [at, slice] = checkSlice;
    if (newText.slice(at, at + slice.length) !== slice) doc = undefined;
  }
  if (doc && changes.length > 0) {
    doc.version = version;
    if (newText !== undefined) {
      doc.text = newText;
      doc.lines.text = newText;
    }
    return { doc, mode: 'incremental' };
  }
  return { doc: parseScenario(prev.uri, newText ?? text, version), mode: 'full' };
}

/** A local re-parse: the next version, and the re-parsed lines with their offset. */
interface Local {
  doc: ScenarioDocument;
  slice: [number, string];
}

/** The steps mapping of a document and its place among the top-level pairs. */
interface StepsPlace {
  root: YAMLMap;
  stepsIndex: number;
  stepsMap: YAMLMap;
}

/** The lines of the step holding an edit, in the text before it. */
interface StepSlice {
  /** The step's index among the pairs of `steps:`. */
  i: number;
  oldKey: Scalar & { value: string };
  start: number;
  end: number;
  /** The column of the step's key. */
  indent: number;
}

function tryLocal(
  prev: ScenarioDocument,
  start: number,
  end: number,
  inserted: string,
  text: string,
  version: number | undefined,
): Local | undefined {
  const place = editablePlace(prev, start, inserted);
  const slice = place && sliceAt(prev, place, start, end);
  if (!place || !slice) return undefined;
  const oldSlice = prev.text.slice(slice.start, slice.end);
  const newSlice = oldSlice.slice(0, start - slice.start) + inserted + oldSlice.slice(end - slice.start);
  if (!newSlice.endsWith('\n') && slice.end !== prev.text.length) return undefined;
  const step = reparseStep(newSlice, slice.indent);
  const keys = step && keptKeys(prev, place, slice);
  if (!step || !keys) return undefined;
  const items = place.stepsMap.items;
  const renamed = step.id !== slice.oldKey.value;
  const ids = renamed ? items.map((p, k) => (k === slice.i ? step.id : String(keyText(p)))) : [];
  if (renamed && new Set(ids).size !== ids.length) return undefined;
  // The new step's own duplicate and merge keys join the others; nesting too deep needs the full parse.
  const scan = scanNodes(pairValue(step.pair) ?? null, newSlice.length, 3);
  if (scan.tooDeep !== undefined || scan.keysTooDeep !== undefined) return undefined;

  // What the caches keep of the previous version, decided before the step's nodes are replaced.
  const analysis = prev.analysis.carried({
    prevText: prev.text,
    edit: [start, end, inserted.length],
    stepIndex: prev.stepsById.get(slice.oldKey.value)?.index,
    keyOffsets: [slice.oldKey.range![0], slice.oldKey.range![1]],
    value: pairValue(items[slice.i]) ?? null,
    renamed,
  });
  const delta = newSlice.length - oldSlice.length;
  splice(prev.yaml!, place, slice, step.pair, delta);
  const value = spliceValue(prev, step, renamed ? ids : undefined);

  const doc: ScenarioDocument = {
    uri: prev.uri,
    version,
    text,
    lines: prev.lines.edited(start, end, inserted, text),
    yaml: prev.yaml,
    root: place.root,
    value,
    convertible: true,
    hasAliases: false,
    steps: [],
    stepsById: new Map(),
    problems: [],
    keys: {
      duplicates: [...keys.duplicates, ...scan.duplicates],
      mergeKeys: [...keys.mergeKeys, ...scan.mergeKeys],
    },
    analysis,
  };
  doc.problems.push(...keyProblems(doc.keys!, doc.lines));
  reindexSteps(prev, doc, place.stepsMap, slice.oldKey.value, step.pair, delta);
  return { doc, slice: [slice.start, newSlice] };
}

/**
 * The steps of a document that an edit (at `start`, inserting `inserted`) may re-parse locally: a clean
 * parse without aliases, a block `steps:` mapping with steps, and nothing inserted that changes how the
 * whole text reads (a byte-order mark, NUL, CR).
 */
function editablePlace(prev: ScenarioDocument, start: number, inserted: string): StepsPlace | undefined {
  const yamlDoc = prev.yaml;
  if (!yamlDoc || !prev.root || !prev.convertible || prev.hasAliases) return undefined;
  if (
    yamlDoc.errors.length ||
    yamlDoc.warnings.length ||
    prev.problems.some(
      (p) =>
        p.ruleId.startsWith('yaml/') && p.ruleId !== 'yaml/duplicate-key' && p.ruleId !== 'yaml/merge-key',
    )
  )
    return undefined;
  // (The new text is not read: it may be a rope of the old text and the change, which reading flattens.)
  if (
    (start === 0 && inserted.charCodeAt(0) === 0xfeff) ||
    inserted.includes('\u0000') ||
    inserted.includes('\r')
  )
    return undefined;
  const root = prev.root;
  const stepsPair = pairOf(root, 'steps');
  const stepsMap = stepsPair && pairValue(stepsPair);
  if (!stepsPair || !isMap(stepsMap) || stepsMap.flow || stepsMap.items.length === 0) return undefined;
  return { root, stepsIndex: root.items.indexOf(stepsPair), stepsMap };
}

const keyStart = (p: Pair) => pairKey(p)!.range![0];

/**
 * The slice of the step holding the change: from the start of its key's line to the start of the next
 * step's key line (or of the next top-level key's line, or the end of the text). Undefined when the
 * change touches the key's indentation or reaches the next slice.
 */
function sliceAt(
  prev: ScenarioDocument,
  place: StepsPlace,
  start: number,
  end: number,
): StepSlice | undefined {
  const { root, stepsIndex } = place;
  const items = place.stepsMap.items;
  // The last step whose key starts at or before the change (steps are in source order).
  let lo = 0;
  let hi = items.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyStart(items[mid]) <= start) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (i < 0) return undefined;
  const lineStartOf = (offset: number) => prev.lines.lineStarts[prev.lines.position(offset).line];
  const sliceStart = lineStartOf(keyStart(items[i]));
  const indent = keyStart(items[i]) - sliceStart;
  let sliceEnd: number;
  if (i + 1 < items.length) sliceEnd = lineStartOf(keyStart(items[i + 1]));
  else if (stepsIndex + 1 < root.items.length) sliceEnd = lineStartOf(keyStart(root.items[stepsIndex + 1]));
  else sliceEnd = prev.text.length;
  if (start < sliceStart + indent || end >= sliceEnd || end < start) return undefined;
  const oldKey = pairKey(items[i]);
  if (!isScalar(oldKey) || typeof oldKey.value !== 'string') return undefined;
  return { i, oldKey: oldKey as Scalar & { value: string }, start: sliceStart, end: sliceEnd, indent };
}

/** The edited step's lines parsed on their own: one pair at the step's column, or undefined. */
function reparseStep(
  newSlice: string,
  indent: number,
): { pair: Pair; id: string; sliceDoc: Document.Parsed } | undefined {
  if (/^(---|\.\.\.)/m.test(newSlice)) return undefined;
  // Every content line after the first must stay inside the step (deeper than its key).
  const sliceLines = newSlice.split('\n');
  if (!sliceLines[0].startsWith(' '.repeat(indent)) || sliceLines[0][indent] === ' ') return undefined;
  for (let k = 1; k < sliceLines.length; k++) {
    const l = sliceLines[k];
    const content = l.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    if (l.length - content.length <= indent) return undefined;
  }
  let parsed: Document.Parsed[];
  try {
    const all = parseAllDocuments(newSlice, PARSE_OPTIONS);
    if (!Array.isArray(all) || all.length !== 1) return undefined;
    parsed = all;
  } catch {
    return undefined;
  }
  const sliceDoc = parsed[0];
  if (sliceDoc.errors.length || sliceDoc.warnings.length) return undefined;
  const sliceMap = sliceDoc.contents;
  if (!isMap(sliceMap) || sliceMap.items.length !== 1) return undefined;
  const pair = sliceMap.items[0];
  const key = pairKey(pair);
  if (!isScalar(key) || typeof key.value !== 'string' || keyStart(pair) !== indent) return undefined;
  if (hasAliasesOrAnchors(pairValue(pair) ?? null)) return undefined;
  return { pair, id: key.value, sliceDoc };
}

/**
 * The duplicate and merge keys kept from the previous version: those inside other steps (reported
 * again). Undefined when one is at the top level or between steps: the full parse says which one wins.
 */
function keptKeys(prev: ScenarioDocument, place: StepsPlace, slice: StepSlice): KeyFindings | undefined {
  const keys = prev.keys ?? { duplicates: [], mergeKeys: [] };
  const outside = (n: unknown) =>
    place.stepsMap.items.some((p) => p.key === n) || place.root.items.some((p) => p.key === n);
  if (keys.duplicates.some(([, b]) => outside(b.key)) || keys.mergeKeys.some(outside)) return undefined;
  const inSlice = (n: unknown) => {
    const o = (n as Node | null)?.range?.[0];
    return o !== undefined && o >= slice.start && o < slice.end;
  };
  return {
    duplicates: keys.duplicates.filter(([, b]) => !inSlice(b.key)),
    mergeKeys: keys.mergeKeys.filter((m) => !inSlice(m)),
  };
}

/** Shifts the new step's nodes into place and everything after the slice by the change in length. */
function splice(
  yamlDoc: Document.Parsed,
  place: StepsPlace,
  slice: StepSlice,
  pair: Pair,
  delta: number,
): void {
  const { root, stepsIndex, stepsMap } = place;
  const items = stepsMap.items;
  shiftTree(pairKey(pair), slice.start);
  shiftTree(pairValue(pair), slice.start);
  for (let k = slice.i + 1; k < items.length; k++) shiftPair(items[k], delta);
  for (let k = stepsIndex + 1; k < root.items.length; k++) shiftPair(root.items[k], delta);
  for (const container of [stepsMap, root]) shiftEnds(container, delta, slice.start);
  const dr = yamlDoc.range;
  yamlDoc.range = [dr[0], dr[1] + delta, dr[2] + delta];
  items[slice.i] = pair;
}

/**
 * The plain-data value: the same object, with this step's entry replaced in place (the previous
 * document is consumed); a renamed step (`ids`: every step's id, in order) rebuilds the steps object to
 * keep the source order.
 */
function spliceValue(
  prev: ScenarioDocument,
  step: { id: string; sliceDoc: Document.Parsed },
  ids: readonly string[] | undefined,
): Record<string, unknown> {
  const stepJs = (step.sliceDoc.toJS() as Record<string, unknown>)[step.id];
  const value = prev.value as Record<string, unknown>;
  const prevSteps = value.steps as Record<string, unknown>;
  if (!ids) prevSteps[step.id] = stepJs;
  else {
    const steps: Record<string, unknown> = {};
    for (const id of ids) steps[id] = id === step.id ? stepJs : prevSteps[id];
    value.steps = steps;
  }
  return value;
}

function hasAliasesOrAnchors(node: Node | null): boolean {
  const stack: (Node | null)[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n) continue;
    if (isAlias(n) || (n as { anchor?: string }).anchor || (n as { tag?: string }).tag) return true;
    stack.push(...childNodes(n));
  }
  return false;
}

/**
 * Shifts every node of a subtree in place (the previous document is consumed, and the range arrays are
 * the nodes' own). Recursion is bounded: documents nested deeper than MAX_DEPTH are never updated.
 */
function shiftTree(node: Node | null | undefined, by: number): void {
  if (!node || !by) return;
  const r = shiftPlace(node, by) ? undefined : node.range;
  if (r) {
    r[0] += by;
    r[1] += by;
    r[2] += by;
  }
  const items = (node as { items?: unknown[] }).items;
  if (!items) return;
  // (Not childNodes: this runs over every node after the edit, and makes no array per node.)
  if (isMap(node)) for (const p of items as Pair[]) shiftPair(p, by);
  else for (const it of items) shiftTree(asNode(it), by);
}

function shiftPair(p: Pair, by: number): void {
  shiftTree(pairKey(p), by);
  shiftTree(pairValue(p), by);
}

/** Moves the end of a container that encloses the slice. */
function shiftEnds(n: YAMLMap, by: number, after: number): void {
  if (!n.range) return;
  const [a, b, c] = n.range;
  n.range = [a, b >= after ? b + by : b, c >= after ? c + by : c];
}
