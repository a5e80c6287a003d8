/**
 * Keeping the last check's results across edits. Most keystrokes in a scenario change what a caller or
 * handler says, text no flow or domain rule reads. After such an edit (re-parsed locally, see
 * incremental.ts) the document rules would find exactly what they found before, only further up or down
 * the file; so their problems are kept, moved through the edits, and only the edited steps are checked
 * again (schema and value rules). The tests compare this with a fresh check on random edits.
 *
 * What the document rules read of free text is what they declare (`Rule.reads`, see free-text.ts): a
 * step's fingerprint keeps those texts (or whether they are written) and blanks the rest, so an edit to
 * a text some rule reads checks the document again. A test holds every rule to its declaration.
 */
import { isMap, isScalar, keyText, pairValue, seqItems, type Node } from '../syntax/nodes';
import type { Project } from '../model/project';
import { freeTextOf, isWritten, type TextReads } from './free-text';
import { Slot } from '../syntax/analysis';
import type { ScenarioDocument } from '../syntax/parse';
import type { LineIndex } from '../syntax/text';
import type { Problem } from '../model/types';

/** A problem with every position it holds as a text offset, so it can be moved through edits. */
export interface StoredProblem {
  problem: Problem;
  /** range start/end, then each related range's, then each fix edit's. */
  offsets: number[];
}

/**
 * The results of one check, kept with the document. Positions are turned into offsets (with `lines`,
 * the index of the text they were found in) only when a later version reuses them.
 */
export interface CheckMemo {
  project: Project;
  /** Who checked (the memo is only valid for the same validators). */
  owner: object;
  /** With which rules (the memo is only valid for the same ones). */
  rules: object;
  lines: LineIndex;
  stepCount: number;
  /** Problems outside the steps' values (the schema's, the value rules'). */
  top: Problem[];
  /** Problems of the document rules. */
  global: Problem[];
  /** Problems that depend on one step's value alone (schema, value rules), by step index. */
  steps: Map<number, Problem[]>;
  /**
   * How the memo was made: a whole check; moved from an earlier one with the edited steps checked again;
   * or `around`: like `moved`, with the document rules run again on the new flow.
   */
  how: 'whole' | 'moved' | 'around';
}

/**
 * A checked version and what happened to the document since: the edits, and each edited step's
 * fingerprint when the memo was made. No edits: the memo is this version's own.
 */
export interface Lineage {
  memo: CheckMemo;
  /** What the document rules of the check read of free text (the fingerprints keep it). */
  reads: TextReads;
  /** [start, end, inserted length] in the text before each edit, in order. */
  edits: [number, number, number][];
  /** Step index → its fingerprint when the memo was made. */
  changed: Map<number, string>;
}

/**
 * The last check of a document, carried through local edits that keep every step's id: each edit is
 * recorded with the edited step's fingerprint as it was when checked.
 */
export const LAST_CHECK = new Slot<Lineage>('last check', (lineage, edit) => {
  if (edit.renamed || edit.stepIndex === undefined) return undefined;
  if (!lineage.changed.has(edit.stepIndex))
    lineage.changed.set(
      edit.stepIndex,
      stepFingerprint(edit.prevText, edit.keyOffsets[0], edit.keyOffsets[1], edit.value, lineage.reads),
    );
  lineage.edits.push([...edit.edit]);
  return lineage;
});

/** The results of this version's own last check, if it has been checked since its last edit. */
export function checkMemo(doc: ScenarioDocument): CheckMemo | undefined {
  const kept = doc.analysis.get(LAST_CHECK);
  return kept && kept.edits.length === 0 ? kept.memo : undefined;
}

/**
 * A step's source with the free text replaced by what the document rules read of it (`reads`): its
 * words, whether it is written, or nothing. Two versions of a step with the same fingerprint look the
 * same to every document rule, including where things are written relative to each other and how they
 * are indented (fixes insert text at those columns).
 */
export function stepFingerprint(
  text: string,
  keyStart: number,
  keyEnd: number,
  value: Node | null,
  reads: TextReads,
): string {
  const from = keyStart;
  const to = value?.range ? value.range[1] : keyEnd;
  const cuts: [number, number, string][] = [];
  const walk = (node: Node | null, handover: boolean): void => {
    if (isMap(node)) {
      for (const p of node.items) {
        const k = keyText(p);
        const v = pairValue(p) ?? null;
        const free = k === undefined ? undefined : freeTextOf(k, handover);
        if (free && isScalar(v) && v.range && typeof v.value === 'string') {
          const how = reads[free];
          if (how === undefined) {
            cuts.push([v.range[0], v.range[1], '\u0001']);
            continue;
          }
          if (how === 'written') {
            cuts.push([v.range[0], v.range[1], isWritten(v.value) ? '\u0002' : '\u0003']);
            continue;
          }
        }
        walk(v, k === 'handover');
      }
    } else for (const it of seqItems(node)) walk(it, false);
  };
  walk(value, false);
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = from;
  for (const [s, e, mark] of cuts) {
    out += text.slice(at, s) + mark;
    at = e;
  }
  return out + text.slice(at, to);
}

/** Every position of a problem, as offsets. */
export function storeProblem(problem: Problem, lines: LineIndex): StoredProblem {
  const offsets: number[] = [lines.offset(problem.range.start), lines.offset(problem.range.end)];
  for (const r of problem.related ?? []) offsets.push(lines.offset(r.range.start), lines.offset(r.range.end));
  for (const f of problem.fixes ?? [])
    for (const e of f.edits) offsets.push(lines.offset(e.range.start), lines.offset(e.range.end));
  return { problem, offsets };
}

/**
 * The stored problem after the edits, or undefined when one of its positions touches an edit (whether it
 * moves with the inserted text or stays cannot be known without checking again).
 */
export function moveProblem(
  stored: StoredProblem,
  edits: readonly [number, number, number][],
  lines: LineIndex,
): Problem | undefined {
  const offsets = stored.offsets;
  for (const [start, end, inserted] of edits) {
    const delta = inserted - (end - start);
    for (let i = 0; i < offsets.length; i++) {
      const o = offsets[i];
      if (o > end) offsets[i] = o + delta;
      else if (o >= start) return undefined;
    }
  }
  const p = stored.problem;
  let i = 0;
  const range = () => ({ start: lines.position(offsets[i++]), end: lines.position(offsets[i++]) });
  const moved: Problem = { ...p, range: range() };
  if (p.related) moved.related = p.related.map((r) => ({ ...r, range: range() }));
  if (p.fixes)
    moved.fixes = p.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: range() })) }));
  return moved;
}
