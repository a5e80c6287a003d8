/**
 * The debrief at an end: the result, the score against the best reachable, the targets, the codes given
 * against those expected (the end's `outcome:` overriding `expected:` field by field), the required
 * actions, the domain obligations on this route, the critical failures, the trainer's notes and the
 * scenario's `truth`.
 */
import { lookupCode, type Catalogue } from '../model/catalogue';
import { RESULTS, type Outcome, type Result } from '../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../syntax/parse';
import { expectedOf, topLevel } from '../checks/rules/domain/common';
import type {
  ActionCheck,
  CodeCheck,
  CriticalFailure,
  Debrief,
  Given,
  ObligationCheck,
  RunState,
  TargetStatus,
  TranscriptEntry,
} from '../../shared/rehearsal';
import { textOf, textsOf } from './state';

/** The expected outcome at an end: `expected:` with the end's `outcome:` fields laid over it. */
export function expectedAt(doc: ScenarioDocument, end: StepInfo | undefined): Outcome {
  const base: Outcome = { ...(expectedOf(doc) ?? {}) };
  const own = end?.data?.outcome;
  if (own && typeof own === 'object' && !Array.isArray(own))
    for (const [k, v] of Object.entries(own)) if (v !== undefined) (base as Record<string, unknown>)[k] = v;
  return base;
}

const FAMILY: Record<CodeCheck['field'], string | undefined> = {
  grade: 'grade',
  category: 'category',
  qualifiers: 'qualifier',
  ambulance: 'ambulance',
  determinant: undefined,
};

/** The codes given against the codes expected (only fields expected or given). */
export function codeChecks(state: RunState, expected: Outcome, cat: Catalogue): CodeCheck[] {
  const canon = (field: CodeCheck['field'], v: string) => {
    const family = FAMILY[field];
    return (family && lookupCode(cat, family, v)?.code) || v;
  };
  const checks: CodeCheck[] = [];
  const single = (field: 'grade' | 'category' | 'ambulance' | 'determinant', given: Given | undefined) => {
    const want = textsOf(expected[field]);
    if (!want.length && !given) return;
    const c: CodeCheck = { field, expected: want };
    if (given) Object.assign(c, { given: given.value, at: given.at });
    if (want.length) c.ok = !!given && want.some((w) => canon(field, w) === canon(field, given.value));
    checks.push(c);
  };
  // The grade counts when any grade given on the route is expected (a later downgrade on new facts,
  // with its rationale, is judged by the downgrade obligation).
  const wantGrades = textsOf(expected.grade).map((g) => canon('grade', g));
  single('grade', state.grades.find((g) => wantGrades.includes(canon('grade', g.value))) ?? state.grade);
  single('category', state.category);
  const want = textsOf(expected.qualifiers);
  if (want.length || state.qualifiers.length) {
    const have = state.qualifiers.map((q) => canon('qualifiers', q));
    const c: CodeCheck = { field: 'qualifiers', expected: want };
    if (state.qualifiers.length) c.given = state.qualifiers.join(', ');
    if (want.length) c.ok = want.every((w) => have.includes(canon('qualifiers', w)));
    checks.push(c);
  }
  single('ambulance', state.ambulance);
  single('determinant', state.determinant);
  return checks;
}

/** The required actions (`actions:`) and whether the run took each. */
export function actionChecks(state: RunState, expected: Outcome): ActionCheck[] {
  return textsOf(expected.actions).map((action) => {
    const done = state.actions.find((a) => a.action === action);
    return done ? { action, done: true, at: done.at } : { action, done: false };
  });
}

/** Everything the debrief is made from. */
export interface DebriefInput {
  doc: ScenarioDocument;
  end: StepInfo;
  state: RunState;
  transcript: TranscriptEntry[];
  expected: Outcome;
  targets: TargetStatus[];
  codes: CodeCheck[];
  obligations: ObligationCheck[];
  best: number | null;
}

/** The debrief of a run that reached `end`. */
export function buildDebrief(input: DebriefInput): Debrief {
  const { doc, end, state, expected } = input;
  const declared = textOf(expected.result);
  const critical: CriticalFailure[] = [...state.critical];
  if (declared === 'critical-failure') {
    const say = textOf(end.data?.say);
    critical.push({
      step: end.id,
      reason: say ?? `The call ended in critical failure at \`${end.id}\`.`,
      at: state.seconds,
    });
  }
  const actions = actionChecks(state, expected);
  const debrief: Debrief = {
    result: resultOf(declared, critical, input, actions),
    end: end.id,
    seconds: state.seconds,
    score: state.score,
    best: input.best,
    targets: input.targets,
    codes: input.codes,
    actions,
    obligations: input.obligations,
    critical,
    notes: input.transcript.flatMap((e) => (e.notes === undefined ? [] : [{ step: e.step, text: e.notes }])),
    feedback: input.transcript.flatMap((e) =>
      e.choice?.feedback === undefined
        ? []
        : [{ step: e.step, label: e.choice.label, text: e.choice.feedback }],
    ),
  };
  if (declared !== undefined) debrief.declared = declared;
  const truth = textOf(topLevel<Record<string, unknown>>(doc, 'incident')?.truth);
  if (truth !== undefined) debrief.truth = truth;
  return debrief;
}

/**
 * The result: critical failure when a critical option was taken or the end says so; otherwise the end's
 * declared result; without one, pass when everything expected was met, acceptable when only time targets
 * were missed, fail otherwise.
 */
function resultOf(
  declared: string | undefined,
  critical: CriticalFailure[],
  input: DebriefInput,
  actions: ActionCheck[],
): Debrief['result'] {
  if (critical.length) return 'critical-failure';
  if (declared !== undefined && (RESULTS as readonly string[]).includes(declared)) return declared as Result;
  const wrong =
    input.codes.some((c) => c.ok === false) ||
    actions.some((a) => !a.done) ||
    input.obligations.some((o) => !o.met);
  if (wrong) return 'fail';
  return input.targets.some((t) => t.status !== 'met') ? 'acceptable' : 'pass';
}
