/**
 * Every rule id the product reports, declared once. `RuleId` is their union: a problem's `ruleId` and a
 * rule's documentation (checks/rules: `ALL_RULE_INFO`) are checked against it when compiling, and a
 * test checks that each id here has exactly one documented rule. A new rule adds its id here.
 */
export const RULE_IDS = [
  'yaml/syntax',
  'yaml/duplicate-key',
  'yaml/multiple-documents',
  'yaml/merge-key',
  'yaml/alias-bomb',
  'yaml/too-deep',
  'yaml/comment-in-text',
  'schema/empty',
  'schema/required',
  'schema/unknown-property',
  'schema/step-kind',
  'schema/step-id',
  'schema/enum',
  'schema/type',
  'schema/value',
  'catalogue/invalid',
  'config/invalid',
  'internal/rule-failed',
  'flow/unknown-start',
  'flow/dangling-next',
  'flow/unreachable-step',
  'flow/dead-end',
  'flow/no-end',
  'flow/loop-without-exit',
  'flow/duplicate-choice-target',
  'flow/end-without-outcome',
  'code/unknown',
  'code/wrong-family',
  'code/deprecated',
  'code/determinant-format',
  'domain/location-first',
  'domain/grade-floor',
  'domain/code-consistency',
  'domain/life-threat-category',
  'domain/disconnect-decision',
  'domain/silent-solution',
  'domain/downgrade-rationale',
  'domain/handover-content',
  'domain/verbatim-threat',
  'domain/injury-ambulance',
  'domain/fire-service',
  'domain/vulnerability-assessment',
  'domain/timing',
  'domain/fictional-phone',
  'domain/expected-actions',
  'domain/critical-route-passes',
  'domain/critical-option-score',
  'domain/pass-scores-lower',
  'runs/unknown-choice',
  'runs/unknown-step',
  'runs/failed',
] as const;

/** A rule id: one of RULE_IDS. */
export type RuleId = (typeof RULE_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

/** True when `id` is a rule id (config files and suppression comments name rules as text). */
export function isRuleId(id: string): id is RuleId {
  return KNOWN.has(id);
}
