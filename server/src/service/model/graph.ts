/** The flow graph model (plain data for the preview, the CLI's exports and `callflow/graph`). */
import type { FlowGraph, GraphNode, GraphStepKind } from '../../shared/graph';
import type { FlowModel } from './flow';
import type { ScenarioDocument } from '../syntax/parse';
import { comparePositions } from '../syntax/text';
import type { Problem } from './types';
import { STEP_KINDS } from './vocabulary';

/** Builds the graph; each step carries the problems whose range starts inside it. */
export function buildGraph(doc: ScenarioDocument, flow: FlowModel, problems: Problem[]): FlowGraph {
  const sorted = [...problems].sort((a, b) => comparePositions(a.range.start, b.range.start));
  const nodes: GraphNode[] = flow.steps.map((s) => {
    const d = s.data ?? {};
    const kind = (STEP_KINDS as readonly string[]).includes(String(d.kind))
      ? (d.kind as GraphStepKind)
      : 'caller';
    // An action's footer says what is done (and a grade step's grade and rationale): its text is what is said.
    const text = String(d.say ?? d.prompt ?? '');
    const node: GraphNode = {
      id: s.id,
      kind,
      text,
      range: s.keyRange,
      fullRange: s.fullRange,
      reachable: flow.start < 0 ? true : flow.reachable[s.index],
      problems: [],
    };
    if (typeof d.grade === 'string') node.grade = d.grade;
    if (typeof d.action === 'string') node.action = d.action;
    if (typeof d.to === 'string') node.to = d.to;
    if (Array.isArray(d.facts)) node.facts = d.facts.map(String);
    if (typeof d.event === 'string' && d.event !== 'speech') node.event = d.event;
    if (kind === 'timer' && typeof d.seconds === 'number') node.seconds = d.seconds;
    if (typeof d.category === 'string') node.category = d.category;
    if (typeof d.rationale === 'string') node.rationale = d.rationale;
    const result =
      d.outcome && typeof d.outcome === 'object' ? (d.outcome as { result?: unknown }).result : undefined;
    if (typeof result === 'string') node.result = result;
    return node;
  });
  // Steps are in source order and their ranges do not overlap: one merge pass assigns problems.
  let si = 0;
  for (const p of sorted) {
    while (si < nodes.length && comparePositions(nodes[si].fullRange.end, p.range.start) < 0) si++;
    if (si >= nodes.length) break;
    if (comparePositions(nodes[si].fullRange.start, p.range.start) <= 0)
      nodes[si].problems.push({ ruleId: p.ruleId, severity: p.severity, message: p.message });
  }
  const counters = new Map<string, number>();
  const edges = flow.edges.map((e) => {
    const from = flow.steps[e.from].id;
    const base = `${from}->${e.target}#${e.kind}`;
    const n = counters.get(base) ?? 0;
    counters.set(base, n + 1);
    return {
      id: `${base}#${n}`,
      from,
      to: e.target,
      kind: e.kind,
      range: e.range,
      ...(e.label !== undefined ? { label: e.label } : {}),
      ...(e.critical !== undefined ? { critical: e.critical } : {}),
      ...(e.score !== undefined ? { score: e.score } : {}),
      ...(e.to < 0 ? { missing: true } : {}),
    };
  });
  const title =
    doc.value && typeof doc.value === 'object' ? (doc.value as { title?: unknown }).title : undefined;
  return {
    uri: doc.uri,
    ...(doc.version !== undefined ? { version: doc.version } : {}),
    ...(typeof title === 'string' ? { title } : {}),
    ...(flow.start >= 0 ? { start: flow.steps[flow.start].id } : {}),
    nodes,
    edges,
  };
}
