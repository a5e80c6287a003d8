import type { Rule, RuleContext } from '../engine';
import { lookupCode, type Catalogue } from '../../../model/catalogue';
import { isMap, scalarText, valueNode, type Node } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';
import { edgeFacts, factsOf, isChecked, isWritten } from './common';
import { labelAfter, type Source } from './obligations';

/** A life-threat fact and where it is revealed. */
interface Seen {
  fact: string;
  where: string;
}

/** Facts that put a patient in the most urgent ambulance category. */
export const LIFE_THREAT_FACTS: readonly string[] = ['not-breathing', 'unconscious'];

/** The most urgent code of the catalogue's `ambulance` family (lowest rank; the first when none ranked). */
export function mostUrgentAmbulance(cat: Catalogue): string | undefined {
  const codes = cat.families.get('ambulance')?.codes ?? [];
  const ranked = codes.filter((c) => c.rank !== undefined).sort((a, b) => a.rank! - b.rank!);
  return (ranked[0] ?? codes[0])?.code;
}

/** Not breathing or unconscious: the expected and given ambulance category is the most urgent one. */
export const lifeThreatCategory: Rule = {
  id: 'domain/life-threat-category',
  severity: 'error',
  reads: { justification: 'written' },
  title: 'Not breathing or unconscious means the most urgent ambulance category',
  why: 'A patient who is not breathing or is unconscious is a life-threatening call (C1 in England): any lower category teaches the trainee to under-triage the calls where minutes matter most. The determinant rule catches an inconsistent determinant; this one catches a category written on its own.',
  bad: 'steps:\n  collapsed:\n    kind: caller\n    facts: [unconscious]\n    next: send\n  send:\n    kind: action\n    action: dispatch\n    to: ambulance\n    ambulance: C2',
  good: '  send:\n    kind: action\n    action: dispatch\n    to: ambulance\n    ambulance: C1',
  fix: "Use the catalogue's most urgent ambulance category (quick fix). If a lower one is right, say why in `justification:` on the step, under `expected:` or in the end's `outcome:`. To silence: `# callflow-disable-next-line domain/life-threat-category` above the `ambulance:` line.",
  check(ctx) {
    const { flow, doc, catalogue } = ctx;
    const top = mostUrgentAmbulance(catalogue);
    if (!top) return;
    const sources: Source<Seen>[] = [];
    for (const step of flow.steps) {
      if (!isChecked(flow, step.index)) continue;
      const f = factsOf(step).find((x) => LIFE_THREAT_FACTS.includes(x));
      if (f) sources.push({ step: step.index, label: { fact: f, where: `at ${code(step.id)}` } });
      for (const ei of flow.out[step.index]) {
        const e = flow.edges[ei];
        const ef = edgeFacts(e).find((x) => LIFE_THREAT_FACTS.includes(x));
        if (ef)
          sources.push({
            step: step.index,
            edge: e,
            label: { fact: ef, where: `by an option at ${code(step.id)}` },
          });
      }
    }
    if (!sources.length) return;
    const after = labelAfter(flow, sources);
    const expected = valueNode(doc.root, 'expected');
    const topJustified = isWritten(scalarText(valueNode(expected, 'justification')));
    if (!topJustified) check(ctx, expected, top, sources[0].label, 'expected');
    for (const step of flow.steps) {
      if (!isChecked(flow, step.index)) continue;
      const own = factsOf(step).find((x) => LIFE_THREAT_FACTS.includes(x));
      const label = own ? { fact: own, where: `at ${code(step.id)}` } : after[step.index]?.label;
      if (!label) continue;
      if (step.data?.kind === 'action' && !isWritten(step.data.justification))
        check(ctx, step.node ?? undefined, top, label, 'step');
      const outcome = valueNode(step.node, 'outcome');
      if (
        step.data?.kind === 'end' &&
        isMap(outcome) &&
        !topJustified &&
        !isWritten(scalarText(valueNode(outcome, 'justification')))
      )
        check(ctx, outcome, top, label, 'outcome');
    }
  },
};

function check(ctx: RuleContext, container: Node | undefined, top: string, seen: Seen, where: string): void {
  const node = valueNode(container, 'ambulance');
  const value = scalarText(node);
  if (!node || value === undefined) return;
  const entry = lookupCode(ctx.catalogue, 'ambulance', value);
  if (!entry || entry.code === top) return;
  const subject =
    where === 'step' ? 'This step gives' : where === 'outcome' ? 'This end expects' : 'The scenario expects';
  ctx.report(
    { node },
    `${subject} ${code(value)}, but the patient is ${seen.fact === 'not-breathing' ? 'not breathing' : 'unconscious'} (${code(seen.fact)} ${seen.where}): that is ${code(top)}, the most urgent ambulance category, unless a \`justification:\` says why not.`,
    { fixes: [valueFix(ctx.doc, node, top, `Change to ${top}`)] },
  );
}
