/**
 * The flow graph as a Mermaid flowchart. Node ids are generated (`s0`, `s1`…: step ids like `end` are
 * Mermaid keywords); every label is a quoted string whose special characters are written as Mermaid
 * numeric entity codes (`#34;`, `#60;`, `#35;`…), so no text from the scenario can end a label, start markup or
 * a new statement. `%`, `{`, `}` and `'` are written so too: Mermaid honours a `%%{init: …}%%` directive
 * anywhere in the text, even inside a quoted label (it could switch the theme or break the diagram).
 */
import type { FlowGraph, GraphNode } from '../../shared/graph';
import { edgeLines, eventWords } from '../../shared/graph-words';
import { labelLines, type GraphRenderer } from './common';

const ENTITIES: Record<string, string> = {
  '#': '#35;',
  '&': '#38;',
  '"': '#34;',
  '<': '#60;',
  '>': '#62;',
  '|': '#124;',
  '`': '#96;',
  ';': '#59;',
  '%': '#37;',
  '{': '#123;',
  '}': '#125;',
  "'": '#39;',
};

/** Escapes text for a quoted Mermaid label: numeric entity codes, control characters as spaces. */
export function mermaidText(text: string): string {
  return text
    .replace(/[#&"<>|`;%{}']/g, (c) => ENTITIES[c])
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

const SHAPES: Record<GraphNode['kind'], [string, string]> = {
  caller: ['(', ')'],
  handler: ['[', ']'],
  action: ['[[', ']]'],
  choice: ['{', '}'],
  timer: ['{{', '}}'],
  end: ['([', '])'],
};

/** A caller event's shape: a dropped line as a flag, other events as a parallelogram. */
function shapeOf(n: GraphNode): [string, string] {
  if (!eventWords(n)) return SHAPES[n.kind];
  return n.event === 'disconnect' ? ['>', ']'] : ['[/', '/]'];
}

/** Lines of a quoted label, each escaped, joined by Mermaid line breaks. */
function lines(parts: string[]): string {
  return parts.map(mermaidText).join('<br/>');
}

/** The Mermaid class of a step: its end result, its event, or none. */
function classOf(n: GraphNode): string | undefined {
  if (n.kind === 'end') return RESULT_CLASSES[n.result ?? ''] ?? 'noresult';
  if (n.event === 'disconnect') return 'linedrop';
  return eventWords(n) ? 'event' : undefined;
}

const RESULT_CLASSES: Record<string, string> = {
  pass: 'pass',
  acceptable: 'acceptable',
  fail: 'fail',
  'critical-failure': 'critical',
};

/** The class definitions: start, problems, unreachable, missing, end results and events. */
const CLASS_DEFS = [
  '  classDef start stroke-width:3px',
  '  classDef error stroke:#d00,stroke-width:2px',
  '  classDef unreachable stroke-dasharray:4 3,opacity:0.6',
  '  classDef missing stroke:#d00,stroke-dasharray:4 3',
  '  classDef pass fill:#e3f4e8,stroke:#1a7f37,stroke-width:2px',
  '  classDef acceptable fill:#fff4d6,stroke:#9a6700,stroke-width:2px',
  '  classDef fail fill:#fde2e2,stroke:#cf222e,stroke-width:2px',
  '  classDef critical fill:#fbd3d6,stroke:#a40e26,stroke-width:3px',
  '  classDef noresult stroke-dasharray:2 2',
  '  classDef linedrop stroke:#a40e26,stroke-width:2px,stroke-dasharray:6 3',
  '  classDef event stroke-dasharray:2 3',
];

export const mermaid: GraphRenderer = (graph: FlowGraph) => {
  const ids = new Map<string, string>();
  const out = ['flowchart TD'];
  const classes = new Map<string, string[]>();
  const addClass = (name: string, id: string) => classes.set(name, [...(classes.get(name) ?? []), id]);
  graph.nodes.forEach((n, i) => {
    ids.set(n.id, `s${i}`);
    const [open, close] = shapeOf(n);
    out.push(`  s${i}${open}"${lines([n.id, ...labelLines(n)])}"${close}`);
    const cls = classOf(n);
    if (cls) addClass(cls, `s${i}`);
  });
  let missing = 0;
  for (const e of graph.edges) {
    let to = ids.get(e.to);
    if (!to) {
      to = `m${missing++}`;
      ids.set(e.to, to);
      out.push(`  ${to}["${mermaidText(`missing: ${e.to}`)}"]:::missing`);
    }
    const from = ids.get(e.from);
    if (!from) continue;
    const arrow = e.kind === 'timeout' ? '-.->' : e.critical ? '==>' : '-->';
    const words = edgeLines(e).map((l) => l.text);
    out.push(words.length ? `  ${from} ${arrow}|"${lines(words)}"| ${to}` : `  ${from} ${arrow} ${to}`);
  }
  const start = graph.start ? ids.get(graph.start) : undefined;
  if (start) out.push(`  class ${start} start`);
  for (const n of graph.nodes) {
    if (n.problems.some((p) => p.severity === 'error')) addClass('error', ids.get(n.id)!);
    if (!n.reachable) addClass('unreachable', ids.get(n.id)!);
  }
  for (const [name, members] of classes) out.push(`  class ${members.join(',')} ${name}`);
  out.push(...CLASS_DEFS);
  return out.join('\n') + '\n';
};
