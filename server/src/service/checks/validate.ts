/**
 * Loading a project (config + catalogues) and checking a document: parse problems, schema, rules,
 * then severities from the config and inline suppressions. The CLI and the editor both come here.
 */
import type { FileProblem, Project, ServiceHost } from '../model/project';
import { defaultCatalogue, loadCatalogue } from '../model/catalogue';
import { defaultConfig, parseConfig } from '../model/config';
import { didYouMean } from './didyoumean';
import { buildFlow } from '../model/flow';
import type { ScenarioDocument } from '../syntax/parse';
import { ALL_RULE_INFO, RULES } from './rules';
import { finish, rulesInSlices, runValueRules, valueRuleOf, type Rule } from './rules/engine';
import { unionOfReads, type TextReads } from './free-text';
import {
  LAST_CHECK,
  checkMemo,
  moveProblem,
  stepFingerprint,
  storeProblem,
  type CheckMemo,
  type Lineage,
} from './reuse';
import { type SchemaValidators, validateScenarioGrouped, validateStep } from '../schema/validators';
import { applySuppressions } from './suppress';
import { rootCauseFirst } from './root-cause';
import { code } from '../syntax/text';
import type { CancellationToken, Problem } from '../model/types';

/** Loads the project a config file describes (undefined: the defaults and the shipped catalogue). */
export function loadProject(
  host: ServiceHost,
  validators: SchemaValidators,
  configUri: string | undefined,
  configText: string | undefined,
): Project {
  const knownRules = new Set<string>(ALL_RULE_INFO.map((r) => r.id));
  const problems: FileProblem[] = [];
  let config = defaultConfig();
  if (configUri && configText !== undefined) {
    const parsed = parseConfig(configUri, configText, validators);
    config = parsed.config;
    problems.push(...parsed.problems.map((p) => ({ ...p, uri: configUri })));
    for (const id of Object.keys(config.rules)) {
      if (knownRules.has(id)) continue;
      const suggestion = didYouMean(id, knownRules);
      problems.push({
        uri: configUri,
        ruleId: 'config/invalid',
        severity: 'warning',
        message: `Unknown rule ${code(id)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
        range: findLineOf(configText, id),
      });
    }
  }
  const files: { uri: string; text: string }[] = [];
  for (const path of config.catalogue) {
    const uri = configUri ? host.resolve(configUri, path) : path;
    const text = host.readFile(uri);
    if (text === undefined) {
      problems.push({
        uri: configUri ?? uri,
        ruleId: 'config/invalid',
        severity: 'error',
        message: `The catalogue ${code(path)} cannot be read (looked for ${uri}).`,
        range: findLineOf(configText ?? '', path),
        data: { kind: 'unreadable-file', path, uri },
      });
    } else files.push({ uri, text });
  }
  const { catalogue, problems: catProblems } = files.length
    ? loadCatalogue(files, validators)
    : { catalogue: defaultCatalogue(), problems: [] };
  problems.push(...catProblems);
  return { configUri, config, catalogue, problems };
}

/**
 * Every problem of a document, after rule levels and suppressions, in source order. `rules`: the
 * product's unless a test brings its own.
 */
export function validateDocument(
  doc: ScenarioDocument,
  project: Project,
  validators: SchemaValidators,
  token?: CancellationToken,
  rules: RuleSet = STANDARD_RULES,
): Problem[] {
  return finish(validation(doc, project, validators, token, rules)) ?? [];
}

/**
 * `validateDocument` in slices (the schema, the flow model, each rule), awaiting `pause()` between
 * them, so that a long check of a large document lets the editor's other requests in. Undefined when
 * `token` is cancelled at a pause: the check stops there and leaves the document as it was (a newer
 * version may already be updating it).
 */
export async function validateDocumentInSlices(
  doc: ScenarioDocument,
  project: Project,
  validators: SchemaValidators,
  token: CancellationToken,
  pause: () => Promise<void>,
): Promise<Problem[] | undefined> {
  const slices = validation(doc, project, validators, token, STANDARD_RULES);
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
    await pause();
    if (token.isCancellationRequested) {
      slices.return(undefined);
      return undefined;
    }
  }
}

function* validation(
  doc: ScenarioDocument,
  project: Project,
  validators: SchemaValidators,
  token: CancellationToken | undefined,
  rules: RuleSet,
): Generator<void, Problem[] | undefined> {
  const levels = project.config.rules;
  const check: Check = { project, validators, rules, enabled: (id: string) => levels[id] !== 'off' };
  const memo = checkMemo(doc);
  const lineage = memo ? undefined : doc.analysis.get(LAST_CHECK);
  let found: Problem[] | undefined;
  if (memo && sameCheck(memo, check)) found = memoProblems(memo);
  else {
    const kept = lineage && keptAcross(doc, lineage, check);
    found = kept && kept.reuseRules ? kept.finish(kept.memo.global) : undefined;
    found ??=
      kept && doc.root ? yield* checkAround(doc, kept, check, token) : yield* checkAll(doc, check, token);
  }
  if (!found) return undefined;
  const leveled: Problem[] = [];
  for (const p of applySuppressions(doc, [...doc.problems, ...found])) {
    const level = levels[p.ruleId];
    if (level === 'off') continue;
    leveled.push(level ? { ...p, severity: level } : p);
  }
  leveled.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
  // A YAML slip first, in a trainer's words; the problems it spoils held back (root-cause.ts).
  return rootCauseFirst(doc, leveled);
}

/**
 * The rules a check runs: the document rules (whose problems are kept across edits to free text none of
 * them reads) and the value rules (run again on each edited step), with what the document rules read.
 */
export class RuleSet {
  readonly document: readonly Rule[];
  readonly value: readonly Rule[];
  /** What the document rules read of free text, together (see free-text.ts). */
  readonly reads: TextReads;
  constructor(rules: readonly Rule[]) {
    this.document = rules.filter((r) => !r.checkValues);
    this.value = [
      ...rules.filter((r) => r.checkValues),
      ...rules.flatMap((r) => (r.valuePart ? [valueRuleOf({ ...r, valuePart: r.valuePart })] : [])),
    ];
    this.reads = unionOfReads(this.document.map((r) => r.reads));
  }
}

/** The product's rules. */
export const STANDARD_RULES = new RuleSet(RULES);

/** What one check runs with. */
interface Check {
  project: Project;
  validators: SchemaValidators;
  rules: RuleSet;
  enabled: (id: string) => boolean;
}

/** A memo made by a check with the same project, validators and rules (its problems stand). */
function sameCheck(memo: CheckMemo, check: Check): boolean {
  return memo.project === check.project && memo.owner === check.validators && memo.rules === check.rules;
}

/**
 * Schema and rule problems of the whole document (undefined when cancelled), in slices. Keeps them on
 * the document for the next versions: those inside one step's value apart, by step.
 */
function* checkAll(
  doc: ScenarioDocument,
  check: Check,
  token: CancellationToken | undefined,
): Generator<void, Problem[] | undefined> {
  const { project, rules, enabled } = check;
  const schema = validateScenarioGrouped(doc, check.validators);
  yield;
  if (token?.isCancellationRequested) return undefined;
  const top: Problem[] = [...schema.top];
  const steps = schema.steps;
  let global: Problem[] = [];
  if (doc.root) {
    const flow = buildFlow(doc);
    yield;
    global = yield* rulesInSlices(rules.document, doc, flow, project.catalogue, enabled);
    for (const p of yield* rulesInSlices(rules.value, doc, flow, project.catalogue, enabled)) {
      const k = stepAt(doc, doc.lines.offset(p.range.start));
      if (k < 0) top.push(p);
      else steps.set(k, [...(steps.get(k) ?? []), p]);
    }
  }
  return remember(doc, check, top, global, steps, 'whole');
}

/**
 * What an earlier check leaves standing after local edits (see reuse.ts): the problems outside the
 * steps and those of each step not edited, moved through the edits, and each edited step checked again
 * by the schema and the value rules. `reuseRules`: the edits changed nothing the document rules read, so
 * their problems stand too (moved by `finish`). Undefined when that cannot be done (another check, steps
 * added or removed, a problem touching an edit).
 */
interface Kept {
  memo: CheckMemo;
  top: Problem[];
  steps: Map<number, Problem[]>;
  reuseRules: boolean;
  /** Moves the document rules' problems of the memo and keeps the result; undefined if one cannot be moved. */
  finish(global: readonly Problem[]): Problem[] | undefined;
}

function keptAcross(doc: ScenarioDocument, lineage: Lineage, check: Check): Kept | undefined {
  const { memo, edits, changed, reads } = lineage;
  if (!sameCheck(memo, check) || memo.stepCount !== doc.steps.length) return undefined;
  let reuseRules = true;
  for (const [k, fingerprint] of changed) {
    const step = doc.steps[k];
    if (stepFingerprint(doc.text, step.keyOffsets[0], step.keyOffsets[1], step.node, reads) !== fingerprint) {
      reuseRules = false;
      break;
    }
  }
  const move = (list: readonly Problem[], into: Problem[]): boolean => {
    for (const p of list) {
      const moved = moveProblem(storeProblem(p, memo.lines), edits, doc.lines);
      if (!moved) return false;
      into.push(moved);
    }
    return true;
  };
  const top: Problem[] = [];
  if (!move(memo.top, top)) return undefined;
  const steps = new Map<number, Problem[]>();
  for (const [k, list] of memo.steps) {
    if (changed.has(k)) continue;
    const moved: Problem[] = [];
    if (!move(list, moved)) return undefined;
    steps.set(k, moved);
  }
  for (const k of changed.keys()) {
    const step = doc.steps[k];
    const fresh = validateStep(doc, step.id, check.validators);
    if (step.node)
      fresh.push(
        ...runValueRules(check.rules.value, doc, check.project.catalogue, check.enabled, [step.node]),
      );
    if (fresh.length) steps.set(k, fresh);
  }
  return {
    memo,
    top,
    steps,
    reuseRules,
    finish(global) {
      const moved: Problem[] = [];
      if (!move(global, moved)) return undefined;
      return remember(doc, check, top, moved, steps, 'moved');
    },
  };
}

/**
 * After local edits that changed what the document rules read (a `next:` target, a choice, a grade):
 * the step-local problems are kept (see keptAcross) and the document rules run again on the new flow.
 */
function* checkAround(
  doc: ScenarioDocument,
  kept: Kept,
  check: Check,
  token: CancellationToken | undefined,
): Generator<void, Problem[] | undefined> {
  const flow = buildFlow(doc);
  yield;
  if (token?.isCancellationRequested) return undefined;
  const global = yield* rulesInSlices(
    check.rules.document,
    doc,
    flow,
    check.project.catalogue,
    check.enabled,
  );
  return remember(doc, check, kept.top, global, kept.steps, 'around');
}

/** Keeps a check's results on the document (for its next versions) and returns them. */
function remember(
  doc: ScenarioDocument,
  check: Check,
  top: Problem[],
  global: Problem[],
  steps: Map<number, Problem[]>,
  how: CheckMemo['how'],
): Problem[] {
  const memo: CheckMemo = {
    project: check.project,
    owner: check.validators,
    rules: check.rules,
    lines: doc.lines,
    stepCount: doc.steps.length,
    top,
    global,
    steps,
    how,
  };
  doc.analysis.set(LAST_CHECK, { memo, reads: check.rules.reads, edits: [], changed: new Map() });
  return memoProblems(memo);
}

/** A memo's problems: the document's, then each step's. */
function memoProblems(memo: CheckMemo): Problem[] {
  return [...memo.top, ...memo.global, ...[...memo.steps.values()].flat()];
}

/** The index of the step whose key or value holds an offset, or -1. */
function stepAt(doc: ScenarioDocument, offset: number): number {
  const steps = doc.steps;
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].keyOffsets[0] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset <= steps[found].fullOffsets[1] ? found : -1;
}

function findLineOf(text: string, needle: string): Problem['range'] {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { start: { line: i, character: c }, end: { line: i, character: c + needle.length } };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
