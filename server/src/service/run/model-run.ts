/**
 * The model route as a recorded run (docs/runs.md): played by the run engine, with today's results as its
 * expectations, ready to paste into the scenario's `*.runs.yaml` so `callflow test` keeps it passing.
 */
import type { Project } from '../model/project';
import type { ScenarioDocument } from '../syntax/parse';
import type { RouteReport } from '../../shared/routes';
import { recordedRun, runItemLines } from '../features/record-run';
import { rehearse } from './rehearse';

/** The name the model route's run is given. */
export const MODEL_RUN_NAME = 'model answer';

/**
 * The report with its model route's recorded run (`model.run`, and as YAML under a run file's `runs:` in
 * `model.runText`), when the engine plays it to an end.
 */
export function withModelRun(doc: ScenarioDocument, project: Project, report: RouteReport): RouteReport {
  const model = report.model;
  if (!model) return report;
  const view = rehearse(doc, project, { inputs: model.inputs });
  const run = recordedRun({ name: MODEL_RUN_NAME, inputs: model.inputs, view });
  if (!run) return report;
  return { ...report, model: { ...model, run, runText: runItemLines(run, 2).join('\n') + '\n' } };
}
