import type { Rule, RuleContext } from '../engine';
import { lookupCode } from '../../../model/catalogue';
import type { FlowModel } from '../../../model/flow';
import { isMap, keyNode, valueNode, type Node } from '../../../syntax/nodes';
import type { StepInfo } from '../../../syntax/parse';
import { code } from '../../../syntax/text';
import { actionOf, expectedOf, isChecked, itemsOf, pathText, stringsOf } from './common';

/** A timed milestone: the first step of a kind on each path. */
interface Milestone {
  key: 'location' | 'grade' | 'dispatch';
  what: string;
  is(step: StepInfo): boolean;
  node(step: StepInfo): Node | undefined;
}

const MILESTONES: Milestone[] = [
  {
    key: 'location',
    what: 'the location is asked',
    is: (s) => s.data?.kind === 'handler' && stringsOf(s.data.asks).includes('location'),
    node: (s) => itemsOf(s.node, 'asks').find((n) => n.value === 'location'),
  },
  {
    key: 'grade',
    what: 'the first grade',
    is: (s) => actionOf(s) === 'grade',
    node: (s) => valueNode(s.node, 'action'),
  },
  {
    key: 'dispatch',
    what: 'the first dispatch',
    is: (s) => actionOf(s) === 'dispatch',
    node: (s) => valueNode(s.node, 'action'),
  },
];

const secondsOf = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** Scripted time to the first location question, grade and dispatch fits the targets; timeouts are sensible. */
export const timing: Rule = {
  id: 'domain/timing',
  severity: 'warning',
  title: 'Scripted time to the first grade and dispatch fits the target on every path',
  why: 'Targets are what a control room is measured on. If the scripted `seconds:` on some path add up to more than the target before the trainee grades or dispatches, the scenario rehearses a call that fails its target even when every answer is "right". The longest path is the one that counts.',
  bad: 'expected:\n  grade: EMERGENCY\n  targets: {grade: 60}\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", asks: [location], seconds: 40, next: story}\n  story: {kind: caller, say: "…", seconds: 45, next: grade-it}',
  good: 'expected:\n  targets: {grade: 120}   # or trim the scripted seconds on the longest path',
  fix: "Shorten the `seconds:` on the worst path named in the message, move the grading/dispatch step earlier, or set a realistic `expected.targets`. Without targets the expected grade's `targetSeconds` from the catalogue applies. Timeouts longer than the scenario `duration` never fire. To silence: `# callflow-disable-next-line domain/timing` above the reported line.",
  check(ctx) {
    const { flow, doc } = ctx;
    if (flow.start < 0) return;
    const targets = expectedOf(doc)?.targets ?? {};
    const fallback = fallbackTarget(ctx);
    const rank = new Int32Array(flow.steps.length).fill(-1);
    flow.order.forEach((v, i) => (rank[v] = i));
    for (const m of MILESTONES) {
      const written = typeof targets[m.key] === 'number' ? targets[m.key] : undefined;
      const target = written ?? (m.key === 'location' ? undefined : fallback?.seconds);
      if (target === undefined) continue;
      const source = written !== undefined ? `\`expected.targets.${m.key}\`` : fallback!.source;
      checkMilestone(ctx, m, target, source, rank);
    }
    const duration = (doc.value as { duration?: unknown } | undefined)?.duration;
    if (typeof duration === 'number' && duration > 0)
      for (const step of flow.steps) {
        const t = valueNode(step.node, 'timeout');
        const secs = isMap(t) ? valueNode(t, 'seconds') : undefined;
        const v = (secs as { value?: unknown } | undefined)?.value;
        if (typeof v === 'number' && v > duration && flow.reachable[step.index])
          ctx.report(
            { node: secs },
            `This timeout waits ${v} s, longer than the whole call (\`duration: ${duration}\`): it can never fire.`,
          );
      }
  },
};

/** The target when `expected.targets` does not give one: the expected grade's (or ambulance category's) `targetSeconds`. */
function fallbackTarget(ctx: RuleContext): { seconds: number; source: string } | undefined {
  const expected = expectedOf(ctx.doc);
  let best: { seconds: number; source: string } | undefined;
  for (const g of stringsOf(expected?.grade)) {
    const t = lookupCode(ctx.catalogue, 'grade', g)?.targetSeconds;
    if (t !== undefined && (!best || t < best.seconds))
      best = { seconds: t, source: `the ${code(g)} grade's target` };
  }
  const amb = typeof expected?.ambulance === 'string' ? expected.ambulance : undefined;
  const t = amb && !best ? lookupCode(ctx.catalogue, 'ambulance', amb)?.targetSeconds : undefined;
  return best ?? (t !== undefined ? { seconds: t, source: `the ${code(amb)} category's target` } : undefined);
}

/**
 * Longest scripted time from the start to each first milestone step, by dynamic programming over the
 * flow in reverse postorder with back edges ignored (the acyclic part): O(steps + edges).
 */
function checkMilestone(
  ctx: RuleContext,
  m: Milestone,
  target: number,
  source: string,
  rank: Int32Array,
): void {
  const { flow } = ctx;
  const n = flow.steps.length;
  const dist = new Float64Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  dist[flow.start] = 0;
  for (const v of flow.order) {
    if (dist[v] < 0 || m.is(flow.steps[v])) continue;
    const d = flow.steps[v].data;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (e.to < 0 || rank[e.to] <= rank[v]) continue; // back edge: loops are not unrolled
      const w = dist[v] + (e.kind === 'timeout' ? secondsOf(d?.timeout?.seconds) : secondsOf(d?.seconds));
      if (w > dist[e.to]) {
        dist[e.to] = w;
        via[e.to] = v;
      }
    }
  }
  for (const step of flow.steps) {
    const v = step.index;
    if (dist[v] < 0 || !m.is(step) || !isChecked(flow, v)) continue;
    const total = dist[v] + secondsOf(step.data?.seconds);
    if (total <= target) continue;
    const path = witness(flow, via, v);
    const targetNode = keyNode(valueNode(valueNode(ctx.doc.root, 'expected'), 'targets'), m.key);
    ctx.report(
      { node: m.node(step) },
      `Up to ${fmt(total)} s of scripted time until ${m.what} here, over the ${fmt(target)} s target (${source}). Worst path (${path.length} steps): ${pathText(flow, path)}.`,
      targetNode
        ? { related: [{ range: ctx.rangeOf({ node: targetNode }), message: 'The target.' }] }
        : undefined,
    );
  }
}

function witness(flow: FlowModel, via: Int32Array, to: number): number[] {
  const path = [to];
  for (let v = via[to]; v >= 0 && path.length <= flow.steps.length; v = via[v]) path.push(v);
  return path.reverse();
}

const fmt = (s: number) => (Number.isInteger(s) ? String(s) : s.toFixed(1));
