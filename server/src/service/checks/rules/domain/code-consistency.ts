import type { Rule, RuleContext } from '../engine';
import { valueFix } from '../helpers';
import { gradeRank, isEmergencyGrade, lookupCode, type Catalogue } from '../../../model/catalogue';
import { isMap, isSeq, scalarText, seqItems, valueNode, type Node } from '../../../syntax/nodes';
import { code, listOr } from '../../../syntax/text';
import { gradeSetBy, isChecked, isGoodEnd, isWritten } from './common';
import { gradeStates, mostUrgent } from './grades';

/** The determinant level's entry for a determinant value, if the pattern matches. */
function levelOf(cat: Catalogue, determinant: string): { key: string; ambulance?: string[] } | undefined {
  const fmt = cat.determinant;
  const m = fmt?.pattern.exec(determinant);
  const level = m?.groups?.level;
  if (!fmt || !level) return undefined;
  for (const [key, l] of Object.entries(fmt.levels))
    if (key === level || (l.aliases ?? []).includes(level)) return { key, ambulance: l.ambulance };
  return undefined;
}

const text = scalarText;

/** Codes that must agree with each other: determinant level ↔ ambulance category, grade lists, hand-over grades. */
export const codeConsistency: Rule = {
  id: 'domain/code-consistency',
  severity: 'error',
  reads: { justification: 'written' },
  title: 'Codes agree with each other: determinant and ambulance category, grade lists, hand-over grade',
  why: 'Each code may exist in the catalogue and still contradict another: an ECHO determinant (immediately life-threatening) with a C3 ambulance response, an expected grade list that accepts both EMERGENCY and SCHEDULED, or a hand-over that passes on a lower grade than the incident has. Trainees learn whichever one the scenario happens to score.',
  bad: 'expected:\n  determinant: 9-E-1\n  ambulance: C3\n  grade: [EMERGENCY, SCHEDULED]',
  good: 'expected:\n  determinant: 9-E-1\n  ambulance: C1\n  grade: EMERGENCY',
  fix: 'Use an ambulance category the determinant level maps to in the catalogue (`determinant.levels`), give each end its own `outcome.grade` when versions differ (or write `justification:`), and hand over the grade in force. To silence: `# callflow-disable-next-line domain/code-consistency` above the value.',
  // Determinant against ambulance category: each mapping on its own (checked again only when edited).
  valuePart: {
    check(ctx) {
      const expected = valueNode(ctx.doc.root, 'expected');
      if (isMap(expected)) checkDeterminant(ctx, expected);
      this.checkValues(
        ctx,
        ctx.doc.steps.flatMap((s) => (s.node ? [s.node] : [])),
      );
    },
    checkValues(ctx, steps) {
      for (const step of steps) {
        if (!isMap(step)) continue;
        checkDeterminant(ctx, step);
        const outcome = valueNode(step, 'outcome');
        if (isMap(outcome)) checkDeterminant(ctx, outcome);
      }
    },
  },
  check(ctx) {
    const { doc, flow, catalogue: cat } = ctx;
    const expected = valueNode(doc.root, 'expected');

    // Grade lists mixing emergency and non-emergency grades.
    const goodEnds = flow.steps.filter((s) => flow.reachable[s.index] && isGoodEnd(s));
    const everyEndHasGrade =
      goodEnds.length > 0 && goodEnds.every((s) => valueNode(valueNode(s.node, 'outcome'), 'grade'));
    const lists: (Node | undefined)[] = everyEndHasGrade ? [] : [expected];
    for (const s of goodEnds) lists.push(valueNode(s.node, 'outcome'));
    for (const outcome of lists) {
      const grades = valueNode(outcome, 'grade');
      if (!isSeq(grades) || isWritten(text(valueNode(outcome, 'justification')))) continue;
      const values = seqItems(grades)
        .map((i) => text(i))
        .filter((g): g is string => !!g && !!lookupCode(cat, 'grade', g));
      const urgent = values.filter((g) => isEmergencyGrade(cat, g));
      const other = values.filter((g) => !isEmergencyGrade(cat, g));
      if (urgent.length && other.length)
        ctx.report(
          { node: grades },
          `This list accepts both emergency (${listOr(urgent)}) and non-emergency (${listOr(other)}) grades: give each end its own \`outcome.grade\`, or write \`justification:\` saying why both are right.`,
        );
    }

    // Hand-over grades lower than the grade in force.
    let states: ReturnType<typeof gradeStates> | undefined;
    for (const step of flow.steps) {
      // (The plain data says quickly which steps hand over a grade; the nodes say where.)
      const handover = step.data?.handover as { grade?: unknown } | null | undefined;
      if (step.data && (!handover || typeof handover !== 'object' || handover.grade == null)) continue;
      const hg = valueNode(valueNode(step.node, 'handover'), 'grade');
      const handed = text(hg);
      const handedRank = handed === undefined ? undefined : gradeRank(cat, handed);
      if (handedRank === undefined || !isChecked(flow, step.index)) continue;
      const own = gradeSetBy(step);
      const current = mostUrgent((states ??= gradeStates(flow, cat))[step.index]);
      const inForce = own ?? (current ? gradeSetBy(flow.steps[current[1]]) : undefined);
      const inForceRank = inForce === undefined ? undefined : gradeRank(cat, inForce);
      if (inForceRank === undefined || handedRank <= inForceRank) continue;
      ctx.report(
        { node: hg },
        `The hand-over passes on ${code(handed)}, lower than the grade in force (${code(inForce)}${own ? ' on this step' : ` set at ${code(flow.steps[current![1]].id)}`}).`,
        {
          fixes: hg ? [valueFix(ctx.doc, hg, inForce!, `Hand over ${inForce}`)] : [],
        },
      );
    }
  },
};

function checkDeterminant(ctx: RuleContext, container: Node): void {
  const cat = ctx.catalogue;
  const det = text(valueNode(container, 'determinant'));
  const ambNode = valueNode(container, 'ambulance');
  const amb = text(ambNode);
  if (!det || !amb) return;
  const level = levelOf(cat, det);
  const entry = lookupCode(cat, 'ambulance', amb);
  if (!level?.ambulance?.length || !entry || level.ambulance.includes(entry.code)) return;
  ctx.report(
    { node: ambNode },
    `Determinant ${code(det)} is level ${level.key}, which the catalogue maps to ${listOr(level.ambulance)}, not ${code(amb)}.`,
    level.ambulance.length === 1
      ? {
          fixes: ambNode
            ? [valueFix(ctx.doc, ambNode, level.ambulance[0], `Change to ${level.ambulance[0]}`)]
            : [],
        }
      : undefined,
  );
}
