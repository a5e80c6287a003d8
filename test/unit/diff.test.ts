/**
 * The flow diff on pairs of scenarios (test/fixtures/diff): each file changes one thing in base, and the
 * diff reports exactly that change, once, with its effects; a rename is a rename; indentation, comments,
 * key order and quoting report nothing; the drawing's marks put removed steps back as ghosts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createScenarioService,
  diffFlows,
  diffGraph,
  type ChangeKind,
  type FlowDiff,
} from '../../server/src/service';
import { memoryHost } from '../support/core';

const DIR = join(__dirname, '../fixtures/diff');
const service = createScenarioService(memoryHost());
const project = service.loadProject(undefined, undefined);

function load(name: string, text = readFileSync(join(DIR, `${name}.scenario.yaml`), 'utf8')) {
  const doc = service.parse(`mem:/ws/${name}.scenario.yaml`, text);
  return { doc, problems: service.validate(doc, project) };
}

const base = load('base');
const diffWith = (name: string): FlowDiff => diffFlows(base, load(name), project);
const kinds = (d: FlowDiff) => d.changes.map((c) => `${c.kind} ${c.step}`);

/** Each fixture and the changes it must give, exactly (kind and step). */
const EXPECTED: Record<string, string[]> = {
  renamed: ['step-renamed keeps-distance'],
  'step-added': ['transition-repointed stays-back', 'step-added reassure'],
  'step-removed': ['option-removed approach', 'step-removed talks'],
  'kind-changed': ['kind-changed stays-back', 'field-changed stays-back'],
  'text-changed': ['text-changed talks'],
  repointed: ['transition-repointed talks'],
  rescored: ['option-rescored approach'],
  'made-critical': ['option-critical approach'],
  'option-added': ['option-added approach'],
  relabelled: ['option-relabelled approach'],
  'grade-changed': ['grade-changed grade-it'],
  'outcome-changed': ['outcome-changed end-pass'],
  'targets-changed': ['targets-changed '],
  'field-changed': ['field-changed stays-back'],
  unreachable: ['transition-repointed answer'],
  'timeout-added': ['transition-added approach'],
  'no-flow-change': [],
};

describe('flow diff: pairs of scenarios', () => {
  for (const [name, expected] of Object.entries(EXPECTED))
    it(`${name}: ${expected.length ? expected.join(', ') : 'nothing'}`, () => {
      assert.deepEqual(kinds(diffWith(name)), expected);
    });

  it('every kind of change the fixtures make is reported exactly once per fixture', () => {
    const seen = new Set<ChangeKind>();
    for (const name of Object.keys(EXPECTED)) {
      const d = diffWith(name);
      for (const [kind, n] of Object.entries(d.counts)) {
        assert.equal(n, 1, `${name}: ${kind} reported ${n} times`);
        seen.add(kind as ChangeKind);
      }
    }
    assert.ok(seen.size >= 16, `kinds covered: ${[...seen].join(', ')}`);
  });

  it('a comparison with itself, and with the same flow written otherwise, has no changes and no effects', () => {
    for (const d of [diffFlows(base, base, project), diffWith('no-flow-change')]) {
      assert.deepEqual(d.changes, []);
      assert.deepEqual(d.steps, {});
      assert.deepEqual(d.effects.problemsAdded, []);
      assert.deepEqual(d.effects.problemsFixed, []);
      assert.deepEqual(d.effects.bestBefore, d.effects.bestAfter);
    }
  });

  it('a rename is a rename: the references that follow it are no change, and no problem moves', () => {
    const d = diffWith('renamed');
    assert.deepEqual(d.renames, { 'stays-back': 'keeps-distance' });
    assert.deepEqual(d.steps, { 'keeps-distance': 'renamed' });
    assert.deepEqual(d.effects.becameUnreachable, []);
    assert.deepEqual(d.effects.problemsAdded, []);
  });

  it('a rename that also changes the text is a rename and a text change', () => {
    const text = readFileSync(join(DIR, 'renamed.scenario.yaml'), 'utf8').replace(
      "Oh — there's a police car",
      'Oh — I can see a police car',
    );
    const d = diffFlows(base, load('renamed-edited', text), project);
    assert.deepEqual(kinds(d), ['step-renamed keeps-distance', 'text-changed keeps-distance']);
  });

  it('a step replaced by a different one at the same place is a removal and an addition, not a rename', () => {
    const text = readFileSync(join(DIR, 'base.scenario.yaml'), 'utf8')
      .replace('next: talks', 'next: asks-name')
      .replace(
        '  talks:\n    kind: caller\n    event: speech\n    say: "I told him people care. He looked at me. The police are here now."',
        '  asks-name:\n    kind: caller\n    event: speech\n    say: "His name is Mark, I think. Officers are here."',
      );
    const d = diffFlows(base, load('replaced', text), project);
    assert.deepEqual(d.renames, {});
    assert.deepEqual(kinds(d).sort(), [
      'step-added asks-name',
      'step-removed talks',
      'transition-repointed approach',
    ]);
  });

  it('a text change carries a word diff', () => {
    const [c] = diffWith('text-changed').changes;
    const added = c.words?.filter((w) => w.op === 'added').map((w) => w.text.trim());
    const removed = c.words?.filter((w) => w.op === 'removed').map((w) => w.text.trim());
    assert.deepEqual(added, ['his family cares']);
    assert.deepEqual(removed, ['people care']);
    assert.equal(c.range?.start.line, 92);
  });

  it('effects: unreachable steps, the best route before and after, new and fixed problems', () => {
    const cut = diffWith('unreachable');
    assert.deepEqual(cut.effects.becameUnreachable, ['where']);
    assert.deepEqual(
      cut.effects.problemsAdded.map((p) => [p.ruleId, p.step]),
      [['flow/unreachable-step', 'where']],
    );
    assert.equal(cut.effects.bestBefore?.seconds, 51);
    assert.equal(cut.effects.bestAfter?.seconds, 43);
    const back = diffFlows(load('unreachable'), base, project);
    assert.deepEqual(back.effects.becameReachable, ['where']);
    assert.deepEqual(
      back.effects.problemsFixed.map((p) => p.ruleId),
      ['flow/unreachable-step'],
    );
    const grade = diffWith('grade-changed');
    assert.deepEqual(
      grade.effects.problemsAdded.map((p) => p.ruleId),
      ['domain/grade-floor'],
    );
    const outcome = diffWith('outcome-changed');
    assert.equal(outcome.effects.bestBefore?.result, 'pass');
    assert.equal(outcome.effects.bestAfter?.result, 'acceptable');
  });

  it('ends gained and lost', () => {
    const d = diffWith('step-removed');
    assert.deepEqual(d.effects.endsLost, []);
    const noFail = readFileSync(join(DIR, 'base.scenario.yaml'), 'utf8').replace(
      '        next: grabs\n        score: -5',
      '        next: talks\n        score: -5',
    );
    const e = diffFlows(base, load('no-fail', noFail), project);
    assert.deepEqual(e.effects.endsLost, ['end-caller-hurt']);
    assert.deepEqual(diffFlows(load('no-fail', noFail), base, project).effects.endsGained, [
      'end-caller-hurt',
    ]);
  });

  it('never throws on broken or empty versions', () => {
    for (const text of [
      '',
      'steps: [',
      'steps:\n  a: 3\n',
      ': : :',
      'start: x\nsteps:\n  x:\n    next: x\n',
    ]) {
      const d = diffFlows(load('broken', text), base, project);
      assert.equal(d.version, 1);
      diffFlows(base, load('broken', text), project);
    }
  });

  it('the drawing: the new graph with removed steps and transitions as ghosts, and their marks', () => {
    const after = load('step-removed');
    const d = diffFlows(base, after, project);
    const { graph, marks } = diffGraph(
      service.graph(base.doc, project, base.problems),
      service.graph(after.doc, project, after.problems),
      d,
    );
    assert.ok(graph.nodes.some((n) => n.id === 'talks'));
    assert.equal(marks.nodes.talks, 'removed');
    const removed = Object.entries(marks.edges)
      .filter(([, s]) => s === 'removed')
      .map(([id]) => id);
    assert.deepEqual(removed.sort(), ['removed:approach->talks#choice#0', 'removed:talks->end-pass#next#0']);
    for (const id of removed) assert.ok(graph.edges.some((e) => e.id === id));
    const added = diffGraph(
      service.graph(base.doc, project),
      service.graph(load('step-added').doc, project),
      diffWith('step-added'),
    ).marks;
    assert.deepEqual(added.nodes, { 'stays-back': 'changed', reassure: 'added' });
    assert.deepEqual(Object.values(added.edges).sort(), ['added', 'added', 'removed']);
  });
});
