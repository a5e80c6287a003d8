/**
 * A synthetic call of N steps for warming the layout thread up: the shapes real scenarios have (runs of
 * caller and handler lines, choices of two or three, timers, labelled edges, ends, a few back edges),
 * built directly as a FlowGraph so ELK meets the same kind of input it will be sent.
 */
import type { FlowGraph, GraphEdge, GraphNode, GraphStepKind } from '../shared/graph';

const KINDS: GraphStepKind[] = ['caller', 'handler', 'caller', 'action', 'choice', 'handler', 'timer'];
const WORDS = 'caller reports smoke upstairs ask address confirm breathing stay on the line units'.split(' ');
const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function text(i: number): string {
  const n = 4 + (i % 9);
  return Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
}

/** A call of `steps` steps (at least 2) with choices, timers and back edges. */
export function warmGraph(steps: number): FlowGraph {
  const n = Math.max(2, steps);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const edge = (from: number, to: number, kind: GraphEdge['kind'], label?: string) =>
    edges.push({ id: `e${edges.length}`, from: `s${from}`, to: `s${to}`, kind, label, range: zero });
  for (let i = 0; i < n; i++) {
    const last = i === n - 1 || i % 37 === 36;
    const kind: GraphStepKind = last ? 'end' : KINDS[i % KINDS.length];
    nodes.push({
      id: `s${i}`,
      kind,
      text: text(i),
      range: zero,
      fullRange: zero,
      reachable: true,
      problems: [],
      ...(kind === 'end' ? { result: 'resolved' } : {}),
      ...(kind === 'timer' ? { seconds: 30 } : {}),
    });
    if (last) continue;
    const next = Math.min(n - 1, i + 1);
    if (kind === 'choice') {
      edge(i, next, 'choice', text(i + 1).slice(0, 18));
      edge(i, Math.min(n - 1, i + 3), 'choice', text(i + 2).slice(0, 14));
      if (i % 3 === 0) edge(i, Math.max(0, i - 5), 'choice', 'ask again');
    } else if (kind === 'timer') {
      edge(i, next, 'next');
      edge(i, Math.min(n - 1, i + 2), 'timeout', 'no answer');
    } else edge(i, i % 37 === 35 ? i + 1 : next, 'next');
  }
  return { uri: 'untitled:warm-up', version: 0, title: 'warm-up', start: 's0', nodes, edges };
}
