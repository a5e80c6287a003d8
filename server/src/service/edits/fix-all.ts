/**
 * The fixes applied without a person choosing (`callflow check --fix`): among the quick fixes the rules
 * and code actions already offer, only those that cannot change what a scenario means:
 * - the did-you-mean of a step id (`next`, `start`), a fixed value, a step kind, a property name or a code;
 * - text put in quotes exactly as written (text cut by a `#`, or holding `: `);
 * - a missing property added with a placeholder, kept only when the file then checks better.
 * Every fix is applied as the editor would apply it (same edits, built by edits/builder.ts), so comments,
 * line endings and formatting stay; and a round of fixes is kept only when the file checks better after it.
 */
import { addMissingProperty } from '../features/actions';
import type { ScenarioDocument } from '../syntax/parse';
import type { Fix, Problem, TextEdit } from '../model/types';
import type { LineIndex } from '../syntax/text';
import type { EditTarget } from './builder';

/** Rules whose preferred quick fix is a did-you-mean replacement of a name or a value. */
const DID_YOU_MEAN = new Set<string>([
  'schema/enum',
  'schema/step-kind',
  'schema/unknown-property',
  'flow/dangling-next',
  'flow/unknown-start',
  'code/unknown',
]);

/** A fix that was applied, for the report. */
export interface AppliedFix {
  ruleId: string;
  /** The problem's message. */
  message: string;
  /** The fix's title ("Change to `grade-call`"). */
  title: string;
  /** Where the problem was (0-based, in the text as it was before the round that fixed it). */
  line: number;
  character: number;
}

/** The outcome of fixing one text. */
export interface FixResult {
  text: string;
  applied: AppliedFix[];
}

/** A document and its problems: what fixAll needs from a check. */
export interface Checked {
  doc: ScenarioDocument;
  problems: Problem[];
}

/** True when a fix replaces text by the same text in double quotes. */
function onlyQuotes(text: string, lines: LineIndex, fix: Fix): boolean {
  if (fix.edits.length !== 1) return false;
  const [edit] = fix.edits;
  const written = text.slice(lines.offset(edit.range.start), lines.offset(edit.range.end));
  try {
    return edit.newText.startsWith('"') && JSON.parse(edit.newText) === written;
  } catch {
    return false;
  }
}

/**
 * A problem's fix `--fix` may apply, or undefined. `conditional` fixes (a placeholder) are kept only when
 * the file checks better with them.
 */
export function safeFix(
  doc: ScenarioDocument,
  problem: Problem,
): { fix: Fix; conditional: boolean } | undefined {
  const preferred = problem.fixes?.find((f) => f.preferred);
  if (preferred && DID_YOU_MEAN.has(problem.ruleId)) return { fix: preferred, conditional: false };
  const quoting = problem.fixes?.find((f) => onlyQuotes(doc.text, doc.lines, f));
  if (quoting) return { fix: quoting, conditional: false };
  if (problem.ruleId === 'schema/required') {
    const fix = addMissingProperty(doc, problem);
    if (fix) return { fix, conditional: true };
  }
  return undefined;
}

/**
 * True when `--fix` can probably fix the problem (what the reports mark), judged without re-checking:
 * a did-you-mean or quoting fix it carries, or a missing property. `target` is the checked text.
 */
export function isFixable(problem: Problem, target: EditTarget): boolean {
  if (problem.ruleId === 'schema/required') return problem.data?.kind === 'missing-property';
  if (problem.fixes?.some((f) => f.preferred) && DID_YOU_MEAN.has(problem.ruleId)) return true;
  return !!problem.fixes?.some((f) => onlyQuotes(target.text, target.lines, f));
}

/** Applies non-overlapping edits to a text (offsets through the document's line index). */
export function applyEdits(text: string, lines: LineIndex, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}

/** How badly a text checks: errors outweigh any number of warnings, warnings any number of infos. */
function weight(problems: readonly Problem[]): number {
  let w = 0;
  for (const p of problems) w += p.severity === 'error' ? 1e6 : p.severity === 'warning' ? 1e3 : 1;
  return w;
}

interface Candidate {
  problem: Problem;
  fix: Fix;
  conditional: boolean;
  from: number;
  to: number;
}

/** The safe fixes of a check whose edits do not overlap one another, in text order. */
function candidates(checked: Checked): Candidate[] {
  const { doc } = checked;
  const all: Candidate[] = [];
  for (const problem of checked.problems) {
    const found = safeFix(doc, problem);
    if (!found) continue;
    const offsets = found.fix.edits.flatMap((e) => [
      doc.lines.offset(e.range.start),
      doc.lines.offset(e.range.end),
    ]);
    all.push({ problem, ...found, from: Math.min(...offsets), to: Math.max(...offsets) });
  }
  all.sort((a, b) => a.from - b.from || a.to - b.to);
  const kept: Candidate[] = [];
  let end = -1;
  for (const c of all) {
    // Two fixes touching the same text: the first one now, the other in the next round (if still needed).
    if (c.from < end || (c.from === end && kept.length && c.from === c.to)) continue;
    kept.push(c);
    end = Math.max(end, c.to);
  }
  return kept;
}

function applied(c: Candidate): AppliedFix {
  return {
    ruleId: c.problem.ruleId,
    message: c.problem.message,
    title: c.fix.title,
    line: c.problem.range.start.line,
    character: c.problem.range.start.character,
  };
}

/** One round: the candidates together when that checks better, else each one that does on its own. */
function round(
  checked: Checked,
  check: (text: string) => Checked,
): { next: Checked; done: AppliedFix[] } | undefined {
  const list = candidates(checked);
  if (!list.length) return undefined;
  const { doc } = checked;
  const before = weight(checked.problems);
  const together = check(
    applyEdits(
      doc.text,
      doc.lines,
      list.flatMap((c) => c.fix.edits),
    ),
  );
  if (weight(together.problems) < before && !list.some((c) => c.conditional))
    return { next: together, done: list.map(applied) };
  let current = checked;
  const done: AppliedFix[] = [];
  // One at a time, last first: the edits of earlier candidates keep their positions.
  for (const c of [...list].reverse()) {
    const trial = check(applyEdits(current.doc.text, current.doc.lines, c.fix.edits));
    if (weight(trial.problems) < weight(current.problems)) {
      current = trial;
      done.unshift(applied(c));
    }
  }
  return done.length ? { next: current, done } : undefined;
}

/**
 * Applies the safe fixes to a text until none is left (at most `rounds` rounds), re-checking after each
 * round with `check`; returns the fixed text and what was applied. Never returns a text that checks worse.
 */
export function fixAll(text: string, check: (text: string) => Checked, rounds = 10): FixResult {
  let checked = check(text);
  const all: AppliedFix[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = round(checked, check);
    if (!r) break;
    checked = r.next;
    all.push(...r.done);
  }
  return { text: checked.doc.text, applied: all };
}
