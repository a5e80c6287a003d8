/**
 * "Save this run as a test": a run played in the rehearsal panel written as a recorded run (docs/runs.md)
 * with today's results as its expectations, and the edit that adds it to the scenario's run file: the
 * whole file when there is none yet, else the run appended after the file's last run, in the file's
 * indentation and line endings, leaving every other line (comments included) as it is.
 */
import { Document, isMap, isSeq } from 'yaml';
import { lineEnding } from '../edits/builder';
import type { TextEdit } from '../model/types';
import { NONE, RUNS_FORMAT_VERSION, type RunFile } from '../runs/model';
import { LineIndex } from '../syntax/text';
import type { RunInput, RunStart, RunView } from '../../shared/rehearsal';

/** What is recorded: the run's name, where it started, its inputs and the run the engine played. */
export interface RunToRecord {
  name: string;
  start?: RunStart;
  inputs: RunInput[];
  view: RunView;
}

/** The edit that records a run, or why it cannot. */
export type RecordEdit = { edits: TextEdit[]; created: boolean } | { error: string };

/** The run as plain data in the run-file format (undefined when the run has not reached an end). */
export function recordedRun(run: RunToRecord): Record<string, unknown> | undefined {
  const { view } = run;
  const debrief = view.debrief;
  if (!debrief || view.waiting.kind !== 'end') return undefined;
  const choices = view.transcript
    .flatMap((e) => (e.choice ? [e.choice] : []))
    .sort((a, b) => a.input - b.input)
    .map((c): unknown => (c.timeout ? { timeout: true } : c.label));
  const out: Record<string, unknown> = { name: run.name };
  const start = run.start;
  if (start?.state && Object.keys(start.state).length)
    out.start = { ...(start.step ? { step: start.step } : {}), state: start.state };
  else if (start?.step) out.start = start.step;
  out.choices = choices;
  const codes = (field: string) => debrief.codes.find((c) => c.field === field)?.given;
  const expect: Record<string, unknown> = { end: debrief.end, result: debrief.result, score: debrief.score };
  expect.grade = view.state.grade?.value ?? NONE;
  const category = view.state.category?.value ?? codes('category');
  if (category) expect.category = category;
  expect.ambulance = view.state.ambulance?.value ?? NONE;
  if (debrief.targets.length)
    expect.targets = Object.fromEntries(debrief.targets.map((t) => [t.key, t.status]));
  expect.critical = debrief.critical[0]?.reason ?? NONE;
  out.expect = expect;
  return out;
}

/** YAML text of the run: its choices one a line, the targets and the state's lists on one line. */
function yamlText(run: Record<string, unknown>): string {
  const doc = new Document([run]);
  const flow = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true;
  };
  flow(doc.getIn([0, 'expect', 'targets'], true));
  const state = doc.getIn([0, 'start', 'state'], true);
  if (isMap(state)) for (const pair of state.items) flow(pair.value);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The run item's lines, the list's dash at `indent` spaces. */
export function runItemLines(run: Record<string, unknown>, indent: number): string[] {
  const lines = yamlText(run).replace(/\n$/, '').split('\n');
  return lines.map((l) => ' '.repeat(indent) + l);
}

/** A new run file for a scenario, with its first run. */
export function newRunFileText(run: Record<string, unknown>, scenarioFileName: string, eol = '\n'): string {
  return [
    `# Recorded runs of ${scenarioFileName}: replayed by \`callflow test\` (see docs/runs.md).`,
    `callflow-runs: ${RUNS_FORMAT_VERSION}`,
    'runs:',
    ...runItemLines(run, 2),
    '',
  ].join(eol);
}

/**
 * The edit that adds `run` to a run file: `text` and `file` are the file as it is (undefined when it does
 * not exist yet). Refuses a name already used and a file whose `runs:` list cannot be found.
 */
export function recordRunEdit(
  run: Record<string, unknown>,
  scenarioFileName: string,
  existing?: { text: string; file: RunFile },
): RecordEdit {
  if (!existing || existing.text.trim() === '') {
    const eol = existing ? lineEnding(existing.text) : '\n';
    const newText = newRunFileText(run, scenarioFileName, eol);
    const lines = new LineIndex(existing?.text ?? '');
    const end = lines.position((existing?.text ?? '').length);
    return { edits: [{ range: { start: { line: 0, character: 0 }, end }, newText }], created: !existing };
  }
  const { text, file } = existing;
  if (file.runs.some((r) => r.name === run.name))
    return { error: `A run named "${String(run.name)}" is already in the file.` };
  const eol = lineEnding(text);
  const lines = new LineIndex(text);
  const last = file.runs[file.runs.length - 1];
  if (last) {
    const dashLine = lines.lineText(last.range.start.line);
    const indent = Math.max(0, dashLine.indexOf('-'));
    const end = last.range.end;
    // After the last run's last line: a blank line, then the new run.
    const endLine = end.character === 0 ? end.line - 1 : end.line;
    const at = { line: endLine, character: lines.lineText(endLine).length };
    return {
      edits: [{ range: { start: at, end: at }, newText: eol + eol + runItemLines(run, indent).join(eol) }],
      created: false,
    };
  }
  const runsKey = /^runs:[ \t]*(\[\s*\])?[ \t]*(#.*)?$/m.exec(text);
  if (!runsKey) return { error: 'The run file has no `runs:` list to add the run to.' };
  const start = lines.position(runsKey.index);
  const lineEnd = { line: start.line, character: lines.lineText(start.line).length };
  return {
    edits: [{ range: { start, end: lineEnd }, newText: 'runs:' + eol + runItemLines(run, 2).join(eol) }],
    created: false,
  };
}
