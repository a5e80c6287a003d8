/**
 * The problems of a run file for the editor, with quick fixes: a choice that is no longer offered is
 * replaced by the option it most likely meant (did-you-mean over the labels and steps offered there),
 * a start or end step the scenario no longer has by the nearest step (the nearest end for `end:`).
 */
import { didYouMean } from '../checks/didyoumean';
import { quoteScalar } from '../edits/quote';
import type { Fix, Problem, Range } from '../model/types';
import type { Project } from '../model/project';
import { replayRuns, runProblems } from '../runs/replay';
import type { RunFailure, RunFile, RunOutcome } from '../runs/model';
import type { ScenarioDocument } from '../syntax/parse';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** The text a failure most likely meant, when one is near enough. */
function meant(doc: ScenarioDocument, outcome: RunOutcome, f: RunFailure): string | undefined {
  const { run, view } = outcome;
  if (f.ruleId === 'runs/unknown-choice' && view.diverged && view.waiting.kind === 'choice') {
    const choice = run.choices[view.diverged.index];
    if (!choice || !('choose' in choice.input)) return undefined;
    const options = view.waiting.options;
    return didYouMean(choice.text, [...options.map((o) => o.label), ...options.map((o) => o.next)]);
  }
  if (f.ruleId === 'runs/unknown-step' && f.what === 'start' && run.start?.step)
    return didYouMean(run.start.step.value, doc.stepsById.keys());
  if (f.ruleId === 'runs/unknown-step' && f.what === 'end' && run.expect.end) {
    const ends = doc.steps.filter((s) => s.data?.kind === 'end').map((s) => s.id);
    return didYouMean(run.expect.end.value, ends);
  }
  return undefined;
}

/**
 * The problems of a run file against its scenario (the file's own, then each run's differences, as
 * `callflow test` words them), with a quick fix on each did-you-mean. Pass the outcomes of
 * `replayRuns` when you have them, to replay only once.
 */
export function runFileProblems(
  file: RunFile,
  doc: ScenarioDocument,
  project: Project,
  outcomes: readonly RunOutcome[] = replayRuns(doc, project, file),
): Problem[] {
  const problems = runProblems(file, outcomes, project.config.rules);
  for (const outcome of outcomes)
    for (const f of outcome.failures) {
      const near = meant(doc, outcome, f);
      if (near === undefined) continue;
      const problem = problems.find((p) => p.ruleId === f.ruleId && sameRange(p.range, f.range));
      if (!problem) continue;
      const fix: Fix = {
        title: `Change to ${near.length > 60 ? near.slice(0, 57) + '…' : near}`,
        edits: [{ range: f.range, newText: quoteScalar(near) }],
        preferred: true,
      };
      problem.fixes = [...(problem.fixes ?? []), fix];
    }
  return problems;
}
