/**
 * What route analysis carries along a route: a label summarises every route that arrives at a step (before
 * the step is played): the least and most score and scripted time, for each timed milestone (location
 * asked, first grade, first dispatch) when it happened on the routes that reached it and the clock of the
 * routes that have not reached it yet, whether a route went through a loop, and the best route without a
 * `critical:` option (highest score, then shortest time). Labels join (several routes arrive) and play a
 * step (a route moves on by one transition); both are monotone, so extremes over routes compose.
 *
 * A label is one flat array of numbers (a 10,000-step scenario makes tens of thousands of them) and is
 * never changed once made: joins and plays make new ones.
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

/**
 * What is known of every route that arrives at a step, laid out as: score min/max, clock min/max, per
 * milestone (TARGET_KEYS order) the pending clock min/max, per milestone the hit time min/max, the best
 * clean route's score and clock (NaN: none), the loop flag, the approximate flag.
 */
export type Label = Float64Array;

const K = TARGET_KEYS.length;
const SCORE = 0;
const CLOCK = 2;
const PENDING = 4;
const HIT = PENDING + 2 * K;
const CLEAN = HIT + 2 * K;
const LOOP = CLEAN + 2;
const APPROXIMATE = LOOP + 1;
const SIZE = APPROXIMATE + 1;

/** True when a min/max holds a value. */
export const has = (m: MinMax): boolean => m[0] <= m[1];

const pair = (l: Label, at: number): MinMax => [l[at], l[at + 1]];
/** The least and most score of the routes. */
export const scoreOf = (l: Label): MinMax => pair(l, SCORE);
/** The least and most clock of the routes. */
export const clockOf = (l: Label): MinMax => pair(l, CLOCK);
/** The clock of the routes that have not reached milestone `i` yet. */
export const pendingOf = (l: Label, i: number): MinMax => pair(l, PENDING + 2 * i);
/** When milestone `i` happened, on the routes that reached it. */
export const hitOf = (l: Label, i: number): MinMax => pair(l, HIT + 2 * i);
/** The best route without a critical option, if any. */
export const cleanOf = (l: Label): Clean | undefined =>
  Number.isNaN(l[CLEAN]) ? undefined : { score: l[CLEAN], clock: l[CLEAN + 1] };
/** Some route went through a loop (a group of steps it could have gone round). */
export const loopOf = (l: Label): boolean => l[LOOP] === 1;
/** Some route went through a loop too large to enumerate: the figures are bounds, not exact. */
export const approximateOf = (l: Label): boolean => l[APPROXIMATE] === 1;

/** The label of the route that starts the call: nothing scored, clock at 0, no milestone yet. */
export function startLabel(): Label {
  const l = new Float64Array(SIZE);
  for (let i = 0; i < K; i++) [l[HIT + 2 * i], l[HIT + 2 * i + 1]] = [Infinity, -Infinity];
  return l;
}

/** A copy of a label with its flags set. */
export function flagged(l: Label, flags: { loop?: boolean; approximate?: boolean }): Label {
  const c = l.slice();
  if (flags.loop) c[LOOP] = 1;
  if (flags.approximate) c[APPROXIMATE] = 1;
  return c;
}

/** True when `a`'s clean route is better than `b`'s: a higher score, then a shorter time (false when `a` has none). */
export function better(a: Label, b: Label | undefined): boolean {
  if (Number.isNaN(a[CLEAN])) return false;
  if (!b || Number.isNaN(b[CLEAN])) return true;
  return a[CLEAN] > b[CLEAN] || (a[CLEAN] === b[CLEAN] && a[CLEAN + 1] < b[CLEAN + 1]);
}

/** Both sets of routes. */
export function join(a: Label | undefined, b: Label): Label {
  if (!a) return b;
  const l = new Float64Array(SIZE);
  for (let i = 0; i < CLEAN; i += 2) {
    l[i] = Math.min(a[i], b[i]);
    l[i + 1] = Math.max(a[i + 1], b[i + 1]);
  }
  const from = better(b, a) ? b : a;
  [l[CLEAN], l[CLEAN + 1]] = [from[CLEAN], from[CLEAN + 1]];
  l[LOOP] = Math.max(a[LOOP], b[LOOP]);
  l[APPROXIMATE] = Math.max(a[APPROXIMATE], b[APPROXIMATE]);
  return l;
}

/** What the analysis needs of each step, read once: its own seconds and the milestones it reaches (bits). */
export interface StepFacts {
  own: Float64Array;
  milestones: Uint8Array;
}

/** The facts of every step of a flow. */
export function stepFacts(flow: FlowModel): StepFacts {
  const n = flow.steps.length;
  const facts: StepFacts = { own: new Float64Array(n), milestones: new Uint8Array(n) };
  for (let v = 0; v < n; v++) {
    const data = flow.steps[v].data;
    facts.own[v] = secondsOf(data?.seconds);
    milestonesOf(data).forEach((reached, i) => (facts.milestones[v] |= reached ? 1 << i : 0));
  }
  return facts;
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
function secondsLeaving(flow: FlowModel, facts: StepFacts, v: number, edge: FlowEdge | undefined): number {
  if (edge?.kind !== 'timeout') return facts.own[v];
  return secondsOf((flow.steps[v].data?.timeout as { seconds?: unknown } | undefined)?.seconds);
}

/**
 * The routes of `label` after they play step `v` and leave it by `edge` (or, without an edge, after they
 * play an end step). A milestone of the step happens when the step is done (its own `seconds:` later).
 */
export function play(flow: FlowModel, facts: StepFacts, label: Label, v: number, edge?: FlowEdge): Label {
  const own = facts.own[v];
  const took = secondsLeaving(flow, facts, v, edge);
  const gained = edge ? edgeScore(edge) : 0;
  const reached = facts.milestones[v];
  const l = label.slice();
  l[SCORE] += gained;
  l[SCORE + 1] += gained;
  l[CLOCK] += took;
  l[CLOCK + 1] += took;
  for (let i = 0; i < K; i++) {
    const p = PENDING + 2 * i;
    const h = HIT + 2 * i;
    if (reached & (1 << i)) {
      l[h] = Math.min(l[h], l[p] + own);
      l[h + 1] = Math.max(l[h + 1], l[p + 1] + own);
      [l[p], l[p + 1]] = [Infinity, -Infinity];
    } else {
      l[p] += took;
      l[p + 1] += took;
    }
  }
  if (edge?.critical !== undefined) l[CLEAN] = l[CLEAN + 1] = NaN;
  else {
    l[CLEAN] += gained;
    l[CLEAN + 1] += took;
  }
  return l;
}
