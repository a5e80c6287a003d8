/**
 * The domain rules: what trainers check beyond the schema and the flow (see docs/rules-domain.md and the
 * README's rule reference). Each rule reasons over structured fields (`asks`, `facts`, `action`, `grade`,
 * `event`, `quote`) by dataflow over the flow graph, never by enumerating paths.
 */
import type { Rule } from '../engine';
import { codeConsistency } from './code-consistency';
import { criticalOptionScore } from './critical-option-score';
import { criticalRoutePasses } from './critical-route-passes';
import { expectedActions } from './expected-actions';
import { lifeThreatCategory } from './life-threat-category';
import { passScoresLower } from './pass-scores-lower';
import { verbatimThreat } from './verbatim-threat';
import { disconnectDecision } from './disconnect-decision';
import { downgradeRationale } from './downgrade-rationale';
import { fictionalPhone } from './fictional-phone';
import { fireService } from './fire-service';
import { gradeFloor } from './grade-floor';
import { handoverContent } from './handover-content';
import { injuryAmbulance } from './injury-ambulance';
import { locationFirst } from './location-first';
import { silentSolution } from './silent-solution';
import { timing } from './timing';
import { vulnerabilityAssessment } from './vulnerability-assessment';

/** The domain rules, in the order of the trainers' checklist (domain.md, "Things trainers want checked"). */
export const DOMAIN_RULES: readonly Rule[] = [
  locationFirst,
  gradeFloor,
  codeConsistency,
  lifeThreatCategory,
  disconnectDecision,
  silentSolution,
  downgradeRationale,
  handoverContent,
  verbatimThreat,
  injuryAmbulance,
  fireService,
  vulnerabilityAssessment,
  timing,
  fictionalPhone,
  expectedActions,
  criticalRoutePasses,
  criticalOptionScore,
  passScoresLower,
];
