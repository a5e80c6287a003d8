/**
 * Route analysis: for each end of a scenario, how many routes lead there (loops collapsed), the worst and
 * best score, the earliest and latest scripted time to the location question, the first grade and the
 * first dispatch against the targets, whether only a critical failure leads there; the options no run can
 * pick; and the model route (highest score to a pass/acceptable end without a critical option, then the
 * shortest) as the inputs that play it. Computed over the flow with its loops collapsed (route-dp.ts),
 * never by enumerating routes: a 10,000-step scenario with loops takes milliseconds.
 */
import { buildFlow, type FlowModel } from '../model/flow';
import type { ScenarioDocument, StepInfo } from '../syntax/parse';
import { isGoodEnd } from '../checks/rules/domain/common';
import type { EndRoutes, MilestoneRange, ModelRoute, RouteCount, RouteReport } from '../../shared/routes';
import { ROUTES_VERSION } from '../../shared/routes';
import { inputFor } from './best-route';
import { expectedAt } from './debrief';
import { cleanWayTo, routeDp, ROUTE_CAP, type RouteDp } from './route-dp';
import {
  approximateOf,
  cleanOf,
  clockOf,
  has,
  hitOf,
  loopOf,
  pendingOf,
  play,
  scoreOf,
} from './route-labels';
import { unpickableOptions } from './route-options';
import { TARGET_KEYS, targetsOf } from './targets';
import { textOf } from './state';

/** The route analysis of a document from its `start:` step. Never throws on a scenario with problems. */
export function analyseRoutes(doc: ScenarioDocument, flow: FlowModel = buildFlow(doc)): RouteReport {
  const dp = routeDp(flow);
  const reached = (v: number) => dp.comps.of[v] >= 0;
  const clean = cleanReach(flow, dp);
  const ends = flow.steps
    .filter((s) => s.data?.kind === 'end')
    .map((s) => endRoutes(doc, flow, dp, s, clean[s.index]));
  let total = 0;
  for (const e of ends) total = Math.min(total + e.routes.count + (e.routes.over ? 1 : 0), ROUTE_CAP + 1);
  const loops = dp.comps.list.filter(
    (c) => c.length > 1 || dp.moves[c[0]].some((ei) => flow.edges[ei].to === c[0]),
  );
  const report: RouteReport = {
    version: ROUTES_VERSION,
    scenario: scenarioOf(doc),
    steps: flow.steps.length,
    reachable: flow.steps.filter((s) => reached(s.index)).length,
    loops: loops.length,
    routes: countOf(total),
    ends,
    unpickable: unpickableOptions(flow, reached),
    approximate: dp.approximate,
  };
  if (flow.start >= 0) report.start = flow.steps[flow.start].id;
  else
    report.note = flow.startValue
      ? `There is no step \`${flow.startValue.id}\` to start from, so no route can be followed.`
      : 'The scenario has no `start:` step, so no route can be followed.';
  const model = modelRoute(flow, dp);
  if (model) report.model = model;
  return report;
}

function countOf(n: number): RouteCount {
  return n > ROUTE_CAP ? { count: ROUTE_CAP, over: true } : { count: n, over: false };
}

/** The steps a route reaches without taking a `critical:` option. */
function cleanReach(flow: FlowModel, dp: RouteDp): boolean[] {
  const ok = new Array<boolean>(flow.steps.length).fill(false);
  if (flow.start < 0) return ok;
  const stack = [flow.start];
  ok[flow.start] = true;
  while (stack.length) {
    const v = stack.pop()!;
    for (const ei of dp.moves[v]) {
      const e = flow.edges[ei];
      if (e.critical !== undefined || ok[e.to]) continue;
      ok[e.to] = true;
      stack.push(e.to);
    }
  }
  return ok;
}

/** The routes to one end. */
function endRoutes(
  doc: ScenarioDocument,
  flow: FlowModel,
  dp: RouteDp,
  end: StepInfo,
  clean: boolean,
): EndRoutes {
  const result = textOf((end.data?.outcome as { result?: unknown } | undefined)?.result);
  const arriving = dp.outLabel[end.index];
  const targets = new Map(targetsOf(expectedAt(doc, end)));
  const base: EndRoutes = {
    step: end.id,
    range: end.keyRange,
    ...(result !== undefined ? { result } : {}),
    reachable: arriving !== undefined,
    routes: countOf(dp.routesOut[end.index]),
    criticalOnly: arriving !== undefined && !clean,
    milestones: [],
    loops: arriving ? loopOf(arriving) : false,
    approximate: arriving ? approximateOf(arriving) : false,
  };
  if (!arriving) {
    base.milestones = TARGET_KEYS.map((key) => withTarget({ key, without: false }, targets.get(key)));
    return base;
  }
  const done = play(flow, dp.facts, arriving, end.index);
  const [worst, best] = scoreOf(done);
  base.score = { worst, best };
  const bestClean = cleanOf(done);
  if (bestClean) base.clean = { score: bestClean.score, seconds: bestClean.clock };
  const [earliest, latest] = clockOf(done);
  base.seconds = { earliest, latest };
  base.milestones = TARGET_KEYS.map((key, i) => {
    const m: MilestoneRange = { key, without: has(pendingOf(done, i)) };
    const hit = hitOf(done, i);
    if (has(hit)) [m.earliest, m.latest] = hit;
    return withTarget(m, targets.get(key));
  });
  return base;
}

/** A milestone against its target: met on every route, missed on every route, or met on some. */
function withTarget(m: MilestoneRange, target: number | undefined): MilestoneRange {
  if (target === undefined) return m;
  m.target = target;
  const someMet = m.earliest !== undefined && m.earliest <= target;
  const allMet = someMet && !m.without && m.latest! <= target;
  m.status = allMet ? 'met' : someMet ? 'some' : 'missed';
  return m;
}

/** The highest score to a good end without a critical option, then the shortest time; first in source order on a tie. */
function modelRoute(flow: FlowModel, dp: RouteDp): ModelRoute | undefined {
  let best: { end: number; score: number; seconds: number } | undefined;
  for (const s of flow.steps) {
    const arriving = dp.outLabel[s.index];
    if (!arriving || !cleanOf(arriving) || !isGoodEnd(s)) continue;
    const done = cleanOf(play(flow, dp.facts, arriving, s.index))!;
    if (!best || done.score > best.score || (done.score === best.score && done.clock < best.seconds))
      best = { end: s.index, score: done.score, seconds: done.clock };
  }
  if (!best) return undefined;
  const edges = cleanWayTo(dp, flow, best.end).map((ei) => flow.edges[ei]);
  const steps = [...edges.map((e) => flow.steps[e.from].id), flow.steps[best.end].id];
  const inputs = edges.flatMap((e) => inputFor(flow, e) ?? []);
  return { end: flow.steps[best.end].id, score: best.score, seconds: best.seconds, steps, inputs };
}

function scenarioOf(doc: ScenarioDocument): RouteReport['scenario'] {
  const v = doc.value as { id?: unknown; title?: unknown } | undefined;
  const id = textOf(v?.id);
  const title = textOf(v?.title);
  return { ...(id !== undefined ? { id } : {}), ...(title !== undefined ? { title } : {}) };
}
