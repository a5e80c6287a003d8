/**
 * Reading the transitions written on each step into edges (model/flow.ts builds the model from them),
 * and keeping the edges of the steps an edit did not touch.
 */
import {
  isMap,
  isScalar,
  isSeq,
  keyText,
  pairValue,
  scalarText,
  seqItems,
  valueNode,
  type Node,
} from '../syntax/nodes';
import type { ScenarioDocument } from '../syntax/parse';
import type { Range } from './types';
import type { LineIndex } from '../syntax/text';
import type { EdgeKind, FlowEdge, FlowModel, Graph } from './flow-types';

/**
 * The line index of the newest version of a document, shared by the edges its flow models keep across
 * local edits (see `buildFlow`).
 */
export interface LinesRef {
  lines: LineIndex;
}

/**
 * An edge as written. Its position is read from its target node when asked for (most are never
 * reported): a local edit shifts the nodes after it in place, so an edge kept for the next version of
 * the document is still where its text is.
 */
class Edge implements FlowEdge {
  private rangeLines: LineIndex | undefined;
  private cachedRange: Range | undefined;
  constructor(
    private readonly at: LinesRef,
    private readonly node: Node,
    readonly from: number,
    readonly to: number,
    readonly target: string,
    readonly kind: EdgeKind,
    readonly choice: number | undefined,
    readonly label: string | undefined,
    readonly critical: string | undefined,
    readonly score: number | undefined,
    readonly facts: string[] | undefined,
  ) {}
  get offsets(): [number, number] {
    const r = this.node.range;
    return r ? [r[0], r[1]] : [0, 0];
  }
  get range(): Range {
    const lines = this.at.lines;
    if (this.rangeLines !== lines) {
      const r = this.node.range;
      this.cachedRange = r ? lines.range(r[0], r[1]) : lines.range(0, 0);
      this.rangeLines = lines;
    }
    return this.cachedRange!;
  }
}

/** Receives one transition as written: its target node, kind and (for a choice) the choice's details. */
type EdgeSink = (
  target: Node,
  kind: EdgeKind,
  choice?: number,
  label?: string,
  critical?: string,
  score?: number,
  facts?: string[],
) => void;

/**
 * The transitions written on one step, in order: `next`, each choice's `next`, the timeout's `next`.
 * One pass over each mapping (a flow model is built on every check of files of thousands of steps).
 */
function readEdges(node: Node | null, add: EdgeSink): void {
  if (!isMap(node)) return;
  let next: Node | undefined;
  let choices: Node | undefined;
  let timeout: Node | undefined;
  for (const p of node.items) {
    const k = keyText(p);
    if (k === 'next') next = pairValue(p);
    else if (k === 'choices') choices = pairValue(p);
    else if (k === 'timeout') timeout = pairValue(p);
  }
  if (next) add(next, 'next');
  if (isSeq(choices)) {
    const items = choices.items;
    for (let ci = 0; ci < items.length; ci++) readChoice(items[ci], ci, add);
  }
  const target = valueNode(timeout, 'next');
  if (isMap(timeout) && target) {
    const secs = valueNode(timeout, 'seconds');
    add(target, 'timeout', undefined, isScalar(secs) ? `after ${String(secs.value)} s` : 'timeout');
  }
}

/** A choice's transition with its label, critical note, score and facts. */
function readChoice(item: unknown, choice: number, add: EdgeSink): void {
  if (!isMap(item)) return;
  let target: Node | undefined;
  let label: string | undefined;
  let critical: string | undefined;
  let score: number | undefined;
  let facts: string[] | undefined;
  for (const p of item.items) {
    const k = keyText(p);
    if (k === 'next') target = pairValue(p);
    else if (k === 'label') label = scalarText(p.value);
    else if (k === 'critical') critical = scalarText(p.value);
    else if (k === 'score')
      score = isScalar(p.value) && typeof p.value.value === 'number' ? p.value.value : undefined;
    else if (k === 'facts')
      facts = isSeq(p.value)
        ? seqItems(p.value)
            .map((f) => scalarText(f))
            .filter((f): f is string => !!f)
        : undefined;
  }
  if (target) add(target, 'choice', choice, label, critical, score, facts);
}

/** The transitions written on one step. */
function stepEdges(
  doc: ScenarioDocument,
  at: LinesRef,
  from: number,
  indexOf: (id: string) => number,
): FlowEdge[] {
  const list: FlowEdge[] = [];
  readEdges(doc.steps[from].node, (target, kind, choice, label, critical, score, facts) => {
    if (!isScalar(target) || target.value === null || target.value === undefined) return;
    const id = String(target.value);
    list.push(new Edge(at, target, from, indexOf(id), id, kind, choice, label, critical, score, facts));
  });
  return list;
}

/** Every step's transitions, in step order, with each step's outgoing and incoming edge indices. */
export function allEdges(
  doc: ScenarioDocument,
  at: LinesRef,
  indexOf: (id: string) => number,
  kept?: { model: FlowModel; fresh: Map<number, FlowEdge[]> },
): Graph {
  const n = doc.steps.length;
  const edges: FlowEdge[] = [];
  const out: number[][] = new Array(n);
  const inc: number[][] = new Array(n);
  for (let v = 0; v < n; v++) {
    out[v] = [];
    inc[v] = [];
  }
  for (let from = 0; from < n; from++) {
    const fresh = kept?.fresh.get(from);
    const list =
      fresh ??
      (kept ? kept.model.out[from].map((i) => kept.model.edges[i]) : stepEdges(doc, at, from, indexOf));
    for (const edge of list) {
      const i = edges.push(edge) - 1;
      out[from].push(i);
      if (edge.to >= 0) inc[edge.to].push(i);
    }
  }
  return { edges, out, in: inc };
}

/**
 * The graph after edits inside some steps (their ids unchanged): the other steps' edges are kept. When
 * each edited step has as many transitions as before, every edge keeps its index, and only the incoming
 * lists of the old and new targets change.
 */
export function edgesAfterEdit(
  doc: ScenarioDocument,
  kept: { model: FlowModel; changed: readonly number[] },
  at: LinesRef,
  indexOf: (id: string) => number,
): Graph {
  const model = kept.model;
  const fresh = new Map<number, FlowEdge[]>();
  for (const v of kept.changed) fresh.set(v, stepEdges(doc, at, v, indexOf));
  for (const [v, list] of fresh)
    if (list.length !== model.out[v].length) return allEdges(doc, at, indexOf, { model, fresh });
  const edges = model.edges.slice();
  const inc = model.in.slice();
  const touched = new Set<number>();
  for (const [v, list] of fresh)
    model.out[v].forEach((i, k) => {
      if (edges[i].to >= 0) touched.add(edges[i].to);
      if (list[k].to >= 0) touched.add(list[k].to);
      edges[i] = list[k];
    });
  for (const w of touched) inc[w] = [];
  for (const w of touched) for (const i of model.in[w]) if (edges[i].to === w) inc[w].push(i);
  // Edges that now lead to a touched step from an edited one (their indices were not in its list).
  for (const v of fresh.keys())
    for (const i of model.out[v]) {
      const w = edges[i].to;
      if (w >= 0 && !inc[w].includes(i)) inc[w].push(i);
    }
  for (const w of touched) inc[w].sort((a, b) => a - b);
  return { edges, out: model.out, in: inc };
}
