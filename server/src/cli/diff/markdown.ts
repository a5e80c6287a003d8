/**
 * `callflow diff --format markdown`: a pull-request comment. Per file a summary table, the changed
 * steps (text changes as a word diff), and a Mermaid graph of the changed neighbourhood with added,
 * removed, changed and renamed steps and transitions styled. Scenario text is escaped for Markdown
 * (backslashes before punctuation, entities for `<`, `>`, `&` and `@`, so nothing becomes a tag, a link,
 * a mention or a table cell) and, inside the graph, for Mermaid (see `mermaidText`).
 */
import type { FlowGraph } from '../../shared/graph';
import type { DiffMarks, DiffStatus } from '../../shared/diff-marks';
import type { FlowChange, WordPart } from '../../service';
import { labelText } from '../graph/common';
import { mermaidText } from '../graph/mermaid';
import {
  bestLine,
  byStep,
  problemsLine,
  reachLines,
  runLines,
  stepsLine,
  transitionsLine,
  type DiffRenderer,
  type FileDiff,
} from './report';

/** Scenario text as inert Markdown on one line. */
export function mdText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => `\\${c}`);
}

/** An id in a code span when it is a plain id, else as escaped text. */
const code = (id: string) => (/^[A-Za-z0-9_./-]+$/.test(id) ? `\`${id}\`` : mdText(id));

function words(parts: WordPart[]): string {
  return parts
    .map((p) => {
      const t = mdText(p.text);
      if (p.op === 'same' || !t.trim()) return t;
      // Spaces stay outside the tags, so `<ins> x</ins>` never renders as a stray underline.
      const [, lead, body, trail] = /^(\s*)(.*?)(\s*)$/s.exec(t)!;
      return `${lead}<${p.op === 'added' ? 'ins' : 'del'}>${body}</${p.op === 'added' ? 'ins' : 'del'}>${trail}`;
    })
    .join('');
}

function changeLine(c: FlowChange): string {
  if (c.kind === 'step-renamed') return `renamed from ${code(c.oldStep ?? '')}`;
  if (c.words) return `${mdText(c.field ?? '')}: ${words(c.words)}`;
  return mdText(c.message);
}

const STATUS_STYLE: Record<DiffStatus, string> = {
  added: 'fill:#dafbe1,stroke:#1a7f37,stroke-width:3px',
  removed: 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 4,opacity:0.7',
  changed: 'fill:#fff8c5,stroke:#9a6700,stroke-width:3px',
  renamed: 'fill:#ddf4ff,stroke:#0969da,stroke-width:3px',
};
const EDGE_COLOR: Record<DiffStatus, string> = {
  added: '#1a7f37',
  removed: '#cf222e',
  changed: '#9a6700',
  renamed: '#0969da',
};

/** The steps to draw: the changed ones and their neighbours (only the changed ones past 60 steps). */
function neighbourhood(graph: FlowGraph, marks: DiffMarks): Set<string> {
  const marked = new Set(Object.keys(marks.nodes));
  for (const e of graph.edges) if (marks.edges[e.id]) marked.add(e.from).add(e.to);
  const near = new Set(marked);
  for (const e of graph.edges) {
    if (marked.has(e.from)) near.add(e.to);
    if (marked.has(e.to)) near.add(e.from);
  }
  return near.size > 60 ? marked : near;
}

/** The Mermaid graph of the changed neighbourhood. */
export function diffMermaid(graph: FlowGraph, marks: DiffMarks): string {
  const keep = neighbourhood(graph, marks);
  const ids = new Map<string, string>();
  const out = ['flowchart TD'];
  for (const n of graph.nodes) {
    if (!keep.has(n.id)) continue;
    const id = `s${ids.size}`;
    ids.set(n.id, id);
    const was = marks.renamedFrom[n.id] ? ` (was ${marks.renamedFrom[n.id]})` : '';
    out.push(`  ${id}["${mermaidText(n.id + was)}<br/>${mermaidText(labelText(n))}"]`);
  }
  const links: [number, DiffStatus][] = [];
  for (const e of graph.edges) {
    const [from, to] = [ids.get(e.from), ids.get(e.to)];
    if (!from || !to) continue;
    const status = marks.edges[e.id];
    if (status) links.push([links.length, status]);
    else links.push([links.length, undefined as unknown as DiffStatus]);
    const arrow = status === 'removed' ? '-.->' : e.kind === 'timeout' ? '-.->' : '-->';
    out.push(e.label ? `  ${from} ${arrow}|"${mermaidText(e.label)}"| ${to}` : `  ${from} ${arrow} ${to}`);
  }
  for (const [i, status] of links)
    if (status) out.push(`  linkStyle ${i} stroke:${EDGE_COLOR[status]},stroke-width:3px`);
  for (const status of Object.keys(STATUS_STYLE) as DiffStatus[]) {
    const members = Object.entries(marks.nodes)
      .filter(([id, s]) => s === status && ids.has(id))
      .map(([id]) => ids.get(id));
    if (members.length) out.push(`  class ${members.join(',')} ${status}`);
    out.push(`  classDef ${status} ${STATUS_STYLE[status]}`);
  }
  return out.join('\n');
}

function fileSection(f: FileDiff): string[] {
  const d = f.diff;
  const out = [
    `### ${code(f.file)}`,
    '',
    `${code(f.oldLabel)} → ${code(f.newLabel)}${f.status === 'modified' ? '' : ` (file ${f.status})`}`,
    '',
  ];
  if (!d.changes.length) return [...out, 'No flow change.', ''];
  const reach = reachLines(d);
  const runs = runLines(d);
  out.push(
    '| | |',
    '|---|---|',
    `| Steps | ${mdText(stepsLine(d))} |`,
    `| Transitions | ${mdText(transitionsLine(d))} |`,
    `| Best route | ${mdText(bestLine(d))} |`,
    `| Reachability | ${reach.length ? reach.map(mdText).join('<br>') : 'no change'} |`,
    `| Problems | ${mdText(problemsLine(d))} |`,
    ...(runs.length ? [`| Recorded runs | ${runs.map(mdText).join('<br>')} |`] : []),
    '',
    '#### Changed steps',
    '',
  );
  for (const [step, changes] of byStep(d)) {
    out.push(`- ${step ? `**${code(step)}** (${d.steps[step] ?? 'changed'})` : '**scenario**'}`);
    for (const c of changes) out.push(`  - ${changeLine(c)}`);
  }
  out.push('', '```mermaid', diffMermaid(f.graph, f.marks), '```', '');
  const added = d.effects.problemsAdded;
  if (added.length) {
    out.push('<details><summary>New problems</summary>', '');
    for (const p of added) out.push(`- line ${p.line}: ${mdText(p.message)} (${mdText(p.ruleId)})`);
    out.push('', '</details>', '');
  }
  return out;
}

export const markdown: DiffRenderer = (files) => {
  const out = ['## Callflow: flow diff', ''];
  if (!files.length) out.push('No scenario changed.', '');
  for (const f of files) out.push(...fileSection(f));
  return out.join('\n');
};
