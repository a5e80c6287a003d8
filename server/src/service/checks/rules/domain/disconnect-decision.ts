import type { Rule } from '../engine';
import { valueNode } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { actionOf } from './common';
import { whereRouteLeaves } from './route-text';
import { findUnmetObligations } from './obligations';

/**
 * Caller / timer events that lose contact with the caller. A caller going quiet (`silence`) is still on
 * the line (hiding, listening, unable to speak): only a disconnect needs a regrade or a call-back.
 */
export const LOST_CONTACT_EVENTS: readonly string[] = ['disconnect'];

/** Every disconnect leads to a regrade or a call-back decision on every way to an end. */
export const disconnectDecision: Rule = {
  id: 'domain/disconnect-decision',
  severity: 'error',
  title: 'A dropped line leads to a regrade or a call-back',
  why: 'Inspections keep finding abandoned calls closed with no decision. When the line drops, the trainee must reassess: regrade (even to the same grade, with a rationale) or call back — never just carry on or close. A caller who goes quiet (`event: silence`) is still on the line and is not reported: keeping the line open and listening is often right there.',
  bad: 'line-drops:\n  kind: caller\n  event: disconnect\n  say: "(The line goes dead.)"\n  next: officers-arrive',
  good: 'line-drops:\n  kind: caller\n  event: disconnect\n  next: regrade\nregrade:\n  kind: action\n  action: grade\n  grade: EMERGENCY\n  rationale: Line lost during an assault; risk has increased.\n  next: officers-arrive',
  fix: 'Put an `action: grade` (a regrade, with `rationale:`) or `action: callback` step on every path from the event to a pass/acceptable end. Paths ending in `fail`/`critical-failure` are not checked. To silence: `# callflow-disable-next-line domain/disconnect-decision` above the `event:` line.',
  check(ctx) {
    const { flow } = ctx;
    const decides = (v: number) =>
      actionOf(flow.steps[v]) === 'grade' || actionOf(flow.steps[v]) === 'callback';
    const unmet = findUnmetObligations(flow, {
      triggers: (s) => {
        const d = s.data;
        if (!d || (d.kind !== 'caller' && d.kind !== 'timer')) return [];
        return typeof d.event === 'string' && LOST_CONTACT_EVENTS.includes(d.event) ? [d.event] : [];
      },
      discharges: (s) => decides(s.index),
      dischargeBefore: false,
    });
    for (const u of unmet) {
      const step = flow.steps[u.step];
      const end = flow.steps[u.end];
      ctx.report(
        { node: valueNode(step.node, 'event') },
        `After this disconnect the call can reach ${code(end.id)} with no regrade (\`action: grade\`) or call-back (\`action: callback\`): ${whereRouteLeaves(flow, u.path, decides)}.`,
        { related: [{ range: end.keyRange, message: `${code(end.id)} is reached without a decision.` }] },
      );
    }
  },
};
