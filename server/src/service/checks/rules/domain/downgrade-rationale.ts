import type { Rule } from '../engine';
import { gradeRank } from '../../../model/catalogue';
import { valueNode } from '../../../syntax/nodes';
import { addPropertiesFix } from '../helpers';
import { code } from '../../../syntax/text';
import type { Fix } from '../../../model/types';
import { gradeSetBy, isChecked, isWritten } from './common';
import { gradeStates, mostUrgent } from './grades';

/** Lowering the grade needs a rationale and new facts since the previous grade. */
export const downgradeRationale: Rule = {
  id: 'domain/downgrade-rationale',
  severity: 'error',
  reads: { rationale: 'written', justification: 'written' },
  title: 'A step that lowers the grade follows new facts and records a rationale',
  why: 'Downgrading without reassessment is one of the failures inspections find most. A lower grade is only right when something new has been learned since the last grade (the child is found, nobody is hurt), and the reason must be on the log.',
  bad: 'grade-emergency:\n  kind: action\n  action: grade\n  grade: EMERGENCY\n  next: regrade\nregrade:\n  kind: action\n  action: grade\n  grade: PRIORITY',
  good: 'not-hurt:\n  kind: caller\n  facts: [no-injuries]\n  next: regrade\nregrade:\n  kind: action\n  action: grade\n  grade: PRIORITY\n  rationale: Child found unhurt by a park warden; search stood down.',
  fix: 'Add `rationale:` (quick fix) and make sure a step between the previous grade and this one reveals `facts:` on every path. When no new fact is needed, say why in `justification:`. To silence: `# callflow-disable-next-line domain/downgrade-rationale` above the grade.',
  check(ctx) {
    const { flow, doc, catalogue } = ctx;
    const states = gradeStates(flow, catalogue);
    for (const step of flow.steps) {
      const grade = gradeSetBy(step);
      const rank = grade === undefined ? undefined : gradeRank(catalogue, grade);
      if (rank === undefined || !isChecked(flow, step.index)) continue;
      const state = states[step.index];
      const prev = mostUrgent(state);
      if (!state || !prev || prev[0] >= rank) continue;
      const d = step.data ?? {};
      const noRationale = !isWritten(d.rationale);
      const noFacts = !state.fresh && !isWritten(d.justification);
      if (!noRationale && !noFacts) continue;
      const before = flow.steps[prev[1]];
      const prevGrade = gradeSetBy(before) ?? '';
      const problems = [
        noRationale ? 'record a `rationale:`' : '',
        noFacts ? `reveal new \`facts:\` between ${code(before.id)} and this step on every path` : '',
      ].filter(Boolean);
      const fixes: Fix[] = [];
      if (noRationale) {
        const f = addPropertiesFix(
          doc,
          step.node,
          [['rationale', 'TODO: what changed since the last grade']],
          'Add `rationale:`',
          { after: 'grade', preferred: true },
        );
        if (f) fixes.push(f);
      }
      ctx.report(
        { node: valueNode(step.node, 'grade') },
        `${code(grade)} lowers the grade from ${code(prevGrade)} (set at ${code(before.id)}) on some path: ${problems.join(' and ')}.`,
        { fixes, related: [{ range: before.keyRange, message: `${code(prevGrade)} is set here.` }] },
      );
    }
  },
};
