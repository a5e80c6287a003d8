/**
 * The parsed scenario document: its shape (ScenarioDocument, StepInfo), an empty one to fill, and the
 * index of its steps (built after a parse, moved along after an incremental one). The parse itself is in
 * parse.ts; what the checks keep with a document is in analysis.ts.
 */
import { isMap, isScalar, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { AnalysisCache } from './analysis';
import { keyText, pairKey, pairValue, valueNode } from './nodes';
import { code, type LineIndex } from './text';
import type { Problem, Range } from '../model/types';
import type { Step } from '../model/vocabulary';
import { STEP_ID_PATTERN } from '../model/vocabulary';

/** One step as found in the source. */
export interface StepInfo {
  id: string;
  /** Position among the steps, in source order. */
  index: number;
  /** The key scalar's range (the id as written). */
  keyRange: Range;
  /** Key and value. */
  fullRange: Range;
  keyOffsets: [number, number];
  fullOffsets: [number, number];
  /** The YAML node of the step's value. */
  node: Node | null;
  /** The step as plain data, when it is a mapping. */
  data: Partial<Step> | undefined;
}

/** A parsed scenario. Build it once per document version and share it between features. */
export interface ScenarioDocument {
  uri: string;
  version: number | undefined;
  /** The text as parsed (without a leading BOM). */
  text: string;
  lines: LineIndex;
  /** The first YAML document, when there is one. */
  yaml: Document.Parsed | undefined;
  /** The root mapping, when the document is a mapping. */
  root: YAMLMap | undefined;
  /** The whole document as plain data, unless it could not be converted safely. */
  value: unknown;
  /** False when conversion was skipped (alias bomb, depth) and schema checks must not run. */
  convertible: boolean;
  /** The document uses anchors or aliases (then an edit is never re-parsed locally). */
  hasAliases: boolean;
  steps: StepInfo[];
  stepsById: Map<string, StepInfo>;
  /** Problems found while parsing (syntax, duplicates, documents, aliases, step ids). */
  problems: Problem[];
  /** Duplicate and merge keys found by the parse (kept so an incremental update can report them again). */
  keys?: KeyFindings;
  /**
   * A bug of the fast reader met on this text: it threw something other than its give-up, and the
   * `yaml` package read the text instead. The user sees no difference; the host should log it.
   */
  readerFault?: string;
  /** What the checks and features keep for this version (see analysis.ts); never part of the parse. */
  readonly analysis: AnalysisCache;
}

/** Duplicate keys (first and repeated pair) and merge keys of a tree. */
export interface KeyFindings {
  duplicates: [Pair, Pair][];
  mergeKeys: Node[];
}

/** [start, end] offsets of a node's value (without a trailing comment). */
export function offsetsOf(node: Node | null | undefined): [number, number] {
  const r = node?.range;
  if (!r) return [0, 0];
  return [r[0], r[1]];
}

/** A step whose ranges are computed when first asked for (most steps are never reported). */
class Step_ implements StepInfo {
  private key: Range | undefined;
  private full: Range | undefined;
  constructor(
    private lines: LineIndex,
    readonly id: string,
    readonly index: number,
    readonly keyOffsets: [number, number],
    readonly fullOffsets: [number, number],
    readonly node: Node | null,
    readonly data: Partial<Step> | undefined,
  ) {}
  get keyRange(): Range {
    return (this.key ??= this.lines.range(this.keyOffsets[0], this.keyOffsets[1]));
  }
  get fullRange(): Range {
    return (this.full ??= this.lines.range(this.fullOffsets[0], this.fullOffsets[1]));
  }
  /**
   * Moves the step into the next version of its document (incremental updates consume the previous
   * version): its offsets shift by `delta`, and ranges are recomputed unless nothing before it changed.
   */
  rebase(lines: LineIndex, delta: number, moved: boolean): void {
    this.lines = lines;
    if (!moved) return;
    this.keyOffsets[0] += delta;
    this.keyOffsets[1] += delta;
    this.fullOffsets[0] += delta;
    this.fullOffsets[1] += delta;
    this.key = this.full = undefined;
  }
}

/** A document with nothing found in it yet (the parse fills it). */
export function emptyDocument(
  uri: string,
  text: string,
  version: number | undefined,
  lines: LineIndex,
): ScenarioDocument {
  return {
    uri,
    version,
    text,
    lines,
    yaml: undefined,
    root: undefined,
    value: undefined,
    convertible: false,
    hasAliases: false,
    steps: [],
    stepsById: new Map(),
    problems: [],
    analysis: new AnalysisCache(),
  };
}

/** Indexes the steps of a parsed scenario (done by the parse, and by updates that cannot move the index). */
export function indexScenario(doc: ScenarioDocument): ScenarioDocument {
  if (doc.root) indexSteps(doc, doc.root);
  return doc;
}

function indexSteps(doc: ScenarioDocument, root: YAMLMap): void {
  // The `steps:` the data has (the last one when written twice). A step id written twice is the step
  // YAML keeps, the last: its place, node and data (the earlier one is only a duplicate-key problem).
  const stepsMap = valueNode(root, 'steps');
  if (!isMap(stepsMap)) return;
  const stepsJs = (doc.value as { steps?: Record<string, unknown> } | undefined)?.steps;
  const { lines } = doc;
  const kept = new Map<string, Pair>();
  for (const pair of stepsMap.items) {
    const key = pairKey(pair);
    if (isScalar(key) && typeof key.value === 'string') kept.set(key.value, pair);
  }
  for (const pair of stepsMap.items) {
    const key = pairKey(pair);
    if (!isScalar(key)) continue;
    const problem = stepIdProblem(key, lines);
    if (problem) doc.problems.push(problem);
    const raw = key.value;
    if (typeof raw !== 'string' || kept.get(raw) !== pair) continue;
    const info = makeStep(lines, pair, raw, doc.steps.length, stepsJs);
    doc.steps.push(info);
    doc.stepsById.set(raw, info);
  }
}

/** The problem with a step key that is not a valid id, if it is not. */
function stepIdProblem(key: Scalar, lines: LineIndex): Problem | undefined {
  const raw = key.value;
  if (typeof raw !== 'string')
    return {
      ruleId: 'schema/step-id',
      severity: 'error',
      message: `Step id ${code(key.source ?? String(raw))} is read as a ${raw === null ? 'null' : typeof raw}, not a name. Step ids start with a letter, e.g. ${code('step-' + String(key.source ?? raw))}.`,
      range: lines.range(...offsetsOf(key)),
    };
  if (!STEP_ID_PATTERN.test(raw))
    return {
      ruleId: 'schema/step-id',
      severity: 'error',
      message: `Step id ${code(raw)} is not a valid id: start with a letter, then letters, digits, \`-\` or \`_\` (at most 64 characters).`,
      range: lines.range(...offsetsOf(key)),
    };
  return undefined;
}

function makeStep(
  lines: LineIndex,
  pair: Pair,
  id: string,
  index: number,
  stepsJs: Record<string, unknown> | undefined,
): StepInfo {
  const keyOffsets = offsetsOf(pairKey(pair));
  const value = pairValue(pair) ?? null;
  const fullEnd = value?.range ? value.range[1] : keyOffsets[1];
  const data = stepsJs && typeof stepsJs === 'object' ? stepsJs[id] : undefined;
  return new Step_(
    lines,
    id,
    index,
    keyOffsets,
    [keyOffsets[0], fullEnd],
    value,
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Partial<Step>) : undefined,
  );
}

/**
 * The step index of a document after an incremental update replaced one step's pair (`oldId` before,
 * `pair` now) and shifted everything after it by `delta`. The previous document's step objects move into
 * the new one; the step-id problems are found again (they are the only problems a clean parse has).
 */
export function reindexSteps(
  prev: ScenarioDocument,
  doc: ScenarioDocument,
  stepsMap: YAMLMap,
  oldId: string,
  pair: Pair,
  delta: number,
): void {
  const old = prev.stepsById.get(oldId);
  if (!old) {
    indexScenario(doc);
    return;
  }
  const newId = String(keyText(pair));
  const stepsJs = (doc.value as { steps?: Record<string, unknown> } | undefined)?.steps;
  const steps = prev.steps;
  const k = old.index;
  for (let j = 0; j < steps.length; j++) if (j !== k) (steps[j] as Step_).rebase(doc.lines, delta, j > k);
  steps[k] = makeStep(doc.lines, pair, newId, k, stepsJs);
  doc.steps = steps;
  if (newId === oldId) {
    doc.stepsById = prev.stepsById;
    doc.stepsById.set(newId, steps[k]);
  } else for (const s of steps) doc.stepsById.set(s.id, s);
  for (const p of stepsMap.items) {
    const key = pairKey(p);
    if (!isScalar(key)) continue;
    const problem = stepIdProblem(key, doc.lines);
    if (problem) doc.problems.push(problem);
  }
}
