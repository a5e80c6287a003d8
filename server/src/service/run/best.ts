/**
 * The best score reachable from a step: the highest sum of choice scores on a way from the step to a
 * `pass` / `acceptable` end (or an end without a result) that takes no `critical:` option. Computed by
 * dynamic programming over a depth-first order from the step, with back edges ignored, so a loop is
 * counted once: O(steps + edges).
 */
import type { FlowEdge, FlowModel } from '../model/flow';
import { isGoodEnd } from '../checks/rules/domain/common';

/** The steps reachable from `from`, in postorder (every step after the steps it leads to, back edges aside). */
export function postorderFrom(flow: FlowModel, from: number): number[] {
  const n = flow.steps.length;
  const seen = new Uint8Array(n);
  const cursor = new Int32Array(n);
  const post: number[] = [];
  const stack = [from];
  seen[from] = 1;
  while (stack.length) {
    const v = stack[stack.length - 1];
    const outs = flow.out[v];
    if (cursor[v] < outs.length) {
      const w = flow.edges[outs[cursor[v]++]].to;
      if (w >= 0 && !seen[w]) {
        seen[w] = 1;
        stack.push(w);
      }
    } else {
      post.push(v);
      stack.pop();
    }
  }
  return post;
}

/** Best scores (-Infinity where no good end is reachable) with the postorder ranks they were computed over (-1: not reachable from `from`). */
export interface Scores {
  best: Float64Array;
  rank: Int32Array;
}

/** True for an edge the best-score walk follows: to a step finished earlier in postorder, no `critical:`. */
export function isForward(e: FlowEdge, v: number, rank: Int32Array): boolean {
  return e.to >= 0 && e.critical === undefined && rank[e.to] >= 0 && rank[e.to] < rank[v];
}

/** The score an edge earns (a choice's `score:`). */
export const edgeScore = (e: FlowEdge): number =>
  e.kind === 'choice' && typeof e.score === 'number' ? e.score : 0;

/** The best score reachable from each step reachable from `from`. */
export function scoresAndRanks(flow: FlowModel, from: number): Scores {
  const n = flow.steps.length;
  const post = postorderFrom(flow, from);
  const rank = new Int32Array(n).fill(-1);
  post.forEach((v, i) => (rank[v] = i));
  const best = new Float64Array(n).fill(-Infinity);
  for (const v of post) {
    const step = flow.steps[v];
    if (step.data?.kind === 'end') {
      best[v] = isGoodEnd(step) ? 0 : -Infinity;
      continue;
    }
    let b = -Infinity;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      // Only edges to steps finished earlier in postorder: a back edge would count a loop twice.
      if (isForward(e, v, rank)) b = Math.max(b, edgeScore(e) + best[e.to]);
    }
    best[v] = b;
  }
  return { best, rank };
}

/** The best score reachable from a step, or null when no good end can be reached from it. */
export function bestFrom(flow: FlowModel, stepIndex: number | undefined): number | null {
  if (stepIndex === undefined || stepIndex < 0 || stepIndex >= flow.steps.length) return null;
  const b = scoresAndRanks(flow, stepIndex).best[stepIndex];
  return b === -Infinity ? null : b;
}
