/**
 * The shared check behind `domain/injury-ambulance` and `domain/fire-service`: certain facts oblige an
 * action (`dispatch`, `conference` or `transfer`) that reaches a given agency, before or after the fact,
 * on every way to a non-failure end.
 */
import type { RuleContext } from '../engine';
import { code } from '../../../syntax/text';
import { actionOf, edgeFactNode, edgeFacts, factNode, factsOf } from './common';
import { whereRouteLeaves } from './route-text';
import { findUnmetObligations } from './obligations';

/** Actions that bring another service in. */
export const CALL_IN_ACTIONS: readonly string[] = ['dispatch', 'conference', 'transfer'];

/** Reports facts from `facts` not followed (or preceded) by a call-in action with `to: agency`. */
export function checkAgencyObligation(
  ctx: RuleContext,
  facts: readonly string[],
  agency: string,
  what: string,
): void {
  const { flow } = ctx;
  const callsIn = (v: number) =>
    CALL_IN_ACTIONS.includes(actionOf(flow.steps[v]) ?? '') && flow.steps[v].data?.to === agency;
  const unmet = findUnmetObligations(flow, {
    triggers: (s) => factsOf(s).filter((f) => facts.includes(f)),
    edgeTriggers: (e) => edgeFacts(e).filter((f) => facts.includes(f)),
    discharges: (s) => callsIn(s.index),
    dischargeBefore: true,
  });
  const seen = new Set<string>();
  for (const u of unmet) {
    const step = flow.steps[u.step];
    const node = u.edge ? edgeFactNode(flow, u.edge, u.trigger) : factNode(step, u.trigger);
    const key = `${u.step}:${u.edge?.choice ?? ''}:${u.trigger}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const end = flow.steps[u.end];
    ctx.report(
      node ? { node } : { step },
      `${code(u.trigger)} is revealed ${u.edge ? `by the choice ${code(u.edge.label ?? u.edge.target)}` : `at ${code(step.id)}`}, but the call can reach ${code(end.id)} without ${what} (a \`dispatch\`, \`conference\` or \`transfer\` with \`to: ${agency}\`): ${whereRouteLeaves(flow, u.path, callsIn)}.`,
      { related: [{ range: end.keyRange, message: `${code(end.id)} is reached without ${what}.` }] },
    );
  }
}
