/** What every reporter receives, and helpers they share. */
import type { CheckRun, FileResult } from '../check';
import { isFixable, LineIndex, type RuleInfo, type Problem, type Severity } from '../../service';
import type { Verdict } from '../verdict';

/** Problem counts by severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The input of a reporter. */
export interface ReportContext {
  run: CheckRun;
  /** The tool version. */
  version: string;
  /** ANSI colour allowed (stylish only). */
  color: boolean;
  /** The least severity that fails the run (`--fail-on`). */
  failOn: Severity;
  rules: readonly RuleInfo[];
  /** The exit code the run will end with (some formats record success). */
  exitCode: number;
  /** Why the run fails (the same as `exitCode`, with its reasons). */
  verdict: Verdict;
  /** The base of the rule documentation links (`--rules-docs-url`; SARIF `helpUri`). */
  rulesDocsUrl?: string;
}

/** A reporter turns a run into the text of one format. */
export type Reporter = (ctx: ReportContext) => string;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** True when a problem of this severity fails the run under `failOn`. */
export function isFailing(severity: Severity, failOn: Severity): boolean {
  return RANK[severity] <= RANK[failOn];
}

/** Counts problems by severity. */
export function countProblems(problems: readonly Problem[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) {
    if (p.severity === 'error') c.errors++;
    else if (p.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** Every file of the run with its problems: config and catalogue files first, then scenarios. */
export function allFiles(run: CheckRun): FileResult[] {
  return [...run.projectFiles, ...run.files];
}

/** One-based line and column numbers of a problem (UTF-16 columns, as the editor shows them). */
export function oneBased(p: Problem): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
  };
}

/** `n thing` / `n things`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The problems of a scenario that `--fix` can probably fix (none in a config or catalogue: --fix leaves those). */
export function fixableIn(file: FileResult, run: CheckRun): Set<Problem> {
  // No line index over a file without problems (most files of a clean run).
  if (!file.problems.length || run.projectFiles.includes(file)) return new Set();
  const target = { text: file.text, lines: new LineIndex(file.text) };
  return new Set(file.problems.filter((p) => isFixable(p, target)));
}
