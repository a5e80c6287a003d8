/**
 * Completion in a run file (`*.runs.yaml`): at a choice, the options of the step the run is at there
 * (the choices above it replayed from the run's start), by label and by the step each leads to; after
 * `end:` the scenario's end steps; after `step:` or `start:` its steps; after `result:` and a target the
 * values the format allows. Reads the line the cursor is on and the lines above it, so a half-typed
 * `- ` line gets proposals before it parses as a choice.
 */
import type { CompletionItem } from '../api';
import type { Position } from '../model/types';
import type { Project } from '../model/project';
import { rehearse } from '../run/rehearse';
import { quoteScalar } from '../edits/quote';
import { RUN_RESULTS, TARGET_KEYS, TARGET_STATUSES, type RecordedRun, type RunFile } from '../runs/model';
import type { ScenarioDocument } from '../syntax/parse';
import { LineIndex } from '../syntax/text';
import type { RunInput } from '../../shared/rehearsal';

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;

/** The key of the block the line at `line` (indented `indent`) belongs to: the nearest less-indented key. */
function parentKey(lines: LineIndex, line: number, indent: number): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const text = lines.lineText(l);
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    if (indentOf(text) >= indent) continue;
    return /^\s*(?:-\s+)?([\w-]+):\s*(#.*)?$/.exec(text)?.[1];
  }
  return undefined;
}

/** The run the line belongs to: the last run that starts at or before it. */
function runAt(file: RunFile, line: number): RecordedRun | undefined {
  let found: RecordedRun | undefined;
  for (const run of file.runs) if (run.range.start.line <= line) found = run;
  return found;
}

/** The half-typed value before the cursor on its line (after `key: ` or `- `), and where it starts. */
function typed(before: string): { word: string; start: number } {
  const m = /(?:^\s*-\s+|:\s+)(["']?)([^"']*)$/.exec(before);
  if (!m) return { word: '', start: before.length };
  return { word: m[2], start: before.length - m[2].length - m[1].length };
}

/** Proposals for the value after `key:` in a run file. */
function valueItems(key: string, scenario: ScenarioDocument): CompletionItem[] {
  const stepIds = (endsOnly: boolean) =>
    scenario.steps
      .filter((s) => !endsOnly || s.data?.kind === 'end')
      .map((s): CompletionItem => ({ label: s.id, kind: 'step', detail: s.data?.kind }));
  const words = (values: readonly string[], detail: string) =>
    values.map((v): CompletionItem => ({ label: v, kind: 'value', detail }));
  switch (key) {
    case 'end':
      return stepIds(true);
    case 'step':
    case 'start':
      return stepIds(false);
    case 'result':
      return words(RUN_RESULTS, 'the debrief’s result');
    default:
      return (TARGET_KEYS as readonly string[]).includes(key)
        ? words(TARGET_STATUSES, `the ${key} target`)
        : [];
  }
}

/** The options at choice `index` of `run`, when the choices before it still fit. */
function choiceItems(
  run: RecordedRun,
  index: number,
  scenario: ScenarioDocument,
  project: Project,
): CompletionItem[] {
  const inputs: RunInput[] = run.choices.slice(0, index).map((c) => c.input);
  const start = run.start ? { step: run.start.step?.value, state: run.start.state } : undefined;
  const view = rehearse(scenario, project, { start, inputs });
  if (view.used < inputs.length || view.waiting.kind !== 'choice') return [];
  const { step, options, timeout } = view.waiting;
  const items: CompletionItem[] = [];
  options.forEach((o, i) => {
    const score = o.score !== undefined ? ` · score ${o.score}` : '';
    const critical = o.critical ? ' · critical' : '';
    items.push({
      label: o.label,
      kind: 'value',
      detail: `→ ${o.next}${score}${critical}`,
      documentation: `Option ${i + 1} at \`${step}\`.`,
      insertText: quoteScalar(o.label),
      sortText: `0${String(i).padStart(3, '0')}`,
    });
    items.push({
      label: o.next,
      kind: 'step',
      detail: `the step “${o.label}” leads to`,
      documentation: `Names option ${i + 1} at \`${step}\` by the step it leads to: the run still fits when the label is reworded.`,
      sortText: `1${String(i).padStart(3, '0')}`,
    });
  });
  if (timeout)
    items.push({
      label: '{timeout: true}',
      kind: 'keyword',
      detail: `nobody acts: after ${timeout.seconds} s → ${timeout.next}`,
      sortText: '2',
    });
  return items;
}

/** Completion proposals at `position` in a run file for its scenario. */
export function completeRunFile(
  file: RunFile,
  text: string,
  position: Position,
  scenario: ScenarioDocument,
  project: Project,
): CompletionItem[] {
  const lines = new LineIndex(text);
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const { start } = typed(before);
  // After an opening quote the editor filters on the quote too (the proposals' filter text starts with
  // it), and the closing quote the editor typed with it is replaced as well.
  const quote = /^["']/.exec(before.slice(start))?.[0] ?? '';
  const closing = quote && lineText.slice(position.character).startsWith(quote) ? 1 : 0;
  const end = { line: position.line, character: position.character + closing };
  const replace = { start: { line: position.line, character: start }, end };
  const withRange = (items: CompletionItem[]) =>
    items.map((i) => ({ ...i, range: replace, ...(quote ? { filterText: quote + i.label } : {}) }));
  const keyed = /^\s*(?:-\s+)?([\w-]+):\s*\S*$/.exec(before);
  const inChoices =
    /^\s*-(\s|$)/.test(before) && parentKey(lines, position.line, indentOf(lineText)) === 'choices';
  if (!inChoices) return keyed ? withRange(valueItems(keyed[1], scenario)) : [];
  const run = runAt(file, position.line);
  if (!run) return [];
  const index = run.choices.filter((c) => c.range.start.line < position.line).length;
  const items = withRange(choiceItems(run, index, scenario, project));
  // Right after `-`, the proposal brings its own space.
  if (!/-$/.test(before)) return items;
  return items.map((i) => ({ ...i, insertText: ' ' + (i.insertText ?? i.label) }));
}
