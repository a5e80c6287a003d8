/**
 * The flow graph in Graphviz DOT. Every id and label is a double-quoted DOT string: backslashes are
 * doubled (so `\n`, `\l`, `\N` in scenario text stay literal), quotes escaped, line breaks written as
 * DOT's `\n`, other control characters dropped. No HTML labels are used, so `<…>` is plain text.
 */
import type { FlowGraph, GraphNode } from '../../shared/graph';
import { edgeLines, eventWords } from '../../shared/graph-words';
import { labelLines, wrapWords, type GraphRenderer } from './common';

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

/** End results' colours (outline, fill). */
const RESULT_COLOURS: Record<string, [string, string]> = {
  pass: ['#1a7f37', '#e3f4e8'],
  acceptable: ['#9a6700', '#fff4d6'],
  fail: ['#cf222e', '#fde2e2'],
  'critical-failure': ['#a40e26', '#fbd3d6'],
};

/** Label width in characters: DOT does not wrap labels, so lines are broken here (nothing is cut). */
const WRAP = 42;

function wrapped(lines: string[]): string {
  return lines.flatMap((l) => wrapWords(l, WRAP)).join('\n');
}

/** A step's shape and style: its kind's, or its event's (a dropped line, a silence). */
function shapeAttrs(n: GraphNode): string[] {
  if (n.event === 'disconnect' && eventWords(n)) return ['shape=cds', 'style="bold"', 'color="#a40e26"'];
  if (eventWords(n)) return ['shape=box', `style="rounded,${n.event === 'silence' ? 'dotted' : 'dashed'}"`];
  if (n.kind === 'end') {
    const [line, fill] = RESULT_COLOURS[n.result ?? ''] ?? ['#888888', '#ffffff'];
    return [`shape=${SHAPES.end}`, 'style=filled', `color="${line}"`, `fillcolor="${fill}"`];
  }
  return [`shape=${SHAPES[n.kind]}`];
}

export const dot: GraphRenderer = (graph: FlowGraph) => {
  const out = [`digraph ${dotString(graph.title ?? 'callflow')} {`];
  if (graph.title) out.push(`  label=${dotString(graph.title)};`, '  labelloc=t;');
  out.push('  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];');
  const known = new Set(graph.nodes.map((n) => n.id));
  for (const n of graph.nodes) {
    const attrs = [`label=${dotString(wrapped([n.id, ...labelLines(n)]))}`, ...shapeAttrs(n)];
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
    const words = edgeLines(e).map((l) => l.text);
    if (words.length) attrs.push(`label=${dotString(wrapped(words))}`);
    if (e.kind === 'timeout') attrs.push('style=dashed');
    if (e.critical) attrs.push('color="#d00000"', 'fontcolor="#a40e26"', 'penwidth=2');
    out.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
};
