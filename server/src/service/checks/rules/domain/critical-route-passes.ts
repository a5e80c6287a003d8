import type { Rule } from '../engine';
import { canReach, type FlowModel } from '../../../model/flow';
import { itemAt, valueNode } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';
import { firstReached, isCritical, isPassEnd, reachableWithoutCritical, resultOf } from './verdicts';

/** The `critical:` node of a choice option. */
function criticalNode(flow: FlowModel, ei: number) {
  const e = flow.edges[ei];
  return valueNode(itemAt(valueNode(flow.steps[e.from].node, 'choices'), e.choice ?? -1), 'critical');
}

/** A critical option fails the call: its route must not reach a passing end, and no passing end is reachable only through one. */
export const criticalRoutePasses: Rule = {
  id: 'domain/critical-route-passes',
  severity: 'error',
  title: 'A critical-failure option never leads to a passing end',
  why: 'Picking an option marked `critical:` fails the call whatever else the trainee does (the "screen out" of live assessments). If its route goes on to an end judged `pass` or `acceptable`, the debrief contradicts itself; and an end that passes but can only be reached through a critical option is a failure end written as a pass.',
  bad: 'choices:\n  - label: Ask her to go downstairs and look\n    next: goes-to-look\n    critical: Sends the caller towards the intruders.\n…\ngoes-to-look:\n  kind: caller\n  next: officers-arrive   # the passing end',
  good: 'goes-to-look:\n  kind: caller\n  next: end-caller-hurt\nend-caller-hurt:\n  kind: end\n  outcome:\n    result: critical-failure',
  fix: 'Lead the critical option to its own end with `result: critical-failure` (or `fail`), or remove `critical:` if the choice is only a poor one (use a negative `score:`). A passing end reached only through a critical option should say `result: critical-failure` (quick fix). To silence: `# callflow-disable-next-line domain/critical-route-passes` above the `critical:` or `result:` line.',
  check(ctx) {
    const { flow, doc } = ctx;
    if (flow.start < 0) return;
    const clean = reachableWithoutCritical(flow);
    const cleanPass = (v: number) => clean[v] && isPassEnd(flow.steps[v]);
    const reachesCleanPass = canReach(flow, cleanPass);
    for (let ei = 0; ei < flow.edges.length; ei++) {
      const e = flow.edges[ei];
      if (!isCritical(e) || !flow.reachable[e.from] || e.to < 0 || !reachesCleanPass[e.to]) continue;
      const end = flow.steps[firstReached(flow, e.to, cleanPass)];
      ctx.report(
        { node: criticalNode(flow, ei) ?? valueNode(flow.steps[e.from].node, 'choices') },
        `This option is a critical failure, but its route goes on to ${code(end.id)}, which is judged ${code(resultOf(end))}: lead it to an end that fails the call.`,
        { related: [{ range: end.keyRange, message: `${code(end.id)} passes the trainee.` }] },
      );
    }
    for (const step of flow.steps) {
      if (!flow.reachable[step.index] || clean[step.index] || !isPassEnd(step)) continue;
      const via = criticalInto(flow, step.index, clean);
      const resultNode = valueNode(valueNode(step.node, 'outcome'), 'result');
      const fixes = resultNode
        ? [valueFix(doc, resultNode, 'critical-failure', 'Judge this end: critical-failure')]
        : [];
      const e = via >= 0 ? flow.edges[via] : undefined;
      ctx.report(
        { node: resultNode ?? step.node },
        `${code(step.id)} is judged ${code(resultOf(step))}, but the call reaches it only through a critical-failure option${e ? ` (${code(e.label ?? e.target)} at ${code(flow.steps[e.from].id)})` : ''}.`,
        {
          fixes,
          related: e
            ? [{ range: e.range, message: `The critical option at ${code(flow.steps[e.from].id)}.` }]
            : [],
        },
      );
    }
  },
};

/** The nearest critical edge on a backward walk from a step (an edge from a step reached without one). */
function criticalInto(flow: FlowModel, to: number, clean: boolean[]): number {
  const seen = new Uint8Array(flow.steps.length);
  const queue = [to];
  seen[to] = 1;
  for (let head = 0; head < queue.length; head++) {
    for (const ei of flow.in[queue[head]]) {
      const e = flow.edges[ei];
      if (isCritical(e) && clean[e.from]) return ei;
      if (!seen[e.from]) {
        seen[e.from] = 1;
        queue.push(e.from);
      }
    }
  }
  return -1;
}
