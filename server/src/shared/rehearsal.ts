/**
 * Rehearsal: the plain data of a run, shared by the run engine (core), the language server
 * (`callflow/rehearse`), the CLI (`callflow play`), the panel host and its webview.
 *
 * A run is stateless and deterministic: (scenario version, start, list of inputs). The engine replays the
 * inputs from the start every time, so a client follows edits by asking again with the same inputs; the
 * view then says where (if anywhere) the old inputs no longer fit (`diverged`).
 *
 * Types and tiny pure validators only: no runtime dependencies (the webview imports this file).
 */

/** The version of the run data (also printed by `callflow play --format json`). */
export const REHEARSAL_VERSION = 1;

/** Limits on what a request may carry (validated on receipt). */
export const RUN_LIMITS = {
  /** Inputs in one request. */
  inputs: 10_000,
  /** Characters of any one string (labels, step ids, facts). */
  text: 2_000,
  /** Items of any list in a starting state. */
  list: 500,
} as const;

/** A state to start from ("rehearse from here"): what is already known and done when the run starts. */
export interface StartState {
  /** Facts already revealed (`facts:` values). */
  facts?: string[];
  /** What has already been asked (`asks:` values). */
  asked?: string[];
  /** A grade already given. */
  grade?: string;
  /** An incident category already recorded. */
  category?: string;
  /** Qualifiers already recorded. */
  qualifiers?: string[];
  /** An ambulance category already given. */
  ambulance?: string;
  /** Seconds already elapsed since the call was answered. */
  seconds?: number;
  /** Agencies already dispatched (`to:` values, e.g. `police`). */
  dispatched?: string[];
  /** Score already earned. */
  score?: number;
}

/** Where a run starts: the scenario's `start` (no step) or any step, with an optional starting state. */
export interface RunStart {
  step?: string;
  state?: StartState;
}

/**
 * One input of a run.
 * - `{ choose }` picks an option at a choice point by its label (exact, then case-insensitive), or by
 *   the id of the step it leads to as a fallback; at a step that only waits (a `timeout:` on a non-choice
 *   step) the one option is labelled `Continue`.
 * - `{ timeout: true }`: nobody acted, the step's `timeout:` fires.
 */
export type RunInput = { choose: string } | { timeout: true };

/** What the engine needs besides the document: where to start and the inputs so far. */
export interface RunRequest {
  start?: RunStart;
  inputs: RunInput[];
}

/** Parameters of `callflow/rehearse`. */
export interface RunParams extends RunRequest {
  /** The document uri, as the client knows it. */
  uri: string;
}

/** Who speaks or acts in a transcript entry. */
export type Speaker = 'caller' | 'handler' | 'system' | 'trainee';

/** Something given during the call (a grade, a category…), with when and where. */
export interface Given {
  value: string;
  /** Clock in seconds when it was given (the end of the step that gave it). */
  at: number;
  /** The step that gave it (absent when it came from the starting state). */
  step?: string;
}

/** An agency reached by an action (dispatch, conference, transfer…). */
export interface Reached {
  /** The `to:` value (`police`, `ambulance`…), or `unspecified`. */
  to: string;
  at: number;
  step?: string;
}

/** An action taken during the run. */
export interface ActionDone {
  action: string;
  to?: string;
  at: number;
  step: string;
}

/** A choice made at a choice point (or the timeout taken there). */
export interface ChoiceMade {
  /** The index of the input that made it. */
  input: number;
  /** The option's index at its step (-1 for a timeout, 0 for `Continue`). */
  index: number;
  label: string;
  next: string;
  score?: number;
  critical?: string;
  /** True when the step's `timeout:` fired. */
  timeout?: boolean;
  /** The option's `feedback:` for the debrief (hidden in the trainee view until then). */
  feedback?: string;
}

/** What an action step did, as written. */
export interface ActionDetails {
  action: string;
  to?: string;
  grade?: string;
  category?: string;
  qualifiers?: string[];
  ambulance?: string;
  determinant?: string;
  rationale?: string;
  justification?: string;
  handover?: { location?: string; nature?: string; grade?: string; hazards?: string; threats?: string };
}

/** One line of the transcript: a step played, with the clock when it started. */
export interface TranscriptEntry {
  step: string;
  /** The step's `kind:` (`caller`, `handler`, `action`, `choice`, `timer`, `end`; `unknown` if unreadable). */
  kind: string;
  who: Speaker;
  /** `say:` (or a choice's `prompt:`). */
  text?: string;
  /** Who speaks a caller line when it is not the caller in person (`speaker:`: `interpreter`, `relay-assistant`…). */
  speaker?: string;
  /** A caller's `event:` cue (`background-noise`, `silence`, `disconnect`…). */
  event?: string;
  /** A verbatim threat (`quote:`). */
  quote?: string;
  /** Clock in seconds when the step started. */
  at: number;
  /** Seconds the step took (its `seconds:`, or the timeout's when a timeout fired). */
  seconds: number;
  /** Facts this step (or the choice made) revealed for the first time. */
  facts?: string[];
  /** What a handler step asked (`asks:`). */
  asks?: string[];
  action?: ActionDetails;
  /** The choice made here (choice points and steps with a `timeout:`). */
  choice?: ChoiceMade;
  /** The trainer's notes on this step (hidden in the trainee view until the debrief). */
  notes?: string;
  /** The end's outcome result, for an end step. */
  result?: string;
}

/** A time target from `expected.targets` (or an end's `outcome.targets`) and how the run fares. */
export interface TargetStatus {
  /** `location`, `grade` or `dispatch`. */
  key: string;
  /** The deadline, in seconds from answer. */
  target: number;
  /** `met` (done by the deadline), `missed` (done late, or the clock passed it), `open` (still possible). */
  status: 'met' | 'missed' | 'open';
  /** When it was done. */
  at?: number;
  /** Seconds late (positive) or early (negative) when done; seconds over when missed and not done. */
  by?: number;
}

/** A critical failure on the route: a `critical:` option chosen, or a `critical-failure` end reached. */
export interface CriticalFailure {
  step: string;
  reason: string;
  at: number;
}

/** The state a trainer sees at any moment of a run. */
export interface RunState {
  /** The scripted clock, in seconds since the call was answered. */
  seconds: number;
  facts: string[];
  asked: string[];
  /** The current grade (the last one given), and every grade given in order. */
  grade?: Given;
  grades: Given[];
  category?: Given;
  qualifiers: string[];
  ambulance?: Given;
  determinant?: Given;
  dispatched: Reached[];
  conferenced: Reached[];
  transferred: Reached[];
  actions: ActionDone[];
  score: number;
  critical: CriticalFailure[];
  targets: TargetStatus[];
}

/** An option offered at a choice point. */
export interface RunOption {
  label: string;
  next: string;
  score?: number;
  critical?: string;
  /** Why the option is risky, for the trainer view (e.g. every way on ends in failure). */
  risk?: string;
  /** The option's `feedback:` for the debrief (trainer view). */
  feedback?: string;
}

/** What the run is waiting for. */
export type Waiting =
  | {
      kind: 'choice';
      step: string;
      prompt?: string;
      options: RunOption[];
      /** The step's `timeout:`: what happens when nobody acts. */
      timeout?: { seconds: number; next: string };
    }
  | { kind: 'end'; step: string; debrief: Debrief }
  | { kind: 'stopped'; step?: string; reason: string };

/**
 * A code given against the code(s) expected. `ok` is undefined when nothing is expected. For the grade,
 * `given` is the first grade given that is expected (a later downgrade on new facts is judged by the
 * downgrade obligation), else the grade in force at the end. The incident's own category and
 * qualifiers (`incident:`) count as recorded from the start.
 */
export interface CodeCheck {
  field: 'grade' | 'category' | 'qualifiers' | 'ambulance' | 'determinant';
  given?: string;
  at?: number;
  expected: string[];
  ok?: boolean;
}

/** A required action (`expected.actions`) and whether the route took it. */
export interface ActionCheck {
  action: string;
  done: boolean;
  at?: number;
}

/** A domain obligation the checks know, met or missed on this route. */
export interface ObligationCheck {
  /**
   * The rule id that checks it in the editor (e.g. `domain/location-first`), or a `debrief/…` id for a
   * check only the debrief makes (`debrief/weapon-question`).
   */
  rule: string;
  /** A short title ("Location asked first"). */
  title: string;
  met: boolean;
  /** What happened on this route, in one sentence (step ids in backticks). */
  detail: string;
  step?: string;
  /** Why it matters (the rule's explanation), when it was missed. */
  why?: string;
}

/** The debrief at an end. */
export interface Debrief {
  /** Pass / acceptable / fail / critical failure (a critical failure on the route overrides the end's result). */
  result: 'pass' | 'acceptable' | 'fail' | 'critical-failure';
  /** The result the end step declares (its `outcome.result`, else `expected.result`), if any. */
  declared?: string;
  end: string;
  /** Clock at the end. */
  seconds: number;
  score: number;
  /** The best score reachable from the run's start (null when it cannot be computed). */
  best: number | null;
  targets: TargetStatus[];
  codes: CodeCheck[];
  actions: ActionCheck[];
  obligations: ObligationCheck[];
  critical: CriticalFailure[];
  /** The trainer's notes on the steps played, in order. */
  notes: { step: string; text: string }[];
  /** The `feedback:` of each option chosen, in order (always given by the engine). */
  feedback?: { step: string; label: string; text: string }[];
  /** The scenario's `incident.truth`. */
  truth?: string;
}

/** Everything a client shows of a run. */
export interface RunView {
  version: typeof REHEARSAL_VERSION;
  scenario: { id?: string; title?: string };
  /** The step the run started at. */
  start?: string;
  transcript: TranscriptEntry[];
  state: RunState;
  waiting: Waiting;
  /** How many inputs were used (the rest were not needed, or did not fit: see `diverged`). */
  used: number;
  /** The first input that no longer fits the scenario, and why. */
  diverged?: { index: number; reason: string };
  /** The best score reachable from the start (null when it cannot be computed). */
  best: number | null;
  /** The debrief, when the run reached an end. */
  debrief?: Debrief;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= RUN_LIMITS.text;

const isTextList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= RUN_LIMITS.list && v.every(isText);

const isSeconds = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e9;

/** True for a well-formed run input. */
export function isRunInput(v: unknown): v is RunInput {
  if (!isObject(v)) return false;
  if ('choose' in v) return isText(v.choose) && !('timeout' in v);
  return v.timeout === true && !('choose' in v);
}

/** True for a well-formed starting state (every field optional, each of the right type). */
export function isStartState(v: unknown): v is StartState {
  if (!isObject(v)) return false;
  const lists = ['facts', 'asked', 'qualifiers', 'dispatched'] as const;
  const texts = ['grade', 'category', 'ambulance'] as const;
  if (lists.some((k) => v[k] !== undefined && !isTextList(v[k]))) return false;
  if (texts.some((k) => v[k] !== undefined && !isText(v[k]))) return false;
  if (v.seconds !== undefined && !isSeconds(v.seconds)) return false;
  return v.score === undefined || (typeof v.score === 'number' && Number.isFinite(v.score));
}

/** True for a well-formed start. */
export function isRunStart(v: unknown): v is RunStart {
  if (!isObject(v)) return false;
  if (v.step !== undefined && !isText(v.step)) return false;
  return v.state === undefined || isStartState(v.state);
}

/** True for a well-formed engine request (start and inputs). */
export function isRunRequest(v: unknown): v is RunRequest {
  if (!isObject(v)) return false;
  if (v.start !== undefined && !isRunStart(v.start)) return false;
  return Array.isArray(v.inputs) && v.inputs.length <= RUN_LIMITS.inputs && v.inputs.every(isRunInput);
}

/** True for well-formed `callflow/rehearse` parameters. */
export function isRunParams(v: unknown): v is RunParams {
  return isObject(v) && typeof v.uri === 'string' && v.uri.length > 0 && isRunRequest(v);
}
