/** What graph formats share. */
import type { FlowGraph, GraphNode } from '../../shared/graph';

/** Renders a graph; `file` is the scenario's path as reports show it. May be async (SVG layout). */
export type GraphRenderer = (graph: FlowGraph, file: string) => string | Promise<string>;

const MAX_LABEL = 60;

/** A node's label text: kind and main text, shortened. */
export function labelText(n: GraphNode): string {
  const text = n.text.replace(/\s+/g, ' ').trim();
  const short = text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
  return short ? `${n.kind}: ${short}` : n.kind;
}
