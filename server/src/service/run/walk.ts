/**
 * The walk: plays a scenario from a start step, replaying the inputs at each decision point, until it
 * waits for the next input, reaches an end, or cannot go on (a missing step, a step without `next:`, a
 * loop that no choice or end can break). Never throws; bounded by `MAX_ENTRIES`.
 */
import type { FlowModel } from '../model/flow';
import { STEP_KINDS } from '../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../syntax/parse';
import type { RunRequest, TranscriptEntry } from '../../shared/rehearsal';
import { Reach, decisionAt, pick, type Decision } from './options';
import {
  enterStep,
  initialState,
  reveal,
  textOf,
  textsOf,
  type IncidentAtStart,
  type WalkState,
} from './state';

/** The most steps one run plays before it stops (a guard; loops without a choice stop much earlier). */
export const MAX_ENTRIES = 20_000;

/** Where a walk stopped. */
export type Stop =
  | { kind: 'choice'; step: string; decision: Decision }
  | { kind: 'end'; step: StepInfo }
  | { kind: 'stopped'; step?: string; reason: string };

/** A played run, before the debrief. */
export interface Walked {
  /** The step the run started at, when it exists. */
  start?: string;
  walk: WalkState;
  transcript: TranscriptEntry[];
  stop: Stop;
  used: number;
  diverged?: { index: number; reason: string };
}

/** The step id a run starts at: the requested step, else the scenario's `start:`. */
export function startOf(doc: ScenarioDocument, request: RunRequest): string | undefined {
  if (request.start?.step !== undefined) return request.start.step;
  return textOf((doc.value as { start?: unknown } | undefined)?.start);
}

/** The category and qualifiers already on the incident when the call arrives. */
function incidentOf(doc: ScenarioDocument): IncidentAtStart {
  const incident = (doc.value as { incident?: { category?: unknown; qualifiers?: unknown } } | undefined)
    ?.incident;
  return { category: textOf(incident?.category), qualifiers: textsOf(incident?.qualifiers) };
}

/** Plays the scenario with the request's start and inputs. */
export function walk(doc: ScenarioDocument, flow: FlowModel, request: RunRequest): Walked {
  const ws = initialState(request.start?.state, incidentOf(doc));
  const transcript: TranscriptEntry[] = [];
  const inputs = request.inputs;
  const first = startOf(doc, request);
  const out = (stop: Stop, used: number, diverged?: Walked['diverged']): Walked => {
    if (!diverged && used < inputs.length && stop.kind !== 'choice') {
      const where = stop.kind === 'end' ? `ended at \`${stop.step.id}\`` : 'stopped';
      diverged = { index: used, reason: `The run ${where} before this input.` };
    }
    const start = first !== undefined && doc.stepsById.has(first) ? first : undefined;
    return { start, walk: ws, transcript, stop, used, ...(diverged ? { diverged } : {}) };
  };
  if (first === undefined)
    return out({ kind: 'stopped', reason: 'The scenario has no `start:` step to begin from.' }, 0);
  if (!doc.stepsById.has(first))
    return out({ kind: 'stopped', reason: `There is no step \`${first}\` to start from.` }, 0);

  let current = first;
  let from: string | undefined;
  let clock = ws.state.seconds;
  let used = 0;
  let sinceDecision: string[] = [];
  const reach = new Reach(flow);
  for (;;) {
    const blocked = cannotPlay(doc, current, from, transcript.length, sinceDecision);
    if (blocked) return out(blocked, used);
    sinceDecision.push(current);
    const step = doc.stepsById.get(current)!;
    const data = step.data!;
    const entry = enterStep(ws, step, data, clock);
    transcript.push(entry);
    if (data.kind === 'end') {
      ws.state.seconds = clock + entry.seconds;
      return out({ kind: 'end', step }, used);
    }
    const decision = decisionAt(doc, reach, data);
    let next: string | undefined;
    if (!decision) next = textOf(data.next);
    else {
      ws.state.seconds = clock;
      if (!decision.options.length && !decision.timeout) {
        const reason = `\`${current}\` offers no options (no \`choices:\` with a \`next:\`), so the call cannot go on.`;
        return out({ kind: 'stopped', step: current, reason }, used);
      }
      if (used >= inputs.length) return out({ kind: 'choice', step: current, decision }, used);
      const picked = pick(decision, inputs[used], current);
      if ('error' in picked)
        return out({ kind: 'choice', step: current, decision }, used, { index: used, reason: picked.error });
      next = choose(ws, entry, picked, used);
      used++;
      sinceDecision = [];
    }
    clock += entry.seconds;
    ws.state.seconds = clock;
    if (next === undefined || next === '') {
      const reason = decision
        ? `The option taken at \`${current}\` has no \`next:\` step.`
        : `\`${current}\` has no \`next:\` step, so the call cannot go on.`;
      return out({ kind: 'stopped', step: current, reason }, used);
    }
    from = current;
    current = next;
  }
}

/** Why the walk cannot play step `current`, if it cannot: missing, not a step, a loop, or the limit. */
function cannotPlay(
  doc: ScenarioDocument,
  current: string,
  from: string | undefined,
  played: number,
  sinceDecision: string[],
): Stop | undefined {
  const step = doc.stepsById.get(current);
  if (!step)
    return {
      kind: 'stopped',
      step: from,
      reason: `\`${from}\` leads to \`${current}\`, which does not exist.`,
    };
  if (played >= MAX_ENTRIES)
    return {
      kind: 'stopped',
      step: current,
      reason: `Stopped after ${MAX_ENTRIES} steps without reaching an end.`,
    };
  const loopAt = sinceDecision.indexOf(current);
  if (loopAt >= 0) {
    const cycle = [...sinceDecision.slice(loopAt), current].map((s) => `\`${s}\``).join(' → ');
    const reason = `The steps ${cycle} repeat forever: no choice, timeout or end breaks the loop.`;
    return { kind: 'stopped', step: current, reason };
  }
  const data = step.data;
  if (data && (STEP_KINDS as readonly unknown[]).includes(data.kind)) return undefined;
  const reason = data
    ? `\`${current}\` has no valid \`kind:\`.`
    : `\`${current}\` is not a step (a mapping of properties).`;
  return { kind: 'stopped', step: current, reason };
}

/** Records the option (or timeout) picked at a decision in the state and the entry; returns the next step. */
function choose(
  ws: WalkState,
  entry: TranscriptEntry,
  picked: Exclude<ReturnType<typeof pick>, { error: string }>,
  input: number,
): string {
  if ('timeout' in picked) {
    const { seconds, next } = picked.timeout;
    entry.seconds = seconds;
    entry.choice = { input, index: -1, label: `Nobody acts for ${seconds} s`, next, timeout: true };
    return next;
  }
  const o = picked.option;
  entry.choice = { input, index: o.index, label: o.label, next: o.next };
  if (o.score !== undefined) {
    entry.choice.score = o.score;
    ws.state.score += o.score;
  }
  if (o.feedback !== undefined) entry.choice.feedback = o.feedback;
  if (o.critical !== undefined) {
    entry.choice.critical = o.critical;
    ws.state.critical.push({ step: entry.step, reason: o.critical, at: entry.at + entry.seconds });
  }
  const facts = reveal(ws, o.facts);
  if (facts.length) entry.facts = [...(entry.facts ?? []), ...facts];
  return o.next;
}
