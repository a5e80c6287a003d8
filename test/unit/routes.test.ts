/**
 * Route analysis against a brute force: on small graphs (diamonds, loops, nested loops, self-loops,
 * unreachable ends, timeouts, critical options) and on many random ones, every route that takes no option
 * twice (each loop gone round at most once) is enumerated and replayed by the run engine; the analysis must give the same route counts (the
 * enumerated routes with loops collapsed: their sequences of steps between different loops, found with a
 * reachability matrix), worst and best scores, earliest and latest times, milestone times, critical-only
 * ends, loop flags and the model route's score and time, which the engine replays. Also the options no
 * run can pick, a loop too large to enumerate (bounds, marked approximate), every sample, and a generated
 * 10,000-step scenario with loops.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EndRoutes, RouteReport, RunInput } from '../../server/src/service';
import { analyseRoutes } from '../../server/src/service/run/routes';
import { rehearse } from '../../server/src/service/run/rehearse';
import { parse, project } from '../support/core';
import { rng } from '../support/rng';
import { generate } from '../../bench/generate';

type Kind = 'choice' | 'ask' | 'grade' | 'dispatch' | 'end';
interface GNode {
  kind: Kind;
  seconds: number;
  result?: 'pass' | 'acceptable' | 'fail' | 'critical-failure';
}
interface GEdge {
  from: number;
  to: number;
  score?: number;
  critical?: boolean;
  /** A choice point's timeout (seconds waited) instead of an option. */
  timeout?: number;
}
interface Graph {
  nodes: GNode[];
  edges: GEdge[];
}

const BIG = 1_000_000;

/** The scenario text of a graph: node i is step `s<i>`, node 0 the start. */
function scenarioOf(g: Graph): string {
  const lines = [
    'callflow: 1',
    'id: g',
    'title: G',
    'expected:',
    '  grade: EMERGENCY',
    `  targets: {location: ${BIG}, grade: ${BIG}, dispatch: ${BIG}}`,
    'start: s0',
    'steps:',
  ];
  g.nodes.forEach((node, i) => {
    const out = g.edges.filter((e) => e.from === i);
    lines.push(`  s${i}:`);
    const secs = `    seconds: ${node.seconds}`;
    if (node.kind === 'end') {
      lines.push('    kind: end', secs, `    outcome: {result: ${node.result ?? 'pass'}}`);
      return;
    }
    if (node.kind === 'choice') {
      lines.push('    kind: choice', '    prompt: What now?', secs, '    choices:');
      out.forEach((e, j) => {
        if (e.timeout !== undefined) return;
        const extra = `${e.score !== undefined ? `, score: ${e.score}` : ''}${e.critical ? ', critical: Wrong' : ''}`;
        lines.push(`      - {label: opt${j}, next: s${e.to}${extra}}`);
      });
      const t = out.find((e) => e.timeout !== undefined);
      if (t) lines.push(`    timeout: {seconds: ${t.timeout}, next: s${t.to}}`);
      return;
    }
    if (node.kind === 'ask')
      lines.push('    kind: handler', '    say: Where are you?', '    asks: [location]');
    if (node.kind === 'grade') lines.push('    kind: action', '    action: grade', '    grade: EMERGENCY');
    if (node.kind === 'dispatch') lines.push('    kind: action', '    action: dispatch', '    to: police');
    lines.push(secs, `    next: s${out[0].to}`);
  });
  return lines.join('\n') + '\n';
}

/** What the brute force finds at one end. */
interface Brute {
  signatures: Set<string>;
  score: [number, number];
  seconds: [number, number];
  milestones: { at: [number, number]; without: boolean }[];
  clean?: { score: number; seconds: number };
  loops: boolean;
}

/** Vertices that reach each other (a matrix, so it shares nothing with the analysis). */
function loopIds(g: Graph): { id: number[]; inLoop: boolean[] } {
  const n = g.nodes.length;
  const reach = g.nodes.map((_, i) => {
    const seen = new Array<boolean>(n).fill(false);
    const stack = [i];
    while (stack.length) {
      const v = stack.pop()!;
      for (const e of g.edges)
        if (e.from === v && !seen[e.to]) {
          seen[e.to] = true;
          stack.push(e.to);
        }
    }
    return seen;
  });
  const id = g.nodes.map((_, i) => g.nodes.findIndex((_, j) => j === i || (reach[i][j] && reach[j][i])));
  const inLoop = g.nodes.map((_, i) => reach[i][i]);
  return { id, inLoop };
}

/** Every route from s0 to an end that takes no option twice (a loop at most once round), replayed by the run engine. */
function bruteForce(g: Graph, limit = 4000): Map<string, Brute> | undefined {
  const doc = parse(scenarioOf(g));
  const proj = project();
  const { id, inLoop } = loopIds(g);
  const found = new Map<string, Brute>();
  const routes: number[][] = [];
  const walk = (v: number, path: number[], taken: Set<number>) => {
    if (routes.length > limit) return;
    if (g.nodes[v].kind === 'end') return void routes.push([...path]);
    g.edges.forEach((e, ei) => {
      if (e.from !== v || taken.has(ei)) return;
      taken.add(ei);
      walk(e.to, [...path, ei], taken);
      taken.delete(ei);
    });
  };
  walk(0, [], new Set());
  if (routes.length > limit) return undefined;
  for (const path of routes) {
    const inputs: RunInput[] = path.flatMap((ei): RunInput[] => {
      const e = g.edges[ei];
      if (g.nodes[e.from].kind !== 'choice') return [];
      if (e.timeout !== undefined) return [{ timeout: true }];
      const j = g.edges.filter((x) => x.from === e.from).indexOf(e);
      return [{ choose: `opt${j}` }];
    });
    const view = rehearse(doc, proj, { inputs });
    assert.equal(view.waiting.kind, 'end', `the engine plays route ${path.join(',')}`);
    const end = (view.waiting as { step: string }).step;
    const sig = path.filter((ei) => id[g.edges[ei].from] !== id[g.edges[ei].to]).join(',');
    const score = view.state.score;
    const seconds = view.state.seconds;
    const b = found.get(end) ?? {
      signatures: new Set<string>(),
      score: [Infinity, -Infinity] as [number, number],
      seconds: [Infinity, -Infinity] as [number, number],
      milestones: [0, 1, 2].map(() => ({ at: [Infinity, -Infinity] as [number, number], without: false })),
      loops: false,
    };
    b.signatures.add(sig);
    b.score = [Math.min(b.score[0], score), Math.max(b.score[1], score)];
    b.seconds = [Math.min(b.seconds[0], seconds), Math.max(b.seconds[1], seconds)];
    view.state.targets.forEach((t, i) => {
      const m = b.milestones[i];
      if (t.at === undefined) m.without = true;
      else m.at = [Math.min(m.at[0], t.at), Math.max(m.at[1], t.at)];
    });
    if (
      !view.state.critical.length &&
      (!b.clean || score > b.clean.score || (score === b.clean.score && seconds < b.clean.seconds))
    )
      b.clean = { score, seconds };
    if ([0, ...path.map((ei) => g.edges[ei].to)].some((v) => inLoop[v])) b.loops = true;
    found.set(end, b);
  }
  return found;
}

/** Compares the analysis of a graph with the brute force; returns the report. */
function compare(g: Graph, what: string): RouteReport | undefined {
  const brute = bruteForce(g);
  if (!brute) return undefined;
  const report = analyseRoutes(parse(scenarioOf(g)));
  assert.equal(report.approximate, false, what);
  for (const end of report.ends) {
    const b = brute.get(end.step);
    const at = `${what}, end ${end.step}`;
    assert.equal(end.reachable, b !== undefined, `${at}: reachable`);
    assert.deepEqual(end.routes, { count: b?.signatures.size ?? 0, over: false }, `${at}: routes`);
    if (!b) continue;
    assert.deepEqual(end.score, { worst: b.score[0], best: b.score[1] }, `${at}: score`);
    assert.deepEqual(end.seconds, { earliest: b.seconds[0], latest: b.seconds[1] }, `${at}: seconds`);
    assert.equal(end.criticalOnly, b.clean === undefined, `${at}: critical only`);
    assert.deepEqual(end.clean, b.clean, `${at}: best clean route`);
    assert.equal(end.loops, b.loops, `${at}: loops`);
    end.milestones.forEach((m, i) => {
      const bm = b.milestones[i];
      assert.equal(m.without, bm.without, `${at}: ${m.key} missing on some route`);
      assert.equal(m.earliest, bm.at[0] === Infinity ? undefined : bm.at[0], `${at}: ${m.key} earliest`);
      assert.equal(m.latest, bm.at[1] === -Infinity ? undefined : bm.at[1], `${at}: ${m.key} latest`);
    });
  }
  checkModel(g, report, brute, what);
  return report;
}

/** The model route is the best clean route to a good end, and the engine plays it to that end with that score and time. */
function checkModel(g: Graph, report: RouteReport, brute: Map<string, Brute>, what: string): void {
  const good = report.ends.filter((e) => e.result === 'pass' || e.result === 'acceptable');
  let best: { score: number; seconds: number } | undefined;
  for (const e of good) {
    const c = brute.get(e.step)?.clean;
    if (c && (!best || c.score > best.score || (c.score === best.score && c.seconds < best.seconds)))
      best = c;
  }
  if (!best) return assert.equal(report.model, undefined, `${what}: no model route`);
  const model = report.model;
  assert.ok(model, `${what}: a model route`);
  assert.deepEqual({ score: model.score, seconds: model.seconds }, best, `${what}: model route's figures`);
  const view = rehearse(parse(scenarioOf(g)), project(), { inputs: model.inputs });
  assert.equal(view.waiting.kind, 'end', `${what}: the model route ends`);
  assert.equal((view.waiting as { step: string }).step, model.end, `${what}: the model route's end`);
  assert.equal(view.state.score, model.score);
  assert.equal(view.state.seconds, model.seconds);
  assert.deepEqual(view.state.critical, []);
  assert.deepEqual(
    view.transcript.map((t) => t.step),
    model.steps,
    `${what}: the model route's steps`,
  );
}

const node = (kind: Kind, seconds = 1, result?: GNode['result']): GNode => ({ kind, seconds, result });
const endOf = (r: RouteReport, step: string): EndRoutes => r.ends.find((e) => e.step === step)!;

describe('route analysis', () => {
  it('a diamond: two routes, scores and times of each', () => {
    const g: Graph = {
      nodes: [node('choice', 2), node('ask', 5), node('grade', 7), node('end', 1)],
      edges: [
        { from: 0, to: 1, score: 2 },
        { from: 0, to: 2, score: -1 },
        { from: 1, to: 3 },
        { from: 2, to: 3 },
      ],
    };
    const r = compare(g, 'diamond')!;
    const end = endOf(r, 's3');
    assert.deepEqual(end.routes, { count: 2, over: false });
    assert.deepEqual(end.score, { worst: -1, best: 2 });
    assert.deepEqual(end.seconds, { earliest: 8, latest: 10 });
    assert.equal(r.model?.score, 2);
  });

  it('two options to the same step are two routes', () => {
    const g: Graph = {
      nodes: [node('choice'), node('end')],
      edges: [
        { from: 0, to: 1, score: 1 },
        { from: 0, to: 1, score: 3 },
      ],
    };
    assert.deepEqual(endOf(compare(g, 'parallel')!, 's1').routes, { count: 2, over: false });
  });

  it('a loop counts once, and a route may go round it once', () => {
    // s0 → s1 ⇄ s2, s1 → end s3, s2 → end s4
    const g: Graph = {
      nodes: [node('ask', 3), node('choice', 2), node('choice', 4), node('end'), node('end', 1, 'fail')],
      edges: [
        { from: 0, to: 1 },
        { from: 1, to: 2, score: -1 },
        { from: 1, to: 3, score: 2 },
        { from: 2, to: 1, score: -2 },
        { from: 2, to: 4 },
      ],
    };
    const r = compare(g, 'loop')!;
    assert.equal(r.loops, 1);
    assert.deepEqual(endOf(r, 's3').routes, { count: 1, over: false });
    assert.equal(endOf(r, 's3').loops, true);
    // Round once: "-1" to s2, "-2" back to s1, then "+2" to the end.
    assert.deepEqual(endOf(r, 's3').score, { worst: -1, best: 2 });
  });

  it('nested loops, a self-loop and a timeout', () => {
    const g: Graph = {
      nodes: [
        node('choice', 1),
        node('choice', 2),
        node('choice', 3),
        node('dispatch', 4),
        node('choice', 5),
        node('end', 1),
        node('end', 2, 'critical-failure'),
      ],
      edges: [
        { from: 0, to: 1, score: 1 },
        { from: 0, to: 0, score: 5 },
        { from: 0, to: 4, timeout: 30 },
        { from: 1, to: 2, score: 2 },
        { from: 1, to: 0, score: -3 },
        { from: 2, to: 1, score: 1 },
        { from: 2, to: 3, score: 4 },
        { from: 2, to: 6, critical: true, score: -10 },
        { from: 3, to: 4 },
        { from: 4, to: 1, score: 2 },
        { from: 4, to: 5, score: 3 },
      ],
    };
    const r = compare(g, 'nested')!;
    assert.equal(endOf(r, 's6').criticalOnly, true);
    assert.equal(endOf(r, 's5').criticalOnly, false);
  });

  it('an end no route reaches, and an end only a critical option reaches', () => {
    const g: Graph = {
      nodes: [node('choice'), node('end'), node('end', 1, 'critical-failure'), node('choice'), node('end')],
      edges: [
        { from: 0, to: 1 },
        { from: 0, to: 2, critical: true },
        { from: 3, to: 4 },
      ],
    };
    const r = compare(g, 'unreachable')!;
    const lost = endOf(r, 's4');
    assert.equal(lost.reachable, false);
    assert.deepEqual(lost.routes, { count: 0, over: false });
    assert.equal(lost.score, undefined);
    assert.equal(endOf(r, 's2').criticalOnly, true);
    assert.deepEqual(
      r.unpickable.map((u) => [u.step, u.label, u.reason]),
      [['s3', 'opt0', 'unreachable']],
    );
  });

  it('matches the brute force on 600 random graphs with loops', () => {
    const random = rng(18);
    let compared = 0;
    let withLoops = 0;
    for (let k = 0; k < 600; k++) {
      const g = randomGraph(random);
      const r = compare(g, `random graph ${k}: ${JSON.stringify(g)}`);
      if (!r) continue;
      compared++;
      if (r.loops) withLoops++;
    }
    assert.ok(compared >= 500, `compared ${compared}`);
    assert.ok(withLoops >= 200, `with loops ${withLoops}`);
  });

  it('counts past a million without enumerating: "over 10⁶"', () => {
    // 25 diamonds in a row: 2^25 routes.
    const nodes: GNode[] = [];
    const edges: GEdge[] = [];
    for (let i = 0; i < 25; i++) {
      nodes.push(node('choice'), node('ask'), node('grade'));
      const b = i * 3;
      edges.push({ from: b, to: b + 1, score: 1 }, { from: b, to: b + 2, score: 2 });
      edges.push({ from: b + 1, to: b + 3 }, { from: b + 2, to: b + 3 });
    }
    nodes.push(node('end'));
    const r = analyseRoutes(parse(scenarioOf({ nodes, edges })));
    assert.deepEqual(r.routes, { count: 1_000_000, over: true });
    assert.deepEqual(endOf(r, 's75').score, { worst: 25, best: 50 });
    assert.equal(r.model?.inputs.length, 25);
  });

  it('counts exactly up to 10⁶: six two-way and six five-way choices give 1,000,000 routes, one more option "over"', () => {
    const chain = (ways: number[]): Graph => {
      const nodes: GNode[] = ways.map(() => node('choice'));
      const edges: GEdge[] = [];
      ways.forEach((k, i) => {
        for (let j = 0; j < k; j++) edges.push({ from: i, to: i + 1, score: j });
      });
      nodes.push(node('end'));
      return { nodes, edges };
    };
    const exact = analyseRoutes(parse(scenarioOf(chain([2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 5, 5]))));
    assert.deepEqual(exact.routes, { count: 1_000_000, over: false });
    assert.deepEqual(endOf(exact, 's12').score, { worst: 0, best: 6 + 24 });
    const over = analyseRoutes(parse(scenarioOf(chain([3, 2, 2, 2, 2, 2, 5, 5, 5, 5, 5, 5]))));
    assert.deepEqual(over.routes, { count: 1_000_000, over: true });
  });

  it('a loop too large to enumerate gives bounds, marked approximate', () => {
    // Nine choice points that all lead to each other: about a million ways round.
    const nodes: GNode[] = [...Array.from({ length: 9 }, () => node('choice', 1)), node('end')];
    const edges: GEdge[] = [];
    for (let i = 0; i < 9; i++)
      for (let j = 0; j < 9; j++) if (i !== j) edges.push({ from: i, to: j, score: (i * 7 + j) % 5 });
    edges.push({ from: 8, to: 9 });
    const g = { nodes, edges };
    const r = analyseRoutes(parse(scenarioOf(g)));
    const end = endOf(r, 's9');
    assert.equal(r.approximate, true);
    assert.equal(end.approximate, true);
    assert.deepEqual(end.routes, { count: 1, over: false });
    // A route takes each of the 73 options at most once, and each step takes 1 s.
    const most = edges.reduce((sum, e) => sum + Math.max(0, e.score ?? 0), 0);
    assert.ok(end.score!.worst >= 0 && end.score!.best <= most, 'scores are bounds');
    assert.ok(end.seconds!.earliest >= 2 && end.seconds!.latest <= edges.length + 1, 'times are bounds');
    assert.ok(end.score!.best > end.score!.worst, 'and more than one way was seen');
    const view = rehearse(parse(scenarioOf(g)), project(), { inputs: r.model!.inputs });
    assert.equal(view.state.score, r.model!.score, 'the model route is a real route');
    assert.ok(r.model!.score <= end.score!.best);
    assert.ok(r.model, 'a model route all the same');
  });

  it('names the options no run can pick, and why', () => {
    const doc = parse(`callflow: 1
id: t
title: T
start: a
steps:
  a:
    kind: choice
    prompt: Now?
    choices:
      - {label: Go on, next: z}
      - {label: "go  ON", next: z}
      - {label: Go on, next: z}
      - {label: Other, next: c}
  c:
    kind: choice
    prompt: Then?
    choices:
      - {label: Stay, next: z}
      - {label: Stay, next: a}
  b:
    kind: handler
    say: Hello
    next: z
    choices:
      - {label: Never offered, next: z}
  lost:
    kind: choice
    prompt: Unreachable
    timeout: {seconds: 5, next: z}
    choices:
      - {label: Nobody sees me, next: z}
  z: {kind: end, outcome: {result: pass}}
`);
    const r = analyseRoutes(doc);
    assert.deepEqual(
      r.unpickable.map((u) => [u.step, u.label, u.reason]),
      [
        ['a', 'Go on', 'shadowed'],
        ['c', 'Stay', 'shadowed'],
        ['b', 'Never offered', 'unreachable'],
        ['lost', 'Nobody sees me', 'unreachable'],
        ['lost', 'timeout', 'unreachable'],
      ],
    );
    // "go  ON" differs from "Go on" as written: a run naming it exactly gets it.
    assert.equal(r.unpickable[0].index, 2);
    assert.match(
      r.unpickable[0].message,
      /option 1 of the same step has the same label.*leads to the same step/,
    );
    assert.match(r.unpickable[1].message, /gets option 1; only a run that names its step `a` picks it\./);
    assert.equal(r.unpickable[3].range.start.line, 30);
    // What the brute force of the run engine says: naming the label picks option 1; naming `a` picks option 2.
    const view = rehearse(doc, project(), { inputs: [{ choose: 'Other' }, { choose: 'Stay' }] });
    assert.equal(view.transcript.at(-1)?.step, 'z');
    const back = rehearse(doc, project(), { inputs: [{ choose: 'Other' }, { choose: 'a' }] });
    assert.equal(back.transcript.at(-1)?.step, 'a');
  });

  it('a choice written on a step that is not a choice point is never offered', () => {
    const r = analyseRoutes(
      parse(`callflow: 1
id: t
title: T
start: b
steps:
  b:
    kind: handler
    say: Hello
    next: z
    choices:
      - {label: Never offered, next: z}
  z: {kind: end, outcome: {result: pass}}
`),
    );
    assert.deepEqual(
      r.unpickable.map((u) => [u.label, u.reason]),
      [['Never offered', 'not-offered']],
    );
  });

  it('says why nothing is analysed when the start is missing, and never throws on broken input', () => {
    const r = analyseRoutes(
      parse('callflow: 1\nid: t\ntitle: T\nstart: nowhere\nsteps:\n  z: {kind: end}\n'),
    );
    assert.match(r.note ?? '', /no step `nowhere`/);
    assert.equal(endOf(r, 'z').reachable, false);
    for (const text of [
      '',
      'steps: [',
      'start: a\nsteps:\n  a: {kind: choice, choices: [{next: a}, 3]}\n',
      ': : :',
    ])
      assert.ok(analyseRoutes(parse(text)).version === 1);
  });

  it('never throws on broken text: every sample cut short, with lines dropped or swapped', () => {
    const dir = join(__dirname, '../../samples');
    const random = rng(2026);
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.yaml'))) {
      const lines = readFileSync(join(dir, f), 'utf8').split('\n');
      for (let k = 0; k < 9; k++) {
        const edited = [...lines];
        const at = Math.floor(random() * edited.length);
        if (k % 3 === 0) edited.length = at;
        else if (k % 3 === 1) edited.splice(at, 1 + Math.floor(random() * 5));
        else [edited[at], edited[edited.length - 1 - at]] = [edited[edited.length - 1 - at], edited[at]];
        const r = analyseRoutes(parse(edited.join('\n')));
        assert.equal(r.version, 1, `${f}, edit ${k}`);
        for (const e of r.ends) if (e.score) assert.ok(e.score.worst <= e.score.best, `${f}, edit ${k}`);
      }
    }
  });

  it('targets per end: met, missed or met on some routes; an end may set its own', () => {
    const r = analyseRoutes(
      parse(`callflow: 1
id: t
title: T
expected: {grade: EMERGENCY, targets: {location: 10, grade: 30, dispatch: 60}}
start: answer
steps:
  answer: {kind: handler, say: Where?, asks: [location], seconds: 5, next: pick}
  pick:
    kind: choice
    prompt: Now?
    seconds: 2
    choices:
      - {label: Grade now, next: grade}
      - {label: Chat first, next: chat}
  chat: {kind: caller, say: "…", seconds: 40, next: grade}
  grade: {kind: action, action: grade, grade: EMERGENCY, seconds: 3, next: done}
  done: {kind: end, outcome: {result: pass, targets: {location: 10, grade: 30, dispatch: 5}}}
`),
    );
    const [location, grade, dispatch] = endOf(r, 'done').milestones;
    assert.deepEqual(location, {
      key: 'location',
      target: 10,
      earliest: 5,
      latest: 5,
      without: false,
      status: 'met',
    });
    assert.deepEqual(grade, {
      key: 'grade',
      target: 30,
      earliest: 10,
      latest: 50,
      without: false,
      status: 'some',
    });
    assert.deepEqual(dispatch, { key: 'dispatch', target: 5, without: true, status: 'missed' });
  });

  it('every sample: sensible figures, and the model route plays to a good end', () => {
    const dir = join(__dirname, '../../samples');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.yaml'))) {
      const doc = parse(readFileSync(join(dir, f), 'utf8'));
      const r = analyseRoutes(doc);
      assert.ok(r.ends.length >= 2 && r.routes.count >= 2, f);
      for (const e of r.ends) {
        assert.ok(e.reachable && e.routes.count >= 1, `${f} ${e.step}`);
        assert.ok(e.score!.worst <= e.score!.best && e.seconds!.earliest <= e.seconds!.latest);
        if (e.criticalOnly) assert.equal(e.result, 'critical-failure', `${f} ${e.step}`);
      }
      assert.deepEqual(r.unpickable, [], f);
      const model = r.model!;
      const view = rehearse(doc, project(), { inputs: model.inputs });
      assert.equal(view.debrief?.result, 'pass', f);
      assert.equal(view.state.score, model.score, f);
      assert.equal(view.best, model.score, `${f}: the model route scores the best the debrief knows`);
    }
  });

  it('a generated 10,000-step scenario with loops: analysed, with the model route playing to a pass', () => {
    const doc = parse(generate({ steps: 10_000, seed: 10_000 }).text);
    const r = analyseRoutes(doc);
    assert.ok(r.steps >= 10_000 && r.loops > 10, `${r.steps} steps, ${r.loops} loops`);
    assert.equal(r.approximate, false);
    assert.ok(r.ends.some((e) => e.reachable && e.loops));
    const view = rehearse(doc, project(), { inputs: r.model!.inputs });
    assert.equal(view.waiting.kind, 'end');
    assert.equal(view.state.score, r.model!.score);
  });
});

/** A random graph of 2–8 steps: choice points with 1–3 options (sometimes a timeout), milestone steps, ends. */
function randomGraph(random: () => number): Graph {
  const n = 2 + Math.floor(random() * 7);
  const pick = (k: number) => Math.floor(random() * k);
  const nodes: GNode[] = [];
  const edges: GEdge[] = [];
  const results = ['pass', 'acceptable', 'fail', 'critical-failure'] as const;
  for (let i = 0; i < n; i++) {
    const roll = random();
    const kind: Kind =
      i > 0 && roll < 0.25 ? 'end' : roll < 0.6 ? 'choice' : (['ask', 'grade', 'dispatch'] as const)[pick(3)];
    nodes.push({ kind, seconds: pick(10), result: results[pick(4)] });
  }
  if (!nodes.some((x) => x.kind === 'end')) nodes[n - 1] = { kind: 'end', seconds: 1, result: 'pass' };
  nodes.forEach((x, i) => {
    if (x.kind === 'end') return;
    const options = x.kind === 'choice' ? 1 + pick(3) : 1;
    for (let j = 0; j < options; j++)
      edges.push({
        from: i,
        to: pick(n),
        score: pick(7) - 3,
        ...(random() < 0.15 ? { critical: true } : {}),
      });
    if (x.kind === 'choice' && random() < 0.3) edges.push({ from: i, to: pick(n), timeout: 5 + pick(20) });
  });
  return { nodes, edges };
}
