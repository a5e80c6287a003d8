/**
 * The rule engine. A rule is one file: a stable id (`flow/unreachable-step`), a default severity,
 * documentation with a bad and a good example (the README's rule reference is generated from it) and a
 * check that reports problems at exact ranges, with quick fixes where it can. Rules read the parsed
 * document, the flow model and the catalogue; they never parse text themselves.
 */
import type { Node } from 'yaml';
import type { Catalogue } from '../../model/catalogue';
import type { FlowModel } from '../../model/flow';
import { codeSlots, stepCodeSlots, type CodeSlot } from '../../model/code-slots';
import { Slot } from '../../syntax/analysis';
import { offsetsOf, type ScenarioDocument, type StepInfo } from '../../syntax/parse';
import type { TextReads } from '../free-text';
import type { Fix, Problem, Range, RelatedInfo, RuleId, Severity } from '../../model/types';

/** The documentation of a rule. */
export interface RuleInfo {
  id: RuleId;
  /** Severity unless the config says otherwise. */
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** Why trainers care (markdown). */
  why: string;
  /** A scenario fragment that breaks the rule. */
  bad: string;
  /** The same fragment, fixed. */
  good: string;
  /** How to fix or silence it. */
  fix: string;
}

/** Where a rule reports: a node, an exact range, or a step (its id key). */
export type Target =
  { node: Node | null | undefined } | { range: Range } | { step: StepInfo } | { offsets: [number, number] };

/** What a rule sees. */
export interface RuleContext {
  doc: ScenarioDocument;
  flow: FlowModel;
  catalogue: Catalogue;
  report(target: Target, message: string, extra?: { fixes?: Fix[]; related?: RelatedInfo[] }): void;
  /** The range of a target, for fixes and related information. */
  rangeOf(target: Target): Range;
  /**
   * Every code value with the family its key expects (computed once per document version, shared); in a
   * value rule's `checkValues`, those of the steps it checks.
   */
  codeSlots(): readonly CodeSlot[];
}

/** A rule: its documentation and its check. */
export interface Rule extends RuleInfo {
  check(ctx: RuleContext): void;
  /**
   * For rules whose problems depend only on the scalar values under a node and where they are written
   * (not on the flow or other steps): checks just those subtrees. After an edit inside one step only
   * that step is checked again, and the rest of the last check is kept.
   */
  checkValues?(ctx: RuleContext, roots: readonly Node[]): void;
  /**
   * The free text the rule reads, and how (see free-text.ts): none when absent. A rule without
   * `checkValues` must declare every free text it reads: the last check's problems are kept across edits
   * to the texts no rule declares, and a test rewrites those texts and expects the same problems.
   */
  reads?: TextReads;
  /**
   * For a rule whose problems come partly from one step's values alone: that part, checked like a value
   * rule (`check` over the whole document, `checkValues` again on each edited step), while `check` above
   * keeps the part that reads the flow. Problems of both parts carry the rule's id.
   */
  valuePart?: ValuePart;
}

/** The step-local part of a rule (see `Rule.valuePart`). */
export interface ValuePart {
  check(ctx: RuleContext): void;
  checkValues(ctx: RuleContext, roots: readonly Node[]): void;
}

/** A rule's value part as a value rule of its own (same id, severity and documentation). */
export function valueRuleOf(rule: Rule & { valuePart: ValuePart }): Rule {
  const part = rule.valuePart;
  return {
    ...rule,
    valuePart: undefined,
    reads: undefined,
    check: (ctx) => part.check(ctx),
    checkValues: (ctx, roots) => part.checkValues(ctx, roots),
  };
}

/** The code values of a document version (see codeSlots), kept in its analysis cache. */
export const CODE_SLOTS = new Slot<CodeSlot[]>('code slots');

/** Runs the rules on a document and returns their problems with the default severities. */
export function runRules(
  rules: readonly Rule[],
  doc: ScenarioDocument,
  flow: FlowModel,
  catalogue: Catalogue,
  enabled: (id: string) => boolean,
): Problem[] {
  return finish(rulesInSlices(rules, doc, flow, catalogue, enabled));
}

/**
 * `runRules` one rule at a time: the iterator pauses after each rule, so a long check can let other
 * work in between (and be abandoned); its return value is the problems.
 */
export function rulesInSlices(
  rules: readonly Rule[],
  doc: ScenarioDocument,
  flow: FlowModel,
  catalogue: Catalogue,
  enabled: (id: string) => boolean,
): Generator<void, Problem[]> {
  return run(
    rules,
    doc,
    () => flow,
    catalogue,
    enabled,
    (rule, ctx) => rule.check(ctx),
  );
}

/** Runs an iterator of slices to its end and returns its value. */
export function finish<T>(slices: Generator<void, T>): T {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

/** Runs the value rules (those with `checkValues`) on some subtrees only. */
export function runValueRules(
  rules: readonly Rule[],
  doc: ScenarioDocument,
  catalogue: Catalogue,
  enabled: (id: string) => boolean,
  roots: readonly Node[],
): Problem[] {
  const noFlow = (): FlowModel => {
    throw new Error('a value rule read the flow model');
  };
  return finish(
    run(
      rules.filter((r) => r.checkValues),
      doc,
      noFlow,
      catalogue,
      enabled,
      (rule, ctx) => rule.checkValues!(ctx, roots),
      roots,
    ),
  );
}

function* run(
  rules: readonly Rule[],
  doc: ScenarioDocument,
  flowOf: () => FlowModel,
  catalogue: Catalogue,
  enabled: (id: string) => boolean,
  check: (rule: Rule, ctx: RuleContext) => void,
  roots?: readonly Node[],
): Generator<void, Problem[]> {
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (!enabled(rule.id)) continue;
    const ctx = new Context(rule, doc, catalogue, flowOf, problems, roots);
    try {
      check(rule, ctx);
    } catch (e) {
      // A rule bug must not hide the other rules' results; it shows up as an internal problem instead.
      problems.push({
        ruleId: 'internal/rule-failed',
        severity: 'warning',
        message: `The check ${rule.id} failed on this file (${(e as Error).message}). Please report it with the file.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
    yield;
  }
  return problems;
}

/**
 * One rule's view of a run. A class, so every context has the same shape: an object literal with a
 * getter made a new hidden class per run, whose getter (and with it the whole document) the engine's
 * minor collections kept alive until the next full one, and which left the rules' property reads
 * megamorphic.
 */
class Context implements RuleContext {
  constructor(
    private readonly rule: Rule,
    readonly doc: ScenarioDocument,
    readonly catalogue: Catalogue,
    private readonly flowOf: () => FlowModel,
    private readonly problems: Problem[],
    /** The steps' values a value rule checks (undefined: the whole document). */
    private readonly roots: readonly Node[] | undefined,
  ) {}

  get flow(): FlowModel {
    return this.flowOf();
  }

  rangeOf(t: Target): Range {
    return rangeOf(this.doc, t);
  }

  codeSlots(): readonly CodeSlot[] {
    if (this.roots) return stepCodeSlots(this.roots);
    return this.doc.analysis.getOrCompute(CODE_SLOTS, () => codeSlots(this.doc));
  }

  report(target: Target, message: string, extra?: { fixes?: Fix[]; related?: RelatedInfo[] }): void {
    this.problems.push({
      ruleId: this.rule.id,
      severity: this.rule.severity,
      message,
      range: rangeOf(this.doc, target),
      ...(extra?.related?.length ? { related: extra.related } : {}),
      ...(extra?.fixes?.length ? { fixes: extra.fixes } : {}),
    });
  }
}

function rangeOf(doc: ScenarioDocument, t: Target): Range {
  if ('range' in t) return t.range;
  if ('step' in t) return t.step.keyRange;
  if ('offsets' in t) return doc.lines.range(...t.offsets);
  return doc.lines.range(...offsetsOf(t.node));
}
