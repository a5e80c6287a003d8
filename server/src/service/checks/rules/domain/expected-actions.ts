import type { Rule } from '../engine';
import type { FlowModel } from '../../../model/flow';
import { isMap, keyNode, scalarItems, valueNode, type Node } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { actionOf } from './common';
import { whereRouteLeaves } from './route-text';
import { isPassEnd } from './verdicts';

/** A required action and where it is required. */
interface Requirement {
  action: string;
  node: Node;
  /** Made by a dispatch target (`targets.dispatch`) rather than listed in `actions:`. */
  target?: boolean;
}

/** What an end requires: its own `outcome.actions`/`targets` when written, else the scenario's `expected:`. */
function requirementsOf(expected: Node | undefined, outcome: Node | undefined): Requirement[] {
  const from = valueNode(outcome, 'actions') ? outcome : expected;
  const out: Requirement[] = scalarItems(valueNode(from, 'actions'))
    .filter((n) => typeof n.value === 'string')
    .map((n) => ({ action: n.value as string, node: n }));
  const targets = valueNode(outcome, 'targets')
    ? valueNode(outcome, 'targets')
    : valueNode(expected, 'targets');
  const dispatchKey = keyNode(targets, 'dispatch');
  if (dispatchKey && !out.some((r) => r.action === 'dispatch'))
    out.push({ action: 'dispatch', node: dispatchKey, target: true });
  return out;
}

/** For one action: the steps reachable from the start without performing it, with a parent for a route. */
function withoutAction(flow: FlowModel, action: string): Int32Array {
  const parent = new Int32Array(flow.steps.length).fill(-2);
  if (flow.start < 0) return parent;
  parent[flow.start] = -1;
  const queue = [flow.start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (actionOf(flow.steps[v]) === action) continue;
    for (const ei of flow.out[v]) {
      const w = flow.edges[ei].to;
      if (w >= 0 && parent[w] === -2 && actionOf(flow.steps[w]) !== action) {
        parent[w] = v;
        queue.push(w);
      }
    }
  }
  return parent;
}

/** The actions the scenario expects are performed on every route that ends in a pass. */
export const expectedActions: Rule = {
  id: 'domain/expected-actions',
  severity: 'error',
  title: 'Expected actions are performed on every route that passes',
  why: "`expected.actions` is the marking sheet's list of what the trainee must do (dispatch, conference the ambulance, make a safeguarding referral…). A route that passes without one of them teaches that it can be skipped; a dispatch target (`expected.targets.dispatch`) with no dispatch on the route cannot be met at all.",
  bad: 'expected:\n  actions: [dispatch, safeguarding-referral]\n…\n# no `action: safeguarding-referral` step before end-pass',
  good: 'referral:\n  kind: action\n  action: safeguarding-referral\n  to: social-care\n  next: end-pass',
  fix: 'Add an action step with that `action:` on every route to a passing end, or give an end its own `outcome.actions` when the route there rightly does without it. Routes ending in `fail` or `critical-failure` are not checked. To silence: `# callflow-disable-next-line domain/expected-actions` above the reported line.',
  check(ctx) {
    const { flow, doc } = ctx;
    const expected = valueNode(doc.root, 'expected');
    const routes = new Map<string, Int32Array>();
    const found = new Map<Node, { action: string; target?: boolean; ends: number[] }>();
    for (const end of flow.steps) {
      if (!flow.reachable[end.index] || !isPassEnd(end)) continue;
      for (const req of requirementsOf(
        isMap(expected) ? expected : undefined,
        valueNode(end.node, 'outcome'),
      )) {
        let parent = routes.get(req.action);
        if (!parent) routes.set(req.action, (parent = withoutAction(flow, req.action)));
        if (parent[end.index] === -2) continue;
        const f = found.get(req.node) ?? { action: req.action, target: req.target, ends: [] };
        f.ends.push(end.index);
        found.set(req.node, f);
      }
    }
    for (const [node, { action, target, ends }] of found) {
      const parent = routes.get(action)!;
      const route: number[] = [];
      for (let v = ends[0]; v >= 0; v = parent[v]) route.unshift(v);
      const endList = ends.map((e) => code(flow.steps[e].id)).join(', ');
      const what = target ? 'sets a dispatch target' : `expects ${code(action)}`;
      ctx.report({ node }, `The scenario ${what}, but ${missedAt(flow, action, route, endList)}.`, {
        related: ends.slice(0, 5).map((e) => ({
          range: flow.steps[e].keyRange,
          message: `${code(flow.steps[e].id)} passes without ${code(action)}.`,
        })),
      });
    }
  },
};

/** Where a route to a passing end misses an action: nowhere to meet it at all, or where it leaves the path. */
function missedAt(flow: FlowModel, action: string, route: number[], endList: string): string {
  const meets = (v: number) => actionOf(flow.steps[v]) === action;
  if (!flow.steps.some((s) => flow.reachable[s.index] && meets(s.index)))
    return `no step performs it (\`action: ${action}\`), yet the call passes at ${endList}`;
  return `a route passes at ${endList} without \`action: ${action}\`: ${whereRouteLeaves(flow, route, meets)}`;
}
