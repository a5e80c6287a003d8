/**
 * What route analysis carries along a route: a label summarises every route that arrives at a step (before
 * the step is played): the least and most score and scripted time, for each timed milestone (location
 * asked, first grade, first dispatch) when it happened on the routes that reached it and the clock of the
 * routes that have not reached it yet, whether a route went through a loop, and the best route without a
 * `critical:` option (highest score, then shortest time). Labels join (several routes arrive) and play a
 * step (a route moves on by one transition); both are monotone, so extremes over routes compose.
 */
import type { FlowEdge, FlowModel } from '../model/flow';
import type { Step } from '../model/vocabulary';
import { edgeScore } from './best';
import { secondsOf, textOf, textsOf } from './state';
import { TARGET_KEYS } from './targets';

/** A least and a most value; `[Infinity, -Infinity]` when no route gives one. */
export type MinMax = [number, number];

/** The best route without a critical option so far: its score and the clock when it arrives. */
export interface Clean {
  score: number;
  clock: number;
}

/** What is known of every route that arrives at a step. */
export interface Label {
  score: MinMax;
  clock: MinMax;
  /** Per milestone (TARGET_KEYS order): the clock of the routes that have not reached it yet. */
  pending: MinMax[];
  /** Per milestone: when it happened, on the routes that reached it. */
  hit: MinMax[];
  /** Some route went through a loop (a group of steps it could have gone round). */
  loop: boolean;
  /** Some route went through a loop too large to enumerate: the figures are bounds, not exact. */
  approximate: boolean;
  /** The best route without a critical option, if any. */
  clean?: Clean;
}

const none = (): MinMax => [Infinity, -Infinity];
const shift = (m: MinMax, by: number): MinMax => [m[0] + by, m[1] + by];
const merge = (a: MinMax, b: MinMax): MinMax => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];

/** True when a min/max holds a value. */
export const has = (m: MinMax): boolean => m[0] <= m[1];

/** The label of the route that starts the call: nothing scored, clock at 0, no milestone yet. */
export function startLabel(): Label {
  return {
    score: [0, 0],
    clock: [0, 0],
    pending: TARGET_KEYS.map((): MinMax => [0, 0]),
    hit: TARGET_KEYS.map(none),
    loop: false,
    approximate: false,
    clean: { score: 0, clock: 0 },
  };
}

/** True when clean route `a` is better than `b`: a higher score, then a shorter time. */
export function better(a: Clean, b: Clean | undefined): boolean {
  return !b || a.score > b.score || (a.score === b.score && a.clock < b.clock);
}

/** Both sets of routes. */
export function join(a: Label | undefined, b: Label): Label {
  if (!a) return b;
  const clean = b.clean && better(b.clean, a.clean) ? b.clean : a.clean;
  return {
    score: merge(a.score, b.score),
    clock: merge(a.clock, b.clock),
    pending: a.pending.map((p, i) => merge(p, b.pending[i])),
    hit: a.hit.map((h, i) => merge(h, b.hit[i])),
    loop: a.loop || b.loop,
    approximate: a.approximate || b.approximate,
    ...(clean ? { clean } : {}),
  };
}

/** Which milestones a step reaches, as the run engine counts them (TARGET_KEYS order). */
export function milestonesOf(data: Partial<Step> | undefined): boolean[] {
  if (!data) return TARGET_KEYS.map(() => false);
  const action = data.kind === 'action';
  return TARGET_KEYS.map((key) =>
    key === 'location'
      ? textsOf(data.asks).includes('location')
      : key === 'grade'
        ? action && textOf(data.grade) !== undefined
        : action && data.action === 'dispatch',
  );
}

/** The seconds a step takes when the route leaves it by `edge` (a timeout's wait replaces its `seconds:`). */
export function secondsLeaving(data: Partial<Step> | undefined, edge: FlowEdge | undefined): number {
  if (edge?.kind === 'timeout')
    return secondsOf((data?.timeout as { seconds?: unknown } | undefined)?.seconds);
  return secondsOf(data?.seconds);
}

/**
 * The routes of `label` after they play step `v` and leave it by `edge` (or, without an edge, after they
 * play an end step). A milestone of the step happens when the step is done (its own `seconds:` later).
 */
export function play(flow: FlowModel, label: Label, v: number, edge?: FlowEdge): Label {
  const data = flow.steps[v].data;
  const own = secondsOf(data?.seconds);
  const took = edge ? secondsLeaving(data, edge) : own;
  const gained = edge ? edgeScore(edge) : 0;
  const reached = milestonesOf(data);
  const pending: MinMax[] = [];
  const hit: MinMax[] = [];
  for (let i = 0; i < reached.length; i++) {
    if (reached[i]) {
      hit.push(merge(label.hit[i], shift(label.pending[i], own)));
      pending.push(none());
    } else {
      hit.push(label.hit[i]);
      pending.push(shift(label.pending[i], took));
    }
  }
  const clean =
    label.clean && edge?.critical === undefined
      ? { score: label.clean.score + gained, clock: label.clean.clock + took }
      : undefined;
  return {
    score: shift(label.score, gained),
    clock: shift(label.clock, took),
    pending,
    hit,
    loop: label.loop,
    approximate: label.approximate,
    ...(clean ? { clean } : {}),
  };
}
