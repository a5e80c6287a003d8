/**
 * The flow diff: compares two versions of a scenario as flows, not as text. Steps are matched by id and
 * then by content (a renamed step is a rename), each kept step is compared field by field, its ways out
 * after the renames, and the effects on the whole flow are computed from both flow models. Pure: the
 * caller reads both versions and checks them (the problems are an input).
 */
import { buildFlow } from '../model/flow';
import type { Project } from '../model/project';
import type { Problem } from '../model/types';
import type { ScenarioDocument } from '../syntax/parse';
import { edgeChanges } from './edges';
import { flowEffects, type Version } from './effects';
import { matchSteps } from './match';
import { runsAcross } from './runs';
import type { RunFile } from '../runs/model';
import { outcomeChanges, show, stepChanges, type Side } from './steps';
import { FLOW_DIFF_VERSION, type DiffStatus, type FlowChange, type FlowDiff } from './types';

export * from './types';

/** One version to compare: the parsed document and the problems the service's check found in it. */
export interface DiffInput {
  doc: ScenarioDocument;
  problems: Problem[];
}

function topChanges(before: Version, after: Version, renames: Map<string, string>): FlowChange[] {
  const out: FlowChange[] = [];
  const o = before.flow.startValue?.id;
  const n = after.flow.startValue?.id;
  if ((o === undefined ? undefined : (renames.get(o) ?? o)) !== n)
    out.push({
      kind: 'start-changed',
      step: '',
      field: 'start',
      before: show(o),
      after: show(n),
      message: `start: ${show(o)} → ${show(n)}`,
      side: 'new',
      ...(after.flow.startValue ? { range: after.flow.startValue.range } : {}),
    });
  const expected = (d: ScenarioDocument) => (d.value as { expected?: unknown } | undefined)?.expected;
  const top = {
    step: {
      id: '',
      index: -1,
      keyRange: zero,
      fullRange: zero,
      keyOffsets: [0, 0],
      fullOffsets: [0, 0],
      node: after.doc.root ?? null,
      data: undefined,
    },
    lines: after.doc.lines,
  } as Side;
  out.push(...outcomeChanges(expected(before.doc), expected(after.doc), top, ['expected'], 'grade-changed'));
  return out;
}

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Compares two versions of a scenario. With `runs` (the scenario's recorded runs), also replays each run
 * on both versions. Never throws on a scenario with problems.
 */
export function diffFlows(
  oldInput: DiffInput,
  newInput: DiffInput,
  project: Project,
  runs?: RunFile,
): FlowDiff {
  const before: Version = { ...oldInput, flow: buildFlow(oldInput.doc) };
  const after: Version = { ...newInput, flow: buildFlow(newInput.doc) };
  const match = matchSteps(before.flow, after.flow);
  const rename = (id: string) => match.renames.get(id) ?? id;
  const changes: FlowChange[] = topChanges(before, after, match.renames);
  const steps: Record<string, DiffStatus> = {};
  after.flow.steps.forEach((s, j) => {
    const i = match.newToOld[j];
    if (i < 0) {
      steps[s.id] = 'added';
      changes.push({
        kind: 'step-added',
        step: s.id,
        after: show(s.data?.kind),
        message: `${show(s.data?.kind)} step added`,
        side: 'new',
        range: s.keyRange,
      });
      return;
    }
    const oldSide: Side = { step: before.flow.steps[i], lines: before.doc.lines };
    const newSide: Side = { step: s, lines: after.doc.lines };
    const own = [...stepChanges(oldSide, newSide), ...edgeChanges(oldSide, newSide, rename)];
    if (oldSide.step.id !== s.id) {
      steps[s.id] = 'renamed';
      changes.push({
        kind: 'step-renamed',
        step: s.id,
        oldStep: oldSide.step.id,
        before: oldSide.step.id,
        after: s.id,
        message: `renamed from ${oldSide.step.id}`,
        side: 'new',
        range: s.keyRange,
      });
    } else if (own.length) steps[s.id] = 'changed';
    changes.push(...own);
  });
  before.flow.steps.forEach((s, i) => {
    if (match.oldToNew[i] >= 0) return;
    steps[s.id] ??= 'removed';
    changes.push({
      kind: 'step-removed',
      step: s.id,
      before: show(s.data?.kind),
      message: `${show(s.data?.kind)} step removed`,
      side: 'old',
      range: s.keyRange,
    });
  });
  const counts: FlowDiff['counts'] = {};
  for (const c of changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  return {
    version: FLOW_DIFF_VERSION,
    changes,
    effects: {
      ...flowEffects(before, after, match, project),
      ...(runs ? runsAcross(before.doc, after.doc, project, runs) : {}),
    },
    renames: Object.fromEntries(match.renames),
    steps,
    counts,
  };
}
