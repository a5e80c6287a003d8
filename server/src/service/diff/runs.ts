/**
 * Recorded runs (`*.runs.yaml`) across a change: each run is replayed on both versions through the
 * rehearsal engine (runs/replay.ts); a run that passed before and fails after is one the change broke,
 * one that failed before and passes after is one it fixed.
 */
import { buildFlow } from '../model/flow';
import type { Project } from '../model/project';
import type { ScenarioDocument } from '../syntax/parse';
import type { RunFile } from '../runs/model';
import { replayRun } from '../runs/replay';
import type { DiffRun } from './types';

/** The runs the change broke and fixed. */
export function runsAcross(
  before: ScenarioDocument,
  after: ScenarioDocument,
  project: Project,
  file: RunFile,
): { runsNowFailing: DiffRun[]; runsNowPassing: DiffRun[] } {
  const [oldFlow, newFlow] = [buildFlow(before), buildFlow(after)];
  const runsNowFailing: DiffRun[] = [];
  const runsNowPassing: DiffRun[] = [];
  for (const run of file.runs) {
    const was = replayRun(before, project, run, oldFlow);
    const is = replayRun(after, project, run, newFlow);
    if (was.passed && !is.passed)
      runsNowFailing.push({
        name: run.name,
        line: run.nameRange.start.line + 1,
        message: is.failures[0]?.message ?? 'fails',
      });
    else if (!was.passed && is.passed)
      runsNowPassing.push({ name: run.name, line: run.nameRange.start.line + 1, message: 'passes' });
  }
  return { runsNowFailing, runsNowPassing };
}
