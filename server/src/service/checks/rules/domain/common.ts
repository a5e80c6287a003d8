/**
 * Helpers shared by the domain rules: structured step data (facts, asks, actions) with their YAML nodes,
 * and the "scripted mistake" exemption.
 *
 * Scripted mistakes: a step from which every way on ends at a `fail` or `critical-failure` end exists to
 * show the trainee a wrong move. The domain rules do not report inside such branches (the debrief at the
 * failure end is the point), and obligations are only checked at `pass` / `acceptable` ends (or ends
 * without a result).
 */
import { Slot } from '../../../syntax/analysis';
import { canReach, type FlowEdge, type FlowModel } from '../../../model/flow';
import type { Outcome, Step } from '../../../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../../../syntax/parse';
import { itemAt, scalarItems, valueNode, type Node, type Scalar } from '../../../syntax/nodes';

/** End results that mark a scripted mistake. */
export const FAILURE_RESULTS: readonly string[] = ['fail', 'critical-failure'];

/** The step's data (an empty object when the step is not a mapping). */
export function dataOf(step: StepInfo): Partial<Step> {
  return step.data ?? {};
}

/** True for an end step whose outcome is not a failure. */
export function isGoodEnd(step: StepInfo): boolean {
  const d = step.data;
  if (!d || d.kind !== 'end') return false;
  const result = d.outcome?.result;
  return !(typeof result === 'string' && FAILURE_RESULTS.includes(result));
}

/** A value derived from the flow model, and the input besides the document it was computed for. */
export interface Derived<T> {
  input: unknown;
  value: T;
}

/**
 * A value derived from the flow model alone and shared by several rules, kept in the document's analysis
 * cache (see syntax/analysis.ts) under `slot` (declare one: `new Slot<Derived<T>>('what it is')`).
 */
export function memo<T>(flow: FlowModel, slot: Slot<Derived<T>>, compute: () => T): T {
  return memoWith(flow, slot, undefined, compute);
}

/** `memo` for a value that also depends on `input` (e.g. the catalogue): computed again when it differs. */
export function memoWith<T>(flow: FlowModel, slot: Slot<Derived<T>>, input: unknown, compute: () => T): T {
  const known = flow.analysis.get(slot);
  if (known && known.input === input) return known.value;
  return flow.analysis.set(slot, { input, value: compute() }).value;
}

const REACHES_GOOD_END = new Slot<Derived<boolean[]>>('steps that reach a good end');

/** Steps from which some non-failure end can be reached. */
export function reachesGoodEnd(flow: FlowModel): boolean[] {
  return memo(flow, REACHES_GOOD_END, () => canReach(flow, (v) => isGoodEnd(flow.steps[v])));
}

/**
 * True when a step is reachable and not part of a scripted mistake (some way on reaches a non-failure
 * end). Domain rules report only on such steps.
 */
export function isChecked(flow: FlowModel, step: number): boolean {
  return flow.reachable[step] && reachesGoodEnd(flow)[step];
}

/** The scalar items of a sequence under `key` in a mapping node (or the scalar itself). */
export function itemsOf(map: unknown, key: string): Scalar[] {
  return scalarItems(valueNode(map, key));
}

const NONE: string[] = [];

/** The string values of a list-valued field (shared arrays: do not modify). */
export function stringsOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return NONE;
    return value.every((v) => typeof v === 'string')
      ? (value as string[])
      : value.filter((v): v is string => typeof v === 'string');
  }
  return typeof value === 'string' ? [value] : [];
}

/** The facts a step reveals. */
export function factsOf(step: StepInfo): string[] {
  return stringsOf(step.data?.facts);
}

/** The facts revealed along an edge (a choice's `facts:`). */
export function edgeFacts(edge: FlowEdge): string[] {
  return edge.facts ?? [];
}

/** The node of one fact as written on a step. */
export function factNode(step: StepInfo, fact: string): Node | undefined {
  return itemsOf(step.node, 'facts').find((n) => n.value === fact);
}

/** The node of one fact as written on a choice (the edge's `facts:`). */
export function edgeFactNode(flow: FlowModel, edge: FlowEdge, fact: string): Node | undefined {
  if (edge.choice === undefined) return undefined;
  const choice = itemAt(valueNode(flow.steps[edge.from].node, 'choices'), edge.choice);
  return itemsOf(choice, 'facts').find((n) => n.value === fact);
}

export { isWritten } from '../../free-text';

/** The action of an action step. */
export function actionOf(step: StepInfo): string | undefined {
  const d = step.data;
  return d?.kind === 'action' && typeof d.action === 'string' ? d.action : undefined;
}

/** The grade an action step sets (`grade:` on any action step), if any. */
export function gradeSetBy(step: StepInfo): string | undefined {
  const d = step.data;
  return d?.kind === 'action' && typeof d.grade === 'string' ? d.grade : undefined;
}

/** The top-level `expected` outcome. */
export function expectedOf(doc: ScenarioDocument): Outcome | undefined {
  const v = (doc.value as { expected?: unknown } | undefined)?.expected;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Outcome) : undefined;
}

/** A top-level mapping value as plain data. */
export function topLevel<T>(doc: ScenarioDocument, key: string): Partial<T> | undefined {
  const v = (doc.value as Record<string, unknown> | undefined)?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<T>) : undefined;
}

/** Step ids joined for messages, shortened in the middle when long. */
export function pathText(flow: FlowModel, path: number[], max = 12): string {
  const id = (v: number) => flow.steps[v].id;
  if (path.length <= max) return path.map(id).join(' → ');
  return [...path.slice(0, 4).map(id), '…', ...path.slice(path.length - (max - 5)).map(id)].join(' → ');
}
