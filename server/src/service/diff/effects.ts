/**
 * What a change does to the flow: steps that became unreachable or reachable, reachable ends gained or
 * lost, the best route before and after (played by the rehearsal engine, so its score, clock and result
 * are the ones a trainee would get), and problems added or fixed (compared by rule and step, renames
 * followed, so a problem that only moved lines is neither).
 */
import type { FlowModel } from '../model/flow';
import type { Project } from '../model/project';
import type { Problem } from '../model/types';
import type { ScenarioDocument } from '../syntax/parse';
import { bestRouteOf } from '../run/best-route';
import { rehearse } from '../run/rehearse';
import type { StepMatch } from './match';
import type { DiffProblem, FlowEffects, RouteSummary } from './types';

/** One version as the diff reads it. */
export interface Version {
  doc: ScenarioDocument;
  flow: FlowModel;
  problems: Problem[];
}

/** The best route of a version played through, or null when no good end can be reached. */
export function bestSummary(v: Version, project: Project): RouteSummary | null {
  if (v.flow.start < 0) return null;
  const inputs = bestRouteOf(v.doc, undefined, v.flow);
  const view = rehearse(v.doc, project, { inputs }, v.flow);
  const debrief = view.debrief;
  if (!debrief) return null;
  return {
    score: debrief.score,
    seconds: debrief.seconds,
    end: debrief.end,
    result: debrief.result,
    steps: view.transcript.length,
  };
}

/** The step a problem is on (the step whose whole range holds its start). */
function stepOf(flow: FlowModel, p: Problem): string | undefined {
  const { line, character } = p.range.start;
  const at = (s: FlowModel['steps'][number]) => {
    const { start, end } = s.fullRange;
    const afterStart = line > start.line || (line === start.line && character >= start.character);
    const beforeEnd = line < end.line || (line === end.line && character < end.character);
    return afterStart && beforeEnd;
  };
  return flow.steps.find(at)?.id;
}

function asDiffProblem(p: Problem, step: string | undefined): DiffProblem {
  return {
    ruleId: p.ruleId,
    severity: p.severity,
    message: p.message,
    ...(step !== undefined ? { step } : {}),
    line: p.range.start.line + 1,
  };
}

/** Problems in `a` beyond those in `b`, compared by rule, step and message (as a multiset). */
function surplus(a: DiffProblem[], b: DiffProblem[]): DiffProblem[] {
  const key = (p: DiffProblem) => `${p.ruleId}\u0000${p.step ?? ''}\u0000${p.message}`;
  const counts = new Map<string, number>();
  for (const p of b) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  return a.filter((p) => {
    const n = counts.get(key(p)) ?? 0;
    if (n > 0) counts.set(key(p), n - 1);
    return n === 0;
  });
}

/** Replaces old step ids by their new ids in a problem's step and message. */
function renamed(p: DiffProblem, renames: Map<string, string>): DiffProblem {
  if (!renames.size) return p;
  let message = p.message;
  for (const [from, to] of renames)
    message = message.replace(new RegExp(`(?<![\\w-])${from.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g'), to);
  const step = p.step !== undefined ? (renames.get(p.step) ?? p.step) : undefined;
  return { ...p, message, ...(step !== undefined ? { step } : {}) };
}

/** The effects of the change from `before` to `after`. */
export function flowEffects(
  before: Version,
  after: Version,
  match: StepMatch,
  project: Project,
): FlowEffects {
  const becameUnreachable: string[] = [];
  const becameReachable: string[] = [];
  const endsGained: string[] = [];
  const endsLost: string[] = [];
  const isEnd = (v: Version, i: number) => v.flow.steps[i].data?.kind === 'end' && v.flow.reachable[i];
  after.flow.steps.forEach((s, j) => {
    const i = match.newToOld[j];
    if (i >= 0 && before.flow.start >= 0 && after.flow.start >= 0) {
      if (before.flow.reachable[i] && !after.flow.reachable[j]) becameUnreachable.push(s.id);
      if (!before.flow.reachable[i] && after.flow.reachable[j]) becameReachable.push(s.id);
    }
    if (isEnd(after, j) && (i < 0 || !isEnd(before, i))) endsGained.push(s.id);
  });
  before.flow.steps.forEach((s, i) => {
    const j = match.oldToNew[i];
    if (isEnd(before, i) && (j < 0 || !isEnd(after, j))) endsLost.push(s.id);
  });
  const oldProblems = before.problems.map((p) =>
    renamed(asDiffProblem(p, stepOf(before.flow, p)), match.renames),
  );
  const newProblems = after.problems.map((p) => asDiffProblem(p, stepOf(after.flow, p)));
  return {
    becameUnreachable,
    becameReachable,
    endsGained,
    endsLost,
    bestBefore: bestSummary(before, project),
    bestAfter: bestSummary(after, project),
    problemsAdded: surplus(newProblems, oldProblems),
    problemsFixed: surplus(oldProblems, newProblems),
  };
}
