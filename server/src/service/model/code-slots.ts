/**
 * Where codes are written: which keys hold which catalogue family. Used by the code rules, completion
 * and hover, so all three agree on what a value means.
 */
import {
  isMap,
  isScalar,
  isSeq,
  keyText,
  pairOf,
  pairValue,
  seqItems,
  valueNode,
  type Node,
  type Scalar,
} from '../syntax/nodes';
import type { ScenarioDocument } from '../syntax/parse';

/** Keys whose values are catalogue codes, and their family. `determinant` is checked against the pattern. */
export const CODE_KEYS: Readonly<Record<string, string>> = {
  grade: 'grade',
  category: 'category',
  qualifiers: 'qualifier',
  ambulance: 'ambulance',
  determinant: 'determinant',
};

/** The mappings in which those keys hold codes: `expected`, `incident`, each step, its `outcome` and `handover`. */
export function codeContainers(doc: ScenarioDocument): Node[] {
  const out: Node[] = [];
  if (!doc.root) return out;
  for (const k of ['expected', 'incident']) {
    const n = valueNode(doc.root, k);
    if (isMap(n)) out.push(n);
  }
  for (const step of doc.steps) stepContainers(step.node, out);
  return out;
}

/** One code as written. */
export interface CodeSlot {
  family: string;
  key: string;
  value: string;
  node: Scalar;
}

/** The mappings of one step that hold codes: the step itself, its `outcome` and its `handover`. */
function stepContainers(step: Node | null | undefined, out: Node[]): void {
  if (!isMap(step)) return;
  out.push(step);
  for (const k of ['outcome', 'handover']) {
    const n = valueNode(step, k);
    if (isMap(n)) out.push(n);
  }
}

/**
 * Every code value in the document with the family its key expects, in source order. Of a key written
 * twice, only the last counts (the one the data holds).
 */
export function codeSlots(doc: ScenarioDocument): CodeSlot[] {
  return slotsIn(codeContainers(doc));
}

/**
 * The code values of some steps only (their values' nodes), as `codeSlots` gives them for those steps:
 * what the code rules check again after an edit inside a step.
 */
export function stepCodeSlots(steps: readonly Node[]): CodeSlot[] {
  const containers: Node[] = [];
  for (const step of steps) stepContainers(step, containers);
  return slotsIn(containers);
}

function slotsIn(containers: readonly Node[]): CodeSlot[] {
  const slots: CodeSlot[] = [];
  for (const container of containers) {
    if (!isMap(container)) continue;
    for (const pair of container.items) {
      const key = keyText(pair);
      if (key === undefined || !Object.hasOwn(CODE_KEYS, key) || pairOf(container, key) !== pair) continue;
      const family = CODE_KEYS[key];
      const v = pairValue(pair);
      const values = isSeq(v) ? seqItems(v) : [v];
      for (const item of values) {
        if (
          isScalar(item) &&
          item.value !== null &&
          item.value !== undefined &&
          typeof item.value !== 'object'
        )
          // As written: `9E1` is read as the number 90 and `010` as 10, but the trainer wrote a code.
          slots.push({
            family,
            key,
            value: typeof item.value === 'string' ? item.value : (item.source ?? String(item.value)),
            node: item,
          });
      }
    }
  }
  return slots;
}
