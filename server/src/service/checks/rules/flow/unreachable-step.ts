import type { Rule } from '../engine';
import type { FlowModel } from '../../../model/flow-types';
import { code } from '../../../syntax/text';

/**
 * A step no path from `start` reaches. One problem per cut-off part of the flow, not per step: a typo
 * in one `next:` cuts off every step after it, and those are said as a count on the first of them (the
 * step nothing leads to; in a loop nothing enters, its first step in the file).
 */
export const unreachableStep: Rule = {
  id: 'flow/unreachable-step',
  severity: 'warning',
  title: 'Every step can be reached from `start`',
  why: 'A step nobody reaches is dead script: either a branch was forgotten, or an old step was left behind and confuses reviewers. The steps after it that cannot be reached either are counted in its problem, not reported one by one: one broken link is one thing to fix.',
  bad: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}\n  old-question: {kind: handler, say: "Which service?", next: done}\n  done: {kind: end}',
  good: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}\n  done: {kind: end}',
  fix: 'Link the step from a `next` or a choice, or delete it (and the steps after it that nothing else reaches).',
  check(ctx) {
    const flow = ctx.flow;
    if (flow.start < 0) return;
    const n = flow.steps.length;
    // 1: said, as a step of its own or counted under an earlier one.
    const said = new Uint8Array(n);
    const start = code(flow.steps[flow.start].id);
    const say = (i: number, why: string) => {
      const after = cutOff(flow, i, said);
      const more =
        after === 0
          ? ''
          : after === 1
            ? ' The step after it cannot be reached either.'
            : ` ${after} steps after it cannot be reached either.`;
      ctx.report(
        { step: flow.steps[i] },
        `Step ${code(flow.steps[i].id)} cannot be reached from the start (${start}): ${why}.${more}`,
      );
    };
    // First the steps nothing leads to (but themselves), then loops nothing enters.
    for (let i = 0; i < n; i++)
      if (!flow.reachable[i] && flow.in[i].every((e) => flow.edges[e].from === i))
        say(i, 'no `next` or choice leads to it');
    for (let i = 0; i < n; i++)
      if (!flow.reachable[i] && !said[i]) say(i, 'only steps that cannot be reached lead to it');
  },
};

/**
 * Marks `from` and the unreachable steps after it not marked yet; returns how many of those there were
 * (not counting `from`). Each step is marked once, so a whole document costs one pass over its edges.
 */
function cutOff(flow: FlowModel, from: number, said: Uint8Array): number {
  said[from] = 1;
  const stack = [from];
  let count = 0;
  while (stack.length) {
    const s = stack.pop()!;
    for (const e of flow.out[s]) {
      const to = flow.edges[e].to;
      if (to < 0 || said[to] || flow.reachable[to]) continue;
      said[to] = 1;
      count++;
      stack.push(to);
    }
  }
  return count;
}
