/**
 * Route analysis (`callflow routes`): the plain data of a scenario's routes, per end. Types only (no
 * runtime dependencies), shared by the core and the fronts.
 *
 * A **route** is a way from the `start:` step to an end with every loop collapsed: a group of steps that
 * can all reach each other counts as one place, so entering a loop at one step and leaving it at another
 * is one route, however often and whichever way the trainee goes round. Scores and times are over the
 * routes that take no option (no transition) twice, so each loop is gone round at most once (a loop adds
 * its scores and seconds every time, so there is no "latest" otherwise): `loops: true` on an end says a
 * trainee who goes round again can take longer than `latest`.
 */
import type { Range } from './graph';
import type { RunInput } from './rehearsal';

/** The version of the route data (printed by `callflow routes --format json`). */
export const ROUTES_VERSION = 1;

/** A number of routes: exact up to 1,000,000; `over` when there are more (then `count` is 1,000,000). */
export interface RouteCount {
  count: number;
  over: boolean;
}

/** When a timed milestone happens on the routes to an end, against its target. */
export interface MilestoneRange {
  key: 'location' | 'grade' | 'dispatch';
  /** The target in seconds (`expected.targets`, or the end's `outcome.targets`), when there is one. */
  target?: number;
  /** The earliest and latest scripted second it happens, over the routes on which it happens. */
  earliest?: number;
  latest?: number;
  /** Some route reaches the end without it happening. */
  without: boolean;
  /** Against the target: met on every route, missed on every route, or met on some only. */
  status?: 'met' | 'missed' | 'some';
}

/** The routes to one end step. */
export interface EndRoutes {
  step: string;
  /** The step id's range. */
  range: Range;
  /** `outcome.result`, when written. */
  result?: string;
  reachable: boolean;
  routes: RouteCount;
  /** Every route to this end takes a `critical:` option. */
  criticalOnly: boolean;
  /** The least and most score (sum of the options' `score:`) on the routes to this end. */
  score?: { worst: number; best: number };
  /** The best score on a route without a critical option, and its shortest time. */
  clean?: { score: number; seconds: number };
  /** Scripted seconds from the start until the end is played. */
  seconds?: { earliest: number; latest: number };
  milestones: MilestoneRange[];
  /** Some route to this end goes through a loop (it could be gone round, adding time). */
  loops: boolean;
  /** Some route goes through a loop too large to enumerate: scores and times are bounds. */
  approximate: boolean;
}

/** An option no run can pick, and why. */
export interface UnpickableOption {
  step: string;
  /** The option's label (a timeout reads `timeout`). */
  label: string;
  /** The option's place in `choices:` (from 0); absent for a timeout. */
  index?: number;
  /** The option's `next:` value. */
  range: Range;
  reason: 'unreachable' | 'not-offered' | 'shadowed';
  message: string;
}

/** The model route: the highest score to a pass/acceptable end without a critical option, then the shortest. */
export interface ModelRoute {
  end: string;
  score: number;
  seconds: number;
  /** The steps played, from the start to the end. */
  steps: string[];
  /** The inputs that play it (`callflow play`, the rehearsal, a recorded run). */
  inputs: RunInput[];
  /**
   * The route as a recorded run (docs/runs.md: `name`, `choices`, `expect` with today's results), ready
   * for the scenario's `*.runs.yaml`.
   */
  run?: Record<string, unknown>;
  /** `run` as YAML lines to paste under a run file's `runs:` (the item's dash indented two spaces). */
  runText?: string;
}

/** The route analysis of one scenario. */
export interface RouteReport {
  version: typeof ROUTES_VERSION;
  scenario: { id?: string; title?: string };
  /** The `start:` step, when it exists. */
  start?: string;
  steps: number;
  /** Steps a route can reach. */
  reachable: number;
  /** Loops a route can reach (groups of steps that can all reach each other). */
  loops: number;
  /** Routes to every end. */
  routes: RouteCount;
  /** Every end step, in source order. */
  ends: EndRoutes[];
  unpickable: UnpickableOption[];
  model?: ModelRoute;
  /** Some loop was too large to enumerate (see EndRoutes.approximate). */
  approximate: boolean;
  /** Why nothing could be analysed (no start step), when so. */
  note?: string;
}
