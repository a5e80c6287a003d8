import type { Rule } from '../engine';
import { code } from '../../../syntax/text';
import { canReach } from '../../../model/flow';
import { kindOf } from '../helpers';

/** No end can be reached from the start. */
export const noEnd: Rule = {
  id: 'flow/no-end',
  severity: 'error',
  title: 'At least one end can be reached',
  why: 'A call that never ends cannot be scored, and the trainee never learns how it should have finished.',
  bad: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: answer}',
  good: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}\n  done: {kind: end, outcome: {result: pass}}',
  fix: 'Add a `kind: end` step and lead to it.',
  check(ctx) {
    const { flow } = ctx;
    if (flow.start < 0) return;
    const reachesEnd = canReach(flow, (v) => kindOf(flow.steps[v]) === 'end');
    if (!reachesEnd[flow.start] && flow.startValue)
      ctx.report(
        { range: flow.startValue.range },
        `No path from ${code(flow.startValue.id)} reaches a \`kind: end\` step: the call can never finish.`,
      );
  },
};
