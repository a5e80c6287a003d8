/**
 * Reading a run file: text → RunFile (every run, choice and expectation with its source range) and the
 * problems of the file itself. Uses the product's YAML layer (syntax/parse), so a run file gets the same
 * safety rules and YAML messages as a scenario. Never throws.
 */
import type { Node } from 'yaml';
import { parseYamlText } from '../syntax/parse';
import { isMap, isScalar, isSeq, keyText, pairKey, pairValue, pairsOf, seqItems } from '../syntax/nodes';
import type { LineIndex } from '../syntax/text';
import { code, listOr } from '../syntax/text';
import type { Problem, Range, RuleId } from '../model/types';
import { isStartState, RUN_LIMITS, type StartState } from '../../shared/rehearsal';
import { didYouMean } from '../checks/didyoumean';
import {
  CODE_EXPECTATIONS,
  RUN_RESULTS,
  RUNS_FORMAT_VERSION,
  TARGET_STATUSES,
  type CodeExpectationKey,
  type Located,
  type NumberRange,
  type RecordedRun,
  type RunChoice,
  type RunExpect,
  type RunFile,
  type RunResult,
  type RunStartSpec,
  type TargetExpectation,
} from './model';

const EMPTY =
  'The run file is empty. It needs `callflow-runs: 1` and `runs:`, a list of runs (see docs/runs.md).';

const TOP_KEYS = ['callflow-runs', 'scenario', 'runs'];
const RUN_KEYS = ['name', 'start', 'choices', 'expect'];
const START_KEYS = ['step', 'state'];
const EXPECT_KEYS = ['end', 'result', 'score', 'seconds', ...CODE_EXPECTATIONS, 'targets', 'critical'];
const RANGE_KEYS = ['min', 'max'];

/** What the reader keeps while it walks the nodes. */
class Reader {
  readonly problems: Problem[] = [];
  constructor(readonly lines: LineIndex) {}

  range(node: Node | null | undefined, fallback?: Range): Range {
    const r = node?.range;
    if (!r) return fallback ?? this.lines.range(0, 0);
    return this.lines.range(r[0], r[1]);
  }

  report(ruleId: RuleId, node: Node | null | undefined, message: string, extra: Partial<Problem> = {}): void {
    this.problems.push({ ruleId, severity: 'error', message, range: this.range(node), ...extra });
  }

  /** Reports keys of `map` not in `allowed` (with did-you-mean); returns the mapping's pairs by key. */
  keys(
    map: Node,
    allowed: readonly string[],
    where: string,
  ): Map<string, { key: Node; value: Node | undefined }> {
    const out = new Map<string, { key: Node; value: Node | undefined }>();
    for (const pair of pairsOf(map)) {
      const name = keyText(pair);
      const key = pairKey(pair);
      if (name === undefined || !key) continue;
      if (!allowed.includes(name)) {
        const near = didYouMean(name, allowed);
        const hint = near ? ` Did you mean ${code(near)}?` : ` Allowed: ${listOr(allowed)}.`;
        this.report('schema/unknown-property', key, `${where} has no property ${code(name)}.${hint}`, {
          data: { kind: 'unknown-property', property: name, allowed: [...allowed] },
        });
        continue;
      }
      out.set(name, { key, value: pairValue(pair) });
    }
    return out;
  }

  /** The text of a scalar that must be a non-empty string, or a problem. */
  text(node: Node | undefined, what: string, at: Node): Located<string> | undefined {
    if (!isScalar(node) || node.value === null || node.value === undefined || node.value === '') {
      this.report('schema/type', node ?? at, `${what} must be a non-empty text.`);
      return undefined;
    }
    if (typeof node.value === 'object') {
      this.report('schema/type', node, `${what} must be a text.`);
      return undefined;
    }
    return { value: String(node.value), range: this.range(node) };
  }

  /** One of `allowed`, or a problem. */
  oneOf<T extends string>(
    node: Node | undefined,
    allowed: readonly T[],
    what: string,
    at: Node,
  ): Located<T> | undefined {
    const t = this.text(node, what, at);
    if (!t) return undefined;
    if ((allowed as readonly string[]).includes(t.value)) return t as Located<T>;
    const near = didYouMean(t.value, allowed);
    const hint = near ? ` Did you mean ${code(near)}?` : '';
    this.problems.push({
      ruleId: 'schema/enum',
      severity: 'error',
      message: `${what} must be ${listOr(allowed)}, not ${code(t.value)}.${hint}`,
      range: t.range,
      data: { kind: 'unknown-value', value: t.value, expected: [...allowed] },
    });
    return undefined;
  }

  /** A number (`40`) or a range (`{min: 30, max: 45}`), or a problem. */
  numberRange(node: Node | undefined, what: string, at: Node): Located<NumberRange> | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value))
      return { value: { min: node.value, max: node.value }, range: this.range(node) };
    if (!isMap(node)) {
      this.report(
        'schema/type',
        node ?? at,
        `${what} must be a number or a range like \`{min: 30, max: 45}\`.`,
      );
      return undefined;
    }
    const value: NumberRange = {};
    for (const [k, { key, value: v }] of this.keys(node, RANGE_KEYS, what)) {
      if (isScalar(v) && typeof v.value === 'number' && Number.isFinite(v.value))
        value[k as 'min' | 'max'] = v.value;
      else this.report('schema/type', v ?? key, `${what}: \`${k}\` must be a number.`);
    }
    if (value.min === undefined && value.max === undefined) {
      this.report('schema/required', node, `${what} needs \`min\`, \`max\` or both.`);
      return undefined;
    }
    if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
      this.report('schema/value', node, `${what}: \`min\` (${value.min}) is above \`max\` (${value.max}).`);
      return undefined;
    }
    return { value, range: this.range(node) };
  }
}

/** Parses a run file. */
export function parseRunFile(uri: string, text: string, version?: number): RunFile {
  const doc = parseYamlText(uri, text, version, EMPTY);
  const file: RunFile = { uri, version, runs: [], problems: [...doc.problems] };
  if (doc.problems.some((p) => p.severity === 'error') || !doc.yaml) return file;
  const root = doc.yaml.contents as Node | null;
  const r = new Reader(doc.lines);
  if (!isMap(root)) {
    if (root !== null && root !== undefined)
      r.report(
        'schema/type',
        root,
        'A run file is a mapping with `callflow-runs: 1` and `runs:` (see docs/runs.md).',
      );
    file.problems.push(...r.problems);
    return file;
  }
  const top = r.keys(root, TOP_KEYS, 'A run file');
  readVersion(r, top.get('callflow-runs'), root);
  const scenario = top.get('scenario');
  if (scenario) file.scenario = r.text(scenario.value, '`scenario`', scenario.key);
  const runs = top.get('runs');
  if (!runs)
    r.report('schema/required', root, 'A run file needs `runs:`, a list of runs.', {
      data: { kind: 'missing-property', property: 'runs' },
    });
  else if (!isSeq(runs.value))
    r.report('schema/type', runs.value ?? runs.key, '`runs` must be a list of runs.');
  else file.runs = readRuns(r, seqItems(runs.value));
  file.problems.push(...r.problems);
  return file;
}

function readVersion(r: Reader, entry: { key: Node; value: Node | undefined } | undefined, root: Node): void {
  if (!entry) {
    r.report('schema/required', root, `A run file starts with \`callflow-runs: ${RUNS_FORMAT_VERSION}\`.`, {
      data: { kind: 'missing-property', property: 'callflow-runs' },
    });
    return;
  }
  const v = entry.value;
  if (!isScalar(v) || v.value !== RUNS_FORMAT_VERSION)
    r.report(
      'schema/value',
      v ?? entry.key,
      `This version of Callflow Studio reads run files of \`callflow-runs: ${RUNS_FORMAT_VERSION}\`.`,
    );
}

function readRuns(r: Reader, items: Node[]): RecordedRun[] {
  const runs: RecordedRun[] = [];
  const names = new Map<string, RecordedRun>();
  items.forEach((item, index) => {
    const run = readRun(r, item, index);
    if (!run) return;
    const twin = names.get(run.name);
    if (twin)
      r.problems.push({
        ruleId: 'schema/value',
        severity: 'error',
        message: `Two runs are named ${code(run.name)}: each run needs its own name (it is how reports and the editor refer to it).`,
        range: run.nameRange,
        related: [{ range: twin.nameRange, message: 'The first run of that name.' }],
      });
    else names.set(run.name, run);
    runs.push(run);
  });
  return runs;
}

function readRun(r: Reader, item: Node, index: number): RecordedRun | undefined {
  if (!isMap(item)) {
    r.report('schema/type', item, 'A run is a mapping with `name:`, `choices:` and `expect:`.');
    return undefined;
  }
  const range = r.range(item);
  const keys = r.keys(item, RUN_KEYS, 'A run');
  const nameEntry = keys.get('name');
  if (!nameEntry)
    r.report('schema/required', item, 'A run needs a `name:`.', {
      data: { kind: 'missing-property', property: 'name' },
    });
  const name = nameEntry ? r.text(nameEntry.value, 'A run’s `name`', nameEntry.key) : undefined;
  const choicesEntry = keys.get('choices');
  const expectEntry = keys.get('expect');
  const startEntry = keys.get('start');
  const run: RecordedRun = {
    index,
    name: name?.value ?? `run ${index + 1}`,
    nameRange: name?.range ?? r.range(nameEntry?.key ?? item),
    range,
    choices: choicesEntry ? readChoices(r, choicesEntry.value, choicesEntry.key) : [],
    choicesRange: r.range(choicesEntry?.value ?? choicesEntry?.key, range),
    expect: expectEntry
      ? readExpect(r, expectEntry.value, expectEntry.key)
      : { range, codes: [], targets: [] },
  };
  if (startEntry) {
    const start = readStart(r, startEntry.value, startEntry.key);
    if (start) run.start = start;
  }
  return run;
}

function readStart(r: Reader, node: Node | undefined, key: Node): RunStartSpec | undefined {
  if (isScalar(node)) {
    const step = r.text(node, '`start`', key);
    return step ? { range: step.range, step } : undefined;
  }
  if (!isMap(node)) {
    r.report('schema/type', node ?? key, '`start` is a step id, or a mapping with `step:` and `state:`.');
    return undefined;
  }
  const spec: RunStartSpec = { range: r.range(node) };
  const keys = r.keys(node, START_KEYS, '`start`');
  const step = keys.get('step');
  if (step) spec.step = r.text(step.value, '`start.step`', step.key);
  const state = keys.get('state');
  if (state) {
    const value = state.value?.toJSON() as unknown;
    if (isStartState(value)) spec.state = value as StartState;
    else
      r.report(
        'schema/type',
        state.value ?? state.key,
        '`start.state` is a mapping of `facts`, `asked`, `qualifiers`, `dispatched` (lists of text), `grade`, `category`, `ambulance` (text), `seconds` and `score` (numbers).',
      );
  }
  return spec;
}

function readChoices(r: Reader, node: Node | undefined, key: Node): RunChoice[] {
  if (isScalar(node) && (node.value === null || node.value === '')) return [];
  if (!isSeq(node)) {
    r.report(
      'schema/type',
      node ?? key,
      '`choices` is a list: each item an option’s label, the step it leads to, or `{timeout: true}`.',
    );
    return [];
  }
  const out: RunChoice[] = [];
  const items = seqItems(node);
  if (items.length > RUN_LIMITS.inputs) {
    r.report(
      'schema/value',
      node,
      `A run has at most ${RUN_LIMITS.inputs} choices; this one has ${items.length}.`,
    );
    return [];
  }
  for (const item of items) {
    const range = r.range(item);
    if (isMap(item)) {
      const keys = r.keys(item, ['timeout'], 'A choice');
      const t = keys.get('timeout');
      if (t && isScalar(t.value) && t.value.value === true)
        out.push({ input: { timeout: true }, text: 'timeout', range });
      else
        r.report(
          'schema/value',
          item,
          'A choice that is a mapping must be `{timeout: true}`: nobody acts and the step’s `timeout:` fires.',
        );
      continue;
    }
    const text = r.text(item, 'A choice', item);
    if (text) out.push({ input: { choose: text.value }, text: text.value, range });
  }
  return out;
}

function readExpect(r: Reader, node: Node | undefined, key: Node): RunExpect {
  const expect: RunExpect = { range: r.range(node ?? key), codes: [], targets: [] };
  if (isScalar(node) && (node.value === null || node.value === '')) return expect;
  if (!isMap(node)) {
    r.report(
      'schema/type',
      node ?? key,
      '`expect` is a mapping: `end`, `result`, `score`, `grade`, `targets`…',
    );
    return expect;
  }
  for (const [name, { key: k, value: v }] of r.keys(node, EXPECT_KEYS, '`expect`')) {
    const what = `\`expect.${name}\``;
    if (name === 'end') expect.end = r.text(v, what, k);
    else if (name === 'result') expect.result = r.oneOf<RunResult>(v, RUN_RESULTS, what, k);
    else if (name === 'score') expect.score = r.numberRange(v, what, k);
    else if (name === 'seconds') expect.seconds = r.numberRange(v, what, k);
    else if (name === 'critical') expect.critical = r.text(v, what, k);
    else if (name === 'targets') expect.targets = readTargets(r, v, k);
    else {
      const value = r.text(v, what, k);
      if (value) expect.codes.push({ key: name as CodeExpectationKey, value });
    }
  }
  return expect;
}

function readTargets(r: Reader, node: Node | undefined, key: Node): RunExpect['targets'] {
  if (!isMap(node)) {
    r.report(
      'schema/type',
      node ?? key,
      '`expect.targets` is a mapping like `{location: met, dispatch: missed}`.',
    );
    return [];
  }
  const out: RunExpect['targets'] = [];
  for (const pair of pairsOf(node)) {
    const name = keyText(pair);
    const k = pairKey(pair);
    if (name === undefined || !k) continue;
    const value = r.oneOf<TargetExpectation>(
      pairValue(pair),
      TARGET_STATUSES,
      `\`expect.targets.${name}\``,
      k,
    );
    if (value) out.push({ key: name, keyRange: r.range(k), value });
  }
  return out;
}
