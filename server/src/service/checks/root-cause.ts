/**
 * One mistake, one problem, first. A YAML slip (a tab, a key indented too far or not far enough, `: `
 * inside unquoted text, an unknown `*alias`, a step id written twice) changes the shape of everything
 * after it, and the checks then report what the misread document lacks: steps that "lead nowhere",
 * "need a `kind:`", cannot be reached. Those follow only from the slip.
 *
 * So when the document has such a root problem, it is said first in a trainer's words, on the line of
 * the slip, with a fix where the fix is clear; and the problems it spoils are held back until it is
 * fixed (the root says how many):
 * - a syntax error spoils its own block (the step, or the top-level key, it is in) and everything after
 *   it, and the flow model, so every flow and domain problem waits;
 * - a step id written twice leaves the document readable, but the flow keeps only the last step of that
 *   id, so the flow and domain problems wait (but those of value rules, which read one value each).
 * Problems before the spoiled block that do not depend on the flow (schema, codes) stay.
 *
 * Diagnosis reads the source lines around the reported error, not the YAML parser's wording.
 */
import type { ScenarioDocument } from '../syntax/parse';
import type { Fix, Problem, Range } from '../model/types';
import { didYouMean } from './didyoumean';
import { code } from '../syntax/text';
import { RULES } from './rules';

/** Keys a step may have: a "step" with one of these ids is a property indented too little. */
const STEP_KEYS = new Set([
  'kind',
  'say',
  'speaker',
  'notes',
  'seconds',
  'next',
  'timeout',
  'facts',
  'quote',
  'event',
  'asks',
  'yesNo',
  'action',
  'to',
  'grade',
  'rationale',
  'justification',
  'category',
  'qualifiers',
  'ambulance',
  'determinant',
  'handover',
  'prompt',
  'choices',
  'outcome',
]);

/**
 * Rules whose problems depend on the flow (the steps and their links): a step id written twice changes
 * them. Value rules (a phone number, text cut by a comment) read one value each and stay.
 */
const FLOW_RULES = new Set(
  RULES.filter((r) => !r.checkValues && /^(flow|domain)\//.test(r.id)).map((r) => r.id),
);

/** A root problem found in the source, and the line its block starts on. */
interface Root {
  problem: Problem;
  /** The problem it was found from (replaced by `problem`). */
  from: Problem;
  /** First line of the block the slip spoils (held back from there on); -1 when only the flow is spoiled. */
  spoils: number;
}

/** The source lines of a document, with the small questions diagnosis asks of them. */
class Source {
  private block: { from: number; to: number; indent: number } | undefined;
  private ids: Map<string, number[]> | undefined;
  constructor(private readonly doc: ScenarioDocument) {}
  /**
   * The top-level `steps:` block: from its `steps:` line to the next top-level key, and the indentation
   * of its step ids (-1 when there is none).
   */
  get steps(): { from: number; to: number; indent: number } {
    if (this.block) return this.block;
    let from = -1;
    for (let i = 0; i < this.count && from < 0; i++) if (/^steps:\s*(#.*)?$/.test(this.text(i))) from = i;
    let to = this.count;
    for (let i = from + 1; from >= 0 && i < this.count; i++)
      if (this.content(i) && this.indent(i) === 0 && !/^\t/.test(this.text(i))) {
        to = i;
        break;
      }
    const first = from >= 0 ? this.next(from) : -1;
    return (this.block = { from, to, indent: first >= 0 && first < to ? this.indent(first) : -1 });
  }
  /** True when a line is inside the `steps:` block. */
  inSteps(line: number): boolean {
    return line > this.steps.from && line < this.steps.to && this.steps.from >= 0;
  }
  /** The lines of step ids written as `id`. */
  stepLines(id: string): number[] {
    if (!this.ids) {
      this.ids = new Map();
      const { from, to, indent } = this.steps;
      for (let i = from + 1; from >= 0 && i < to; i++) {
        const k = this.indent(i) === indent ? this.key(i) : undefined;
        if (k !== undefined) this.ids.set(k, [...(this.ids.get(k) ?? []), i]);
      }
    }
    return this.ids.get(id) ?? [];
  }
  get count(): number {
    return this.doc.lines.lineCount;
  }
  text(i: number): string {
    return i >= 0 && i < this.count ? this.doc.lines.lineText(i).replace(/\r$/, '') : '';
  }
  indent(i: number): number {
    return /^ */.exec(this.text(i))![0].length;
  }
  /** True for a line with something other than a comment on it. */
  content(i: number): boolean {
    const t = this.text(i).trim();
    return t !== '' && !t.startsWith('#');
  }
  prev(i: number): number {
    for (let j = i - 1; j >= 0; j--) if (this.content(j)) return j;
    return -1;
  }
  next(i: number): number {
    for (let j = i + 1; j < this.count; j++) if (this.content(j)) return j;
    return -1;
  }
  /** The key a line starts with (`say` for `    say: …` and `  - say: …`). */
  key(i: number): string | undefined {
    return /^\s*(?:- +)?([A-Za-z_][\w-]*)\s*:(?:\s|$)/.exec(this.text(i))?.[1];
  }
  /** True when a line opens a block its deeper lines belong to (`key:`, `key: |`, `- `, `key: >-`). */
  opens(i: number): boolean {
    const t = this.text(i).replace(/\s+#.*$/, '');
    return /:\s*([|>][-+0-9]*)?\s*$/.test(t) || /^\s*-\s*$/.test(t);
  }
  /** The indentation of keys that are siblings of the line's key (`- a: 1` → the column of `a`). */
  siblingIndent(i: number): number {
    const m = /^(\s*)(- +)?/.exec(this.text(i))!;
    return m[1].length + (m[2]?.length ?? 0);
  }
  range(line: number, from: number, to: number): Range {
    return { start: { line, character: from }, end: { line, character: to } };
  }
  /** A fix setting a line's indentation. */
  indentFix(i: number, spaces: number, title: string): Fix {
    const lead = /^[ \t]*/.exec(this.text(i))![0].length;
    return {
      title,
      preferred: true,
      edits: [{ range: this.range(i, 0, lead), newText: ' '.repeat(spaces) }],
    };
  }
}

/** The problems in the order a trainer should read them: each root first, what it spoils held back. */
export function rootCauseFirst(doc: ScenarioDocument, problems: readonly Problem[]): Problem[] {
  const src = new Source(doc);
  const roots = findRoots(src, problems);
  if (!roots.length) return [...problems];
  const syntaxFrom = Math.min(...roots.map((r) => (r.spoils < 0 ? Infinity : r.spoils)));
  const rootSet = new Set(roots.map((r) => r.from));
  const kept: Problem[] = [];
  let held = 0;
  for (const p of problems) {
    if (rootSet.has(p)) continue;
    const line = p.range.start.line;
    const graph = FLOW_RULES.has(p.ruleId);
    const spoiled = line >= syntaxFrom;
    if (graph || spoiled) held++;
    else kept.push(p);
  }
  const first = roots.map((r, i) =>
    i === 0 && held > 0
      ? {
          ...r.problem,
          message: `${r.problem.message} (${held} other problem${held === 1 ? '' : 's'} that may follow from it ${held === 1 ? 'is' : 'are'} held back until it is fixed.)`,
        }
      : r.problem,
  );
  return [...first, ...kept];
}

/** The root problems: the first syntax error (diagnosed), step ids written twice, properties read as steps. */
function findRoots(src: Source, problems: readonly Problem[]): Root[] {
  const roots: Root[] = [];
  const syntax = problems.filter((p) => p.ruleId === 'yaml/syntax');
  if (syntax.length) {
    const first = syntax.reduce((a, b) => (b.range.start.line < a.range.start.line ? b : a));
    const diagnosed = diagnose(src, first.range.start.line) ?? first;
    const line = Math.min(diagnosed.range.start.line, first.range.start.line);
    // An indentation slip may belong to the block above it: that block is spoiled too.
    const spoils = Math.min(blockStart(src, line), blockStart(src, Math.max(src.prev(line), 0)));
    roots.push({ problem: diagnosed, from: first, spoils });
  }
  const candidates = problems.filter((p) => p.ruleId === 'yaml/duplicate-key' || p.ruleId === 'schema/type');
  const stepIndent = candidates.length ? src.steps.indent : -1; // reads every line: only when needed
  for (const p of candidates) {
    const line = p.range.start.line;
    if (p.ruleId === 'yaml/duplicate-key' && src.indent(line) === stepIndent && src.inSteps(line))
      roots.push({ problem: duplicateStep(src, p), from: p, spoils: -1 });
    else if (
      !syntax.length &&
      p.ruleId === 'schema/type' &&
      src.indent(line) === stepIndent &&
      STEP_KEYS.has(src.key(line) ?? '') &&
      p.range.start.character > stepIndent
    ) {
      const under = readAsStep(src, line);
      if (under) roots.push({ problem: under, from: p, spoils: blockStart(src, src.prev(line)) });
    }
  }
  return roots.sort((a, b) => a.problem.range.start.line - b.problem.range.start.line);
}

/** The first line of the block a line is in: its step (inside `steps:`) or its top-level key. */
function blockStart(src: Source, line: number): number {
  const stepIndent = src.inSteps(line) ? src.steps.indent : 0;
  for (let i = line; i >= 0; i--)
    if (src.content(i) && src.indent(i) <= Math.max(stepIndent, 0) && !/^\s*\t/.test(src.text(i))) return i;
  return 0;
}

/** A trainer's account of the syntax error reported on `line`, found in the lines around it. */
function diagnose(src: Source, line: number): Problem | undefined {
  const near = (from: number, to: number) => {
    const out: number[] = [];
    for (let i = Math.max(0, line + from); i <= Math.min(src.count - 1, line + to); i++) out.push(i);
    return out;
  };
  for (const i of near(-2, 1)) {
    const p = tab(src, i);
    if (p) return p;
  }
  const alias = unknownAlias(src);
  if (alias) return alias;
  for (const i of near(-1, 1)) {
    const p = colonInText(src, i);
    if (p) return p;
  }
  const shallow = tooShallow(src, line);
  if (shallow) return shallow;
  for (const i of near(-1, 1)) {
    const p = tooDeep(src, i);
    if (p) return p;
  }
  return undefined;
}

function problem(range: Range, message: string, fixes: Fix[] = []): Problem {
  return { ruleId: 'yaml/syntax', severity: 'error', message, range, ...(fixes.length ? { fixes } : {}) };
}

/** The indentation a line should have: its previous line's, or deeper when that line opens a block. */
function expectedIndent(src: Source, i: number): number {
  const p = src.prev(i);
  if (p < 0) return 0;
  return src.opens(p) ? src.siblingIndent(p) + 2 : src.siblingIndent(p);
}

function tab(src: Source, i: number): Problem | undefined {
  const lead = /^[ \t]*/.exec(src.text(i))![0];
  if (!lead.includes('\t')) return undefined;
  const spaces = expectedIndent(src, i);
  return problem(
    src.range(i, 0, lead.length),
    `This line is indented with a tab, and YAML indents with spaces only: indent it with ${spaces} spaces.`,
    [src.indentFix(i, spaces, `Indent with ${spaces} spaces`)],
  );
}

/** The value of a `key: value` line: where it starts and its text (without a trailing comment). */
function valueOf(src: Source, i: number): { from: number; text: string } | undefined {
  const m = /^(\s*(?:- +)?[A-Za-z_][\w-]*\s*:\s+)(.*?)\s*(\s#.*)?$/.exec(src.text(i));
  return m && m[2] ? { from: m[1].length, text: m[2] } : undefined;
}

function colonInText(src: Source, i: number): Problem | undefined {
  const v = valueOf(src, i);
  if (!v || /^["'[{|>&*!]/.test(v.text) || !/:\s/.test(v.text)) return undefined;
  const key = src.key(i)!;
  return problem(
    src.range(i, v.from, v.from + v.text.length),
    `The text of \`${key}:\` contains \`: \`, which YAML reads as the start of another key: put the whole text in quotes.`,
    [
      {
        title: 'Put the text in quotes',
        preferred: true,
        edits: [{ range: src.range(i, v.from, v.from + v.text.length), newText: JSON.stringify(v.text) }],
      },
    ],
  );
}

function unknownAlias(src: Source): Problem | undefined {
  const anchors = new Set<string>();
  for (let i = 0; i < src.count; i++)
    for (const m of src.text(i).matchAll(/(?:^|[\s[{,])&([^\s,[\]{}]+)/g)) anchors.add(m[1]);
  for (let i = 0; i < src.count; i++) {
    const m = /^(\s*(?:- +)?(?:[A-Za-z_][\w-]*\s*:\s+)?)\*([^\s,[\]{}]+)/.exec(src.text(i));
    if (!m || anchors.has(m[2])) continue;
    const at = src.range(i, m[1].length, m[1].length + 1 + m[2].length);
    const guess = didYouMean(m[2], anchors);
    const v = valueOf(src, i);
    const fixes: Fix[] = [];
    if (guess)
      fixes.push({
        title: `Change to *${guess}`,
        preferred: true,
        edits: [{ range: at, newText: `*${guess}` }],
      });
    if (v)
      fixes.push({
        title: 'Put the text in quotes',
        preferred: !guess,
        edits: [{ range: src.range(i, v.from, v.from + v.text.length), newText: JSON.stringify(v.text) }],
      });
    const why = guess
      ? `Did you mean ${code('*' + guess)}?`
      : anchors.size
        ? `The anchors set in this file are ${[...anchors].map((a) => code('&' + a)).join(', ')}.`
        : 'This file sets no anchors: to write text that starts with `*`, put it in quotes.';
    return problem(
      at,
      `${code('*' + m[2])} refers to an anchor ${code('&' + m[2])} that this file does not set. ${why}`,
      fixes,
    );
  }
  return undefined;
}

function tooDeep(src: Source, i: number): Problem | undefined {
  const key = src.key(i);
  const p = src.prev(i);
  if (!key || p < 0 || src.opens(p) || !src.key(p)) return undefined;
  const want = src.siblingIndent(p);
  if (src.indent(i) <= want) return undefined;
  return problem(
    src.range(i, 0, src.indent(i)),
    `\`${key}:\` is indented deeper than \`${src.key(p)}:\` above it: give it the same indentation (${want} spaces).`,
    [src.indentFix(i, want, `Indent with ${want} spaces`)],
  );
}

/**
 * A key indented less than its siblings, found from the line YAML stumbles on after it (`errLine`): that
 * line goes back to the siblings' indentation, and the first line above it that is not deeper is the
 * slip — a key with a value (not a block opener such as a step id), under a sibling at that indentation.
 */
function tooShallow(src: Source, errLine: number): Problem | undefined {
  if (!src.key(errLine)) return undefined;
  const want = src.siblingIndent(errLine);
  let i = src.prev(errLine);
  while (i >= 0 && src.indent(i) > want) i = src.prev(i);
  const key = i >= 0 ? src.key(i) : undefined;
  const p = src.prev(i);
  if (!key || src.indent(i) >= want || p < 0 || !src.key(p) || src.siblingIndent(p) !== want)
    return undefined;
  if (/:\s*(#.*)?$/.test(src.text(i)) || src.opens(p)) return undefined;
  return problem(
    src.range(i, 0, Math.max(src.indent(i), 1)),
    `\`${key}:\` is indented less than \`${src.key(p)}:\` above it: give it the same indentation (${want} spaces).`,
    [src.indentFix(i, want, `Indent with ${want} spaces`)],
  );
}

/** A step property written at the indentation of step ids: YAML reads it as a step of its own. */
function readAsStep(src: Source, i: number): Problem | undefined {
  const p = src.prev(i);
  if (p < 0 || !src.key(p) || src.indent(p) <= src.indent(i)) return undefined;
  const want = src.siblingIndent(p);
  const key = src.key(i)!;
  return problem(
    src.range(i, 0, src.indent(i) + key.length),
    `\`${key}:\` is indented less than \`${src.key(p)}:\` above it, so YAML reads it as a step called \`${key}\`: give it the same indentation (${want} spaces).`,
    [src.indentFix(i, want, `Indent with ${want} spaces`)],
  );
}

/** The duplicate-key problem of a step id, saying which step YAML keeps. */
function duplicateStep(src: Source, p: Problem): Problem {
  const line = p.range.start.line;
  const id = src.key(line) ?? '';
  const others = src
    .stepLines(id)
    .filter((i) => i !== line)
    .map((i) => i + 1);
  const last = Math.max(line + 1, ...others);
  const dropped = [line + 1, ...others].filter((l) => l !== last).sort((a, b) => a - b);
  const kept =
    last === line + 1
      ? `YAML keeps this one (line ${last}) and drops the one on line ${dropped.join(', ')}`
      : `YAML keeps the one on line ${last} and drops this one`;
  return {
    ...p,
    message: `The step id ${code(id)} is written twice: ${kept}, so every \`next: ${id}\` leads to line ${last}. Rename one of them.`,
  };
}
