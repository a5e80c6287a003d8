/**
 * Replaying recorded runs through the rehearsal engine (run/rehearse.ts) and comparing each with what it
 * expects: passed, or failed with every difference (the first is what reports show). A choice that the
 * scenario no longer offers fails at that choice, with did-you-mean over the options there.
 */
import { buildFlow, type FlowModel } from '../model/flow';
import type { Project } from '../model/project';
import type { Problem, RuleLevel } from '../model/types';
import type { ScenarioDocument } from '../syntax/parse';
import { rehearse } from '../run/rehearse';
import { didYouMean } from '../checks/didyoumean';
import { RUNS_RULES } from '../checks/rules/runs-rules';
import type { RunRequest, RunView } from '../../shared/rehearsal';
import { compareEnd, nearest, quoted, whereText } from './compare';
import type { RecordedRun, RunFailure, RunFile, RunOutcome } from './model';

/** The engine request a run makes: its start and choices. */
export function requestOf(run: RecordedRun): RunRequest {
  const request: RunRequest = { inputs: run.choices.map((c) => c.input) };
  if (run.start) {
    const start: NonNullable<RunRequest['start']> = {};
    if (run.start.step) start.step = run.start.step.value;
    if (run.start.state) start.state = run.start.state;
    request.start = start;
  }
  return request;
}

/** Replays one run and compares it with its expectations. Never throws. */
export function replayRun(
  doc: ScenarioDocument,
  project: Project,
  run: RecordedRun,
  flow: FlowModel = buildFlow(doc),
): RunOutcome {
  const request = requestOf(run);
  const view = rehearse(doc, project, request, flow);
  const failures = differences(doc, run, view);
  return { run, passed: failures.length === 0, failures, request, view };
}

/** Replays every run of a file through its scenario. */
export function replayRuns(doc: ScenarioDocument, project: Project, file: RunFile): RunOutcome[] {
  const flow = buildFlow(doc);
  return file.runs.map((run) => replayRun(doc, project, run, flow));
}

function differences(doc: ScenarioDocument, run: RecordedRun, view: RunView): RunFailure[] {
  const startStep = run.start?.step;
  if (startStep && !doc.stepsById.has(startStep.value)) {
    const near = didYouMean(startStep.value, doc.stepsById.keys());
    return [
      {
        ruleId: 'runs/unknown-step',
        what: 'start',
        range: startStep.range,
        expected: startStep.value,
        message: `the run starts at \`${startStep.value}\`, but the scenario has no such step.${near ? ` Did you mean \`${near}\`?` : ''}`,
      },
    ];
  }
  if (view.diverged) return [choiceFailure(run, view, view.diverged)];
  if (!view.debrief) return [notEnded(run, view)];
  return compareEnd(doc, run, view);
}

/** A choice that no longer fits: the engine's reason, with did-you-mean over the options offered. */
function choiceFailure(
  run: RecordedRun,
  view: RunView,
  diverged: NonNullable<RunView['diverged']>,
): RunFailure {
  const choice = run.choices[diverged.index];
  const n = diverged.index + 1;
  const range = choice?.range ?? run.choicesRange;
  const written = choice?.text ?? '';
  if (view.waiting.kind !== 'choice') {
    const ended = view.debrief ? `ended at \`${view.debrief.end}\`` : 'stopped';
    return {
      ruleId: 'runs/unknown-choice',
      what: 'choice',
      range,
      expected: written,
      actual: view.debrief?.end ?? 'stopped',
      message: `choice ${n} ${quoted(written)} is never offered: the run ${ended} ${whereText(view)}, before it.${
        view.waiting.kind === 'stopped' ? ` ${view.waiting.reason}` : ''
      }`,
    };
  }
  const options = view.waiting.options;
  const candidates = [...options.map((o) => o.label), ...options.map((o) => o.next)];
  const near = 'choose' in (choice?.input ?? {}) ? nearest(written, candidates) : undefined;
  const shown =
    near === undefined
      ? ''
      : options.some((o) => o.label === near)
        ? ` Did you mean ${quoted(near)}?`
        : ` Did you mean \`${near}\`?`;
  const offered = options.length ? ` Offered: ${options.map((o) => quoted(o.label)).join(', ')}.` : '';
  const reason =
    'choose' in (choice?.input ?? {})
      ? `\`${view.waiting.step}\` has no option ${quoted(written)}`
      : diverged.reason.replace(/\.$/, '');
  return {
    ruleId: 'runs/unknown-choice',
    what: 'choice',
    range,
    expected: written,
    actual: options.map((o) => o.label).join(' | '),
    message: `choice ${n} does not fit: ${reason} ${whereText(view)}.${shown || offered}`,
  };
}

function notEnded(run: RecordedRun, view: RunView): RunFailure {
  const w = view.waiting;
  const message =
    w.kind === 'choice'
      ? `the run reaches no end: it waits for a choice at \`${w.step}\` ${whereText(view)} (choices: ${run.choices.length}). Add the choices that finish the call.`
      : `the run reaches no end: ${w.kind === 'stopped' ? w.reason : 'it stopped'} (${whereText(view)}).`;
  return {
    ruleId: 'runs/failed',
    what: 'reached',
    range: run.choices.length ? run.choices[run.choices.length - 1].range : run.nameRange,
    expected: run.expect.end?.value ?? 'an end',
    actual: w.kind === 'choice' ? w.step : 'stopped',
    message,
  };
}

const SEVERITY = new Map(RUNS_RULES.map((r) => [r.id, r.severity]));

/**
 * The problems of a run file against its scenario, for the editor: the file's own problems, then each
 * run's differences (an unknown choice or step is an error, an expectation not met a warning, unless
 * the project's `rules:` sets another level or `off`).
 */
export function runProblems(
  file: RunFile,
  outcomes: readonly RunOutcome[],
  levels: Readonly<Record<string, RuleLevel>> = {},
): Problem[] {
  const problems = [...file.problems];
  for (const o of outcomes)
    for (const f of o.failures) {
      const level = levels[f.ruleId] ?? SEVERITY.get(f.ruleId) ?? 'warning';
      if (level === 'off') continue;
      problems.push({
        ruleId: f.ruleId,
        severity: level,
        message: `Run ${quoted(o.run.name)}: ${f.message}`,
        range: f.range,
      });
    }
  return problems;
}
