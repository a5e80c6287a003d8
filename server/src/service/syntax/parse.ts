/**
 * Parsing: YAML text → a scenario document with exact source ranges. Never throws: syntax errors,
 * duplicate keys, a second document, runaway aliases and absurd nesting all become problems.
 *
 * Decisions:
 * - `uniqueKeys: false` (the `yaml` package's own check is quadratic per mapping); duplicates are found
 *   here with one hash set per mapping and reported as `yaml/duplicate-key` (YAML keeps the last value).
 * - Aliases are allowed (reuse of a block is normal); their expanded size is computed before anything is
 *   converted, and a document whose expansion exceeds 100,000 nodes + 50× its own size is reported as
 *   `yaml/alias-bomb` and not converted.
 * - Merge keys (`<<`) are not supported: scenarios are YAML 1.2, where `<<` is an ordinary key; the
 *   problem `yaml/merge-key` says so instead of an "unknown property" message.
 * - A leading byte-order mark is dropped, so columns match the editor's (which never shows it).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { fastRead } from './fast-reader';
import { LineIndex, code } from './text';
import type { Problem, Range } from '../model/types';
import type { Step } from '../model/vocabulary';
import { AnalysisCache } from './analysis';
import { STEP_ID_PATTERN } from '../model/vocabulary';

/** Deeper nesting than this is reported and not converted (no scenario needs more than a dozen). */
export const MAX_DEPTH = 256;
/**
 * Documents the fast reader finds no deeper than this skip the nesting estimate (which counts at most two
 * levels per collection, so cannot reach MAX_DEPTH) and the depth part of the node walk.
 */
const SHALLOW = 64;

/** Mapping keys that are collections (never needed in a scenario) may nest this deep at most. */
const MAX_KEY_NESTING = 8;

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
  /** What the checks and features keep for this version (see analysis.ts); never part of the parse. */
  readonly analysis: AnalysisCache;
}

/** Options of every YAML parse (full or of one step's lines): see the decisions above. */
export const PARSE_OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  merge: false,
  strict: true,
  logLevel: 'error',
} as const;

const SCENARIO_EMPTY =
  'The file is empty. A scenario needs at least `callflow`, `id`, `title`, `start` and `steps`.';

/** Which reader builds the YAML nodes: the fast one where it can (default), or always the `yaml` package. */
export type Reader = 'fast' | 'yaml';

/** Parses one scenario text. */
export function parseScenario(
  uri: string,
  rawText: string,
  version?: number,
  reader: Reader = 'fast',
): ScenarioDocument {
  return indexScenario(parseYamlText(uri, rawText, version, SCENARIO_EMPTY, reader));
}

/** Indexes the steps of a parsed scenario (done by parseScenario; exposed for incremental updates). */
export function indexScenario(doc: ScenarioDocument): ScenarioDocument {
  if (doc.root) indexSteps(doc, doc.root);
  return doc;
}

function emptyDocument(
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

/**
 * Parses any of the product's YAML files (scenario, catalogue, config) with the same safety rules.
 * `emptyMessage` is what an empty file is told. Steps are not indexed here.
 */
export function parseYamlText(
  uri: string,
  rawText: string,
  version: number | undefined,
  emptyMessage: string,
  reader: Reader = 'fast',
): ScenarioDocument {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  // Plain block YAML (nearly every scenario) is read by the fast reader; anything else by `yaml`. The
  // fast reader also gives the line starts and what the checks before and after parsing look for: a
  // shallow document without repeated or `<<` keys needs neither the nesting estimate nor the node walk.
  const fast = reader === 'fast' ? fastRead(text) : undefined;
  if (fast && fast.depth <= SHALLOW) {
    const lines = new LineIndex(text, fast.lineStarts);
    const scan = fast.oddKeys ? undefined : { duplicates: [], mergeKeys: [], hasAliases: false };
    return analyseParsed(uri, text, version, [fast.doc], fast.value, emptyMessage, lines, scan);
  }
  const lines = new LineIndex(text);
  const early = (ruleId: string, message: string, start: number, end: number) => {
    const doc = emptyDocument(uri, text, version, lines);
    doc.problems.push({ ruleId, severity: 'error', message, range: lines.range(start, end) });
    return doc;
  };

  if (text.includes('\u0000')) {
    const at = text.indexOf('\u0000');
    return early(
      'yaml/syntax',
      'This file contains binary data (a NUL character): it is not a YAML text file.',
      at,
      at + 1,
    );
  }

  const deep = findExcessiveNesting(text);
  if (deep !== undefined) {
    return early(
      'yaml/too-deep',
      `Nesting deeper than ${MAX_DEPTH} levels: this cannot be a scenario, and it is not checked further.`,
      deep,
      deep + 1,
    );
  }

  if (fast) return analyseParsed(uri, text, version, [fast.doc], fast.value, emptyMessage, lines);

  let docs: Document.Parsed[];
  try {
    // YAML 1.2 counts a lone CR as a line break (and so do editors); the parser does not, so it gets
    // LF in its place (same length: every offset stays valid).
    const parsed = parseAllDocuments(text.replace(/\r(?!\n)/g, '\n'), PARSE_OPTIONS);
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    return early(
      tooDeep ? 'yaml/too-deep' : 'yaml/syntax',
      tooDeep
        ? 'This file is nested too deeply to read. Scenarios need only a few levels of indentation.'
        : `The YAML could not be read: ${(e as Error).message}`,
      0,
      Math.min(text.length, lines.lineText(0).length),
    );
  }
  return analyseParsed(uri, text, version, docs, undefined, emptyMessage, lines);
}

/**
 * Everything after the parser: documents, syntax problems, duplicate and merge keys, depth and alias
 * checks, and the conversion to plain data — unless `presetValue` gives the data already (an
 * incremental update that converted only the step it re-parsed).
 */
export function analyseParsed(
  uri: string,
  text: string,
  version: number | undefined,
  docs: Document.Parsed[],
  presetValue?: unknown,
  emptyMessage = SCENARIO_EMPTY,
  lineIndex?: LineIndex,
  knownScan?: ScanResult,
): ScenarioDocument {
  const lines = lineIndex ?? new LineIndex(text);
  const doc = emptyDocument(uri, text, version, lines);
  const problems = doc.problems;
  const add = (
    ruleId: string,
    message: string,
    start: number,
    end: number,
    severity: Problem['severity'] = 'error',
  ) => problems.push({ ruleId, severity, message, range: lines.range(start, end) });

  if (docs.length === 0 || (docs.length === 1 && isEmptyDocument(docs[0]))) {
    add('schema/empty', emptyMessage, 0, 0);
    doc.yaml = docs[0];
    return doc;
  }
  for (const extra of docs.slice(1)) {
    const [s, e] = extra.range;
    add(
      'yaml/multiple-documents',
      'Only one scenario per file: this second YAML document (after `---`) is ignored. Move it to a file of its own.',
      s,
      Math.max(s + 3, Math.min(e, s + lines.lineText(lines.position(s).line).length)),
    );
  }
  const first = docs[0];
  doc.yaml = first;
  for (const err of first.errors) {
    const open = err.code === 'MISSING_CHAR' ? openingQuote(text, err.pos[0], err.message) : undefined;
    if (open !== undefined)
      add(
        'yaml/syntax',
        syntaxMessage(err.code, err.message),
        open,
        open + lines.lineText(lines.position(open).line).length - lines.position(open).character,
      );
    else
      add(
        'yaml/syntax',
        syntaxMessage(err.code, err.message),
        err.pos[0],
        Math.max(err.pos[1], err.pos[0] + 1),
      );
  }
  for (const w of first.warnings)
    add(
      'yaml/syntax',
      syntaxMessage(w.code, w.message),
      w.pos[0],
      Math.max(w.pos[1], w.pos[0] + 1),
      'warning',
    );

  const scan = knownScan ?? scanNodes(first.contents as Node | null, text.length);
  doc.hasAliases = scan.hasAliases;
  doc.keys = { duplicates: scan.duplicates, mergeKeys: scan.mergeKeys };
  problems.push(...keyProblems(doc.keys, lines));
  if (scan.tooDeep !== undefined) {
    add(
      'yaml/too-deep',
      `Nesting deeper than ${MAX_DEPTH} levels: this cannot be a scenario, and it is not checked further.`,
      scan.tooDeep,
      scan.tooDeep + 1,
    );
  } else if (scan.keysTooDeep !== undefined) {
    add(
      'yaml/too-deep',
      `Keys nested inside keys (\`? \`) more than ${MAX_KEY_NESTING} levels deep: this cannot be a scenario, and it is not checked further.`,
      scan.keysTooDeep,
      scan.keysTooDeep + 1,
    );
  } else if (scan.aliasBomb !== undefined) {
    const [s, e] = scan.aliasBomb;
    add(
      'yaml/alias-bomb',
      'Aliases here expand to far more data than the file holds (an "alias bomb"); the file is not checked further. Reuse anchors without nesting them inside each other.',
      s,
      e,
    );
  } else if (presetValue !== undefined) {
    doc.value = presetValue;
    doc.convertible = true;
  } else if (first.errors.length === 0 || first.contents) {
    try {
      doc.value = first.toJS({ maxAliasCount: -1 });
      doc.convertible = true;
    } catch (e) {
      add('yaml/syntax', `The YAML could not be converted: ${(e as Error).message}`, 0, 0);
    }
  }

  if (isMap(first.contents)) doc.root = first.contents;
  return doc;
}

/** The problems of duplicate and merge keys. */
export function keyProblems(keys: KeyFindings, lines: LineIndex): Problem[] {
  const problems: Problem[] = [];
  for (const [a, b] of keys.duplicates) {
    const key = isScalar(b.key) ? (b.key.source ?? String(b.key.value)) : '?';
    const firstLine = lines.position(offsetsOf(a.key as Node)[0]).line + 1;
    const [s, e] = offsetsOf(b.key as Node);
    problems.push({
      ruleId: 'yaml/duplicate-key',
      severity: 'error',
      message: `Duplicate key ${code(key)}: it is already set on line ${firstLine}, and YAML keeps only the last one.`,
      range: lines.range(s, e),
      related: [{ range: lines.range(...offsetsOf(a.key as Node)), message: `First ${code(key)} is here.` }],
    });
  }
  for (const m of keys.mergeKeys)
    problems.push({
      ruleId: 'yaml/merge-key',
      severity: 'error',
      message:
        'Merge keys (`<<`) are not supported: write the properties out, or reuse a whole value with an alias (`*name`).',
      range: lines.range(...offsetsOf(m)),
    });
  return problems;
}

/**
 * A conservative estimate of the nesting depth, made before the YAML composer (which recurses) sees the
 * text: indentation levels plus open flow brackets outside quotes and comments. Returns the offset where
 * the estimate first exceeds MAX_DEPTH, if it does.
 */
function findExcessiveNesting(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation (spaces and `- `/`? ` markers). Each marker opens a level
    // (`- - - x` nests three sequences on one line), and so does the content after them.
    let col = 0;
    while (i < n && (text[i] === ' ' || ((text[i] === '-' || text[i] === '?') && text[i + 1] === ' '))) {
      if (text[i] !== ' ' && flow === 0) {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        if (indents.length > MAX_DEPTH) return i;
      }
      col++;
      i++;
    }
    const c = text[i];
    if (flow === 0 && c !== '\n' && c !== '\r' && c !== '#' && i < n) {
      while (indents.length && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      if (indents.length > MAX_DEPTH) return i;
    }
    // Rest of the line: flow brackets outside quotes and comments.
    while (i < n && text[i] !== '\n' && text[i] !== '\r') {
      const ch = text[i];
      if (ch === '"' || ch === "'") {
        i++;
        while (i < n && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' && ch === '"' ? 2 : 1;
      } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        break;
      } else if (ch === '[' || ch === '{') {
        flow++;
        if (flow + indents.length > MAX_DEPTH) return i;
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      i++;
    }
    while (i < n && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return undefined;
}

/** A document with nothing in it (no text, or only `---`). */
function isEmptyDocument(d: Document.Parsed): boolean {
  if (d.errors.length) return false;
  const c = d.contents as Node | null;
  return c === null || (isScalar(c) && c.value === null && (!c.range || c.range[0] === c.range[1]));
}

/**
 * The offset of the quote a "missing closing quote" error is about: the parser reports the end of the
 * text, but the trainer needs the place where the quoted text starts. Undefined if it cannot be found.
 */
function openingQuote(text: string, before: number, message: string): number | undefined {
  const q = /missing closing (["'])/i.exec(message)?.[1];
  if (!q) return undefined;
  for (let i = Math.min(before, text.length) - 1; i >= 0; i--) {
    if (text[i] !== q) continue;
    if (q === '"' && text[i - 1] === '\\') continue;
    if (q === "'" && text[i - 1] === "'") {
      i--; // an escaped '' inside single quotes
      continue;
    }
    return i;
  }
  return undefined;
}

/** Friendlier texts for the syntax errors trainers make most; otherwise the parser's own words. */
function syntaxMessage(codeName: string, message: string): string {
  if (codeName === 'TAB_AS_INDENT') return 'Tabs cannot indent YAML: use spaces.';
  if (codeName === 'MISSING_CHAR' && /quote/i.test(message))
    return 'Missing closing quote: the text runs on past the end of the line.';
  return message.replace(/ at line \d+, column \d+.*$/s, '');
}

/** [start, end] offsets of a node's value (without a trailing comment). */
export function offsetsOf(node: Node | null | undefined): [number, number] {
  const r = node?.range;
  if (!r) return [0, 0];
  return [r[0], r[1]];
}

/** Duplicate keys (first and repeated pair) and merge keys of a tree. */
export interface KeyFindings {
  duplicates: [Pair, Pair][];
  mergeKeys: Node[];
}

export interface ScanResult {
  duplicates: [Pair, Pair][];
  mergeKeys: Node[];
  tooDeep?: number;
  /** Where mapping keys that are themselves collections nest too deeply (`? ? ? x`). */
  keysTooDeep?: number;
  aliasBomb?: [number, number];
  hasAliases: boolean;
}

/**
 * One iterative walk over the node tree: duplicate keys (a hash set per mapping), merge keys, the
 * nesting depth and the expanded size of aliases (memoised per anchored node, so checking is linear).
 */
export function scanNodes(root: Node | null, sourceSize: number, rootDepth = 1): ScanResult {
  const result: ScanResult = { duplicates: [], mergeKeys: [], hasAliases: false };
  if (!root) return result;
  let sourceNodes = 0;
  // `keys`: how many collection keys enclose the node. Converting a collection key stringifies it, and
  // nested ones cost exponentially (250 levels of `? ` took 30 s), so more than a few are refused.
  // Three parallel stacks (no object per node: this walk runs on every keystroke in large files).
  const nodes: Node[] = [root];
  const depths: number[] = [rootDepth];
  const keyDepths: number[] = [0];
  const push = (n: Node, d: number, k: number) => {
    nodes.push(n);
    depths.push(d);
    keyDepths.push(k);
  };
  const aliases: Node[] = [];
  const anchored: Node[] = [];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const keys = keyDepths.pop()!;
    sourceNodes++;
    if (depth > MAX_DEPTH) {
      result.tooDeep = offsetsOf(node)[0];
      return result;
    }
    if (keys > MAX_KEY_NESTING) {
      result.keysTooDeep = offsetsOf(node)[0];
      return result;
    }
    if (isAlias(node)) aliases.push(node);
    else if ((node as { anchor?: string }).anchor) anchored.push(node);
    if (isAlias(node)) continue;
    if (isMap(node)) {
      // Small mappings (nearly all) are compared pairwise; large ones through a hash map.
      const items = node.items;
      const seen = items.length > 16 ? new Map<string, Pair>() : undefined;
      for (let i = 0; i < items.length; i++) {
        const pair = items[i];
        if (isScalar(pair.key)) {
          const k = String(pair.key.value);
          if (k === '<<' && pair.key.source === '<<') result.mergeKeys.push(pair.key);
          let prev: Pair | undefined;
          if (seen) {
            prev = seen.get(k);
            if (!prev) seen.set(k, pair);
          } else {
            for (let j = 0; j < i && !prev; j++) {
              const other = items[j].key;
              if (isScalar(other) && String(other.value) === k) prev = items[j];
            }
          }
          if (prev) result.duplicates.push([prev, pair]);
        } else if (pair.key) push(pair.key as Node, depth + 1, keys + 1);
        if (pair.value) push(pair.value as Node, depth + 1, keys);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) push(item as Node, depth + 1, keys);
    }
  }
  result.hasAliases = aliases.length > 0 || anchored.length > 0;
  if (aliases.length) {
    const limit = 100_000 + 50 * Math.max(sourceNodes, sourceSize / 20);
    const targets = resolveAliases(aliases, anchored);
    const sizes = new Map<Node, number>();
    let total = sourceNodes;
    for (const a of aliases) {
      if (!isAlias(a)) continue;
      const target = targets.get(a);
      total += target ? expandedSize(target, targets, sizes, new Set(), limit) : 0;
      if (total > limit) {
        result.aliasBomb = offsetsOf(a);
        return result;
      }
    }
  }
  return result;
}

/** Each alias's target: the closest anchor of that name before it in the text (YAML's rule). */
function resolveAliases(aliases: Node[], anchored: Node[]): Map<Node, Node> {
  const events = [...anchored, ...aliases].sort((a, b) => offsetsOf(a)[0] - offsetsOf(b)[0]);
  const byName = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  for (const n of events) {
    if (isAlias(n)) {
      const t = byName.get(n.source);
      if (t) targets.set(n, t);
    } else byName.set((n as { anchor?: string }).anchor!, n);
  }
  return targets;
}

function expandedSize(
  node: Node,
  targets: Map<Node, Node>,
  memo: Map<Node, number>,
  active: Set<Node>,
  limit: number,
): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  if (active.has(node)) return limit + 1;
  active.add(node);
  let size = 1;
  if (isAlias(node)) {
    const t = targets.get(node);
    size = t ? expandedSize(t, targets, memo, active, limit) : 1;
  } else if (isMap(node)) {
    for (const p of node.items) {
      if (isPair(p)) {
        if (p.key) size += expandedSize(p.key as Node, targets, memo, active, limit);
        if (p.value) size += expandedSize(p.value as Node, targets, memo, active, limit);
      }
      if (size > limit) break;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (item) size += expandedSize(item as Node, targets, memo, active, limit);
      if (size > limit) break;
    }
  }
  active.delete(node);
  memo.set(node, size);
  return size;
}

function indexSteps(doc: ScenarioDocument, root: YAMLMap): void {
  const stepsPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'steps');
  if (!stepsPair || !isMap(stepsPair.value)) return;
  const stepsJs = (doc.value as { steps?: Record<string, unknown> } | undefined)?.steps;
  const { lines } = doc;
  for (const pair of stepsPair.value.items) {
    if (!isScalar(pair.key)) continue;
    const problem = stepIdProblem(pair.key, lines);
    if (problem) doc.problems.push(problem);
    const raw = pair.key.value;
    if (typeof raw !== 'string' || doc.stepsById.has(raw)) continue;
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
  const keyOffsets = offsetsOf(pair.key as Node);
  const valueNode = (pair.value as Node | null) ?? null;
  const fullEnd = valueNode?.range ? valueNode.range[1] : keyOffsets[1];
  const data = stepsJs && typeof stepsJs === 'object' ? stepsJs[id] : undefined;
  return new Step_(
    lines,
    id,
    index,
    keyOffsets,
    [keyOffsets[0], fullEnd],
    valueNode,
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
  const newId = String((pair.key as Scalar).value);
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
    if (!isScalar(p.key)) continue;
    const problem = stepIdProblem(p.key, doc.lines);
    if (problem) doc.problems.push(problem);
  }
}
