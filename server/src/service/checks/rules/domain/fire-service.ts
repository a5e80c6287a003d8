import type { Rule } from '../engine';
import { checkAgencyObligation } from './agency-obligation';

/** Facts that need the fire and rescue service. */
export const FIRE_FACTS: readonly string[] = ['entrapment', 'fire'];

/** Entrapment or fire implies the fire service is brought in on every way to an end. */
export const fireService: Rule = {
  id: 'domain/fire-service',
  severity: 'error',
  title: 'Entrapment or fire brings in the fire service on every path',
  why: 'Only the fire and rescue service can cut a trapped person free or deal with a fire. A handler who sends police and ambulance to a trapped driver has not finished the job, and a scenario that never asks for fire teaches that gap.',
  bad: 'driver:\n  kind: caller\n  say: "His door\'s crushed, he can\'t get out."\n  facts: [entrapment, serious-injury]\n  next: conference-ambulance   # no step with `to: fire`',
  good: 'conference-fire:\n  kind: action\n  action: conference\n  to: fire\n  handover: {location: …, nature: "Car on its roof, driver trapped", grade: EMERGENCY, hazards: Fuel leak}\n  next: conference-ambulance',
  fix: 'Add a `dispatch`, `conference` or `transfer` step with `to: fire` on every path from the fact to a pass/acceptable end (one earlier on the path counts). To silence one report: `# callflow-disable-next-line domain/fire-service` above the fact.',
  check(ctx) {
    checkAgencyObligation(ctx, FIRE_FACTS, 'fire', 'the fire service');
  },
};
