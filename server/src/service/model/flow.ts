/**
 * The flow model: steps and transitions read from the YAML nodes (so every edge has its exact range),
 * reachability, and a forward dataflow solver the path rules use. Rules over paths are computed by
 * dataflow over the graph, never by enumerating paths: the solver visits each step a bounded number of
 * times, so a 10,000-step scenario costs milliseconds.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { offsetsOf, type ScenarioDocument, type StepInfo } from '../syntax/parse';
import type { Range } from './types';
import type { LineIndex } from '../syntax/text';

export type EdgeKind = 'next' | 'choice' | 'timeout';

/** A transition as written. `to` is -1 when the target does not exist. */
export interface FlowEdge {
  from: number;
  to: number;
  target: string;
  kind: EdgeKind;
  /** Choice index, for choice edges. */
  choice?: number;
  label?: string;
  critical?: string;
  score?: number;
  /** Facts a choice reveals. */
  facts?: string[];
  /** The target id's range (or the key's when the value is not a plain id). */
  readonly range: Range;
  offsets: [number, number];
}

/** The graph of one document. */
export interface FlowModel {
  steps: StepInfo[];
  edges: FlowEdge[];
  /** Outgoing / incoming edge indices per step. */
  out: number[][];
  in: number[][];
  /** Index of the start step, or -1. */
  start: number;
  /** The `start` value and its range, when present. */
  startValue?: { id: string; range: Range; offsets: [number, number] };
  reachable: boolean[];
  /** Reachable steps in reverse postorder from the start (a good order for forward dataflow). */
  order: number[];
}

/** Finds a key's pair value in a mapping node. */
export function valueNode(map: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  let found: Node | undefined;
  for (const p of (map as YAMLMap).items)
    if (isScalar(p.key) && p.key.value === key) found = (p.value as Node) ?? (p.key as Node);
  return found;
}

/** Finds a key node in a mapping node. */
export function keyNode(map: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  let found: Node | undefined;
  for (const p of (map as YAMLMap).items) if (isScalar(p.key) && p.key.value === key) found = p.key as Node;
  return found;
}

/** An edge whose range is computed when first asked for (most are never reported). */
class Edge implements FlowEdge {
  private cachedRange: Range | undefined;
  constructor(
    private readonly lines: LineIndex,
    readonly from: number,
    readonly to: number,
    readonly target: string,
    readonly kind: EdgeKind,
    readonly offsets: [number, number],
    readonly choice: number | undefined,
    readonly label: string | undefined,
    readonly critical: string | undefined,
    readonly score: number | undefined,
    readonly facts: string[] | undefined,
  ) {}
  get range(): Range {
    return (this.cachedRange ??= this.lines.range(this.offsets[0], this.offsets[1]));
  }
}

/** Builds the flow model of a parsed document. */
export function buildFlow(doc: ScenarioDocument): FlowModel {
  const steps = doc.steps;
  const n = steps.length;
  const edges: FlowEdge[] = [];
  const out: number[][] = new Array(n);
  const inc: number[][] = new Array(n);
  for (let v = 0; v < n; v++) {
    out[v] = [];
    inc[v] = [];
  }
  const { lines } = doc;
  const indexOf = (id: string) => doc.stepsById.get(id)?.index ?? -1;

  const addEdge = (
    from: number,
    target: Node,
    kind: EdgeKind,
    choice?: number,
    label?: string,
    critical?: string,
    score?: number,
    facts?: string[],
  ) => {
    if (!isScalar(target) || target.value === null || target.value === undefined) return;
    const id = String(target.value);
    const r = target.range;
    const offsets: [number, number] = r ? [r[0], r[1]] : [0, 0];
    const to = indexOf(id);
    const i =
      edges.push(new Edge(lines, from, to, id, kind, offsets, choice, label, critical, score, facts)) - 1;
    out[from].push(i);
    if (to >= 0) inc[to].push(i);
  };

  for (let v = 0; v < n; v++) {
    const node = steps[v].node;
    if (!isMap(node)) continue;
    let next: Node | undefined;
    let choices: Node | undefined;
    let timeout: Node | undefined;
    for (const p of node.items) {
      const k = isScalar(p.key) ? p.key.value : undefined;
      if (k === 'next') next = (p.value as Node) ?? undefined;
      else if (k === 'choices') choices = (p.value as Node) ?? undefined;
      else if (k === 'timeout') timeout = (p.value as Node) ?? undefined;
    }
    if (next) addEdge(v, next, 'next');
    if (isSeq(choices)) {
      const items = choices.items;
      for (let ci = 0; ci < items.length; ci++) {
        const item = items[ci] as Node;
        if (!isMap(item)) continue;
        let nx: Node | undefined;
        let label: string | undefined;
        let critical: string | undefined;
        let score: number | undefined;
        let facts: string[] | undefined;
        for (const p of item.items) {
          const k = isScalar(p.key) ? p.key.value : undefined;
          const val = p.value as Node | null;
          if (k === 'next') nx = val ?? undefined;
          else if (k === 'label') label = scalarText(val);
          else if (k === 'critical') critical = scalarText(val);
          else if (k === 'score')
            score = isScalar(val) && typeof val.value === 'number' ? val.value : undefined;
          else if (k === 'facts' && isSeq(val))
            facts = val.items.map((f) => scalarText(f as Node)).filter((f): f is string => !!f);
        }
        if (nx) addEdge(v, nx, 'choice', ci, label, critical, score, facts);
      }
    }
    if (isMap(timeout)) {
      const nx = valueNode(timeout, 'next');
      const secs = valueNode(timeout, 'seconds');
      if (nx)
        addEdge(v, nx, 'timeout', undefined, isScalar(secs) ? `after ${String(secs.value)} s` : 'timeout');
    }
  }

  let start = -1;
  let startValue: FlowModel['startValue'];
  const startNode = doc.root ? valueNode(doc.root, 'start') : undefined;
  if (isScalar(startNode) && startNode.value !== null) {
    const offsets = offsetsOf(startNode);
    startValue = { id: String(startNode.value), range: lines.range(...offsets), offsets };
    start = indexOf(startValue.id);
  }

  const reachable: boolean[] = new Array(n).fill(false);
  const order: number[] = [];
  if (start >= 0) {
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
  }
  return { steps, edges, out, in: inc, start, startValue, reachable, order };
}

/** The text of a scalar node, if it is one. */
export function scalarText(node: Node | undefined | null): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
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
  const rank = new Array<number>(n).fill(-1);
  model.order.forEach((v, i) => (rank[v] = i));
  // A worklist kept in reverse-postorder rank order: a bitset plus a moving cursor.
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
