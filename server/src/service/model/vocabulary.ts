/**
 * Scenario format v1: the TypeScript view of `schemas/scenario.schema.json`.
 *
 * The JSON Schema is the published contract (hover, completion and the README's format reference come
 * from it); these types mirror it for the rules, which read the parsed document through them. The fixed
 * vocabularies live here once and the schema test checks that the schema lists exactly the same values.
 */

/** What a handler step asks or confirms (`asks:`). Rules reason over these, never over free text. */
export const ASKS = [
  'location',
  'callback-number',
  'safe-to-talk',
  'name',
  'what-happened',
  'weapons',
  'injuries',
  'breathing',
  'conscious',
  'children-present',
  'suspect-description',
  'suspect-location',
  'direction-of-travel',
  'vehicle-description',
  'description',
  'clothing',
  'last-seen',
  'hazards',
  'medical-history',
  'substances',
  'intentions',
  'caller-safety',
  'relationship',
  'age',
  'access',
  'previous-incidents',
] as const;
export type Ask = (typeof ASKS)[number];

/** `asks:` values that may come before the location (silent-call and safe-to-talk checks). */
export const LOCATION_EXEMPT_ASKS: readonly Ask[] = ['safe-to-talk', 'caller-safety'];

/** Facts a step reveals (`facts:`). */
export const FACTS = [
  'weapon',
  'knife',
  'firearm',
  'threat-to-life',
  'threat',
  'violence-in-progress',
  'serious-injury',
  'injury',
  'not-breathing',
  'unconscious',
  'overdose',
  'self-harm',
  'road-blocked',
  'entrapment',
  'fire',
  'missing-child',
  'child-present',
  'suspect-on-premises',
  'suspect-left',
  'intoxication',
  'collapse-indicators',
  'domestic-abuse-marker',
  'repeat-caller',
  'no-injuries',
  'road-clear',
  'caller-safe',
  'can-talk',
  'hazard',
  'smoke-inhalation',
  'at-height',
  'in-water',
  'suicidal-intent',
  'breach-of-order',
  'gas-leak',
  'arson-suspected',
] as const;
export type Fact = (typeof FACTS)[number];

/** Facts that put the call at the top grade unless a `justification:` says why not. */
export const DANGER_FACTS: readonly Fact[] = [
  'weapon',
  'knife',
  'firearm',
  'threat-to-life',
  'violence-in-progress',
  'serious-injury',
  'road-blocked',
  'missing-child',
  'not-breathing',
  // Someone says they mean to end their life, or is in the water: a life is at risk now.
  'suicidal-intent',
  'in-water',
];

/**
 * Facts that put a life at risk: grading at once is right, before any history check (the vulnerability
 * rule does not ask for one first when one of these is revealed).
 */
export const LIFE_RISK_FACTS: readonly string[] = [
  ...DANGER_FACTS,
  'unconscious',
  'overdose',
  'self-harm',
  'entrapment',
  'fire',
  'smoke-inhalation',
  'at-height',
  'in-water',
  'suicidal-intent',
  'gas-leak',
];

/** What an action step does (`action:`). */
export const ACTIONS = [
  'grade',
  'dispatch',
  'transfer',
  'conference',
  'callback',
  'history-check',
  'safeguarding-referral',
  'advice',
  'record',
  'silent-solution',
  'close',
  'location-trace',
  'first-aid',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who an action reaches (`to:`). */
export const AGENCIES = [
  'police',
  'ambulance',
  'fire',
  'other-force',
  'coastguard',
  'mental-health',
  'social-care',
  'other',
] as const;
export type Agency = (typeof AGENCIES)[number];

/** Caller vulnerability flags (`caller.vulnerability:`). */
export const VULNERABILITIES = [
  'child',
  'elderly',
  'mental-health',
  'disability',
  'language-barrier',
  'repeat-caller',
  'domestic-abuse',
  'intoxicated',
  'hearing-impaired',
] as const;

/** Who speaks a caller line when it is not the caller in person (`speaker:` on a caller step). */
export const SPEAKERS = ['caller', 'relay-assistant', 'interpreter', 'bystander', 'other'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** How a caller line comes across (`event:` on a caller step). */
export const CALLER_EVENTS = [
  'speech',
  'silence',
  'disconnect',
  'press-55',
  'background-noise',
  'keypress',
] as const;
export type CallerEvent = (typeof CALLER_EVENTS)[number];

/** The six step kinds, selected by `kind:`. */
export const STEP_KINDS = ['caller', 'handler', 'action', 'choice', 'timer', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** End results (`outcome.result:` on an end step). */
export const RESULTS = ['pass', 'acceptable', 'fail', 'critical-failure'] as const;
export type Result = (typeof RESULTS)[number];

/** THRIVE factors as they are written under `expected.thrive`. */
export const THRIVE_KEYS = [
  'threat',
  'harm',
  'risk',
  'investigation',
  'vulnerability',
  'engagement',
] as const;

/** The pattern every step id matches (also in the schema's `propertyNames`). */
export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A step timeout: what happens when nothing happens for `seconds`. */
export interface Timeout {
  seconds: number;
  next: string;
}

/** One option at a choice point. */
export interface Choice {
  label: string;
  next: string;
  score?: number;
  critical?: string;
  /** What the trainee is told in the debrief about this option. */
  feedback?: string;
  facts?: Fact[];
}

/** A step, whatever its kind (the kind-specific fields are optional here; the schema enforces them). */
export interface Step {
  kind: StepKind;
  say?: string;
  /** Who speaks a caller line (a relay assistant, an interpreter…); the caller when absent. */
  speaker?: Speaker;
  notes?: string;
  seconds?: number;
  next?: string;
  timeout?: Timeout;
  facts?: Fact[];
  quote?: string;
  event?: CallerEvent;
  asks?: Ask[];
  yesNo?: boolean;
  action?: Action;
  to?: Agency;
  grade?: string;
  rationale?: string;
  justification?: string;
  category?: string;
  qualifiers?: string[];
  ambulance?: string;
  determinant?: string;
  handover?: Handover;
  prompt?: string;
  choices?: Choice[];
  outcome?: Outcome;
}

/** What a transfer or conference passes on. */
export interface Handover {
  location?: string;
  nature?: string;
  grade?: string;
  hazards?: string;
  threats?: string;
}

/** The expected outcome of the call (top level `expected:` or per end step `outcome:`). */
export interface Outcome {
  result?: Result;
  grade?: string | string[];
  category?: string;
  qualifiers?: string[];
  ambulance?: string;
  determinant?: string;
  thrive?: Partial<Record<(typeof THRIVE_KEYS)[number], string>>;
  actions?: string[];
  targets?: Record<string, number>;
  justification?: string;
}

/** The person at risk when it is not the caller (top level `subject:`). */
export interface Subject {
  who: string;
  name?: string;
  age?: number;
  relationship?: string;
  vulnerability?: (typeof VULNERABILITIES)[number][];
}

/** Who reviewed and approved a scenario, and what it follows (top level `review:`). */
export interface Review {
  reviewedBy?: string[];
  /** YYYY-MM-DD. */
  approvedOn?: string;
  policy?: string[];
  notes?: string;
}
