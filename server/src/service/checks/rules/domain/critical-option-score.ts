import type { Rule } from '../engine';
import { isScalar, seqItems, valueNode } from '../../../syntax/nodes';
import { replaceFix } from '../helpers';
import { isWritten } from './common';

/** A critical-failure option does not earn points. */
export const criticalOptionScore: Rule = {
  id: 'domain/critical-option-score',
  severity: 'error',
  title: 'A critical-failure option has no positive score',
  why: 'A critical option fails the call; giving it points tells the trainee (and the score sheet) that it was partly right, and can lift a failed run above a passed one.',
  bad: '- label: End the call and tell her to ring back when it is safe\n  next: end-hung-up\n  score: 2\n  critical: Leaves a caller in danger alone.',
  good: '- label: End the call and tell her to ring back when it is safe\n  next: end-hung-up\n  score: -5\n  critical: Leaves a caller in danger alone.',
  fix: 'Make the score zero or negative (the quick fix negates it), or remove `critical:` when the option is only a poor choice. To silence: `# callflow-disable-next-line domain/critical-option-score` above the `score:` line.',
  check(ctx) {
    this.checkValues!(
      ctx,
      ctx.doc.steps.flatMap((s) => (s.node ? [s.node] : [])),
    );
  },
  // One option's score and `critical:` alone decide: an edit inside a step checks that step again.
  checkValues(ctx, steps) {
    const { doc } = ctx;
    for (const step of steps) {
      for (const option of seqItems(valueNode(step, 'choices'))) {
        const score = valueNode(option, 'score');
        const critical = valueNode(option, 'critical');
        if (!isScalar(score) || typeof score.value !== 'number' || score.value <= 0) continue;
        if (!isScalar(critical) || !isWritten(critical.value)) continue;
        ctx.report(
          { node: score },
          `This option is a critical failure but scores ${score.value}: a critical option earns no points.`,
          { fixes: [replaceFix(doc, score, String(-score.value), `Change the score to ${-score.value}`)] },
        );
      }
    }
  },
};
