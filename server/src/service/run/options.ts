/**
 * Decision points: the options a step offers (a choice point's `choices:`, or the single `Continue` of a
 * step that waits with a `timeout:`), why an option is risky, and how an input picks one.
 */
import { canReach, type FlowModel } from '../model/flow';
import type { Step } from '../model/vocabulary';
import type { ScenarioDocument } from '../syntax/parse';
import { isGoodEnd } from '../checks/rules/domain/common';
import type { RunInput, RunOption } from '../../shared/rehearsal';
import { secondsOf, textOf, textsOf } from './state';

/** The label of the one option of a step that waits for the trainee (a timeout on a non-choice step). */
export const CONTINUE = 'Continue';

/** An option with what choosing it does besides moving on. */
export interface Option extends RunOption {
  index: number;
  /** Facts the option reveals (`facts:` on the choice). */
  facts: string[];
}

/** What a step waits for; undefined for a step that moves on by itself. */
export interface Decision {
  prompt?: string;
  options: Option[];
  timeout?: { seconds: number; next: string };
}

/** Which steps can reach an end, and a good one: computed on first use, once per run. */
export class Reach {
  private endSteps: boolean[] | undefined;
  private goodSteps: boolean[] | undefined;
  constructor(readonly flow: FlowModel) {}
  /** Steps from which some end can be reached. */
  get end(): boolean[] {
    return (this.endSteps ??= canReach(this.flow, (v) => this.flow.steps[v].data?.kind === 'end'));
  }
  /** Steps from which a pass / acceptable end (or one without a result) can be reached. */
  get good(): boolean[] {
    return (this.goodSteps ??= canReach(this.flow, (v) => isGoodEnd(this.flow.steps[v])));
  }
}

/** The decision a step asks for, if any. */
export function decisionAt(doc: ScenarioDocument, reach: Reach, data: Partial<Step>): Decision | undefined {
  const t = data.timeout as { seconds?: unknown; next?: unknown } | undefined;
  const timeout =
    t && typeof t === 'object' && typeof t.next === 'string'
      ? { seconds: secondsOf(t.seconds), next: t.next }
      : undefined;
  if (data.kind === 'choice') {
    const options = (Array.isArray(data.choices) ? data.choices : []).flatMap((c, index) =>
      c && typeof c === 'object'
        ? [optionOf(doc, reach, c as unknown as Record<string, unknown>, index)]
        : [],
    );
    const prompt = textOf(data.prompt) ?? textOf(data.say);
    return prompt === undefined ? { options, timeout } : { prompt, options, timeout };
  }
  if (!timeout) return undefined;
  const next = textOf(data.next);
  const options =
    next === undefined ? [] : [withRisk(doc, reach, { index: 0, label: CONTINUE, next, facts: [] })];
  return { options, timeout };
}

function optionOf(doc: ScenarioDocument, reach: Reach, c: Record<string, unknown>, index: number): Option {
  const option: Option = {
    index,
    label: textOf(c.label) ?? `Option ${index + 1}`,
    next: textOf(c.next) ?? '',
    facts: textsOf(c.facts),
  };
  if (typeof c.score === 'number' && Number.isFinite(c.score)) option.score = c.score;
  const critical = textOf(c.critical);
  if (critical !== undefined) option.critical = critical;
  const feedback = textOf(c.feedback);
  if (feedback !== undefined) option.feedback = feedback;
  return withRisk(doc, reach, option);
}

function withRisk(doc: ScenarioDocument, reach: Reach, option: Option): Option {
  const risk = riskOf(doc, reach, option.next);
  return risk === undefined ? option : { ...option, risk };
}

/** Why going to `next` is risky for the trainee or broken for the author, if it is. */
export function riskOf(doc: ScenarioDocument, reach: Reach, next: string): string | undefined {
  if (next === '') return 'This option has no `next:` step.';
  const target = doc.stepsById.get(next);
  if (!target) return `It leads to \`${next}\`, which does not exist.`;
  if (!reach.end[target.index]) return `No end can be reached from \`${next}\`.`;
  if (!reach.good[target.index]) return `Every way on from \`${next}\` ends in fail or critical failure.`;
  return undefined;
}

/** What an input picks at a decision, or why it does not fit. */
export type Picked = { option: Option } | { timeout: { seconds: number; next: string } } | { error: string };

/**
 * Matches an input against a decision: an option's label (exactly, then ignoring case and spacing), then
 * the id of the step an option leads to; or the step's timeout.
 */
export function pick(decision: Decision, input: RunInput, step: string): Picked {
  if ('timeout' in input) {
    if (decision.timeout) return { timeout: decision.timeout };
    return { error: `\`${step}\` has no \`timeout:\`, so nothing happens when nobody acts.` };
  }
  const want = input.choose;
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const option =
    decision.options.find((o) => o.label === want) ??
    decision.options.find((o) => norm(o.label) === norm(want)) ??
    decision.options.find((o) => o.next === want);
  if (option) return { option };
  const labels = decision.options.map((o) => `"${o.label}"`).join(', ');
  return {
    error: `\`${step}\` has no option "${want}"${labels ? `; its options are ${labels}` : ' (it offers no options)'}.`,
  };
}
