/**
 * The recorded-runs file (`*.runs.yaml`, beside its `*.scenario.yaml`): what it says, as plain data with
 * the source range of every element, so the editor can put problems, completion and code lenses on it.
 * The format is described in docs/runs.md and schemas/runs.schema.json.
 */
import type { Problem, Range } from '../model/types';
import type { RunInput, RunRequest, RunView, StartState } from '../../shared/rehearsal';

/** The version a run file declares (`callflow-runs: 1`). */
export const RUNS_FORMAT_VERSION = 1;

/** How a run file's name ends, and how its scenario's does. */
export const RUNS_SUFFIX = '.runs.yaml';
export const SCENARIO_SUFFIX = '.scenario.yaml';

/** A value as written, with where. */
export interface Located<T> {
  value: T;
  range: Range;
}

/** The results a debrief gives (`expect.result`). */
export const RUN_RESULTS = ['pass', 'acceptable', 'fail', 'critical-failure'] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

/** How a time target fares (`expect.targets`). */
export const TARGET_STATUSES = ['met', 'missed', 'open'] as const;
export type TargetExpectation = (typeof TARGET_STATUSES)[number];

/** The time targets a scenario can set. */
export const TARGET_KEYS = ['location', 'grade', 'dispatch'] as const;

/** A number expected exactly (`min === max`) or within a range (either end may be open). */
export interface NumberRange {
  min?: number;
  max?: number;
}

/** The codes a run can expect to have been given (the one in force at the end). */
export const CODE_EXPECTATIONS = ['grade', 'category', 'ambulance'] as const;
export type CodeExpectationKey = (typeof CODE_EXPECTATIONS)[number];

/** The word that expects nothing given (`ambulance: none`, `critical: none`). */
export const NONE = 'none';

/**
 * What a run expects at its end. Each expectation is optional; a run with none only checks that its
 * choices still fit and that it reaches an end.
 */
export interface RunExpect {
  /** The `expect:` mapping's range (or the run's, when absent). */
  range: Range;
  /** The end step reached. */
  end?: Located<string>;
  /** The debrief's result (a critical failure on the route overrides the end's own result). */
  result?: Located<RunResult>;
  /** The score at the end: exact (`score: 40`) or a range (`score: {min: 30, max: 45}`). */
  score?: Located<NumberRange>;
  /** The scripted clock at the end, in seconds (exact or a range). */
  seconds?: Located<NumberRange>;
  /** Codes in force at the end; the value `none` expects that none was given. */
  codes: { key: CodeExpectationKey; value: Located<string> }[];
  /** Time targets: met, missed or open at the end. */
  targets: { key: string; keyRange: Range; value: Located<TargetExpectation> }[];
  /**
   * A critical failure on the route whose reason contains this text (ignoring case), or `none` for a
   * route without a critical failure.
   */
  critical?: Located<string>;
}

/** One choice of a run, as written. */
export interface RunChoice {
  /** What the engine is given: `{ choose }` (option label or target step) or `{ timeout: true }`. */
  input: RunInput;
  /** The text as written (the label or step; `timeout` for a timeout). */
  text: string;
  range: Range;
}

/** Where a run starts. */
export interface RunStartSpec {
  range: Range;
  /** The step (default: the scenario's `start:`). */
  step?: Located<string>;
  /** What is already known and done when the run starts. */
  state?: StartState;
}

/** One recorded run. */
export interface RecordedRun {
  /** Position in the file. */
  index: number;
  name: string;
  /** The `name:` value's range (where a code lens or a failure goes). */
  nameRange: Range;
  /** The whole run item. */
  range: Range;
  start?: RunStartSpec;
  choices: RunChoice[];
  /** The `choices:` list's range (or the run's, when absent): completion of a new choice goes there. */
  choicesRange: Range;
  expect: RunExpect;
}

/** A parsed run file. */
export interface RunFile {
  uri: string;
  version: number | undefined;
  /** The `scenario:` path as written (relative to the run file), when given. */
  scenario?: Located<string>;
  runs: RecordedRun[];
  /** Problems of the file itself (YAML, shape, values), with ranges. Never thrown. */
  problems: Problem[];
}

/** What kind of difference a failed run shows (the problem's rule id in the editor). */
export type RunFailureKind = 'runs/unknown-choice' | 'runs/unknown-step' | 'runs/failed';

/** A difference between what a run expects and what its replay did. */
export interface RunFailure {
  ruleId: RunFailureKind;
  /** What differs: `start`, `choice`, `end`, `result`, `score`, `seconds`, `grade`, `category`, `ambulance`, `targets.<key>`, `critical`, or `reached` (no end was reached). */
  what: string;
  /**
   * The difference in a trainer's words, e.g. expected end `officers-arrive`, reached `line-drops` at
   * 00:45 after choosing "…".
   */
  message: string;
  /** Where in the run file: the choice or the expectation that differs (the run's name otherwise). */
  range: Range;
  /** The expected and actual values, as short text, for reporters (JUnit, JSON). */
  expected?: string;
  actual?: string;
}

/** A run replayed and compared. */
export interface RunOutcome {
  run: RecordedRun;
  passed: boolean;
  /** Every difference, in the order the file writes them (the first choice that does not fit stops the rest). */
  failures: RunFailure[];
  /** What the replay sent to the engine: what the editor's "▶ Replay" asks the rehearsal panel to play. */
  request: RunRequest;
  /** The replay itself. */
  view: RunView;
}

/** How much of a scenario its recorded runs exercise. */
export interface RunCoverage {
  /** Every option at a decision the start can reach (a choice's option, a timeout, a `Continue`), and the runs that took it. */
  options: { step: string; label: string; next: string; runs: string[] }[];
  /** Every end the start can reach, and the runs that ended there. */
  ends: { step: string; runs: string[] }[];
  /** Steps no run plays (for the preview's shading). */
  unplayed: string[];
  /** Options and ends taken, out of all of them. */
  covered: number;
  total: number;
  /** covered / total as a percentage (100 when there is nothing to cover), rounded down to one decimal. */
  percent: number;
}

/**
 * The scenario a run file belongs to: its `scenario:` path when given (relative to the run file's
 * folder), else the file beside it with `.runs.yaml` replaced by `.scenario.yaml`. Paths use `/`.
 */
export function scenarioPathOf(runFilePath: string, scenario?: string): string {
  const slash = runFilePath.lastIndexOf('/');
  const dir = slash >= 0 ? runFilePath.slice(0, slash + 1) : '';
  if (scenario !== undefined && scenario !== '') {
    if (scenario.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(scenario)) return scenario;
    return normalise(dir + scenario);
  }
  const base = runFilePath.endsWith(RUNS_SUFFIX)
    ? runFilePath.slice(0, -RUNS_SUFFIX.length)
    : runFilePath.replace(/\.ya?ml$/i, '');
  return base + SCENARIO_SUFFIX;
}

/** The run file that belongs beside a scenario file. */
export function runsPathOf(scenarioPath: string): string {
  const base = scenarioPath.endsWith(SCENARIO_SUFFIX)
    ? scenarioPath.slice(0, -SCENARIO_SUFFIX.length)
    : scenarioPath.replace(/\.ya?ml$/i, '');
  return base + RUNS_SUFFIX;
}

/** `a/b/../c/./d` → `a/c/d` (keeps a leading `/` or scheme, and leading `..` of a relative path). */
function normalise(path: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*\/?|\/)?(.*)$/i.exec(path)!;
  const out: string[] = [];
  for (const seg of m[2].split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (m[1] ?? '') + out.join('/');
}
