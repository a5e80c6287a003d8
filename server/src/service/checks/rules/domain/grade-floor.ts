import type { Rule, RuleContext } from '../engine';
import { isEmergencyGrade, lookupCode } from '../../../model/catalogue';
import { canReach } from '../../../model/flow';
import { isMap, isScalar, valueNode, type Node } from '../../../syntax/nodes';
import { addPropertiesFix, valueFix } from '../helpers';
import { DANGER_FACTS } from '../../../model/vocabulary';
import type { StepInfo } from '../../../syntax/parse';
import { code } from '../../../syntax/text';
import type { Fix } from '../../../model/types';
import {
  edgeFactNode,
  expectedOf,
  edgeFacts,
  factNode,
  factsOf,
  gradeSetBy,
  isChecked,
  isGoodEnd,
  isWritten,
  itemsOf,
} from './common';
import { labelAfter, type Source } from './obligations';

const isDanger = (f: string) => (DANGER_FACTS as readonly string[]).includes(f);

/** A danger fact as revealed: where, and the node to point at. */
interface Revealed {
  fact: string;
  node: Node | undefined;
  step: StepInfo;
}

/** A reachable danger fact requires an emergency grade unless a justification is written. */
export const gradeFloor: Rule = {
  id: 'domain/grade-floor',
  severity: 'error',
  reads: { justification: 'written' },
  title: 'Weapons, threats to life, serious injury and the like require an emergency grade',
  why: 'The national standards put danger to life (a caller who means to end their life, someone in the water), violence used or threatened, weapons, serious injury, a blocked road and a missing child at the top grade. A scenario that expects PRIORITY for a knife teaches trainees to under-grade; if a lower grade really is right, the trainer says why in `justification:`.',
  bad: 'pub:\n  kind: caller\n  facts: [knife]\n  next: grade-it\ngrade-it:\n  kind: action\n  action: grade\n  grade: PRIORITY',
  good: 'grade-it:\n  kind: action\n  action: grade\n  grade: EMERGENCY\n  rationale: Knife seen during a fight.\n# or keep PRIORITY and explain:\n#  justification: The knife was in a locked display cabinet; no threat was made.',
  fix: "Use an emergency grade (quick fix), or write `justification:` on the grading step (or under `expected:` / the end's `outcome:` for the expected grade). To silence: `# callflow-disable-next-line domain/grade-floor` above the grade.",
  check(ctx) {
    const { flow, doc, catalogue } = ctx;
    const own = (step: StepInfo): Revealed | undefined => {
      const f = factsOf(step).find(isDanger);
      return f ? { fact: f, node: factNode(step, f), step } : undefined;
    };
    const sources: Source<Revealed>[] = [];
    for (const step of flow.steps) {
      const r = own(step);
      if (r) sources.push({ step: step.index, label: r });
      for (const ei of flow.out[step.index]) {
        const e = flow.edges[ei];
        const f = edgeFacts(e).find(isDanger);
        if (f)
          sources.push({
            step: step.index,
            edge: e,
            label: { fact: f, node: edgeFactNode(flow, e, f), step },
          });
      }
    }
    if (!sources.length) return;
    const after = labelAfter(flow, sources);
    const dangerAt = (step: StepInfo) => own(step) ?? after[step.index]?.label;
    const emergency = catalogue.families
      .get('grade')
      ?.codes.find((c) => isEmergencyGrade(catalogue, c.code))?.code;

    // Grading steps after the fact.
    for (const step of flow.steps) {
      const grade = gradeSetBy(step);
      if (!grade || !isChecked(flow, step.index) || isWritten(step.data?.justification)) continue;
      const r = dangerAt(step);
      if (!r || !lookupCode(catalogue, 'grade', grade) || isEmergencyGrade(catalogue, grade)) continue;
      const node = valueNode(step.node, 'grade');
      const fixes = gradeFixes(ctx, node, emergency);
      const j = addPropertiesFix(
        doc,
        step.node,
        [['justification', 'TODO: why not an emergency']],
        'Add `justification:`',
        {
          after: 'grade',
        },
      );
      if (j) fixes.push(j);
      report(ctx, node, grade, r, fixes);
    }

    // An end's own outcome grade, against the nearest danger fact before that end.
    for (const step of flow.steps) {
      if (!flow.reachable[step.index] || !isGoodEnd(step)) continue;
      const outcome = valueNode(step.node, 'outcome');
      if (!valueNode(outcome, 'grade')) continue;
      const r = dangerAt(step);
      // An end's outcome overrides `expected` field by field: the top-level justification still applies.
      if (r && !isWritten(expectedOf(doc)?.justification)) checkOutcome(ctx, outcome, r, emergency);
    }
    // The top-level expected grade, against the first danger fact (in flow order) that reaches an end
    // without its own outcome grade.
    const plainEnd = canReach(
      flow,
      (v) => isGoodEnd(flow.steps[v]) && !valueNode(valueNode(flow.steps[v].node, 'outcome'), 'grade'),
    );
    const rank = new Int32Array(flow.steps.length);
    flow.order.forEach((v, i) => (rank[v] = i));
    // The earliest in flow order (the first of those that come equal, as a stable sort would give).
    let first: Source<Revealed> | undefined;
    for (const s of sources)
      if (flow.reachable[s.step] && plainEnd[s.edge ? s.edge.to : s.step])
        if (!first || rank[s.step] < rank[first.step]) first = s;
    if (first) checkOutcome(ctx, valueNode(doc.root, 'expected'), first.label, emergency);
  },
};

function checkOutcome(
  ctx: RuleContext,
  outcome: Node | undefined,
  r: Revealed,
  emergency: string | undefined,
): void {
  if (!isMap(outcome) || isWritten(scalarString(valueNode(outcome, 'justification')))) return;
  const cat = ctx.catalogue;
  for (const item of itemsOf(outcome, 'grade')) {
    const g = String(item.value);
    if (!lookupCode(cat, 'grade', g) || isEmergencyGrade(cat, g)) continue;
    const fixes = gradeFixes(ctx, item, emergency);
    const j = addPropertiesFix(
      ctx.doc,
      outcome,
      [['justification', 'TODO: why not an emergency']],
      'Add `justification:`',
      {
        after: 'grade',
      },
    );
    if (j) fixes.push(j);
    report(ctx, item, g, r, fixes);
  }
}

function scalarString(node: Node | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function gradeFixes(ctx: RuleContext, node: Node | undefined, emergency: string | undefined): Fix[] {
  if (!node || !emergency) return [];
  return [valueFix(ctx.doc, node, emergency, `Change to ${emergency}`)];
}

function report(ctx: RuleContext, node: Node | undefined, grade: string, r: Revealed, fixes: Fix[]): void {
  const where = r.node ? ctx.rangeOf({ node: r.node }) : r.step.keyRange;
  ctx.report(
    { node },
    `${code(grade)} is not an emergency grade, but ${code(r.fact)} is revealed at ${code(r.step.id)} before it: grade as an emergency or write a \`justification:\`.`,
    { fixes, related: [{ range: where, message: `${code(r.fact)} is revealed here.` }] },
  );
}
