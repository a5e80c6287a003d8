/**
 * Obligation dataflow shared by the domain rules: a fact (or an event) creates an obligation, some steps
 * discharge it, and every way from the fact to a non-failure end must pass a discharging step.
 *
 * Computed with two linear reachability passes instead of enumerating paths:
 * - forward from `start` through steps that do not discharge ("a path with no discharge so far"), needed
 *   when a discharge *before* the fact also counts (an ambulance already on its way);
 * - backward from the non-failure ends through steps that do not discharge ("a way on to an end with no
 *   discharge"), remembering the end and the next step so a witness path can be shown.
 * An obligation is unmet exactly when both halves exist, so the cost is O(steps + edges) per rule.
 *
 * `labelAfter` is the may-dataflow twin used by "after the fact" rules: a multi-source breadth-first walk
 * that labels every step some source reaches with the nearest source.
 */
import type { FlowEdge, FlowModel } from '../../../model/flow';
import type { StepInfo } from '../../../syntax/parse';
import { isGoodEnd } from './common';

/** What creates and what discharges an obligation. */
export interface ObligationSpec {
  /** The triggers (usually facts) a step creates obligations from. */
  triggers(step: StepInfo): string[];
  /** The triggers a transition creates (a choice's `facts:`). */
  edgeTriggers?(edge: FlowEdge): string[];
  /** True for a step that meets the obligation. */
  discharges(step: StepInfo): boolean;
  /** True when a discharge earlier on the path also meets an obligation created later. */
  dischargeBefore: boolean;
}

/** An obligation that is not met on some path to an end. */
export interface UnmetObligation {
  /** The step that created it (for an edge trigger, the choice step). */
  step: number;
  /** The choice edge that created it, for edge triggers. */
  edge?: FlowEdge;
  trigger: string;
  /** A non-failure end reached without a discharge. */
  end: number;
  /** A witness path from the trigger to that end (capped at 40 steps). */
  path: number[];
}

/**
 * Backward from the non-failure ends through steps that do not discharge: for each step, the end such a
 * way reaches (`toEnd`, -1 when none) and the next step on it (`nextOf`).
 */
function cleanWaysToEnd(flow: FlowModel, discharges: boolean[]): { toEnd: Int32Array; nextOf: Int32Array } {
  const n = flow.steps.length;
  const toEnd = new Int32Array(n).fill(-1);
  const nextOf = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let v = 0; v < n; v++)
    if (isGoodEnd(flow.steps[v]) && !discharges[v]) {
      toEnd[v] = v;
      queue.push(v);
    }
  for (let head = 0; head < queue.length; head++) {
    const w = queue[head];
    for (const ei of flow.in[w]) {
      const u = flow.edges[ei].from;
      if (toEnd[u] >= 0 || discharges[u]) continue;
      toEnd[u] = toEnd[w];
      nextOf[u] = w;
      queue.push(u);
    }
  }
  return { toEnd, nextOf };
}

/** The steps reached from the start on a way where no step before them discharges (1 for those). */
function cleanFromStart(flow: FlowModel, discharges: boolean[]): Uint8Array {
  const cleanIn = new Uint8Array(flow.steps.length);
  if (flow.start < 0) return cleanIn;
  cleanIn[flow.start] = 1;
  const stack = [flow.start];
  while (stack.length) {
    const v = stack.pop()!;
    if (discharges[v]) continue;
    for (const ei of flow.out[v]) {
      const w = flow.edges[ei].to;
      if (w >= 0 && !cleanIn[w]) {
        cleanIn[w] = 1;
        stack.push(w);
      }
    }
  }
  return cleanIn;
}

/** Finds every unmet obligation (one per trigger occurrence). */
export function findUnmetObligations(flow: FlowModel, spec: ObligationSpec): UnmetObligation[] {
  if (!hasTrigger(flow, spec)) return [];
  const discharges = flow.steps.map((s) => spec.discharges(s));
  const { toEnd, nextOf } = cleanWaysToEnd(flow, discharges);
  const cleanIn = spec.dischargeBefore ? cleanFromStart(flow, discharges) : new Uint8Array(0);

  const witness = (from: number): number[] => {
    const path = [from];
    let v = from;
    while (nextOf[v] >= 0 && path.length < 40) {
      v = nextOf[v];
      path.push(v);
    }
    return path;
  };

  const unmet: UnmetObligation[] = [];
  for (const step of flow.steps) {
    const v = step.index;
    if (!flow.reachable[v]) continue;
    const before = !spec.dischargeBefore || cleanIn[v] === 1;
    const triggers = before && !discharges[v] ? spec.triggers(step) : [];
    if (triggers.length) {
      // The way on: the step itself when it is an end, else through a successor.
      let end = isGoodEnd(step) ? v : -1;
      let first = v;
      if (end < 0)
        for (const ei of flow.out[v]) {
          const w = flow.edges[ei].to;
          if (w >= 0 && toEnd[w] >= 0) {
            end = toEnd[w];
            first = w;
            break;
          }
        }
      if (end >= 0) {
        const path = first === v ? [v] : [v, ...witness(first)];
        for (const trigger of triggers) unmet.push({ step: v, trigger, end, path });
      }
    }
    if (!spec.edgeTriggers || discharges[v] || !before) continue;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (e.to < 0 || toEnd[e.to] < 0) continue;
      for (const trigger of spec.edgeTriggers(e))
        unmet.push({ step: v, edge: e, trigger, end: toEnd[e.to], path: [v, ...witness(e.to)] });
    }
  }
  return unmet;
}

/** True when some reachable step or transition creates an obligation (most scenarios have few). */
function hasTrigger(flow: FlowModel, spec: ObligationSpec): boolean {
  for (const step of flow.steps) {
    if (!flow.reachable[step.index]) continue;
    if (spec.triggers(step).length) return true;
    if (spec.edgeTriggers)
      for (const ei of flow.out[step.index]) if (spec.edgeTriggers(flow.edges[ei]).length) return true;
  }
  return false;
}

/** A source of a may-fact: a step (its successors come after it) or a transition (its target does). */
export interface Source<T> {
  step: number;
  edge?: FlowEdge;
  label: T;
}

/**
 * Labels every step reached after a source with the nearest source (breadth-first over all sources at
 * once, in the order given, so labels are deterministic). A step's own facts are not "after" it unless a
 * loop leads back to it.
 */
export function labelAfter<T>(flow: FlowModel, sources: Source<T>[]): (Source<T> | undefined)[] {
  const label: (Source<T> | undefined)[] = new Array(flow.steps.length).fill(undefined);
  const queue: number[] = [];
  const reach = (w: number, s: Source<T>) => {
    if (w >= 0 && label[w] === undefined) {
      label[w] = s;
      queue.push(w);
    }
  };
  for (const s of sources) {
    if (!flow.reachable[s.step]) continue;
    if (s.edge) reach(s.edge.to, s);
    else for (const ei of flow.out[s.step]) reach(flow.edges[ei].to, s);
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const ei of flow.out[v]) reach(flow.edges[ei].to, label[v]!);
  }
  return label;
}
