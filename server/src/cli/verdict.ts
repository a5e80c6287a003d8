/**
 * Why a check passes or fails: the exit code and the reasons behind it, in words every report format
 * carries (json `summary.reasons`, SARIF notifications, a JUnit case, a GitHub `::error::`, stylish).
 */
import type { CheckRun, Unreadable } from './check';
import { EXIT } from './errors';
import { allFiles, countProblems, isFailing, plural } from './reporters/report';
import type { Severity } from '../service';

/** The `--max-warnings` limit against the warnings counted. */
export interface WarningLimit {
  limit: number;
  warnings: number;
  exceeded: boolean;
}

/** One reason a run fails. */
export interface Reason {
  kind: 'project' | 'unreadable' | 'problems' | 'max-warnings';
  message: string;
}

/** The outcome of a run and why. */
export interface Verdict {
  exitCode: number;
  /** Why the run fails, one sentence each (empty when it passes). */
  reasons: Reason[];
  /** Set when `--max-warnings` was given (and is not -1). */
  maxWarnings?: WarningLimit;
  /** Paths that could not be read. */
  unreadable: Unreadable[];
}

function failingWords(n: number, failOn: Severity): string {
  if (failOn === 'error') return plural(n, 'error');
  return `${plural(n, 'problem')} of severity ${failOn} or worse (--fail-on ${failOn})`;
}

/** What a verdict is decided from (a run, or merged reports). */
export interface VerdictFacts {
  projectErrors: boolean;
  unreadable: Unreadable[];
  /** Problems at or above `failOn`. */
  failing: number;
  warnings: number;
  failOn: Severity;
  maxWarnings?: number;
}

/** Decides the exit code and says why. */
export function decide(f: VerdictFacts): Verdict {
  const reasons: Reason[] = [];
  const add = (kind: Reason['kind'], message: string) => reasons.push({ kind, message });
  if (f.projectErrors)
    add('project', 'The config or catalogue has errors (reported with the problems): fix them first.');
  for (const u of f.unreadable) add('unreadable', u.message);
  if (f.failing) add('problems', `${failingWords(f.failing, f.failOn)}.`);
  const limit =
    f.maxWarnings === undefined
      ? undefined
      : { limit: f.maxWarnings, warnings: f.warnings, exceeded: f.warnings > f.maxWarnings };
  if (limit?.exceeded)
    add('max-warnings', `${plural(f.warnings, 'warning')}, more than --max-warnings ${limit.limit} allows.`);
  const exitCode =
    f.projectErrors || f.unreadable.length
      ? EXIT.fatal
      : f.failing || limit?.exceeded
        ? EXIT.problems
        : EXIT.ok;
  return { exitCode, reasons, ...(limit ? { maxWarnings: limit } : {}), unreadable: f.unreadable };
}

/** Decides the exit code of a run and says why. */
export function verdictOf(run: CheckRun, failOn: Severity, maxWarnings: number | undefined): Verdict {
  const everything = allFiles(run).flatMap((f) => f.problems);
  return decide({
    projectErrors: run.projectFiles.some((f) => f.problems.some((p) => p.severity === 'error')),
    unreadable: run.unreadable,
    failing: everything.filter((p) => isFailing(p.severity, failOn)).length,
    warnings: countProblems(everything).warnings,
    failOn,
    maxWarnings,
  });
}
