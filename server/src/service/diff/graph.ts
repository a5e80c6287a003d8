/**
 * The drawing of a diff: the new version's graph with the removed steps and transitions put back as
 * ghosts, and a status for every step and transition that changed (added, removed, changed, renamed).
 * The preview and `callflow diff --format svg` lay it out and draw it like any graph, then mark it.
 */
import type { FlowGraph, GraphEdge } from '../../shared/graph';
import type { DiffMarks } from '../../shared/diff-marks';
import type { FlowDiff } from './types';

/** The key two versions of a transition share: its ends (new ids) and kind. */
const edgeKey = (from: string, to: string, kind: string) => `${from}\u0000${to}\u0000${kind}`;

/** What can change on a kept transition without it becoming another one. */
const sameLook = (a: GraphEdge, b: GraphEdge) =>
  a.label === b.label && a.score === b.score && a.critical === b.critical;

/** The new graph with ghosts of what was removed, and the marks to draw the change with. */
export function diffGraph(
  oldGraph: FlowGraph,
  newGraph: FlowGraph,
  diff: FlowDiff,
): { graph: FlowGraph; marks: DiffMarks } {
  const rename = (id: string) => diff.renames[id] ?? id;
  const marks: DiffMarks = { nodes: { ...diff.steps }, edges: {}, renamedFrom: {} };
  for (const [from, to] of Object.entries(diff.renames)) marks.renamedFrom[to] = from;
  const ghosts = oldGraph.nodes
    .filter((n) => diff.steps[n.id] === 'removed')
    .map((n) => ({ ...n, problems: [], reachable: true }));
  const pending = new Map<string, GraphEdge[]>();
  for (const e of oldGraph.edges) {
    const key = edgeKey(rename(e.from), rename(e.to), e.kind);
    pending.set(key, [...(pending.get(key) ?? []), e]);
  }
  for (const e of newGraph.edges) {
    const old = pending.get(edgeKey(e.from, e.to, e.kind))?.shift();
    if (!old) marks.edges[e.id] = 'added';
    else if (!sameLook(old, e)) marks.edges[e.id] = 'changed';
  }
  const removed: GraphEdge[] = [];
  for (const list of pending.values())
    for (const e of list) {
      const ghost = { ...e, id: `removed:${e.id}`, from: rename(e.from), to: rename(e.to) };
      removed.push(ghost);
      marks.edges[ghost.id] = 'removed';
    }
  return {
    graph: { ...newGraph, nodes: [...newGraph.nodes, ...ghosts], edges: [...newGraph.edges, ...removed] },
    marks,
  };
}
