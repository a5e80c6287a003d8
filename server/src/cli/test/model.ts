/**
 * What `callflow test` found, as plain data for its reporters: each run file with its runs replayed,
 * coverage per scenario, what could not be read, and the verdict (exit code and why).
 */
import type { Problem, RunCoverage, RunFailure } from '../../service';
import type { Unreadable } from '../check';

/** The version of `callflow test --format json` (a change that removes or renames a field bumps it). */
export const TEST_REPORT_VERSION = 1;

/** One run, replayed. */
export interface TestedRun {
  name: string;
  /** Where its `name:` is (1-based), for annotations and reports. */
  line: number;
  column: number;
  passed: boolean;
  /** Every difference; the first is what the run's report shows. */
  failures: RunFailure[];
  /** Where it ended, when it reached an end. */
  end?: string;
  result?: string;
  score?: number;
  seconds?: number;
}

/** One run file. */
export interface TestedFile {
  path: string;
  /** Relative to the working directory, with `/`. */
  display: string;
  scenario: { path: string; display: string };
  /** Problems of the run file itself (YAML, shape); an error among them fails the file. */
  problems: Problem[];
  runs: TestedRun[];
  /** Why the runs could not be replayed at all (the scenario is missing or unreadable): exit 2. */
  error?: string;
}

/** Coverage of one scenario by all of its run files. */
export interface ScenarioCoverage {
  scenario: string;
  coverage: RunCoverage;
  /** True for a scenario in a folder searched that no run file replays (it counts, at 0%). */
  withoutRuns?: boolean;
}

/** A config or catalogue file with problems (an error among them: exit 2, as `callflow check`). */
export interface ProjectProblems {
  display: string;
  problems: Problem[];
}

/** Everything a reporter needs. */
export interface TestReport {
  files: TestedFile[];
  unreadable: Unreadable[];
  projectProblems: ProjectProblems[];
  /** Present with `--coverage` or `--min-coverage`. */
  coverage?: { scenarios: ScenarioCoverage[]; covered: number; total: number; percent: number; min?: number };
  summary: TestSummary;
}

/** The counts and the verdict. */
export interface TestSummary {
  files: number;
  runs: number;
  passed: number;
  failed: number;
  /** 0 every run passed; 1 a run or run file failed, or coverage is under `--min-coverage`; 2 input that cannot be used. */
  exitCode: 0 | 1 | 2;
  /** Why the exit code is not 0, one sentence each. */
  reasons: string[];
  /** The reasons that make it 2 (input that cannot be used), also written to stderr. */
  fatal: string[];
}

/** A run file fails when it has an error of its own, a run that failed, or cannot be replayed. */
export function fileFailed(f: TestedFile): boolean {
  return (
    f.error !== undefined || f.problems.some((p) => p.severity === 'error') || f.runs.some((r) => !r.passed)
  );
}

/** `n thing(s)`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
