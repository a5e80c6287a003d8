/** What graph formats share: the renderer signature and a step's words as text formats write them. */
import type { FlowGraph, GraphNode } from '../../shared/graph';
import { stepHeading, stepLines } from '../../shared/graph-words';
import type { Paper } from '../../shared/print';

/** How a drawing is laid out: on screen (one picture) or for print (A4 or Letter pages). */
export interface GraphOptions {
  layout?: 'screen' | 'print';
  paper?: Paper;
}

/**
 * Renders a graph; `file` is the scenario's path as reports show it. May be async (SVG layout).
 * Formats that draw (SVG) honour `options`; text formats ignore it.
 */
export type GraphRenderer = (
  graph: FlowGraph,
  file: string,
  options?: GraphOptions,
) => string | Promise<string>;

/** A node's label on one line, whole: its heading and what it says ("Grade: EMERGENCY · Why: …"). */
export function labelText(n: GraphNode): string {
  const lines = stepLines(n).map((l) => l.replace(/\s+/g, ' '));
  return lines.length ? `${stepHeading(n)}: ${lines.join(' · ')}` : stepHeading(n);
}

/** A node's label as lines: the heading, then each of its lines whole. */
export function labelLines(n: GraphNode): string[] {
  return [stepHeading(n), ...stepLines(n)];
}

/**
 * Breaks `text` into lines of about `width` characters at spaces (a longer word stays whole on its
 * own line), keeping the author's line breaks: for formats that do not wrap labels themselves (DOT).
 * Nothing is dropped.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines;
}
