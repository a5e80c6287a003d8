/**
 * What the picture says about each step and each option, in words: one source for the preview, the SVG
 * export, Mermaid and DOT, so a reviewer reads the same thing in every drawing. Nothing is shortened
 * here, and the author's line breaks are kept; renderers wrap the text to their width.
 */
import type { GraphEdge, GraphNode } from './graph';

/** End results in words. */
export const RESULT_WORDS: Readonly<Record<string, string>> = {
  pass: 'Pass',
  acceptable: 'Acceptable',
  fail: 'Fail',
  'critical-failure': 'Critical failure',
};

/** Caller events drawn as what they are (speech is an ordinary caller line). */
export const EVENT_WORDS: Readonly<Record<string, string>> = {
  silence: 'Silence',
  disconnect: 'Line drops',
  'press-55': 'Presses 55',
  'background-noise': 'Background noise',
  keypress: 'Keypress',
};

const KIND_WORDS: Record<GraphNode['kind'], string> = {
  caller: 'Caller',
  handler: 'Handler',
  action: 'Action',
  choice: 'Choice',
  timer: 'Timer',
  end: 'End',
};

/** The end's result in words ("Pass", "Critical failure"), or "no result" when it states none. */
export function resultWords(node: GraphNode): string {
  return node.result ? (RESULT_WORDS[node.result] ?? node.result) : 'no result';
}

/** A caller event in words, or undefined for speech and unknown events. */
export function eventWords(node: GraphNode): string | undefined {
  return node.kind === 'caller' && node.event ? EVENT_WORDS[node.event] : undefined;
}

/** Seconds in words: "15 s", "2 min", "1 min 30 s". */
export function secondsWords(seconds: number): string {
  if (seconds < 60 || !Number.isInteger(seconds)) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}

/** True for a step that sets a grade (an action `grade`, or any step with `grade:`). */
export function isGrading(node: GraphNode): boolean {
  return node.action === 'grade' || Boolean(node.grade);
}

/**
 * The step's heading: its kind, or what it is when that says more — "Line drops", "Silence",
 * "Timer · 15 s", "Grade", "End · Pass".
 */
export function stepHeading(node: GraphNode): string {
  const event = eventWords(node);
  if (event) return event;
  if (node.kind === 'timer')
    return node.seconds !== undefined ? `Timer · ${secondsWords(node.seconds)}` : 'Timer';
  if (node.kind === 'end') return `End · ${resultWords(node)}`;
  if (node.kind === 'action' && node.action === 'grade') return 'Grade';
  return KIND_WORDS[node.kind];
}

/** What an action does, in words ("dispatch → ambulance"); undefined for grading and non-actions. */
export function actionWords(node: GraphNode): string | undefined {
  if (node.action === 'grade') return undefined;
  const text = [node.action, node.to ? `→ ${node.to}` : ''].filter(Boolean).join(' ');
  return text || undefined;
}

/** A grading step's grade and category ("EMERGENCY · category 304"). */
export function gradeWords(node: GraphNode): string | undefined {
  if (!node.grade) return undefined;
  return node.category ? `${node.grade} · category ${node.category}` : node.grade;
}

/**
 * The lines that describe a step under its heading, whole: what is said (or the choice's question),
 * what an action does, the grade with category and rationale.
 */
export function stepLines(node: GraphNode): string[] {
  const lines: string[] = [];
  const text = node.text.trim();
  if (text) lines.push(text);
  const action = actionWords(node);
  if (action) lines.push(action);
  const grade = gradeWords(node);
  if (grade) lines.push(`Grade ${grade}`);
  if (node.rationale) lines.push(`Why: ${node.rationale.trim()}`);
  return lines;
}

/** An option's score with its sign ("+3", "-10", "0"). */
export function scoreWords(score: number): string {
  return score > 0 ? `+${score}` : String(score);
}

/** The parts of an edge's label: the option (or timeout) text, its score, its critical-failure reason. */
export interface EdgeWords {
  label: string;
  score?: string;
  critical?: string;
}

/** An edge's words, whole; empty label for a plain `next`. */
export function edgeWords(edge: GraphEdge): EdgeWords {
  const words: EdgeWords = { label: (edge.label ?? '').trim() };
  if (edge.score !== undefined) words.score = `score ${scoreWords(edge.score)}`;
  if (edge.critical) words.critical = `Critical failure: ${edge.critical.trim()}`;
  return words;
}

/** One line of an edge's words before wrapping. */
export interface EdgeLine {
  text: string;
  kind: 'label' | 'score' | 'critical';
}

/** An edge's label as lines: the option (or timeout), its score, then the critical-failure reason. */
export function edgeLines(edge: GraphEdge): EdgeLine[] {
  const w = edgeWords(edge);
  const lines: EdgeLine[] = [];
  if (w.label) lines.push({ text: w.label, kind: 'label' });
  if (w.score) lines.push({ text: w.score, kind: 'score' });
  if (w.critical) lines.push({ text: w.critical, kind: 'critical' });
  return lines;
}
