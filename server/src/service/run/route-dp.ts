/**
 * The route dynamic programme: one pass over the flow's loops collapsed (its strongly connected
 * components, in topological order), never enumerating whole routes.
 *
 * - Route counts: the paths of the condensation, each loop one node (entering a loop at one step and
 *   leaving it at another is one route, whatever the way round inside); saturated above ROUTE_CAP.
 * - Labels (route-labels.ts): extremes over the routes that take no transition twice, so each loop can
 *   be gone round once (an option taken a second time would repeat a round already counted). Inside a
 *   loop the ways from each step where routes enter are enumerated (loops in scenarios are a handful of
 *   steps); past INNER_BUDGET moves the rest of that loop is covered by one shortest way to each step and
 *   the figures through it are marked approximate.
 */
import type { FlowModel } from '../model/flow';
import { STEP_KINDS } from '../model/vocabulary';
import {
  better,
  cleanOf,
  flagged,
  join,
  play,
  startLabel,
  stepFacts,
  type Label,
  type StepFacts,
} from './route-labels';
import { stronglyConnected, type Components } from './scc';

/** Route counts are exact up to this; above it they read "over" it. */
export const ROUTE_CAP = 1_000_000;
/** Moves enumerated inside the loops of one scenario before the rest are approximated. */
export const INNER_BUDGET = 300_000;
/** Moves enumerated inside any one loop. */
const LOOP_BUDGET = 60_000;

/** The result of the programme, per step. */
export interface RouteDp {
  /** The transitions a run can take from each step (edge indices). */
  moves: number[][];
  comps: Components;
  /** Routes arriving at a step from another component (or the start). */
  inLabel: (Label | undefined)[];
  /** All routes arriving at a step (from the start, through its component). */
  outLabel: (Label | undefined)[];
  /** Route counts (saturated at ROUTE_CAP + 1), arriving from outside / arriving at all. */
  routesIn: Float64Array;
  routesOut: Float64Array;
  /** The edge by which the best clean route arrived from another component; -1 at the start. */
  viaIn: Int32Array;
  /** The inner way (an arena index) of the best clean route inside the component; -1: none. */
  viaOut: Int32Array;
  /** Inner ways as parent pointers: [parent, edge, step]. */
  arena: { parent: number[]; edge: number[]; step: number[] };
  /** True when some loop was too large to enumerate. */
  approximate: boolean;
  /** What each step does to a route's clock and milestones. */
  facts: StepFacts;
}

/**
 * The transitions a run can take, as the run engine plays them: a choice point's options and timeout,
 * another step's `next:` and timeout; none from an end or a step that is not a step; none to a missing step.
 */
export function movesOf(flow: FlowModel): number[][] {
  return flow.steps.map((s, v) => {
    const kind = s.data?.kind;
    if (!kind || kind === 'end' || !(STEP_KINDS as readonly unknown[]).includes(kind)) return [];
    return flow.out[v].filter((ei) => {
      const e = flow.edges[ei];
      if (e.to < 0) return false;
      return kind === 'choice' ? e.kind !== 'next' : e.kind !== 'choice';
    });
  });
}

const sat = (n: number): number => Math.min(n, ROUTE_CAP + 1);

/** Runs the programme from the flow's start (an empty result when there is none). */
export function routeDp(flow: FlowModel): RouteDp {
  const n = flow.steps.length;
  const moves = movesOf(flow);
  const targets = moves.map((m) => m.map((ei) => flow.edges[ei].to));
  const dp: RouteDp = {
    moves,
    comps: stronglyConnected(n, flow.start, (v) => targets[v]),
    inLabel: new Array(n).fill(undefined),
    outLabel: new Array(n).fill(undefined),
    routesIn: new Float64Array(n),
    routesOut: new Float64Array(n),
    viaIn: new Int32Array(n).fill(-1),
    viaOut: new Int32Array(n).fill(-1),
    arena: { parent: [], edge: [], step: [] },
    approximate: false,
    facts: stepFacts(flow),
  };
  if (flow.start < 0) return dp;
  dp.inLabel[flow.start] = startLabel();
  dp.routesIn[flow.start] = 1;
  let budget = INNER_BUDGET;
  const { list, of } = dp.comps;
  for (let ci = list.length - 1; ci >= 0; ci--) {
    const members = list[ci];
    if (isLoop(dp, flow, members)) budget -= throughLoop(dp, flow, ci, Math.min(budget, LOOP_BUDGET));
    else {
      const v = members[0];
      dp.outLabel[v] = dp.inLabel[v];
      dp.routesOut[v] = dp.routesIn[v];
    }
    for (const y of members) {
      const out = dp.outLabel[y];
      if (!out) continue;
      for (const ei of moves[y]) {
        const e = flow.edges[ei];
        if (of[e.to] === ci) continue;
        const arriving = play(flow, dp.facts, out, y, e);
        if (better(arriving, dp.inLabel[e.to])) dp.viaIn[e.to] = ei;
        dp.inLabel[e.to] = join(dp.inLabel[e.to], arriving);
        dp.routesIn[e.to] = sat(dp.routesIn[e.to] + dp.routesOut[y]);
      }
    }
  }
  return dp;
}

/** True for a component a route could go round: two steps or more, or one that leads to itself. */
function isLoop(dp: RouteDp, flow: FlowModel, members: number[]): boolean {
  if (members.length > 1) return true;
  const v = members[0];
  return dp.moves[v].some((ei) => flow.edges[ei].to === v);
}

/** Fills the labels of a loop's steps from the routes entering it; returns the moves spent. */
function throughLoop(dp: RouteDp, flow: FlowModel, ci: number, budget: number): number {
  const members = dp.comps.list[ci];
  let total = 0;
  for (const v of members) total = sat(total + dp.routesIn[v]);
  for (const v of members) dp.routesOut[v] = total;
  let spent = 0;
  let complete = true;
  for (const x of members) {
    const entering = dp.inLabel[x];
    if (!entering) continue;
    const used = enumerate(dp, flow, ci, x, flagged(entering, { loop: true }), budget - spent);
    spent += Math.abs(used);
    if (used < 0) {
      complete = false;
      break;
    }
  }
  if (!complete) {
    dp.approximate = true;
    shortestWays(dp, flow, ci);
  }
  return spent;
}

function joinOut(dp: RouteDp, v: number, label: Label, way: number): void {
  if (better(label, dp.outLabel[v])) dp.viaOut[v] = way;
  dp.outLabel[v] = join(dp.outLabel[v], label);
}

function newWay(dp: RouteDp, parent: number, edge: number, step: number): number {
  dp.arena.parent.push(parent);
  dp.arena.edge.push(edge);
  return dp.arena.step.push(step) - 1;
}

/**
 * Every way from `x` that stays inside component `ci` and takes no transition twice (so it may go round
 * each loop once); joins each into the labels of the steps it arrives at. Returns the moves made, negated
 * when the budget ran out first.
 */
function enumerate(
  dp: RouteDp,
  flow: FlowModel,
  ci: number,
  x: number,
  entering: Label,
  budget: number,
): number {
  const { of } = dp.comps;
  const taken = new Set<number>();
  const frames: { v: number; label: Label; way: number; cursor: number; by: number }[] = [];
  const root = newWay(dp, -1, -1, x);
  joinOut(dp, x, entering, root);
  frames.push({ v: x, label: entering, way: root, cursor: 0, by: -1 });
  let used = 0;
  while (frames.length) {
    const f = frames[frames.length - 1];
    const moves = dp.moves[f.v];
    if (f.cursor >= moves.length) {
      taken.delete(f.by);
      frames.pop();
      continue;
    }
    const ei = moves[f.cursor++];
    const w = flow.edges[ei].to;
    if (of[w] !== ci || taken.has(ei)) continue;
    if (++used > budget) return -used;
    const label = play(flow, dp.facts, f.label, f.v, flow.edges[ei]);
    const way = newWay(dp, f.way, ei, w);
    joinOut(dp, w, label, way);
    taken.add(ei);
    frames.push({ v: w, label, way, cursor: 0, by: ei });
  }
  return used;
}

/**
 * A loop too large to enumerate: from every step where routes enter, at once, one shortest way to each of
 * its steps (breadth first); what arrives is marked approximate.
 */
function shortestWays(dp: RouteDp, flow: FlowModel, ci: number): void {
  const { of, list } = dp.comps;
  const queue: { v: number; label: Label; way: number }[] = [];
  const seen = new Set<number>();
  for (const x of list[ci]) {
    const entering = dp.inLabel[x];
    if (!entering) continue;
    seen.add(x);
    const label = flagged(entering, { loop: true, approximate: true });
    const way = newWay(dp, -1, -1, x);
    joinOut(dp, x, label, way);
    queue.push({ v: x, label, way });
  }
  for (let head = 0; head < queue.length; head++) {
    const { v, label, way } = queue[head];
    for (const ei of dp.moves[v]) {
      const w = flow.edges[ei].to;
      if (of[w] !== ci || seen.has(w)) continue;
      seen.add(w);
      const next = {
        v: w,
        label: play(flow, dp.facts, label, v, flow.edges[ei]),
        way: newWay(dp, way, ei, w),
      };
      joinOut(dp, w, next.label, next.way);
      queue.push(next);
    }
  }
  for (const v of list[ci]) {
    const out = dp.outLabel[v];
    if (out) dp.outLabel[v] = flagged(out, { approximate: true });
  }
}

/** The edges of the best clean route from the start to step `to` (empty when none). */
export function cleanWayTo(dp: RouteDp, flow: FlowModel, to: number): number[] {
  const arriving = dp.outLabel[to];
  if (!arriving || !cleanOf(arriving)) return [];
  const edges: number[] = [];
  let v = to;
  for (let guard = 0; guard <= flow.edges.length + flow.steps.length; guard++) {
    for (let a = dp.viaOut[v]; a >= 0 && dp.arena.edge[a] >= 0; a = dp.arena.parent[a]) {
      edges.push(dp.arena.edge[a]);
      v = dp.arena.step[dp.arena.parent[a]];
    }
    const ei = dp.viaIn[v];
    if (ei < 0) break;
    edges.push(ei);
    v = flow.edges[ei].from;
  }
  return edges.reverse();
}
