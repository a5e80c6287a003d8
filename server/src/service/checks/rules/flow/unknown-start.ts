import type { Rule } from '../engine';
import { didYouMean } from '../../didyoumean';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';

/** `start` names a step that does not exist. */
export const unknownStart: Rule = {
  id: 'flow/unknown-start',
  severity: 'error',
  title: '`start` names a step that exists',
  why: 'The call cannot begin: the simulator and the preview do not know the first step.',
  bad: 'start: answr\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}',
  good: 'start: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", next: done}',
  fix: 'Name an existing step (the quick fix offers the closest id).',
  check(ctx) {
    const s = ctx.flow.startValue;
    if (!s || ctx.flow.start >= 0) return;
    const suggestion = didYouMean(s.id, ctx.doc.stepsById.keys());
    ctx.report(
      { range: s.range },
      `\`start\` names ${code(s.id)}, but there is no such step.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
      {
        fixes: suggestion ? [valueFix(ctx.doc, { offsets: s.offsets }, suggestion)] : [],
      },
    );
  },
};
