/**
 * The domain obligations the checks know, judged on one route: the editor's rules prove them for every
 * path; the debrief says whether this run met them (location first, the weapon question, hand-over
 * content, Silent Solution, ambulance and fire service, a decision after a dropped line, the grade floor,
 * downgrades with a rationale). Each check returns nothing when it does not apply to the route.
 */
import { isEmergencyGrade, gradeRank, type Catalogue } from '../model/catalogue';
import { DANGER_FACTS, LOCATION_EXEMPT_ASKS, type Outcome } from '../model/vocabulary';
import type { ScenarioDocument } from '../syntax/parse';
import { isWritten, topLevel } from '../checks/rules/domain/common';
import { INJURY_FACTS, injuryAmbulance } from '../checks/rules/domain/injury-ambulance';
import { FIRE_FACTS, fireService } from '../checks/rules/domain/fire-service';
import { THREAT_FACTS, handoverContent } from '../checks/rules/domain/handover-content';
import { LOST_CONTACT_EVENTS, disconnectDecision } from '../checks/rules/domain/disconnect-decision';
import { locationFirst } from '../checks/rules/domain/location-first';
import { silentSolution } from '../checks/rules/domain/silent-solution';
import { gradeFloor } from '../checks/rules/domain/grade-floor';
import { downgradeRationale } from '../checks/rules/domain/downgrade-rationale';
import type { ObligationCheck, RunState, TranscriptEntry } from '../../shared/rehearsal';

/** What the obligation checks read: the route played and the state it left. */
export interface Route {
  doc: ScenarioDocument;
  catalogue: Catalogue;
  transcript: TranscriptEntry[];
  state: RunState;
  /** The facts and questions known from the starting state. */
  startFacts: string[];
  startAsked: string[];
  /** The expected outcome at the end (with the end's overrides). */
  expected: Outcome;
}

const WEAPON_FACTS: readonly string[] = ['weapon', 'knife', 'firearm'];

/** Short titles for the debrief (the rules' own titles speak of every path). */
export const OBLIGATION_TITLES: Record<string, string> = {
  'domain/location-first': 'Location asked first',
  'debrief/weapon-question': 'Weapon question asked',
  'domain/handover-content': 'Hand-over complete',
  'domain/silent-solution': 'Silent Solution followed',
  'domain/injury-ambulance': 'Ambulance brought in for an injury',
  'domain/fire-service': 'Fire service brought in',
  'domain/disconnect-decision': 'Decision after a lost line',
  'domain/grade-floor': 'Emergency grade for a danger',
  'domain/downgrade-rationale': 'Downgrade explained',
};
/** Why each obligation matters: the rule's own explanation, shown in the debrief when it was missed. */
const WHY: Record<string, string> = {
  'debrief/weapon-question':
    'Who has the weapon, where it is now and whether it has been used decide the grade, the resources sent (armed or Taser-trained officers) and the safety advice given to the caller.',
  ...Object.fromEntries(
    [
      locationFirst,
      handoverContent,
      silentSolution,
      injuryAmbulance,
      fireService,
      disconnectDecision,
      gradeFloor,
      downgradeRationale,
    ].map((r) => [r.id, r.why]),
  ),
};

const at = (e: TranscriptEntry) => `\`${e.step}\` (${e.at} s)`;
const check = (rule: string, met: boolean, detail: string, step?: string): ObligationCheck => {
  const c: ObligationCheck = { rule, title: OBLIGATION_TITLES[rule] ?? rule, met, detail };
  if (step !== undefined) c.step = step;
  if (!met && WHY[rule]) c.why = WHY[rule];
  return c;
};

/** Every obligation that applies to the route, met or missed. */
export function routeObligations(route: Route): ObligationCheck[] {
  return [
    locationFirstOn(route),
    weaponQuestionOn(route),
    ...handoversOn(route),
    silentSolutionOn(route),
    agencyOn(route, INJURY_FACTS, 'ambulance', injuryAmbulance.id),
    agencyOn(route, FIRE_FACTS, 'fire', fireService.id),
    ...decisionsAfterLostContact(route),
    gradeFloorOn(route),
    ...downgradesOn(route),
  ].filter((c): c is ObligationCheck => c !== undefined);
}

/** The first entry that reveals one of `facts`. */
function revealing(route: Route, facts: readonly string[]): TranscriptEntry | undefined {
  return route.transcript.find((e) => e.facts?.some((f) => facts.includes(f)));
}

function locationFirstOn(route: Route): ObligationCheck | undefined {
  const { id } = locationFirst;
  if (route.startAsked.includes('location'))
    return check(id, true, 'The location was known from the starting state.');
  let silent = topLevel<Record<string, unknown>>(route.doc, 'call')?.silent === true;
  for (const e of route.transcript) {
    if ((e.kind === 'caller' || e.kind === 'timer') && e.event !== undefined) {
      if (e.event === 'press-55' || e.event === 'silence') silent = true;
      else if (e.event === 'speech') silent = false;
    }
    if (e.facts?.includes('can-talk')) silent = false;
    if (e.kind !== 'handler' || !e.asks) continue;
    if (e.asks.includes('location'))
      return check(id, true, `The location was asked first, at ${at(e)}.`, e.step);
    const yesNo = route.doc.stepsById.get(e.step)?.data?.yesNo === true;
    const other = e.asks.find((a) => !(LOCATION_EXEMPT_ASKS as readonly string[]).includes(a));
    if (other && !(yesNo && silent))
      return check(id, false, `\`${other}\` was asked at ${at(e)} before the location.`, e.step);
  }
  return undefined;
}

function weaponQuestionOn(route: Route): ObligationCheck | undefined {
  const fact = route.state.facts.find((f) => WEAPON_FACTS.includes(f));
  if (!fact) return undefined;
  const asked = route.transcript.find((e) => e.asks?.includes('weapons'));
  if (asked)
    return check('debrief/weapon-question', true, `The weapon was asked about at ${at(asked)}.`, asked.step);
  if (route.startAsked.includes('weapons'))
    return check('debrief/weapon-question', true, 'The weapon was asked about before the starting point.');
  const where = revealing(route, [fact]);
  const detail = `A \`${fact}\` was reported${where ? ` at ${at(where)}` : ''}, but nobody asked who has it and where it is (\`asks: [weapons]\`).`;
  return check('debrief/weapon-question', false, detail, where?.step);
}

function handoversOn(route: Route): ObligationCheck[] {
  const { id } = handoverContent;
  const checks: ObligationCheck[] = [];
  let threat = route.startFacts.some((f) => THREAT_FACTS.includes(f));
  for (const e of route.transcript) {
    if (e.facts?.some((f) => THREAT_FACTS.includes(f)) || (e.kind === 'caller' && isWritten(e.quote)))
      threat = true;
    const action = e.action?.action;
    if (action !== 'transfer' && action !== 'conference') continue;
    const h = e.action?.handover ?? {};
    const required: (keyof typeof h)[] = [
      'location',
      'nature',
      'grade',
      'hazards',
      ...(threat ? (['threats'] as const) : []),
    ];
    const missing = required.filter((k) => !isWritten(h[k]));
    const to = e.action?.to ? ` to ${e.action.to}` : '';
    const detail = missing.length
      ? `The ${action}${to} at ${at(e)} did not pass on ${missing.map((k) => `\`${k}\``).join(', ')}.`
      : `The ${action}${to} at ${at(e)} passed on ${required.join(', ')}.`;
    checks.push(check(id, missing.length === 0, detail, e.step));
  }
  return checks;
}

function silentSolutionOn(route: Route): ObligationCheck | undefined {
  const { id } = silentSolution;
  const call = topLevel<Record<string, unknown>>(route.doc, 'call');
  if (call?.silent !== true || call.device !== 'mobile' || String(call.line) !== '999') return undefined;
  let pressed: TranscriptEntry | undefined;
  for (const e of route.transcript) {
    if (e.kind === 'caller' && e.event === 'press-55') pressed ??= e;
    if (e.facts?.includes('can-talk')) break;
    const yesNo = route.doc.stepsById.get(e.step)?.data?.yesNo === true;
    if (pressed && e.kind === 'handler' && e.asks?.length && !yesNo)
      return check(id, false, `After 55 was pressed, ${at(e)} asked an open question.`, e.step);
  }
  if (!pressed) return check(id, false, 'The caller never pressed 55 on this route.');
  return check(
    id,
    true,
    `The caller pressed 55 at ${at(pressed)}; the questions after it were yes/no.`,
    pressed.step,
  );
}

function agencyOn(
  route: Route,
  facts: readonly string[],
  agency: string,
  id: string,
): ObligationCheck | undefined {
  const fact = route.state.facts.find((f) => facts.includes(f));
  if (!fact) return undefined;
  const s = route.state;
  const reached = [...s.dispatched, ...s.conferenced, ...s.transferred].find((r) => r.to === agency);
  const where = revealing(route, [fact]);
  if (reached)
    return check(
      id,
      true,
      `\`${fact}\` was reported and the ${agency} service was brought in at ${reached.at} s.`,
      reached.step,
    );
  return check(
    id,
    false,
    `\`${fact}\` was reported${where ? ` at ${at(where)}` : ''} but the ${agency} service was never brought in.`,
    where?.step,
  );
}

function decisionsAfterLostContact(route: Route): ObligationCheck[] {
  const { id } = disconnectDecision;
  const checks: ObligationCheck[] = [];
  const seen = new Set<string>();
  route.transcript.forEach((e, i) => {
    if ((e.kind !== 'caller' && e.kind !== 'timer') || !LOST_CONTACT_EVENTS.includes(e.event ?? '')) return;
    if (seen.has(e.step)) return;
    seen.add(e.step);
    const decision = route.transcript
      .slice(i + 1)
      .find((d) => d.action?.action === 'grade' || d.action?.action === 'callback');
    const what = e.event === 'disconnect' ? 'The line dropped' : 'The line went silent';
    const detail = decision
      ? `${what} at ${at(e)}; the ${decision.action?.action === 'grade' ? 'regrade' : 'call-back'} came at ${at(decision)}.`
      : `${what} at ${at(e)} and no regrade or call-back followed.`;
    checks.push(check(id, decision !== undefined, detail, e.step));
  });
  return checks;
}

function gradeFloorOn(route: Route): ObligationCheck | undefined {
  const { id } = gradeFloor;
  const danger = revealing(route, DANGER_FACTS);
  if (!danger) return undefined;
  const fact = danger.facts?.find((f) => (DANGER_FACTS as readonly string[]).includes(f));
  const i = route.transcript.indexOf(danger);
  const grades = route.transcript.slice(i).filter((e) => e.action?.grade !== undefined);
  const cat = route.catalogue;
  const low = grades.find((e) => {
    const g = e.action!.grade!;
    return (
      !isEmergencyGrade(cat, g) && gradeRank(cat, g) !== undefined && !isWritten(e.action?.justification)
    );
  });
  if (low && !isWritten(route.expected.justification))
    return check(
      id,
      false,
      `\`${fact}\` was reported at ${at(danger)} but ${at(low)} graded \`${low.action!.grade}\`.`,
      low.step,
    );
  if (!grades.length) return undefined;
  return check(
    id,
    true,
    `\`${fact}\` was reported at ${at(danger)} and the call was graded \`${grades[grades.length - 1].action!.grade}\`.`,
  );
}

function downgradesOn(route: Route): ObligationCheck[] {
  const { id } = downgradeRationale;
  const checks: ObligationCheck[] = [];
  let prev: { rank: number; index: number } | undefined;
  route.transcript.forEach((e, i) => {
    const g = e.action?.grade;
    const rank = g === undefined ? undefined : gradeRank(route.catalogue, g);
    if (rank === undefined) return;
    if (prev && rank > prev.rank) {
      const fresh = route.transcript.slice(prev.index + 1, i + 1).some((x) => x.facts?.length);
      const rationale = isWritten(e.action?.rationale);
      const ok = rationale && (fresh || isWritten(e.action?.justification));
      const missing = [
        rationale ? '' : 'no rationale',
        fresh ? '' : 'no new facts since the last grade',
      ].filter(Boolean);
      const detail = ok
        ? `The grade was lowered to \`${g}\` at ${at(e)} with a rationale after new facts.`
        : `The grade was lowered to \`${g}\` at ${at(e)} with ${missing.join(' and ')}.`;
      checks.push(check(id, ok, detail, e.step));
    }
    prev = { rank, index: i };
  });
  return checks;
}
