import type { Rule } from '../engine';
import { didYouMean } from '../../didyoumean';
import { code } from '../../../syntax/text';
import type { Fix } from '../../../model/types';
import { appendStepEdit, valueFix } from '../helpers';
import { STEP_ID_PATTERN } from '../../../model/vocabulary';

/** A `next` (or a choice's or timeout's `next`) names a step that does not exist. */
export const danglingNext: Rule = {
  id: 'flow/dangling-next',
  severity: 'error',
  title: 'Every `next` names an existing step',
  why: 'A trainee who takes this branch reaches nothing: the call stops dead in the middle of the exercise.',
  bad: 'ask-weapon:\n  kind: handler\n  say: "Has he got anything in his hands?"\n  next: grade-cal',
  good: 'ask-weapon:\n  kind: handler\n  say: "Has he got anything in his hands?"\n  next: grade-call',
  fix: 'Correct the id (quick fix: the closest existing id), or create the missing step (quick fix).',
  check(ctx) {
    let ids: string[] | undefined;
    for (const e of ctx.flow.edges) {
      if (e.to >= 0) continue;
      const suggestion = didYouMean(e.target, (ids ??= [...ctx.doc.stepsById.keys()]));
      const fixes: Fix[] = [];
      if (suggestion) fixes.push(valueFix(ctx.doc, { offsets: e.offsets }, suggestion));
      if (STEP_ID_PATTERN.test(e.target)) {
        const edit = appendStepEdit(ctx.doc, e.target, [
          ['kind', 'end'],
          ['say', 'TODO describe how the call ends'],
          ['outcome', { entries: [['result', 'pass']] }],
        ]);
        if (edit) fixes.push({ title: `Create step ${code(e.target)}`, edits: [edit] });
      }
      const where =
        e.kind === 'choice'
          ? `Choice ${(e.choice ?? 0) + 1}`
          : e.kind === 'timeout'
            ? 'The timeout'
            : '`next`';
      ctx.report(
        { range: e.range },
        `${where} goes to ${code(e.target)}, but there is no such step.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
        { fixes },
      );
    }
  },
};
