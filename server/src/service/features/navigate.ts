/**
 * Step-id navigation: go to definition, find references, highlights and rename. A step id occurs as its
 * key under `steps:`, as `start:` and as every `next:` (a step's, a choice's and a timeout's); all are
 * read from the flow model, so navigation and the flow rules agree on what refers to what.
 */
import type { PrepareRenameResult, RenameResult } from '../api';
import { buildFlow } from '../model/flow';
import { STEP_ID_PATTERN } from '../model/vocabulary';
import type { ScenarioDocument } from '../syntax/parse';
import { rangeContains } from '../syntax/text';
import type { Position, Range, TextEdit } from '../model/types';

/** One place a step id is written. `range` excludes quotes. */
export interface StepOccurrence {
  id: string;
  range: Range;
  role: 'declaration' | 'start' | 'next';
  /** The quote character around the id, when it is quoted. */
  quote?: string;
}

/** Every step-id occurrence of a document, in source order. */
export function stepOccurrences(doc: ScenarioDocument): StepOccurrence[] {
  const out: StepOccurrence[] = [];
  const add = (id: string, offsets: [number, number], role: StepOccurrence['role']) => {
    let [s, e] = offsets;
    const first = doc.text[s];
    let quote: string | undefined;
    if ((first === '"' || first === "'") && doc.text[e - 1] === first && e - s >= 2) {
      quote = first;
      s++;
      e--;
    }
    out.push({ id, range: doc.lines.range(s, e), role, quote });
  };
  for (const step of doc.steps) add(step.id, step.keyOffsets, 'declaration');
  const flow = buildFlow(doc);
  if (flow.startValue) add(flow.startValue.id, flow.startValue.offsets, 'start');
  for (const e of flow.edges) add(e.target, e.offsets, 'next');
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** The occurrence under the cursor. */
export function occurrenceAt(doc: ScenarioDocument, position: Position): StepOccurrence | undefined {
  return stepOccurrences(doc).find((o) => rangeContains(o.range, position));
}

/** The step's key for the step id under the cursor (undefined when that step does not exist). */
export function definition(doc: ScenarioDocument, position: Position): Range | undefined {
  const at = occurrenceAt(doc, position);
  return at ? doc.stepsById.get(at.id)?.keyRange : undefined;
}

/** Every occurrence of the step id under the cursor. */
export function references(doc: ScenarioDocument, position: Position, includeDeclaration: boolean): Range[] {
  const all = stepOccurrences(doc);
  const at = all.find((o) => rangeContains(o.range, position));
  if (!at) return [];
  return all
    .filter((o) => o.id === at.id && (includeDeclaration || o.role !== 'declaration'))
    .map((o) => o.range);
}

/** Same as references with the declaration: the places to highlight. */
export function highlights(doc: ScenarioDocument, position: Position): Range[] {
  return references(doc, position, true);
}

/** The step id that a rename at the cursor would change. */
export function prepareRename(doc: ScenarioDocument, position: Position): PrepareRenameResult | undefined {
  const at = occurrenceAt(doc, position);
  if (!at) return undefined;
  return { range: at.range, placeholder: at.id };
}

/** Why a new step id cannot be used, or undefined when it can. */
export function checkNewStepId(doc: ScenarioDocument, oldId: string, newName: string): string | undefined {
  if (!STEP_ID_PATTERN.test(newName)) {
    return `\`${newName}\` is not a valid step id: start with a letter, then letters, digits, \`-\` or \`_\` (at most 64 characters).`;
  }
  if (newName !== oldId && doc.stepsById.has(newName)) return `There is already a step \`${newName}\`.`;
  return undefined;
}

/** Renames the step id under the cursor everywhere: its key, `start` and every `next`. */
export function rename(doc: ScenarioDocument, position: Position, newName: string): RenameResult {
  const all = stepOccurrences(doc);
  const at = all.find((o) => rangeContains(o.range, position));
  if (!at)
    return { error: 'Put the cursor on a step id (a step key, `start:` or a `next:` value) to rename it.' };
  const error = checkNewStepId(doc, at.id, newName);
  if (error) return { error };
  const edits: TextEdit[] = all
    .filter((o) => o.id === at.id)
    .map((o) => ({ range: o.range, newText: newName }));
  return { edits };
}
