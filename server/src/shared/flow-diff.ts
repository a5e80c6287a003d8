/**
 * The flow diff as plain data: what changed between two versions of a scenario, step by step, and what
 * the change does to the flow (reachability, ends, the best route, problems). Shared by the core (which
 * computes it), the CLI (which prints it) and the editor's diff panel (which shows it); `json` output is
 * this object as it is, versioned by {@link FLOW_DIFF_VERSION}.
 */
import type { Range, Severity } from './graph';
import type { DiffStatus } from './diff-marks';

/** The version of the diff's JSON shape (bumped on any incompatible change). */
export const FLOW_DIFF_VERSION = 1;

/** Every kind of change, in the order reports list them. */
export const CHANGE_KINDS = [
  'start-changed',
  'step-added',
  'step-removed',
  'step-renamed',
  'kind-changed',
  'text-changed',
  'grade-changed',
  'outcome-changed',
  'targets-changed',
  'field-changed',
  'transition-added',
  'transition-removed',
  'transition-repointed',
  'option-added',
  'option-removed',
  'option-relabelled',
  'option-rescored',
  'option-critical',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One run of words of a word diff. */
export interface WordPart {
  text: string;
  op: 'same' | 'added' | 'removed';
}

/** One change. `step` is the step's id in the new version (in the old one for a removed step). */
export interface FlowChange {
  kind: ChangeKind;
  /** The step the change is on (empty for changes at the top of the scenario: `start`, `expected`). */
  step: string;
  /** A renamed step's old id. */
  oldStep?: string;
  /** The field or option the change is about (`say`, `outcome.result`, an option's label…). */
  field?: string;
  /** What it was and what it is, as short text. */
  before?: string;
  after?: string;
  /** Text changes: the word diff. */
  words?: WordPart[];
  /** The change in one line of words. */
  message: string;
  /** Where the change is: in the new text, or in the old one for something removed. */
  side: 'old' | 'new';
  range?: Range;
}

/** A problem in the comparison: its rule, where, and what it says. */
export interface DiffProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The step it is on (new ids for both sides), when it is on a step. */
  step?: string;
  line: number;
}

/** The best route in one version: its score, its scripted time, where it ends. */
export interface RouteSummary {
  score: number;
  seconds: number;
  end: string;
  result?: string;
  steps: number;
}

/** A recorded run (`*.runs.yaml`) the change broke or fixed. */
export interface DiffRun {
  name: string;
  /** The run's line in its run file. */
  line: number;
  /** Why it fails now (the first difference), or `passes`. */
  message: string;
}

/** What the change does to the flow. */
export interface FlowEffects {
  /** Steps (new ids) reachable before and not after, and the other way round. */
  becameUnreachable: string[];
  becameReachable: string[];
  /** Reachable end steps gained and lost (lost: old ids). */
  endsGained: string[];
  endsLost: string[];
  bestBefore: RouteSummary | null;
  bestAfter: RouteSummary | null;
  problemsAdded: DiffProblem[];
  problemsFixed: DiffProblem[];
  /** Recorded runs that passed before and fail now, and the other way round (when a run file was given). */
  runsNowFailing?: DiffRun[];
  runsNowPassing?: DiffRun[];
}

/** The status a step or transition has in the diff drawing (shared with the preview). */
export type { DiffStatus };

/** The whole diff. */
export interface FlowDiff {
  version: typeof FLOW_DIFF_VERSION;
  changes: FlowChange[];
  effects: FlowEffects;
  /** Old id → new id of every renamed step. */
  renames: Record<string, string>;
  /** Per step (new ids; removed steps by their old ids): its status. */
  steps: Record<string, DiffStatus>;
  /** Counts per change kind (kinds with no change left out). */
  counts: Partial<Record<ChangeKind, number>>;
}
