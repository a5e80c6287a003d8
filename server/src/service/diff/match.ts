/**
 * Which step of the old version is which step of the new one. Same id: the same step. Among the steps
 * left over on both sides, a new step of the same kind whose content (everything but where it leads)
 * is close to an old step's is that step renamed — not a removal and an addition. Closeness is the Dice
 * coefficient of the words of the two steps' values (what they say and do, not their keys), nudged by
 * shared neighbours; pairs are taken best first. A step replaced by a different one at the same place is
 * a removal and an addition.
 */
import type { FlowModel } from '../model/flow';

/** The content of a step without its targets, as a stable string (keys sorted, so key order is no change). */
export function fingerprint(data: unknown): string {
  return stable(withoutTargets(data));
}

function withoutTargets(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (k === 'next') continue;
    if (k === 'timeout' && v && typeof v === 'object') out[k] = { ...(v as object), next: undefined };
    else if (k === 'choices' && Array.isArray(v))
      out[k] = v.map((c: unknown) =>
        c && typeof c === 'object' ? { ...(c as object), next: undefined } : c,
      );
    else out[k] = v;
  }
  return out;
}

/** JSON with object keys sorted and undefined values left out. */
export function stable(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  keys.sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The words of a step's values (not its keys, its kind or its targets): what it says and does. */
function words(data: unknown): Map<string, number> {
  const bag = new Map<string, number>();
  const visit = (v: unknown, key?: string): void => {
    if (key === 'kind' || key === 'next') return;
    if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (v !== null && v !== undefined)
      for (const w of String(v)
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [])
        bag.set(w, (bag.get(w) ?? 0) + 1);
  };
  visit(data);
  return bag;
}

/** The Dice coefficient of two bags of words (1: the same words). */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [w, n] of a) {
    shared += Math.min(n, b.get(w) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 1 : (2 * shared) / total;
}

/** How close two steps must be to count as one step renamed. */
export const RENAME_THRESHOLD = 0.6;

/** Above this many candidate pairs only identical content counts as a rename (keeps huge diffs fast). */
const MAX_PAIRS = 250_000;

/** The step matching: old index → new index (-1: removed) and new index → old index (-1: added). */
export interface StepMatch {
  oldToNew: Int32Array;
  newToOld: Int32Array;
  /** Old id → new id of the renamed steps. */
  renames: Map<string, string>;
}

/** Matches the steps of two flows by id, then the rest by content. */
export function matchSteps(oldFlow: FlowModel, newFlow: FlowModel): StepMatch {
  const oldToNew = new Int32Array(oldFlow.steps.length).fill(-1);
  const newToOld = new Int32Array(newFlow.steps.length).fill(-1);
  const newIndex = new Map(newFlow.steps.map((s) => [s.id, s.index]));
  for (const s of oldFlow.steps) {
    const j = newIndex.get(s.id);
    if (j !== undefined && newToOld[j] < 0) [oldToNew[s.index], newToOld[j]] = [j, s.index];
  }
  const renames = new Map<string, string>();
  const olds = oldFlow.steps.filter((s) => oldToNew[s.index] < 0);
  const news = newFlow.steps.filter((s) => newToOld[s.index] < 0);
  if (!olds.length || !news.length) return { oldToNew, newToOld, renames };
  const exactOnly = olds.length * news.length > MAX_PAIRS;
  const oldPrints = olds.map((s) => fingerprint(s.data));
  const newPrints = news.map((s) => fingerprint(s.data));
  const oldBags = exactOnly ? [] : olds.map((st) => words(st.data));
  const newBags = exactOnly ? [] : news.map((st) => words(st.data));
  const pairs: [number, number, number][] = [];
  olds.forEach((o, a) => {
    news.forEach((n, b) => {
      if (o.data?.kind !== n.data?.kind) return;
      if (oldPrints[a] === newPrints[b])
        pairs.push([2 + neighbours(oldFlow, newFlow, o.index, n.index, oldToNew), a, b]);
      else if (!exactOnly) {
        const score =
          0.85 * dice(oldBags[a], newBags[b]) +
          0.15 * neighbours(oldFlow, newFlow, o.index, n.index, oldToNew);
        if (score >= RENAME_THRESHOLD) pairs.push([score, a, b]);
      }
    });
  });
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  for (const [, a, b] of pairs) {
    const i = olds[a].index;
    const j = news[b].index;
    if (oldToNew[i] >= 0 || newToOld[j] >= 0) continue;
    [oldToNew[i], newToOld[j]] = [j, i];
    renames.set(olds[a].id, news[b].id);
  }
  return { oldToNew, newToOld, renames };
}

/** The share of a step's neighbours (targets and sources, by id match) the two versions have in common. */
function neighbours(
  oldFlow: FlowModel,
  newFlow: FlowModel,
  i: number,
  j: number,
  oldToNew: Int32Array,
): number {
  const mapped = (idx: number) => (idx >= 0 ? oldToNew[idx] : -1);
  const oldOut = oldFlow.out[i].map((e) => mapped(oldFlow.edges[e].to)).filter((v) => v >= 0);
  const oldIn = oldFlow.in[i].map((e) => mapped(oldFlow.edges[e].from)).filter((v) => v >= 0);
  const newOut = new Set(newFlow.out[j].map((e) => newFlow.edges[e].to));
  const newIn = new Set(newFlow.in[j].map((e) => newFlow.edges[e].from));
  const total = oldOut.length + oldIn.length;
  if (total === 0) return 0;
  return (oldOut.filter((v) => newOut.has(v)).length + oldIn.filter((v) => newIn.has(v)).length) / total;
}
