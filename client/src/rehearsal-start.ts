/**
 * "Rehearse from Here" with what the trainee would already know and have done: the state of a run that
 * reached the step (the clock, facts, questions asked, grade and codes given, resources dispatched,
 * score). The route is found by playing: at each choice, the best-scoring option that can still lead to
 * the step (the preview's path-to-here over the flow graph), or the timeout when only it does. Plain data
 * in and out; the runs come from the caller (the language server).
 */
import type { FlowGraph } from '../../server/src/shared/graph';
import { pathToHere } from '../../server/src/shared/flow-paths';
import type {
  RunInput,
  RunStart,
  RunView,
  StartState,
  TranscriptEntry,
} from '../../server/src/shared/rehearsal';

/** Most choices played to find the route (loops in a scenario stop here). */
const MAX_CHOICES = 200;

const unique = (xs: string[]) => [...new Set(xs)];

/** The state after `entries` (the steps played before the step to start at), at clock `seconds`. */
export function stateAfter(entries: TranscriptEntry[], seconds: number): StartState {
  const state: StartState = {
    seconds,
    facts: unique(entries.flatMap((e) => e.facts ?? [])),
    asked: unique(entries.flatMap((e) => e.asks ?? [])),
    qualifiers: unique(entries.flatMap((e) => e.action?.qualifiers ?? [])),
    dispatched: unique(
      entries.flatMap((e) => (e.action?.action === 'dispatch' && e.action.to ? [e.action.to] : [])),
    ),
    score: entries.reduce((sum, e) => sum + (e.choice?.score ?? 0), 0),
  };
  for (const e of entries) {
    if (e.action?.grade) state.grade = e.action.grade;
    if (e.action?.category) state.category = e.action.category;
    if (e.action?.ambulance) state.ambulance = e.action.ambulance;
  }
  return state;
}

/**
 * Where to start for "Rehearse from Here" at `step`: the step with the state of a run that reached it,
 * or the step alone when it is the start, cannot be reached, or the runs cannot be played.
 */
export async function startFromHere(
  step: string,
  graph: FlowGraph,
  play: (inputs: RunInput[]) => Promise<RunView | null | undefined>,
): Promise<RunStart> {
  const alone: RunStart = { step };
  const path = pathToHere(graph, step);
  if (step === graph.start || path.edges.size === 0) return alone;
  const inputs: RunInput[] = [];
  for (let i = 0; i <= MAX_CHOICES; i++) {
    const view = await play(inputs);
    if (!view) return alone;
    const at = view.transcript.findIndex((e) => e.step === step);
    if (at >= 0) return { step, state: stateAfter(view.transcript.slice(0, at), view.transcript[at].at) };
    const w = view.waiting;
    if (w.kind !== 'choice') return alone;
    const toward = w.options
      .filter((o) => path.nodes.has(o.next))
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    if (toward.length) inputs.push({ choose: toward[0].label });
    else if (w.timeout && path.nodes.has(w.timeout.next)) inputs.push({ timeout: true });
    else return alone;
  }
  return alone;
}
