/** Small helpers shared by rules: step data access, and quick fixes built with the edit builder. */
import type { Step } from '../../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../../syntax/parse';
import { offsetsOf } from '../../syntax/parse';
import { valueNode, type Node } from '../../syntax/nodes';
import type { Fix, TextEdit } from '../../model/types';
import { insertProperties, replaceOffsets, type NewProperty } from '../../edits/builder';
import { quoteScalar } from '../../edits/quote';
import { code } from '../../syntax/text';

/** The step's kind, when it is one of the six. */
export function kindOf(step: StepInfo): Step['kind'] | undefined {
  const k = step.data?.kind;
  return typeof k === 'string' ? (k as Step['kind']) : undefined;
}

/** An edit appending a new step (`id:` and its properties) at the end of the `steps:` mapping. */
export function appendStepEdit(
  doc: ScenarioDocument,
  id: string,
  properties: NewProperty[],
): TextEdit | undefined {
  return insertProperties(doc, valueNode(doc.root, 'steps'), [[id, { entries: properties }]]);
}

/**
 * A fix writing `value` in place of a scalar (a node, or the offsets of one): in the scalar's quotes,
 * and quoted when YAML would otherwise read it as something else (a code `304` stays text).
 */
export function valueFix(
  doc: ScenarioDocument,
  target: Node | { offsets: readonly [number, number] },
  value: string,
  title = `Change to ${code(value)}`,
  preferred = true,
): Fix {
  const node = 'offsets' in target ? undefined : target;
  const offsets = 'offsets' in target ? target.offsets : offsetsOf(target);
  return { title, edits: [replaceOffsets(doc, offsets, quoteScalar(value, node))], preferred };
}

/**
 * A fix adding properties to a mapping (block or flow), after the pair of `after` (or after the last
 * pair). Undefined when `map` is not a mapping with pairs to place them after.
 */
export function addPropertiesFix(
  doc: ScenarioDocument,
  map: unknown,
  properties: NewProperty[],
  title: string,
  options: { after?: string; preferred?: boolean } = {},
): Fix | undefined {
  const edit = insertProperties(doc, map, properties, options.after);
  return edit && { title, edits: [edit], preferred: options.preferred ?? false };
}

/**
 * A fix writing `newText` as is in place of a node (or offsets): for text that is already YAML (a
 * number, a quoted string). For a text value, valueFix applies the quoting policy.
 */
export function replaceFix(
  doc: ScenarioDocument,
  target: Node | { offsets: readonly [number, number] },
  newText: string,
  title: string,
  preferred = true,
): Fix {
  const offsets = 'offsets' in target ? target.offsets : offsetsOf(target);
  return { title, edits: [replaceOffsets(doc, offsets, newText)], preferred };
}
