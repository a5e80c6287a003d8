import type { Rule } from '../engine';
import { code } from '../../../syntax/text';
import { kindOf } from '../helpers';

/** A step that is not an end but leads nowhere. */
export const deadEnd: Rule = {
  id: 'flow/dead-end',
  severity: 'error',
  title: 'Every step but an end leads somewhere',
  why: 'The call stops without an outcome: the trainee gets no feedback and the scenario cannot be scored.',
  bad: 'reassure:\n  kind: handler\n  say: "Officers are on their way. Stay on the line."',
  good: 'reassure:\n  kind: handler\n  say: "Officers are on their way. Stay on the line."\n  next: officers-arrive',
  fix: 'Add a `next` (or choices), or make the step `kind: end` with an outcome.',
  check(ctx) {
    for (const step of ctx.flow.steps) {
      const kind = kindOf(step);
      if (!kind || kind === 'end' || !step.data) continue;
      if (ctx.flow.out[step.index].length > 0) continue;
      if (kind === 'choice' && Array.isArray(step.data.choices) && step.data.choices.length > 0) continue; // each choice's own `next` is checked by the schema
      ctx.report(
        { step },
        `Step ${code(step.id)} leads nowhere: add a \`next\`${kind === 'choice' ? ' to its choices' : ''}, or make it \`kind: end\`.`,
      );
    }
  },
};
