/**
 * The best route from a step, as the inputs that play it: at each decision the option (or timeout) with
 * the highest score plus best score on from there, the first written on a tie. Used to check that a
 * scenario's model answer passes, and by `callflow play --best` and `npm start`.
 */
import { buildFlow, type FlowEdge, type FlowModel } from '../model/flow';
import type { ScenarioDocument } from '../syntax/parse';
import { startOf } from './walk';
import type { RunInput, RunStart } from '../../shared/rehearsal';
import { edgeScore, isForward, scoresAndRanks } from './best';
import { CONTINUE } from './options';

/** The inputs of the best route from `from` (a step index); empty when no good end can be reached. */
export function bestRoute(flow: FlowModel, from: number): RunInput[] {
  if (from < 0 || from >= flow.steps.length) return [];
  const { best, rank } = scoresAndRanks(flow, from);
  if (best[from] === -Infinity) return [];
  const inputs: RunInput[] = [];
  let v = from;
  for (let guard = 0; guard < flow.steps.length; guard++) {
    const data = flow.steps[v].data;
    if (!data || data.kind === 'end') break;
    let pick: number | undefined;
    let pickValue = -Infinity;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (!isForward(e, v, rank)) continue;
      const value = edgeScore(e) + best[e.to];
      if (value > pickValue) [pick, pickValue] = [ei, value];
    }
    if (pick === undefined) break;
    const e = flow.edges[pick];
    const input = inputFor(flow, e);
    if (input) inputs.push(input);
    v = e.to;
  }
  return inputs;
}

/** The input that takes transition `e` in a run: an option, `Continue` or the timeout; none where the step moves on by itself. */
export function inputFor(flow: FlowModel, e: FlowEdge): RunInput | undefined {
  const data = flow.steps[e.from].data;
  const decides = data?.kind === 'choice' || (data?.timeout !== undefined && data?.timeout !== null);
  if (e.kind === 'timeout') return { timeout: true };
  if (e.kind === 'choice') return { choose: e.label ?? e.target };
  return decides ? { choose: CONTINUE } : undefined;
}

/** The inputs of the best route from a run's start (the requested step, else `start:`). */
export function bestRouteOf(
  doc: ScenarioDocument,
  start?: RunStart,
  flow: FlowModel = buildFlow(doc),
): RunInput[] {
  const id = startOf(doc, { start, inputs: [] });
  const step = id === undefined ? undefined : doc.stepsById.get(id);
  return step ? bestRoute(flow, step.index) : [];
}
