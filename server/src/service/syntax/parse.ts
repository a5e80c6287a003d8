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
import { isMap, isScalar, parseAllDocuments, type Document } from 'yaml';
import { emptyDocument, indexScenario, type ScenarioDocument } from './document';
import { fastRead, type FastReadResult } from './fast-reader';
import { asNode } from './nodes';
import {
  findExcessiveNesting,
  keyProblems,
  MAX_DEPTH,
  MAX_KEY_NESTING,
  scanNodes,
  SHALLOW,
  type ScanResult,
} from './scan';
import { LineIndex } from './text';
import type { Problem } from '../model/types';

export { indexScenario, offsetsOf, reindexSteps } from './document';
export type { KeyFindings, ScenarioDocument, StepInfo } from './document';
export { keyProblems, MAX_DEPTH, scanNodes, type ScanResult } from './scan';

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

/** A text to analyse once its YAML documents are read. */
interface Parsed {
  uri: string;
  text: string;
  version: number | undefined;
  lines: LineIndex;
  /** What an empty file is told. */
  emptyMessage: string;
  docs: Document.Parsed[];
  /** The plain data, when the reader made it already. */
  value?: unknown;
  /** The walk over the nodes, when what the reader found makes it unnecessary. */
  scan?: ScanResult;
  /** The fast reader's bug met on this text, if any (see ScenarioDocument.readerFault). */
  readerFault?: string;
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
  const { fast, readerFault } = reader === 'fast' ? readFast(text) : {};
  const base = { uri, text, version, emptyMessage, readerFault };
  if (fast && fast.depth <= SHALLOW) {
    const lines = new LineIndex(text, fast.lineStarts);
    const scan = fast.oddKeys ? undefined : { duplicates: [], mergeKeys: [], hasAliases: false };
    return analyseParsed({ ...base, lines, docs: [fast.doc], value: fast.value, scan });
  }
  const lines = new LineIndex(text);
  const refused = refuseEarly(text, lines);
  if (refused) {
    const doc = emptyDocument(uri, text, version, lines);
    doc.problems.push(refused);
    if (readerFault) doc.readerFault = readerFault;
    return doc;
  }
  if (fast) return analyseParsed({ ...base, lines, docs: [fast.doc], value: fast.value });
  return readWithYaml({ ...base, lines });
}

/**
 * The fast reader's result. Its bugs (anything thrown but its give-up) do not reach the user: the full
 * parser reads the text, and the document says what happened.
 */
function readFast(text: string): { fast?: FastReadResult; readerFault?: string } {
  try {
    return { fast: fastRead(text) };
  } catch (e) {
    return { readerFault: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** The problem of a text refused before the YAML composer sees it (binary data, absurd nesting). */
function refuseEarly(text: string, lines: LineIndex): Problem | undefined {
  const problem = (ruleId: Problem['ruleId'], message: string, at: number): Problem => ({
    ruleId,
    severity: 'error',
    message,
    range: lines.range(at, at + 1),
  });
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    return problem(
      'yaml/syntax',
      'This file contains binary data (a NUL character): it is not a YAML text file.',
      nul,
    );
  const deep = findExcessiveNesting(text);
  if (deep !== undefined)
    return problem(
      'yaml/too-deep',
      `Nesting deeper than ${MAX_DEPTH} levels: this cannot be a scenario, and it is not checked further.`,
      deep,
    );
  return undefined;
}

/** The text read by the `yaml` package, then analysed. */
function readWithYaml(input: Omit<Parsed, 'docs'>): ScenarioDocument {
  const { text, lines } = input;
  let docs: Document.Parsed[];
  try {
    // YAML 1.2 counts a lone CR as a line break (and so do editors); the parser does not, so it gets
    // LF in its place (same length: every offset stays valid).
    const parsed = parseAllDocuments(text.replace(/\r(?!\n)/g, '\n'), PARSE_OPTIONS);
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    const doc = emptyDocument(input.uri, text, input.version, lines);
    doc.problems.push({
      ruleId: tooDeep ? 'yaml/too-deep' : 'yaml/syntax',
      severity: 'error',
      message: tooDeep
        ? 'This file is nested too deeply to read. Scenarios need only a few levels of indentation.'
        : `The YAML could not be read: ${(e as Error).message}`,
      range: lines.range(0, Math.min(text.length, lines.lineText(0).length)),
    });
    return doc;
  }
  return analyseParsed({ ...input, docs });
}

/**
 * Everything after the reader: documents, syntax problems, duplicate and merge keys, depth and alias
 * checks, and the conversion to plain data — unless the reader gave the data already.
 */
function analyseParsed(input: Parsed): ScenarioDocument {
  const { text, lines, docs } = input;
  const doc = emptyDocument(input.uri, text, input.version, lines);
  if (input.readerFault) doc.readerFault = input.readerFault;
  const problems = doc.problems;
  if (docs.length === 0 || (docs.length === 1 && isEmptyDocument(docs[0]))) {
    problems.push({
      ruleId: 'schema/empty',
      severity: 'error',
      message: input.emptyMessage,
      range: lines.range(0, 0),
    });
    doc.yaml = docs[0];
    return doc;
  }
  const first = docs[0];
  doc.yaml = first;
  problems.push(...readerProblems(docs, text, lines));
  const scan = input.scan ?? scanNodes(asNode(first.contents) ?? null, text.length);
  doc.hasAliases = scan.hasAliases;
  doc.keys = { duplicates: scan.duplicates, mergeKeys: scan.mergeKeys };
  problems.push(...keyProblems(doc.keys, lines));
  const refused = scanProblem(scan, lines);
  if (refused) problems.push(refused);
  else if (input.value !== undefined) {
    doc.value = input.value;
    doc.convertible = true;
  } else if (first.errors.length === 0 || first.contents) {
    try {
      doc.value = first.toJS({ maxAliasCount: -1 });
      doc.convertible = true;
    } catch (e) {
      problems.push({
        ruleId: 'yaml/syntax',
        severity: 'error',
        message: `The YAML could not be converted: ${(e as Error).message}`,
        range: lines.range(0, 0),
      });
    }
  }
  if (isMap(first.contents)) doc.root = first.contents;
  return doc;
}

/** The reader's findings: a second document, and the first one's syntax errors and warnings. */
function readerProblems(docs: Document.Parsed[], text: string, lines: LineIndex): Problem[] {
  const problems: Problem[] = [];
  const add = (
    ruleId: Problem['ruleId'],
    message: string,
    start: number,
    end: number,
    severity: Problem['severity'],
  ) => problems.push({ ruleId, severity, message, range: lines.range(start, end) });
  for (const extra of docs.slice(1)) {
    const [s, e] = extra.range;
    add(
      'yaml/multiple-documents',
      'Only one scenario per file: this second YAML document (after `---`) is ignored. Move it to a file of its own.',
      s,
      Math.max(s + 3, Math.min(e, s + lines.lineText(lines.position(s).line).length)),
      'error',
    );
  }
  const first = docs[0];
  for (const err of first.errors) {
    const open = err.code === 'MISSING_CHAR' ? openingQuote(text, err.pos[0], err.message) : undefined;
    const message = syntaxMessage(err.code, err.message);
    if (open !== undefined)
      add(
        'yaml/syntax',
        message,
        open,
        open + lines.lineText(lines.position(open).line).length - lines.position(open).character,
        'error',
      );
    else add('yaml/syntax', message, err.pos[0], Math.max(err.pos[1], err.pos[0] + 1), 'error');
  }
  for (const w of first.warnings)
    add(
      'yaml/syntax',
      syntaxMessage(w.code, w.message),
      w.pos[0],
      Math.max(w.pos[1], w.pos[0] + 1),
      'warning',
    );
  return problems;
}

/** The problem that stops a document's analysis after the walk over its nodes, if any. */
function scanProblem(scan: ScanResult, lines: LineIndex): Problem | undefined {
  const problem = (ruleId: Problem['ruleId'], message: string, start: number, end: number): Problem => ({
    ruleId,
    severity: 'error',
    message,
    range: lines.range(start, end),
  });
  if (scan.tooDeep !== undefined)
    return problem(
      'yaml/too-deep',
      `Nesting deeper than ${MAX_DEPTH} levels: this cannot be a scenario, and it is not checked further.`,
      scan.tooDeep,
      scan.tooDeep + 1,
    );
  if (scan.keysTooDeep !== undefined)
    return problem(
      'yaml/too-deep',
      `Keys nested inside keys (\`? \`) more than ${MAX_KEY_NESTING} levels deep: this cannot be a scenario, and it is not checked further.`,
      scan.keysTooDeep,
      scan.keysTooDeep + 1,
    );
  if (scan.aliasBomb !== undefined)
    return problem(
      'yaml/alias-bomb',
      'Aliases here expand to far more data than the file holds (an "alias bomb"); the file is not checked further. Reuse anchors without nesting them inside each other.',
      ...scan.aliasBomb,
    );
  return undefined;
}

/** A document with nothing in it (no text, or only `---`). */
function isEmptyDocument(d: Document.Parsed): boolean {
  if (d.errors.length) return false;
  const c = asNode(d.contents) ?? null;
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
