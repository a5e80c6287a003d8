/**
 * The flow graph in Graphviz DOT. Every id and label is a double-quoted DOT string: backslashes are
 * doubled (so `\n`, `\l`, `\N` in scenario text stay literal), quotes escaped, line breaks written as
 * DOT's `\n`, other control characters dropped. No HTML labels are used, so `<…>` is plain text.
 */
import type { FlowGraph, GraphNode } from '../../shared/graph';
import { labelText, type GraphRenderer } from './common';

/** A DOT double-quoted string. */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${body}"`;
}

const SHAPES: Record<GraphNode['kind'], string> = {
  caller: 'box, style="rounded"',
  handler: 'box',
  action: 'box, peripheries=2',
  choice: 'diamond',
  timer: 'hexagon',
  end: 'doubleoctagon',
};

export const dot: GraphRenderer = (graph: FlowGraph) => {
  const out = [`digraph ${dotString(graph.title ?? 'callflow')} {`];
  if (graph.title) out.push(`  label=${dotString(graph.title)};`, '  labelloc=t;');
  out.push('  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];');
  const known = new Set(graph.nodes.map((n) => n.id));
  for (const n of graph.nodes) {
    const attrs = [`label=${dotString(`${n.id}\n${labelText(n)}`)}`, `shape=${SHAPES[n.kind]}`];
    if (graph.start === n.id) attrs.push('penwidth=2');
    if (n.problems.some((p) => p.severity === 'error')) attrs.push('color="#d00000"');
    if (!n.reachable) attrs.push('fontcolor="#888888"');
    out.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  const missing = new Set<string>();
  for (const e of graph.edges) {
    if (!known.has(e.to) && !missing.has(e.to)) {
      missing.add(e.to);
      out.push(
        `  ${dotString(e.to)} [label=${dotString(`missing: ${e.to}`)}, shape=box, style=dashed, color="#d00000"];`,
      );
    }
    const attrs: string[] = [];
    if (e.label) attrs.push(`label=${dotString(e.label)}`);
    if (e.kind === 'timeout') attrs.push('style=dashed');
    if (e.critical) attrs.push('color="#d00000"', 'penwidth=2');
    out.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
};
