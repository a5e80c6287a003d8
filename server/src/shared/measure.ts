/**
 * What goes in each box and label of the drawing, and how big it is: a step's heading, its wrapped text
 * and rows (action, grade, category, rationale), an edge's whole words. Deterministic (the text-width
 * estimate, no font engine), so the layout, its cache and the drawing agree in Node and in the browser.
 */
import type { GraphEdge, GraphNode } from './graph';
import { actionWords, edgeLines, eventWords, stepHeading, type EdgeLine } from './graph-words';
import { textWidth, wrapText, type WrappedText } from './text-metrics';

/** Box and typography constants shared by layout and drawing. */
export const METRICS = {
  nodeWidth: 236,
  padX: 14,
  padTop: 10,
  padBottom: 12,
  headerHeight: 16,
  headerGap: 6,
  fontSize: 13,
  lineHeight: 18,
  maxLines: 14,
  maxRowLines: 16,
  footerHeight: 22,
  smallFontSize: 11,
  labelMaxWidth: 200,
  labelLineHeight: 14,
  labelPadX: 6,
  labelPadY: 3,
  choiceInset: 14,
  ghostWidth: 170,
  ghostHeight: 46,
  startSize: 16,
} as const;

/** The measured content of one step box. */
export interface NodeMeasure {
  width: number;
  height: number;
  text: WrappedText;
  rows: NodeRow[];
}

/** A row under a step's text: what an action does, the grade it sets, why (all whole, wrapped). */
export interface NodeRow {
  kind: 'action' | 'grade' | 'category' | 'rationale';
  lines: string[];
  height: number;
}

/** The rows a step shows under its text. */
export function nodeRows(node: GraphNode, width: number): NodeRow[] {
  const m = METRICS;
  const rows: NodeRow[] = [];
  const wrapSmall = (text: string) => wrapText(text, width, m.smallFontSize, m.maxRowLines).lines;
  const action = actionWords(node);
  if (action) {
    const lines = wrapSmall(action);
    rows.push({ kind: 'action', lines, height: lines.length * m.labelLineHeight + 6 });
  }
  if (node.grade) rows.push({ kind: 'grade', lines: [`grade → ${node.grade}`], height: m.footerHeight });
  if (node.grade && node.category) {
    const lines = wrapSmall(`category ${node.category}`);
    rows.push({ kind: 'category', lines, height: lines.length * m.labelLineHeight + 4 });
  }
  if (node.rationale) {
    const lines = wrapSmall(node.rationale);
    rows.push({ kind: 'rationale', lines, height: lines.length * m.labelLineHeight + 6 });
  }
  return rows;
}

/** Where a step's heading goes: its words, its left edge (after an event icon), the id's lines. */
export interface StepHeader {
  heading: string;
  x: number;
  headX: number;
  /** The step id's lines when it does not fit beside the heading (empty when it does). */
  idLines: string[];
}

/** Lays out a step's heading row; a long step id moves to lines of its own under the heading. */
export function stepHeader(node: GraphNode): StepHeader {
  const m = METRICS;
  const x = m.padX + (node.kind === 'choice' ? m.choiceInset : 0);
  const headX = eventWords(node) ? x + 20 : x;
  const heading = stepHeading(node).toUpperCase();
  const headingW = textWidth(heading, 10) * 1.1 + 1.1 * heading.length;
  const idRoom = m.nodeWidth - x - headX - headingW - 10;
  const idLines =
    textWidth(node.id, m.smallFontSize) <= idRoom
      ? []
      : wrapText(node.id, m.nodeWidth - 2 * x, m.smallFontSize, 3).lines;
  return { heading, x, headX, idLines };
}

/** Wraps the step text and sizes its box. Deterministic: the same step always measures the same. */
export function measureNode(node: GraphNode): NodeMeasure {
  const m = METRICS;
  const inset = node.kind === 'choice' ? m.choiceInset : 0;
  const textMax = m.nodeWidth - 2 * m.padX - 2 * inset;
  const text = wrapText(node.text || '', textMax, m.fontSize, m.maxLines);
  const rows = nodeRows(node, textMax);
  // A step with rows and no text (a grading step) shows only its rows; one with neither says "(no text)".
  const lines = node.text || !rows.length ? Math.max(1, text.lines.length) : 0;
  const rowsHeight = rows.reduce((h, r) => h + r.height, 0);
  const idHeight = stepHeader(node).idLines.length * m.labelLineHeight;
  const height =
    m.padTop + m.headerHeight + idHeight + m.headerGap + lines * m.lineHeight + rowsHeight + m.padBottom;
  return { width: m.nodeWidth, height, text, rows };
}

/** Wraps an edge's words (option, score, critical reason) whole and sizes its box. */
export function measureLabel(edge: GraphEdge): { lines: EdgeLabelLine[]; width: number; height: number } {
  const m = METRICS;
  const lines: EdgeLabelLine[] = [];
  for (const { text, kind } of edgeLines(edge))
    for (const line of wrapText(text, m.labelMaxWidth, m.smallFontSize, 1000).lines)
      lines.push({ text: line, kind });
  const widest = Math.max(0, ...lines.map((l) => textWidth(l.text, m.smallFontSize)));
  const width = Math.ceil((widest + 2 * m.labelPadX) / 16) * 16;
  return { lines, width, height: lines.length * m.labelLineHeight + 2 * m.labelPadY };
}

/** One wrapped line of an edge label. */
export interface EdgeLabelLine {
  text: string;
  kind: EdgeLine['kind'];
}

/** True when an edge has words to show (a plain `next` has none). */
export function hasEdgeLabel(edge: GraphEdge): boolean {
  return edgeLines(edge).length > 0;
}
