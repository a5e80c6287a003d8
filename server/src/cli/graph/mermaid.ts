/**
 * The flow graph as a Mermaid flowchart. Node ids are generated (`s0`, `s1`…: step ids like `end` are
 * Mermaid keywords); every label is a quoted string whose special characters are written as Mermaid
 * numeric entity codes (`#34;`, `#60;`, `#35;`…), so no text from the scenario can end a label, start markup or
 * a new statement. `%`, `{`, `}` and `'` are written so too: Mermaid honours a `%%{init: …}%%` directive
 * anywhere in the text, even inside a quoted label (it could switch the theme or break the diagram).
 */
import type { FlowGraph, GraphNode } from '../../shared/graph';
import { labelText, type GraphRenderer } from './common';

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

export const mermaid: GraphRenderer = (graph: FlowGraph) => {
  const ids = new Map<string, string>();
  const out = ['flowchart TD'];
  graph.nodes.forEach((n, i) => {
    ids.set(n.id, `s${i}`);
    const [open, close] = SHAPES[n.kind];
    out.push(`  s${i}${open}"${mermaidText(n.id)}<br/>${mermaidText(labelText(n))}"${close}`);
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
    out.push(e.label ? `  ${from} ${arrow}|"${mermaidText(e.label)}"| ${to}` : `  ${from} ${arrow} ${to}`);
  }
  const start = graph.start ? ids.get(graph.start) : undefined;
  if (start) out.push(`  class ${start} start`);
  const withErrors = graph.nodes.filter((n) => n.problems.some((p) => p.severity === 'error'));
  if (withErrors.length) out.push(`  class ${withErrors.map((n) => ids.get(n.id)).join(',')} error`);
  const unreachable = graph.nodes.filter((n) => !n.reachable);
  if (unreachable.length) out.push(`  class ${unreachable.map((n) => ids.get(n.id)).join(',')} unreachable`);
  out.push(
    '  classDef start stroke-width:3px',
    '  classDef error stroke:#d00,stroke-width:2px',
    '  classDef unreachable stroke-dasharray:4 3,opacity:0.6',
    '  classDef missing stroke:#d00,stroke-dasharray:4 3',
  );
  return out.join('\n') + '\n';
};
