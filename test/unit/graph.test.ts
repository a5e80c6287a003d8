/**
 * buildGraph: the plain-data graph the preview, the CLI exports and `callflow/graph` share — nodes with
 * kinds, texts and ranges, edges with stable ids, reachability, each step's problems, missing targets
 * and critical choices.
 */
import assert from 'node:assert/strict';
import { buildFlow } from '../../server/src/service/model/flow';
import { buildGraph } from '../../server/src/service/model/graph';
import { check, parse } from '../support/core';
import { range } from '../support/ranges';

const TEXT = `callflow: 1
id: test
title: Silent call
start: answer
steps:
  answer:
    kind: handler
    say: Police, what is the address?
    next: decide
  decide:
    kind: choice
    prompt: What now?
    choices:
      - {label: Ask about weapons, next: grade-it, score: 2}
      - {label: End the call, next: fail, score: -5, critical: Leaves a caller in danger}
      - {label: Transfer, next: nowhere}
  grade-it:
    kind: action
    action: dispatch
    to: ambulance
    grade: EMERGENCY
    category: "304"
    rationale: Knife seen, one person bleeding
    facts: [weapon]
    next: done
    timeout: {seconds: 20, next: done}
  done: {kind: end, say: Officers arrive., outcome: {result: pass}}
  fail: {kind: end, outcome: {result: critical-failure}}
  orphan: {kind: timer, seconds: 5, next: hang-up}
  hang-up: {kind: caller, event: disconnect, say: (The line goes dead.), next: done}
`;

function graphOf(text: string) {
  const doc = parse(text);
  const problems = check(text);
  return { graph: buildGraph(doc, buildFlow(doc), problems), problems };
}

describe('buildGraph', () => {
  it('has the title, the start and one node per step in source order', () => {
    const { graph } = graphOf(TEXT);
    assert.equal(graph.uri, 'mem:/ws/test.scenario.yaml');
    assert.equal(graph.title, 'Silent call');
    assert.equal(graph.start, 'answer');
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind, n.text]),
      [
        ['answer', 'handler', 'Police, what is the address?'],
        ['decide', 'choice', 'What now?'],
        ['grade-it', 'action', ''],
        ['done', 'end', 'Officers arrive.'],
        ['fail', 'end', ''],
        ['orphan', 'timer', ''],
        ['hang-up', 'caller', '(The line goes dead.)'],
      ],
    );
  });

  it('gives each node its key range and full range', () => {
    const { graph } = graphOf(TEXT);
    const answer = graph.nodes[0];
    assert.deepEqual(answer.range, range(5, 2, 5, 8));
    assert.deepEqual(answer.fullRange.start, { line: 5, character: 2 });
    assert.ok(answer.fullRange.end.line >= 8 && answer.fullRange.end.line <= 9);
    const done = graph.nodes.find((n) => n.id === 'done')!;
    assert.deepEqual(done.range, range(26, 2, 26, 6));
    assert.deepEqual(done.fullRange, range(26, 2, 26, 67));
  });

  it('carries action data, facts and end results', () => {
    const { graph } = graphOf(TEXT);
    const g = graph.nodes.find((n) => n.id === 'grade-it')!;
    assert.equal(g.action, 'dispatch');
    assert.equal(g.to, 'ambulance');
    assert.equal(g.grade, 'EMERGENCY');
    assert.deepEqual(g.facts, ['weapon']);
    assert.equal(g.category, '304');
    assert.equal(g.rationale, 'Knife seen, one person bleeding');
    assert.equal(graph.nodes.find((n) => n.id === 'orphan')!.seconds, 5);
    assert.equal(graph.nodes.find((n) => n.id === 'hang-up')!.event, 'disconnect');
    assert.equal(graph.nodes.find((n) => n.id === 'answer')!.seconds, undefined);
    assert.equal(graph.nodes.find((n) => n.id === 'done')!.result, 'pass');
    assert.equal(graph.nodes.find((n) => n.id === 'fail')!.result, 'critical-failure');
  });

  it('marks reachability from the start', () => {
    const { graph } = graphOf(TEXT);
    assert.deepEqual(
      graph.nodes.filter((n) => !n.reachable).map((n) => n.id),
      ['orphan', 'hang-up'],
    );
  });

  it('has edges with stable ids, kinds, labels, scores, critical reasons and missing targets', () => {
    const { graph } = graphOf(TEXT);
    assert.deepEqual(
      graph.edges.map((e) => [e.id, e.kind, e.label, e.score, e.critical, e.missing]),
      [
        ['answer->decide#next#0', 'next', undefined, undefined, undefined, undefined],
        ['decide->grade-it#choice#0', 'choice', 'Ask about weapons', 2, undefined, undefined],
        ['decide->fail#choice#0', 'choice', 'End the call', -5, 'Leaves a caller in danger', undefined],
        ['decide->nowhere#choice#0', 'choice', 'Transfer', undefined, undefined, true],
        ['grade-it->done#next#0', 'next', undefined, undefined, undefined, undefined],
        ['grade-it->done#timeout#0', 'timeout', 'after 20 s', undefined, undefined, undefined],
        ['orphan->hang-up#next#0', 'next', undefined, undefined, undefined, undefined],
        ['hang-up->done#next#0', 'next', undefined, undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(graph.edges[3].range, range(15, 32, 15, 39));
  });

  it('numbers parallel edges of the same kind', () => {
    const text = TEXT.replace('next: nowhere}', 'next: fail}');
    const { graph } = graphOf(text);
    assert.deepEqual(
      graph.edges.filter((e) => e.from === 'decide' && e.to === 'fail').map((e) => e.id),
      ['decide->fail#choice#0', 'decide->fail#choice#1'],
    );
  });

  it('attaches each problem to the step it starts in, and none outside steps', () => {
    const { graph, problems } = graphOf(TEXT.replace('title: Silent call', 'title: Silent call\ntitel: x'));
    const byStep = Object.fromEntries(graph.nodes.map((n) => [n.id, n.problems.map((p) => p.ruleId)]));
    assert.deepEqual(byStep, {
      answer: [],
      decide: ['flow/dangling-next'],
      'grade-it': [],
      done: [],
      fail: [],
      // `hang-up` is cut off with `orphan` (the only step leading to it): one problem, on `orphan`.
      orphan: ['flow/unreachable-step'],
      'hang-up': [],
    });
    assert.deepEqual(
      graph.nodes.filter((n) => !n.reachable).map((n) => n.id),
      ['orphan', 'hang-up'],
    );
    assert.ok(
      problems.some((p) => p.ruleId === 'schema/unknown-property'),
      'a problem outside steps exists',
    );
    const onSteps = graph.nodes.reduce((n, s) => n + s.problems.length, 0);
    assert.equal(onSteps, problems.length - 1);
  });

  it('has no start and counts every step reachable when `start` is unknown', () => {
    const { graph } = graphOf(TEXT.replace('start: answer', 'start: nope'));
    assert.equal(graph.start, undefined);
    assert.ok(graph.nodes.every((n) => n.reachable));
  });

  it('shows a step with an unknown kind as a caller step, and keeps the version', () => {
    const doc = parse('callflow: 1\nid: t\ntitle: T\nstart: a\nsteps:\n  a: {kind: banana}\n');
    const graph = buildGraph({ ...doc, version: 7 }, buildFlow(doc), []);
    assert.equal(graph.version, 7);
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind]),
      [['a', 'caller']],
    );
  });

  it('an empty document gives an empty graph', () => {
    const doc = parse('');
    const graph = buildGraph(doc, buildFlow(doc), []);
    assert.deepEqual([graph.nodes, graph.edges, graph.start], [[], [], undefined]);
  });
});
