/**
 * The flow model: steps and transitions read from the YAML nodes (so every edge has its exact range),
 * reachability, and a forward dataflow solver the path rules use. Rules over paths are computed by
 * dataflow over the graph, never by enumerating paths: the solver visits each step a bounded number of
 * times, so a 10,000-step scenario costs milliseconds.
 */
import { isScalar, valueNode } from '../syntax/nodes';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
import { Slot } from '../syntax/analysis';
import { allEdges, edgesAfterEdit, type LinesRef } from './flow-edges';
import type { FlowEdge, FlowModel } from './flow-types';

export type { EdgeKind, FlowEdge, FlowModel } from './flow-types';

/** A document's flow model, carried through local edits with the steps edited since it was built. */
interface KeptFlow {
  model: FlowModel;
  at: LinesRef;
  /** Indices of the steps edited since (their ids unchanged). */
  changed: number[];
}

/**
 * The flow model of a document version, carried through local edits that keep every step's id: the next
 * version's model keeps the edges of every step not edited and reads the edited steps again.
 */
const FLOW_MODEL = new Slot<KeptFlow>('flow model', (kept, edit) =>
  edit.renamed || edit.stepIndex === undefined
    ? undefined
    : { ...kept, changed: [...kept.changed, edit.stepIndex] },
);

/**
 * The flow model of a parsed document: built once per document version, and after a local edit from the
 * last version's model (only the edited steps' transitions are read again; reachability and the order are
 * computed again over the whole graph). A test compares it with a model built from scratch on random
 * edit sequences.
 */
export function buildFlow(doc: ScenarioDocument): FlowModel {
  const kept = doc.analysis.get(FLOW_MODEL);
  if (kept && kept.model.analysis === doc.analysis) return kept.model;
  const at = kept?.at ?? { lines: doc.lines };
  at.lines = doc.lines;
  const n = doc.steps.length;
  const indexOf = (id: string) => doc.stepsById.get(id)?.index ?? -1;
  const graph =
    kept && kept.model.steps.length === n
      ? edgesAfterEdit(doc, kept, at, indexOf)
      : allEdges(doc, at, indexOf);
  const { start, startValue } = startOf(doc, indexOf);
  const { reachable, order } = walkFrom(start, graph.out, graph.edges, n);
  const model: FlowModel = {
    steps: doc.steps,
    ...graph,
    start,
    startValue,
    reachable,
    order,
    analysis: doc.analysis,
  };
  doc.analysis.set(FLOW_MODEL, { model, at, changed: [] });
  return model;
}

/** The `start` value and the index of the step it names (-1 when none). */
function startOf(
  doc: ScenarioDocument,
  indexOf: (id: string) => number,
): Pick<FlowModel, 'start' | 'startValue'> {
  const startNode = valueNode(doc.root, 'start');
  if (!isScalar(startNode) || startNode.value === null) return { start: -1, startValue: undefined };
  const offsets = offsetsOf(startNode);
  const id = String(startNode.value);
  return { start: indexOf(id), startValue: { id, range: doc.lines.range(...offsets), offsets } };
}

/** The steps reachable from `start`, and their reverse postorder (a good order for forward dataflow). */
function walkFrom(
  start: number,
  out: number[][],
  edges: FlowEdge[],
  n: number,
): Pick<FlowModel, 'reachable' | 'order'> {
  const reachable: boolean[] = new Array(n).fill(false);
  const order: number[] = [];
  if (start < 0) return { reachable, order };
  // Iterative DFS producing a postorder; reversed, it is the order forward dataflow wants.
  const post: number[] = [];
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  let top = 0;
  stack[0] = start;
  reachable[start] = true;
  while (top >= 0) {
    const v = stack[top];
    const outs = out[v];
    if (cursor[v] < outs.length) {
      const w = edges[outs[cursor[v]++]].to;
      if (w >= 0 && !reachable[w]) {
        reachable[w] = true;
        stack[++top] = w;
      }
    } else {
      post.push(v);
      top--;
    }
  }
  for (let i = post.length - 1; i >= 0; i--) order.push(post[i]);
  return { reachable, order };
}

/** A forward dataflow problem over the reachable steps. */
export interface ForwardProblem<S> {
  /** The state entering the start step. */
  entry: S;
  /** The state leaving a step, given the state entering it. */
  transfer(step: number, input: S): S;
  /** Adjusts a state along an edge (choices may reveal facts). Defaults to identity. */
  edge?(edge: FlowEdge, state: S): S;
  /** Combines the states arriving from two predecessors. */
  join(a: S, b: S): S;
  equals(a: S, b: S): boolean;
}

/**
 * Solves a forward dataflow problem with a worklist in reverse postorder. Returns the state entering and
 * leaving each reachable step (undefined for unreachable steps). Joins must be monotone over a finite
 * lattice (sets of facts, booleans, bounded numbers): every state only grows (or shrinks) to a fixpoint.
 */
export function solveForward<S>(
  model: FlowModel,
  problem: ForwardProblem<S>,
): { input: (S | undefined)[]; output: (S | undefined)[] } {
  const n = model.steps.length;
  const input: (S | undefined)[] = new Array(n).fill(undefined);
  const output: (S | undefined)[] = new Array(n).fill(undefined);
  if (model.start < 0) return { input, output };
  // A worklist visited in reverse postorder: a bitset, swept in `order` until nothing is pending.
  const pending = new Uint8Array(n);
  let count = 0;
  const mark = (v: number) => {
    if (!pending[v]) {
      pending[v] = 1;
      count++;
    }
  };
  mark(model.start);
  while (count > 0) {
    for (const v of model.order) {
      if (!pending[v]) continue;
      pending[v] = 0;
      count--;
      let state: S | undefined = v === model.start ? problem.entry : undefined;
      for (const ei of model.in[v]) {
        const e = model.edges[ei];
        const pred = output[e.from];
        if (pred === undefined) continue;
        const arriving = problem.edge ? problem.edge(e, pred) : pred;
        state = state === undefined ? arriving : problem.join(state, arriving);
      }
      if (state === undefined) continue;
      input[v] = state;
      const next = problem.transfer(v, state);
      const prev = output[v];
      if (prev === undefined || !problem.equals(prev, next)) {
        output[v] = next;
        for (const ei of model.out[v]) {
          const w = model.edges[ei].to;
          if (w >= 0) mark(w);
        }
      }
    }
  }
  return { input, output };
}

/** The steps from which an end step (or any step satisfying `isExit`) can be reached: a backward walk. */
export function canReach(model: FlowModel, isExit: (step: number) => boolean): boolean[] {
  const n = model.steps.length;
  const ok = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  for (let v = 0; v < n; v++)
    if (isExit(v)) {
      ok[v] = true;
      stack.push(v);
    }
  while (stack.length) {
    const v = stack.pop()!;
    for (const ei of model.in[v]) {
      const u = model.edges[ei].from;
      if (!ok[u]) {
        ok[u] = true;
        stack.push(u);
      }
    }
  }
  return ok;
}
