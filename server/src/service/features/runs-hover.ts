/**
 * Hover in a run file: on a choice, the option it picks at the step the run is at there (where it
 * leads, its score, a critical marker); on a run's name, how the run ends today. One replay each.
 */
import type { HoverResult } from '../api';
import type { Position, Range } from '../model/types';
import type { Project } from '../model/project';
import { rehearse } from '../run/rehearse';
import type { RecordedRun, RunFile } from '../runs/model';
import type { ScenarioDocument } from '../syntax/parse';
import type { RunView } from '../../shared/rehearsal';

const inside = (r: Range, p: Position) =>
  (r.start.line < p.line || (r.start.line === p.line && r.start.character <= p.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

const clock = (s: number) =>
  `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

function play(run: RecordedRun, choices: number, doc: ScenarioDocument, project: Project): RunView {
  const start = run.start ? { step: run.start.step?.value, state: run.start.state } : undefined;
  return rehearse(doc, project, { start, inputs: run.choices.slice(0, choices).map((c) => c.input) });
}

/** How a run ends today, in one line of markdown. */
function ending(view: RunView): string {
  const d = view.debrief;
  if (view.diverged) return `Stops at choice ${view.diverged.index + 1}: ${view.diverged.reason}`;
  if (!d) return `Does not reach an end: it waits at \`${view.waiting.step ?? '?'}\`.`;
  return `Ends at \`${d.end}\` at ${clock(d.seconds)}: **${d.result}**, score ${d.score}${d.best !== null ? ` of ${d.best}` : ''}.`;
}

/** Hover text at `position` in a run file, or undefined. */
export function hoverRunFile(
  file: RunFile,
  position: Position,
  doc: ScenarioDocument,
  project: Project,
): HoverResult | undefined {
  for (const run of file.runs) {
    if (!inside(run.range, position)) continue;
    if (inside(run.nameRange, position))
      return { markdown: ending(play(run, run.choices.length, doc, project)), range: run.nameRange };
    const i = run.choices.findIndex((c) => inside(c.range, position));
    if (i < 0) return undefined;
    const view = play(run, i, doc, project);
    const w = view.waiting;
    if (view.used < i || w.kind !== 'choice') return undefined;
    const after = play(run, i + 1, doc, project);
    const made = after.transcript.find((e) => e.choice?.input === i)?.choice;
    if (!made || after.used <= i)
      return { markdown: `Not offered at \`${w.step}\`.`, range: run.choices[i].range };
    const score = made.score !== undefined ? ` · score ${made.score}` : '';
    const critical = made.critical ? ` · **critical**: ${made.critical}` : '';
    const what = made.timeout ? 'The timeout' : `Option ${made.index + 1}, “${made.label}”,`;
    return {
      markdown: `${what} at \`${w.step}\` → \`${made.next}\`${score}${critical}`,
      range: run.choices[i].range,
    };
  }
  return undefined;
}
