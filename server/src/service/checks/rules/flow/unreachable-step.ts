import type { Rule } from '../engine';
import { code } from '../../../syntax/text';

/** A step no path from `start` reaches. */
export const unreachableStep: Rule = {
  id: 'flow/unreachable-step',
  severity: 'warning',
  title: 'Every step can be reached from `start`',
  why: 'A step nobody reaches is dead script: either a branch was forgotten, or an old step was left behind and confuses reviewers.',
  bad: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}\n  old-question: {kind: handler, say: "Which service?", next: done}\n  done: {kind: end}',
  good: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}\n  done: {kind: end}',
  fix: 'Link the step from a `next` or a choice, or delete it.',
  check(ctx) {
    if (ctx.flow.start < 0) return;
    for (const step of ctx.flow.steps) {
      if (!ctx.flow.reachable[step.index])
        ctx.report(
          { step },
          `Step ${code(step.id)} cannot be reached from the start (${code(ctx.flow.steps[ctx.flow.start].id)}): no \`next\` or choice leads to it.`,
        );
    }
  },
};
