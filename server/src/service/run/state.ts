/**
 * The state of a run and what each step does to it: the scripted clock, facts revealed, questions asked,
 * codes given (grade, category, qualifiers, ambulance category, determinant), agencies reached and
 * actions taken, the score and the critical failures. Plain data throughout, so a run serialises as is.
 */
import type { Step } from '../model/vocabulary';
import type { StepInfo } from '../syntax/parse';
import type { ActionDetails, Given, RunState, StartState, TranscriptEntry } from '../../shared/rehearsal';

/** The state while walking: the shared run state plus when the location was first asked. */
export interface WalkState {
  state: RunState;
  /** Clock when the location was first asked (a `location` target's milestone). */
  located?: number;
}

/** The seconds a step takes (its `seconds:`, 0 when absent or not a positive number). */
export function secondsOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The strings of a list-valued field (anything else is ignored). */
export function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A string field, when it is one. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What the incident shows when the call arrives (`incident.category`, `incident.qualifiers`). */
export interface IncidentAtStart {
  category?: string;
  qualifiers?: string[];
}

/**
 * The state at the start of a run, from an optional starting state ("rehearse from here"). The category
 * and qualifiers already on the incident count as recorded unless the starting state gives its own.
 */
export function initialState(start: StartState | undefined, incident: IncidentAtStart = {}): WalkState {
  const at = secondsOf(start?.seconds);
  const given = (v: string | undefined): Given | undefined =>
    v === undefined ? undefined : { value: v, at };
  const grade = given(start?.grade);
  const asked = unique(start?.asked ?? []);
  const state: RunState = {
    seconds: at,
    facts: unique(start?.facts ?? []),
    asked,
    grades: grade ? [grade] : [],
    qualifiers: unique(start?.qualifiers ?? incident.qualifiers ?? []),
    dispatched: unique(start?.dispatched ?? []).map((to) => ({ to, at })),
    conferenced: [],
    transferred: [],
    actions: [],
    score: typeof start?.score === 'number' && Number.isFinite(start.score) ? start.score : 0,
    critical: [],
    targets: [],
  };
  if (grade) state.grade = grade;
  const category = given(start?.category ?? incident.category);
  if (category) state.category = category;
  const ambulance = given(start?.ambulance);
  if (ambulance) state.ambulance = ambulance;
  return { state, located: asked.includes('location') ? at : undefined };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Adds facts to the state; returns those that are new. */
export function reveal(walk: WalkState, facts: string[]): string[] {
  const fresh = facts.filter((f, i) => !walk.state.facts.includes(f) && facts.indexOf(f) === i);
  walk.state.facts.push(...fresh);
  return fresh;
}

/** The speaker of a step kind. */
export function speakerOf(kind: string): TranscriptEntry['who'] {
  if (kind === 'caller') return 'caller';
  if (kind === 'handler' || kind === 'action') return 'handler';
  if (kind === 'choice') return 'trainee';
  return 'system';
}

/**
 * Plays a step's own effects (facts, questions, action) into the state and returns its transcript
 * entry. Effects count from the end of the step (`at + seconds`), as the timing checks count them.
 */
export function enterStep(walk: WalkState, step: StepInfo, data: Partial<Step>, at: number): TranscriptEntry {
  const kind = typeof data.kind === 'string' ? data.kind : 'unknown';
  const seconds = secondsOf(data.seconds);
  const done = at + seconds;
  const entry: TranscriptEntry = { step: step.id, kind, who: speakerOf(kind), at, seconds };
  const text = textOf(kind === 'choice' ? (data.prompt ?? data.say) : data.say);
  if (text !== undefined) entry.text = text;
  const speaker = (data as { speaker?: unknown }).speaker;
  if (kind === 'caller' && typeof speaker === 'string') entry.speaker = speaker;
  if (kind === 'caller' && typeof data.event === 'string') entry.event = data.event;
  else if (kind === 'timer' && typeof data.event === 'string') entry.event = data.event;
  const quote = textOf(data.quote);
  if (quote !== undefined) entry.quote = quote;
  const notes = textOf(data.notes);
  if (notes !== undefined) entry.notes = notes;
  const facts = reveal(walk, textsOf(data.facts));
  if (facts.length) entry.facts = facts;
  const asks = textsOf(data.asks);
  if (asks.length) {
    entry.asks = asks;
    for (const a of asks) if (!walk.state.asked.includes(a)) walk.state.asked.push(a);
    if (asks.includes('location') && walk.located === undefined) walk.located = done;
  }
  if (kind === 'action') entry.action = applyAction(walk.state, step.id, data, done);
  if (kind === 'end') {
    const result = textOf((data.outcome as { result?: unknown } | undefined)?.result);
    if (result !== undefined) entry.result = result;
  }
  return entry;
}

/** Applies an action step to the state; returns what it did, as written. */
function applyAction(state: RunState, step: string, data: Partial<Step>, at: number): ActionDetails {
  const action = textOf(data.action) ?? 'unknown';
  const to = textOf(data.to);
  const details: ActionDetails = { action };
  if (to !== undefined) details.to = to;
  state.actions.push(to === undefined ? { action, at, step } : { action, to, at, step });
  const reached = { to: to ?? 'unspecified', at, step };
  if (action === 'dispatch') state.dispatched.push(reached);
  else if (action === 'conference') state.conferenced.push(reached);
  else if (action === 'transfer') state.transferred.push(reached);
  const grade = textOf(data.grade);
  if (grade !== undefined) {
    state.grade = { value: grade, at, step };
    state.grades.push(state.grade);
    details.grade = grade;
  }
  for (const key of ['category', 'ambulance', 'determinant'] as const) {
    const v = textOf(data[key]);
    if (v === undefined) continue;
    state[key] = { value: v, at, step };
    details[key] = v;
  }
  const qualifiers = textsOf(data.qualifiers);
  if (qualifiers.length) {
    details.qualifiers = qualifiers;
    for (const q of qualifiers) if (!state.qualifiers.includes(q)) state.qualifiers.push(q);
  }
  for (const key of ['rationale', 'justification'] as const) {
    const v = textOf(data[key]);
    if (v !== undefined) details[key] = v;
  }
  const h = data.handover;
  if (h && typeof h === 'object' && !Array.isArray(h)) {
    const handover: NonNullable<ActionDetails['handover']> = {};
    for (const key of ['location', 'nature', 'grade', 'hazards', 'threats'] as const) {
      const v = textOf(h[key]);
      if (v !== undefined) handover[key] = v;
    }
    details.handover = handover;
  }
  return details;
}
