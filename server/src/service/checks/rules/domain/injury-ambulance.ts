import type { Rule } from '../engine';
import { checkAgencyObligation } from './agency-obligation';

/** Facts that mean someone is hurt or ill and needs an ambulance. */
export const INJURY_FACTS: readonly string[] = [
  'injury',
  'serious-injury',
  'not-breathing',
  'unconscious',
  'overdose',
  'self-harm',
  'smoke-inhalation',
];

/** An injury fact implies the ambulance service is brought in on every way to an end. */
export const injuryAmbulance: Rule = {
  id: 'domain/injury-ambulance',
  severity: 'error',
  title: 'An injury brings in the ambulance service on every path',
  why: 'Police handlers are not the medical response: once an injury, unconsciousness, an overdose, self-harm or smoke inhalation is reported, the ambulance service must be dispatched, conferenced or given the call — on every branch the trainee can take, not only the model answer.',
  bad: 'knife-answer:\n  kind: caller\n  say: "There\'s a lad on the floor, there\'s blood everywhere."\n  facts: [injury]\n  next: grade-emergency   # …and no step with `to: ambulance` before the end',
  good: 'conference-ambulance:\n  kind: action\n  action: conference\n  to: ambulance\n  handover: {location: …, nature: …, grade: EMERGENCY, hazards: …}\n  next: ask-breathing',
  fix: 'Add a `dispatch`, `conference` or `transfer` step with `to: ambulance` on every path from the fact to a pass/acceptable end (an ambulance requested earlier on the path counts). Paths that end in `fail` or `critical-failure` are not checked. To silence one report: `# callflow-disable-next-line domain/injury-ambulance` above the fact.',
  check(ctx) {
    checkAgencyObligation(ctx, INJURY_FACTS, 'ambulance', 'an ambulance');
  },
};
