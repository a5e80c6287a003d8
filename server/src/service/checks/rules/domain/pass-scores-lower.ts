import type { Rule } from '../engine';
import type { FlowModel } from '../../../model/flow';
import { valueNode } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { isPassEnd, resultOf } from './verdicts';

/**
 * The best score of a route from the start to each step: options' `score:` summed along the route,
 * loops taken at most once (edges back to an earlier step in depth-first order are left out, so each
 * step's best is final when it is visited in reverse postorder). -Infinity for unreachable steps.
 */
export function bestScores(flow: FlowModel): number[] {
  const n = flow.steps.length;
  const best = new Array<number>(n).fill(-Infinity);
  if (flow.start < 0) return best;
  const rank = new Int32Array(n).fill(-1);
  flow.order.forEach((v, i) => (rank[v] = i));
  best[flow.start] = 0;
  for (const v of flow.order) {
    if (best[v] === -Infinity) continue;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (e.to < 0 || rank[e.to] <= rank[v]) continue;
      const s = best[v] + (e.score ?? 0);
      if (s > best[e.to]) best[e.to] = s;
    }
  }
  return best;
}

/** A passing end's best route scores at least as much as any failing end's. */
export const passScoresLower: Rule = {
  id: 'domain/pass-scores-lower',
  severity: 'warning',
  title: "A passing end's best route scores at least as much as a failing end's",
  why: 'Scores rank trainees; results pass or fail them. When the best route to a `pass` end scores less than some route to a `fail` end, a trainee who failed can top the score sheet above everyone who passed, and the scores stop meaning anything.',
  bad: 'choices:\n  - {label: Grade it EMERGENCY and dispatch, next: dispatch, score: 1}\n  - {label: Ask for a full description first, next: describe, score: 4}   # leads to end-too-late (fail)',
  good: 'choices:\n  - {label: Grade it EMERGENCY and dispatch, next: dispatch, score: 4}\n  - {label: Ask for a full description first, next: describe, score: -2}',
  fix: 'Give the options on the passing routes higher scores than those on failing routes (or check that the ends have the right `result:`). To silence: `# callflow-disable-next-line domain/pass-scores-lower` above the `result:` line.',
  check(ctx) {
    const { flow } = ctx;
    if (!flow.edges.some((e) => e.score !== undefined && e.score !== 0)) return;
    const best = bestScores(flow);
    let topFail = -1;
    for (const s of flow.steps)
      if (
        resultOf(s) === 'fail' &&
        best[s.index] > -Infinity &&
        (topFail < 0 || best[s.index] > best[topFail])
      )
        topFail = s.index;
    if (topFail < 0) return;
    const fail = flow.steps[topFail];
    for (const step of flow.steps) {
      if (!isPassEnd(step) || best[step.index] === -Infinity || best[step.index] >= best[topFail]) continue;
      ctx.report(
        { node: valueNode(valueNode(step.node, 'outcome'), 'result') ?? step.node },
        `The best route to ${code(step.id)} (${code(resultOf(step))}) scores ${best[step.index]}, but a route to ${code(fail.id)} (\`fail\`) scores ${best[topFail]}: a trainee who fails can outscore every trainee who gets here.`,
        {
          related: [
            {
              range: fail.keyRange,
              message: `${code(fail.id)} fails the trainee with a score of ${best[topFail]}.`,
            },
          ],
        },
      );
    }
  },
};
