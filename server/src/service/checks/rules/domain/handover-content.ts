import type { Rule } from '../engine';
import type { FlowModel } from '../../../model/flow';
import { isMap, keyNode, valueNode, type Node } from '../../../syntax/nodes';
import type { ScenarioDocument, StepInfo } from '../../../syntax/parse';
import type { NewProperty } from '../../../edits/builder';
import { addPropertiesFix } from '../helpers';
import type { Handover } from '../../../model/vocabulary';
import { code } from '../../../syntax/text';
import type { Fix } from '../../../model/types';
import { actionOf, edgeFacts, factsOf, isChecked, isWritten } from './common';
import { gradeSetBy } from './common';
import { gradeStates, mostUrgent } from './grades';
import { labelAfter, type Source } from './obligations';

/** Facts that are threats to be passed on word for word. */
export const THREAT_FACTS: readonly string[] = ['threat', 'threat-to-life'];

const REQUIRED: (keyof Handover)[] = ['location', 'nature', 'grade', 'hazards'];

/** Transfers and conferences carry location, nature, grade, hazards and (after a threat) the threat verbatim. */
export const handoverContent: Rule = {
  id: 'domain/handover-content',
  severity: 'error',
  reads: {
    quote: 'written',
    'handover.location': 'written',
    'handover.nature': 'written',
    'handover.hazards': 'written',
    'handover.threats': 'written',
  },
  title: 'Hand-overs carry location, nature, grade, hazards and the verbatim threat',
  why: 'Inspections of cross-border and multi-agency calls keep finding hand-overs that lost the threat or the grade: the receiving handler starts again from "what is the address?" while the caller is in danger. A transfer or conference must pass on everything the next service needs, and a threat recorded on the call travels with it word for word.',
  bad: 'transfer:\n  kind: action\n  action: transfer\n  to: other-force\n  handover:\n    location: 22 Linden Close, Kelford\n    nature: Ex-partner breaking in',
  good: "transfer:\n  kind: action\n  action: transfer\n  to: other-force\n  handover:\n    location: 22 Linden Close, Kelford\n    nature: Ex-partner breaking in\n    grade: EMERGENCY\n    hazards: Suspect inside, weapons not known\n    threats: '\"Open the door or I''ll kill you\" (verbatim)'",
  fix: 'Fill in `handover:` with `location`, `nature`, `grade` and `hazards`, plus `threats` when a `threat`/`threat-to-life` fact or a `quote:` comes before the step on some path (a quick fix adds the missing keys as TODOs). To silence: `# callflow-disable-next-line domain/handover-content` above the reported line.',
  check(ctx) {
    const { flow } = ctx;
    const threats = threatSources(flow);
    const threatBefore = threats.length ? labelAfter(flow, threats) : [];
    const states = gradeStates(flow, ctx.catalogue);
    for (const step of flow.steps) {
      const action = actionOf(step);
      if ((action !== 'transfer' && action !== 'conference') || !isChecked(flow, step.index)) continue;
      const threat = threatBefore[step.index];
      const required = threat ? [...REQUIRED, 'threats' as const] : REQUIRED;
      const handover = valueNode(step.node, 'handover');
      const data = (isMap(handover) ? step.data?.handover : undefined) ?? {};
      const missing = required.filter((k) => !isWritten(data[k]));
      if (!missing.length) continue;
      const current = mostUrgent(states[step.index]);
      const grade = gradeSetBy(step) ?? (current ? gradeSetBy(flow.steps[current[1]]) : undefined) ?? 'TODO';
      const fix = handoverFix(ctx.doc, step, handover, missing, grade);
      const list = missing.map((k) => code(k)).join(', ');
      const why =
        threat && missing.includes('threats')
          ? ` The threat must travel word for word (${threat.label}).`
          : '';
      ctx.report(
        handover ? { node: keyNode(step.node, 'handover') } : { node: valueNode(step.node, 'action') },
        `This ${action} ${handover ? 'hand-over lacks' : 'has no `handover:`; it needs'} ${list}.${why}`,
        {
          fixes: fix ? [fix] : [],
          related: threat
            ? [
                {
                  range: flow.steps[threat.step].keyRange,
                  message: `A threat is recorded at ${code(flow.steps[threat.step].id)}.`,
                },
              ]
            : [],
        },
      );
    }
  },
};

/** Where threats are recorded: a threat fact on a step or a choice, or a caller's `quote:`. */
function threatSources(flow: FlowModel): Source<string>[] {
  const sources: Source<string>[] = [];
  for (const step of flow.steps) {
    const d = step.data;
    const f = factsOf(step).find((x) => THREAT_FACTS.includes(x));
    if (f) sources.push({ step: step.index, label: `the \`${f}\` fact at ${code(step.id)}` });
    else if (d?.kind === 'caller' && isWritten(d.quote))
      sources.push({ step: step.index, label: `the quote at ${code(step.id)}` });
    for (const ei of flow.out[step.index]) {
      const e = flow.edges[ei];
      const ef = edgeFacts(e).find((x) => THREAT_FACTS.includes(x));
      if (ef)
        sources.push({
          step: step.index,
          edge: e,
          label: `the \`${ef}\` fact of a choice at ${code(step.id)}`,
        });
    }
  }
  return sources;
}

/** Adds the missing keys (TODOs, the grade in force): to the `handover:`, or a new one after `action:`. */
function handoverFix(
  doc: ScenarioDocument,
  step: StepInfo,
  handover: Node | undefined,
  missing: string[],
  grade: string,
): Fix | undefined {
  const properties = missing.map((k): NewProperty => [k, k === 'grade' ? grade : 'TODO']);
  if (!handover)
    return addPropertiesFix(
      doc,
      step.node,
      [['handover', { entries: properties, flow: true }]],
      'Add a `handover:` with the required keys',
      { after: 'action', preferred: true },
    );
  return addPropertiesFix(doc, handover, properties, 'Add the missing hand-over keys', { preferred: true });
}
