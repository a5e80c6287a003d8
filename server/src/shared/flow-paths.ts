/**
 * "Path to here": the steps and edges that lie on some route from the start step to a target step.
 * Pure graph reachability, shared by the preview and (later) the CLI export.
 */
import type { FlowGraph } from './graph';

/** Steps and edges on some route from the start to a step. */
export interface PathToHere {
  nodes: Set<string>;
  edges: Set<string>;
}

function reach(startIds: string[], adjacency: Map<string, string[]>, stopAt?: string): Set<string> {
  const seen = new Set<string>(startIds);
  const stack = [...startIds];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === stopAt) continue;
    for (const next of adjacency.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * Every edge u→v with u reachable from the start without passing the target, and v reaching the target
 * without passing the start (so loops back through either end are left out), and the steps on those
 * edges. Empty when the graph has no start or the target is not reachable from it.
 */
export function pathToHere(graph: FlowGraph, target: string): PathToHere {
  const result: PathToHere = { nodes: new Set(), edges: new Set() };
  if (!graph.start) return result;
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.missing) continue;
    (forward.get(e.from) ?? forward.set(e.from, []).get(e.from))?.push(e.to);
    (backward.get(e.to) ?? backward.set(e.to, []).get(e.to))?.push(e.from);
  }
  const fromStart = reach([graph.start], forward, target);
  if (!fromStart.has(target)) return result;
  const toTarget = reach([target], backward, graph.start);
  for (const e of graph.edges) {
    if (
      !e.missing &&
      e.from !== target &&
      e.to !== graph.start &&
      fromStart.has(e.from) &&
      toTarget.has(e.to)
    ) {
      result.edges.add(e.id);
      result.nodes.add(e.from);
      result.nodes.add(e.to);
    }
  }
  result.nodes.add(target);
  return result;
}
