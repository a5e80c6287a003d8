/**
 * How ends are judged, shared by the rules about verdicts and scores: an end's written result, the
 * passing ends, and reachability from the start that avoids critical-failure options.
 */
import type { FlowEdge, FlowModel } from '../../../model/flow';
import type { StepInfo } from '../../../syntax/parse';
import { isWritten } from './common';

/** Results that pass the trainee. */
export const PASS_RESULTS: readonly string[] = ['pass', 'acceptable'];

/** The `outcome.result` written on an end step, if any. */
export function resultOf(step: StepInfo): string | undefined {
  const d = step.data;
  if (!d || d.kind !== 'end') return undefined;
  const r = d.outcome?.result;
  return typeof r === 'string' ? r : undefined;
}

/** True for an end whose written result passes the trainee (`pass` or `acceptable`). */
export function isPassEnd(step: StepInfo): boolean {
  const r = resultOf(step);
  return r !== undefined && PASS_RESULTS.includes(r);
}

/** True for a choice option marked as a critical failure (`critical:` written). */
export function isCritical(edge: FlowEdge): boolean {
  return edge.kind === 'choice' && isWritten(edge.critical);
}

/** Steps reachable from the start without picking a critical option. */
export function reachableWithoutCritical(flow: FlowModel): boolean[] {
  const seen = new Array<boolean>(flow.steps.length).fill(false);
  if (flow.start < 0) return seen;
  seen[flow.start] = true;
  const stack = [flow.start];
  while (stack.length) {
    const v = stack.pop()!;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (e.to < 0 || seen[e.to] || isCritical(e)) continue;
      seen[e.to] = true;
      stack.push(e.to);
    }
  }
  return seen;
}

/** The first step satisfying `found` on a breadth-first walk from `from` (-1 when none). */
export function firstReached(flow: FlowModel, from: number, found: (v: number) => boolean): number {
  const seen = new Uint8Array(flow.steps.length);
  const queue = [from];
  seen[from] = 1;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (found(v)) return v;
    for (const ei of flow.out[v]) {
      const w = flow.edges[ei].to;
      if (w >= 0 && !seen[w]) {
        seen[w] = 1;
        queue.push(w);
      }
    }
  }
  return -1;
}
