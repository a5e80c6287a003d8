/**
 * What the rooms above the parser keep with a parsed document: one cache per document version, one
 * place that decides what survives an edit. The parsed document itself is never changed by a check.
 *
 * A room declares a slot (`new Slot<T>(name, carry?)`) and reads and writes its value through the
 * document's cache (`doc.analysis`). Nothing else keeps per-document results: no WeakMap keyed by a
 * document or a flow model, no field added to the document.
 *
 * When an edit is re-parsed locally (see incremental.ts), the next version's cache holds only what each
 * slot's `carry` hands on; a full parse starts empty. That is the one place of invalidation: a slot
 * without `carry` is computed again for the next version.
 *
 * The slots today:
 * - `last check` (checks/reuse.ts): the last check's problems, carried through edits that keep every
 *   step's id, with each edited step's fingerprint, so that a check after edits to free text no rule
 *   reads moves the problems instead of finding them again.
 * - `flow model` (model/flow.ts): the steps and transitions, carried through the same edits with the
 *   indices of the edited steps, so the next version's model reads only those steps again.
 * - `code slots` (checks/rules/engine.ts): every code value with the family its key expects.
 * - `steps that reach a good end`, `grade states` (checks/rules/domain/common.ts, grades.ts): values
 *   derived from the flow model and shared by several domain rules (the grade states for one catalogue:
 *   computed again for another).
 * - `step targets` (features/complete.ts): the step ids something leads to, for ranking completions.
 *
 * Memory: a slot's value lives as long as its document version, which the caller (the editor's document
 * store, the CLI's loop) drops when it moves on; values must not reach outside the document (a test
 * asserts a checked document is collected once its caller lets it go).
 */
import type { Node } from 'yaml';

/** A local re-parse of one step, as the caches see it (offsets in the text before the edit). */
export interface LocalEdit {
  /** The text before the edit. */
  readonly prevText: string;
  /** [start, end, inserted length] of the edit in the text before it. */
  readonly edit: readonly [number, number, number];
  /** The edited step's index, its key's offsets and its value before the edit (undefined: a new step). */
  readonly stepIndex: number | undefined;
  readonly keyOffsets: readonly [number, number];
  readonly value: Node | null;
  /** The edit changed the step's id. */
  readonly renamed: boolean;
}

/** A named place in a document's cache, with what it keeps across a local edit (nothing by default). */
export class Slot<T> {
  constructor(
    readonly name: string,
    /** The value for the next version after `edit`, or undefined to drop it. Runs before the old nodes are replaced. */
    readonly carry?: (value: T, edit: LocalEdit) => T | undefined,
  ) {}
}

/** One document version's analysis cache. */
export class AnalysisCache {
  private readonly values = new Map<Slot<unknown>, unknown>();

  get<T>(slot: Slot<T>): T | undefined {
    return this.values.get(slot as Slot<unknown>) as T | undefined;
  }

  set<T>(slot: Slot<T>, value: T): T {
    this.values.set(slot as Slot<unknown>, value);
    return value;
  }

  delete(slot: Slot<unknown>): void {
    this.values.delete(slot);
  }

  /** The names of the slots that hold a value (for logs and tests). */
  names(): string[] {
    return [...this.values.keys()].map((slot) => slot.name);
  }

  /** The value of a slot, computed and kept on first use. */
  getOrCompute<T>(slot: Slot<T>, compute: () => T): T {
    const known = this.values.get(slot as Slot<unknown>);
    if (known !== undefined || this.values.has(slot as Slot<unknown>)) return known as T;
    return this.set(slot, compute());
  }

  /** The cache of the next version after a local edit: what each slot carries. */
  carried(edit: LocalEdit): AnalysisCache {
    const next = new AnalysisCache();
    for (const [slot, value] of this.values) {
      const kept = slot.carry?.(value, edit);
      if (kept !== undefined) next.values.set(slot, kept);
    }
    return next;
  }
}
