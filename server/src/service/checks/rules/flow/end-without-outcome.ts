import type { Rule, RuleContext } from '../engine';
import type { StepInfo } from '../../../syntax/parse';
import { isMap, keyNode, valueNode } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import type { Fix } from '../../../model/types';
import { addPropertiesFix } from '../helpers';
import { kindOf } from '../helpers';

/** Every end says how it is judged: an `outcome:` with a `result:`. */
export const endWithoutOutcome: Rule = {
  id: 'flow/end-without-outcome',
  severity: 'error',
  title: 'Every end says how it is judged (`outcome.result`)',
  why: 'An end with no result cannot be marked: the debrief cannot say whether the trainee passed, and the checks that compare passing and failing routes (critical options, scores, required actions) cannot tell which routes must be right.',
  bad: 'officers-arrive:\n  kind: end\n  say: Officers arrive and arrest the ex-partner.',
  good: 'officers-arrive:\n  kind: end\n  say: Officers arrive and arrest the ex-partner.\n  outcome:\n    result: pass',
  fix: 'Add `outcome:` with `result:` — `pass`, `acceptable`, `fail` or `critical-failure` (a quick fix adds either a pass or a fail).',
  check(ctx) {
    checkEnds(ctx, ctx.doc.steps);
  },
  // An end's own `outcome:` alone decides: an edit inside a step checks that step again.
  checkValues(ctx, roots) {
    checkEnds(
      ctx,
      ctx.doc.steps.filter((s) => s.node && roots.includes(s.node)),
    );
  },
};

function checkEnds(ctx: RuleContext, steps: readonly StepInfo[]): void {
  const { doc } = ctx;
  for (const step of steps) {
    if (kindOf(step) !== 'end' || !isMap(step.node)) continue;
    const outcome = valueNode(step.node, 'outcome');
    if (!keyNode(step.node, 'outcome')) {
      const fixes = (['pass', 'fail'] as const)
        .map((r) =>
          addPropertiesFix(
            doc,
            step.node,
            [['outcome', { entries: [['result', r]], flow: true }]],
            `Judge this end: ${r}`,
          ),
        )
        .filter((f): f is Fix => !!f);
      ctx.report(
        { step },
        `The end ${code(step.id)} has no \`outcome:\`: say how a trainee who gets here is judged (\`result: pass\`, \`acceptable\`, \`fail\` or \`critical-failure\`).`,
        { fixes },
      );
    } else if (isMap(outcome) && !keyNode(outcome, 'result')) {
      const fixes = (['pass', 'fail'] as const)
        .map((r) => addPropertiesFix(doc, outcome, [['result', r]], `Judge this end: ${r}`))
        .filter((f): f is Fix => !!f);
      ctx.report(
        { node: keyNode(step.node, 'outcome') },
        `The outcome of ${code(step.id)} has no \`result:\`: say whether this end is a \`pass\`, \`acceptable\`, \`fail\` or \`critical-failure\`.`,
        { fixes },
      );
    }
  }
}
