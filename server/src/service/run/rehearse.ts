/**
 * Rehearsal: plays a scenario as the trainee would and returns the whole run as plain data (transcript,
 * state, what it waits for, the debrief at an end). Stateless and deterministic: a run is the document,
 * the start and the list of inputs, replayed from the start on every call, so a client follows edits by
 * asking again with the same inputs and reads `diverged` for the first input that no longer fits.
 */
import { buildFlow, type FlowModel } from '../model/flow';
import type { Project } from '../model/project';
import type { ScenarioDocument } from '../syntax/parse';
import { REHEARSAL_VERSION, type RunRequest, type RunView, type Waiting } from '../../shared/rehearsal';
import { bestFrom } from './best';
import { buildDebrief, codeChecks, expectedAt } from './debrief';
import { routeObligations } from './obligations';
import { targetStatus, targetsOf } from './targets';
import { textOf } from './state';
import { walk, type Walked } from './walk';

/** Plays `doc` from the request's start with its inputs. Never throws on a scenario with problems. */
export function rehearse(
  doc: ScenarioDocument,
  project: Project,
  request: RunRequest,
  flow: FlowModel = buildFlow(doc),
): RunView {
  const walked = walk(doc, flow, request);
  const startIndex = walked.start === undefined ? undefined : doc.stepsById.get(walked.start)?.index;
  const bestRest = bestFrom(flow, startIndex);
  const best = bestRest === null ? null : bestRest + (request.start?.state?.score ?? 0);
  const { stop, transcript } = walked;
  const state = walked.walk.state;
  const end = stop.kind === 'end' ? stop.step : undefined;
  const expected = expectedAt(doc, end);
  state.targets = targetStatus(walked.walk, targetsOf(expected), end !== undefined);
  const view: RunView = {
    version: REHEARSAL_VERSION,
    scenario: scenarioOf(doc),
    transcript,
    state,
    waiting: { kind: 'stopped', reason: 'Not played.' },
    used: walked.used,
    best,
  };
  if (walked.start !== undefined) view.start = walked.start;
  if (walked.diverged) view.diverged = walked.diverged;
  if (end) {
    const debrief = buildDebrief({
      doc,
      end,
      state,
      transcript,
      expected,
      targets: state.targets,
      codes: codeChecks(state, expected, project.catalogue),
      obligations: routeObligations({
        doc,
        catalogue: project.catalogue,
        transcript,
        state,
        startFacts: request.start?.state?.facts ?? [],
        startAsked: request.start?.state?.asked ?? [],
        expected,
      }),
      best,
    });
    view.debrief = debrief;
    view.waiting = { kind: 'end', step: end.id, debrief };
  } else view.waiting = waitingOf(walked);
  return view;
}

function waitingOf(walked: Walked): Waiting {
  const stop = walked.stop;
  if (stop.kind === 'stopped')
    return stop.step === undefined
      ? { kind: 'stopped', reason: stop.reason }
      : { kind: 'stopped', step: stop.step, reason: stop.reason };
  if (stop.kind === 'end') return { kind: 'stopped', step: stop.step.id, reason: 'Ended.' };
  const { decision } = stop;
  const options = decision.options.map(({ label, next, score, critical, risk, feedback }) => ({
    label,
    next,
    ...(score !== undefined ? { score } : {}),
    ...(critical !== undefined ? { critical } : {}),
    ...(risk !== undefined ? { risk } : {}),
    ...(feedback !== undefined ? { feedback } : {}),
  }));
  const waiting: Waiting = { kind: 'choice', step: stop.step, options };
  if (decision.prompt !== undefined) waiting.prompt = decision.prompt;
  if (decision.timeout) waiting.timeout = decision.timeout;
  return waiting;
}

function scenarioOf(doc: ScenarioDocument): RunView['scenario'] {
  const v = doc.value as { id?: unknown; title?: unknown } | undefined;
  const id = textOf(v?.id);
  const title = textOf(v?.title);
  return { ...(id !== undefined ? { id } : {}), ...(title !== undefined ? { title } : {}) };
}
