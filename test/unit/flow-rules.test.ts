/**
 * The flow rules at exact ranges (each fires on a minimal bad input and not on the fixed one), their
 * quick fixes applied and re-checked, the dataflow solver on loops, suppression comments and the
 * config's rule levels.
 */
import assert from 'node:assert/strict';
import { buildFlow, canReach, solveForward } from '../../server/src/service/model/flow';
import { applyEdits, check, only, parse, project, summary } from '../support/core';
import { marked, range } from '../support/ranges';
import type { Problem } from '../../server/src/service';

const HEAD = 'callflow: 1\nid: test\ntitle: T\n';

function one(problems: Problem[], ruleId: string): Problem {
  const found = only(problems, ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}, got ${JSON.stringify(summary(problems))}`);
  return found[0];
}

describe('flow rules', () => {
  describe('flow/unknown-start', () => {
    const bad =
      HEAD +
      'start: [[answr]]\nsteps:\n  answer: {kind: handler, say: Hi, next: done}\n  done: {kind: end, outcome: {result: pass}}\n';

    it('fires on the `start` value with did-you-mean and a fix', () => {
      const { text, ranges } = marked(bad);
      const p = one(check(text), 'flow/unknown-start');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`start` names `answr`, but there is no such step. Did you mean `answer`?');
      const fixed = applyEdits(text, p.fixes![0].edits);
      assert.deepEqual(check(fixed), []);
    });

    it('offers no fix when nothing is close', () => {
      const p = one(check(marked(bad.replace('answr', 'zzzzzz')).text), 'flow/unknown-start');
      assert.equal(p.fixes, undefined);
    });
  });

  describe('flow/dangling-next', () => {
    const bad =
      HEAD +
      'start: answer\nsteps:\n  answer: {kind: handler, say: Hi, next: [[don]]}\n  done:\n    kind: end\n    outcome: {result: pass}\nexpected:\n  grade: EMERGENCY\n';

    it('fires on the target with a did-you-mean fix that checks clean', () => {
      const { text, ranges } = marked(bad);
      const p = one(check(text), 'flow/dangling-next');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`next` goes to `don`, but there is no such step. Did you mean `done`?');
      assert.equal(p.fixes?.length, 2);
      assert.equal(p.fixes?.[0].title, 'Change to `done`');
      assert.equal(p.fixes?.[0].preferred, true);
      assert.deepEqual(check(applyEdits(text, p.fixes![0].edits)), []);
    });

    it('the create-step fix adds the step inside `steps` (even when `steps` is not last)', () => {
      const { text } = marked(bad);
      const p = one(check(text), 'flow/dangling-next');
      const create = p.fixes!.find((f) => f.title === 'Create step `don`');
      assert.ok(create, 'a create-step fix');
      const fixed = applyEdits(text, create.edits);
      const doc = parse(fixed);
      const step = doc.stepsById.get('don');
      assert.ok(step, 'the new step exists');
      assert.equal(step.data?.kind, 'end');
      assert.equal((doc.value as { expected: object }).expected.constructor, Object);
      assert.deepEqual((doc.value as { expected: object }).expected, { grade: 'EMERGENCY' });
      const after = check(fixed);
      assert.deepEqual(only(after, 'flow/dangling-next'), []);
      // `done` is now unreachable (nothing leads to it), which is the only thing left to say.
      assert.deepEqual(
        after.map((x) => x.ruleId),
        ['flow/unreachable-step'],
      );
    });

    it('the create-step fix keeps CRLF line ends', () => {
      const text = marked(bad).text.replace(/\n/g, '\r\n');
      const create = one(check(text), 'flow/dangling-next').fixes!.find((f) => f.title.startsWith('Create'))!;
      const fixed = applyEdits(text, create.edits);
      assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
      assert.ok(parse(fixed).stepsById.has('don'));
    });

    it('names choices and timeouts in the message', () => {
      const text =
        HEAD +
        'start: a\nsteps:\n  a:\n    kind: choice\n    prompt: p\n    choices:\n      - {label: x, next: done}\n      - {label: y, next: nowhere}\n  b:\n    kind: caller\n    timeout: {seconds: 5, next: lost}\n    next: done\n  done: {kind: end, outcome: {result: pass}}\n';
      const p = only(check(text), 'flow/dangling-next');
      assert.deepEqual(
        p.map((x) => [x.message, x.range]),
        [
          ['Choice 2 goes to `nowhere`, but there is no such step.', range(10, 25, 10, 32)],
          ['The timeout goes to `lost`, but there is no such step.', range(13, 32, 13, 36)],
        ],
      );
    });

    it('offers no create-step fix for an id that is not a valid step id', () => {
      const text =
        HEAD +
        'start: a\nsteps:\n  a: {kind: handler, say: Hi, next: "no such step"}\n  done: {kind: end, outcome: {result: pass}}\n';
      const p = one(check(text), 'flow/dangling-next');
      assert.equal(p.fixes, undefined);
    });

    it('creates the step inside `steps` when it is a flow mapping', () => {
      const text = HEAD + 'start: a\nsteps: {a: {kind: handler, say: Hi, next: b}, c: {kind: end}}\n';
      const p = one(check(text), 'flow/dangling-next');
      const create = p.fixes!.find((f) => f.title.startsWith('Create'))!;
      const fixed = applyEdits(text, create.edits);
      assert.match(
        fixed,
        /c: \{kind: end\}, b: \{kind: end, say: TODO describe how the call ends, outcome: \{result: pass\}\}\}/,
      );
      assert.deepEqual(only(check(fixed), 'flow/dangling-next'), []);
      assert.deepEqual(
        check(fixed).filter((q) => q.ruleId.startsWith('yaml/')),
        [],
      );
    });
  });

  describe('flow/unreachable-step', () => {
    it('fires on the step key, and not once something leads to it', () => {
      const bad =
        HEAD +
        'start: a\nsteps:\n  a: {kind: handler, say: Hi, next: done}\n  [[old]]: {kind: handler, say: Old, next: done}\n  done: {kind: end, outcome: {result: pass}}\n';
      const { text, ranges } = marked(bad);
      const p = one(check(text), 'flow/unreachable-step');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.severity, 'warning');
      assert.equal(
        p.message,
        'Step `old` cannot be reached from the start (`a`): no `next` or choice leads to it.',
      );
      assert.deepEqual(check(text.replace('say: Hi, next: done', 'say: Hi, next: old')), []);
    });

    it('says a part cut off by one broken `next` once, on its first step, with a count', () => {
      const text =
        HEAD +
        'start: a\nsteps:\n' +
        '  a: {kind: handler, say: Address?, next: adress}\n' +
        '  address: {kind: caller, say: 12 High St, next: b}\n' +
        '  b: {kind: handler, say: Weapons?, next: c}\n' +
        '  c: {kind: caller, say: No, next: done}\n' +
        '  done: {kind: end, outcome: {result: pass}}\n';
      const problems = check(text);
      assert.equal(only(problems, 'flow/dangling-next').length, 1);
      const p = one(problems, 'flow/unreachable-step');
      assert.equal(p.range.start.line, 6);
      assert.equal(
        p.message,
        'Step `address` cannot be reached from the start (`a`): no `next` or choice leads to it. 3 steps after it cannot be reached either.',
      );
      assert.deepEqual(
        only(check(text.replace('next: adress', 'next: address')), 'flow/unreachable-step'),
        [],
      );
    });

    it('says a loop nothing enters once, on its first step in the file', () => {
      const text =
        HEAD +
        'start: a\nsteps:\n' +
        '  a: {kind: handler, say: Hi, next: done}\n' +
        '  retry: {kind: handler, say: Still there?, next: wait}\n' +
        '  wait: {kind: timer, seconds: 5, next: retry}\n' +
        '  done: {kind: end, outcome: {result: pass}}\n';
      const p = one(check(text), 'flow/unreachable-step');
      assert.equal(
        p.message,
        'Step `retry` cannot be reached from the start (`a`): only steps that cannot be reached lead to it. The step after it cannot be reached either.',
      );
      assert.equal(p.range.start.line, 6);
    });

    it('says each step nothing leads to, and counts a step they share once', () => {
      const text =
        HEAD +
        'start: a\nsteps:\n' +
        '  a: {kind: handler, say: Hi, next: done}\n' +
        '  old1: {kind: handler, say: Old, next: shared}\n' +
        '  old2: {kind: handler, say: Older, next: old2}\n' +
        '  old3: {kind: handler, say: Oldest, next: shared}\n' +
        '  shared: {kind: handler, say: Bye, next: done}\n' +
        '  done: {kind: end, outcome: {result: pass}}\n';
      const found = only(check(text), 'flow/unreachable-step').map((p) => p.message);
      assert.deepEqual(found, [
        'Step `old1` cannot be reached from the start (`a`): no `next` or choice leads to it. The step after it cannot be reached either.',
        'Step `old2` cannot be reached from the start (`a`): no `next` or choice leads to it.',
        'Step `old3` cannot be reached from the start (`a`): no `next` or choice leads to it.',
      ]);
    });

    it('says nothing when `start` is unknown (flow/unknown-start says it)', () => {
      const text = HEAD + 'start: x\nsteps:\n  a: {kind: end, outcome: {result: pass}}\n';
      assert.deepEqual(only(check(text), 'flow/unreachable-step'), []);
    });
  });

  describe('flow/dead-end', () => {
    it('fires on a non-end step without `next`, and not once it has one', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  [[a]]: {kind: handler, say: Hi}\n  done: {kind: end, outcome: {result: pass}}\n',
      );
      const p = one(check(text), 'flow/dead-end');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, 'Step `a` leads nowhere: add a `next`, or make it `kind: end`.');
      assert.deepEqual(check(text.replace('say: Hi}', 'say: Hi, next: done}')), []);
    });

    it('does not fire on an end step', () => {
      assert.deepEqual(
        only(check(HEAD + 'start: a\nsteps:\n  a: {kind: end, outcome: {result: pass}}\n'), 'flow/dead-end'),
        [],
      );
    });
  });

  describe('flow/no-end', () => {
    it('fires on the `start` value when no end can be reached', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: [[a]]\nsteps:\n  a: {kind: handler, say: Hi, next: b}\n  b: {kind: caller, say: Yes, next: a}\n',
      );
      const p = one(check(text), 'flow/no-end');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, 'No path from `a` reaches a `kind: end` step: the call can never finish.');
      assert.deepEqual(only(check(text), 'flow/loop-without-exit'), [], 'said once, not also as a loop');
      const fixed = text
        .replace('next: a}', 'next: a}\n  done: {kind: end, outcome: {result: pass}}')
        .replace('say: Hi, next: b', 'say: Hi, next: done');
      assert.deepEqual(only(check(fixed), 'flow/no-end'), []);
    });
  });

  describe('flow/loop-without-exit', () => {
    const bad =
      HEAD +
      'start: a\nsteps:\n  a:\n    kind: choice\n    prompt: p\n    choices:\n      - {label: x, next: done}\n      - {label: y, next: ask}\n  [[ask]]: {kind: handler, say: Again?, next: repeat}\n  repeat: {kind: caller, say: What?, next: ask}\n  done: {kind: end, outcome: {result: pass}}\n';

    it('fires once, on the step where the loop is entered', () => {
      const { text, ranges } = marked(bad);
      const p = one(check(text), 'flow/loop-without-exit');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(
        p.message,
        'The loop through `ask`, `repeat` has no way out: no path from `ask` reaches an end.',
      );
    });

    it('does not fire when one step of the loop has a way out (a timeout)', () => {
      const text = marked(bad).text.replace(
        'say: What?, next: ask}',
        'say: What?, next: ask, timeout: {seconds: 30, next: done}}',
      );
      assert.deepEqual(check(text), []);
    });
  });

  describe('flow/duplicate-choice-target', () => {
    it('fires on the second choice with the first as related information', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  a:\n    kind: choice\n    prompt: p\n    choices:\n      - {label: x, next: [[b]]}\n      - {label: y, next: [[b]]}\n  b: {kind: end, outcome: {result: pass}}\n  c: {kind: end, outcome: {result: pass}}\n',
      );
      const problems = check(text);
      const p = one(problems, 'flow/duplicate-choice-target');
      assert.deepEqual(p.range, ranges[1]);
      assert.deepEqual(p.related?.[0].range, ranges[0]);
      assert.equal(p.message, 'Choices 1 and 2 both lead to `b`.');
      const fixed = text.replace('label: y, next: b', 'label: y, next: c');
      assert.deepEqual(check(fixed), []);
    });
  });

  describe('the dataflow solver', () => {
    // a → b → c → b (loop), c → d; facts gathered along the way: each step adds its own id.
    const text =
      HEAD +
      'start: a\nsteps:\n  a: {kind: handler, say: a, next: b}\n  b: {kind: handler, say: b, next: c}\n  c:\n    kind: choice\n    prompt: p\n    choices:\n      - {label: again, next: b, facts: [weapon]}\n      - {label: on, next: d}\n  d: {kind: end, outcome: {result: pass}}\n  e: {kind: end, outcome: {result: pass}}\n';

    it('reaches a fixpoint on a loop: facts from the back edge reach the loop head', () => {
      const doc = parse(text);
      const flow = buildFlow(doc);
      const idx = (id: string) => doc.stepsById.get(id)!.index;
      let transfers = 0;
      const { input, output } = solveForward<ReadonlySet<string>>(flow, {
        entry: new Set(),
        transfer: (step, s) => {
          transfers++;
          return new Set([...s, flow.steps[step].id]);
        },
        edge: (e, s) => (e.facts?.length ? new Set([...s, ...e.facts]) : s),
        join: (a, b) => new Set([...a, ...b]),
        equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)),
      });
      const sorted = (s: ReadonlySet<string> | undefined) => (s ? [...s].sort() : undefined);
      assert.deepEqual(sorted(input[idx('a')]), []);
      assert.deepEqual(sorted(input[idx('b')]), ['a', 'b', 'c', 'weapon']);
      assert.deepEqual(sorted(input[idx('d')]), ['a', 'b', 'c', 'weapon']);
      assert.deepEqual(sorted(output[idx('d')]), ['a', 'b', 'c', 'd', 'weapon']);
      assert.equal(input[idx('e')], undefined, 'unreachable steps get no state');
      assert.ok(transfers < 20, `bounded work (${transfers} transfers)`);
    });

    it('gives nothing when there is no start', () => {
      const doc = parse(text.replace('start: a', 'start: zz'));
      const r = solveForward(buildFlow(doc), {
        entry: 0,
        transfer: (_s, x: number) => x + 1,
        join: Math.max,
        equals: (a, b) => a === b,
      });
      assert.ok(r.input.every((x) => x === undefined));
    });

    it('reachability, order and canReach follow the edges', () => {
      const doc = parse(text);
      const flow = buildFlow(doc);
      const ids = (xs: number[]) => xs.map((i) => flow.steps[i].id);
      assert.deepEqual(flow.reachable.map((r, i) => (r ? flow.steps[i].id : '')).filter(Boolean), [
        'a',
        'b',
        'c',
        'd',
      ]);
      assert.deepEqual(ids(flow.order), ['a', 'b', 'c', 'd']);
      const toEnd = canReach(flow, (v) => flow.steps[v].id === 'd');
      assert.deepEqual(toEnd.map((ok, i) => (ok ? flow.steps[i].id : '')).filter(Boolean), [
        'a',
        'b',
        'c',
        'd',
      ]);
    });
  });

  describe('suppression comments', () => {
    const base =
      HEAD +
      'start: a\nsteps:\n  a: {kind: handler, say: Hi, next: done}\n  old: {kind: handler, say: Old}\n  done: {kind: end, outcome: {result: pass}}\n';

    it('the code being suppressed: unreachable-step and dead-end on `old`', () => {
      assert.deepEqual(summary(check(base)), ['flow/dead-end@6:2-6:5', 'flow/unreachable-step@6:2-6:5']);
    });

    it('next-line silences the named rule on the next line only', () => {
      const text = base.replace('  old:', '  # callflow-disable-next-line flow/unreachable-step\n  old:');
      assert.deepEqual(summary(check(text)), ['flow/dead-end@7:2-7:5']);
    });

    it('line silences the rule on its own line', () => {
      const text = base.replace('say: Old}', 'say: Old}  # callflow-disable-line flow/dead-end');
      assert.deepEqual(summary(check(text)), ['flow/unreachable-step@6:2-6:5']);
    });

    it('a comment on its own line silences the rule in the whole file', () => {
      const text = '# callflow-disable flow/unreachable-step\n' + base;
      assert.deepEqual(summary(check(text)), ['flow/dead-end@7:2-7:5']);
    });

    it('several ids, separated by commas or spaces', () => {
      for (const sep of [', ', ' ', ',']) {
        const text = base.replace(
          '  old:',
          `  # callflow-disable-next-line flow/unreachable-step${sep}flow/dead-end\n  old:`,
        );
        assert.deepEqual(check(text), [], JSON.stringify(sep));
      }
    });

    it('a comment without rule ids silences nothing', () => {
      const text = base.replace('  old:', '  # callflow-disable-next-line\n  old:');
      assert.equal(check(text).length, 2);
    });

    it('another rule id does not silence this one', () => {
      const text = base.replace('  old:', '  # callflow-disable-next-line code/unknown\n  old:');
      assert.equal(check(text).length, 2);
    });
  });

  describe('config rule levels', () => {
    const text =
      HEAD +
      'start: a\nsteps:\n  a: {kind: handler, say: Hi, next: done}\n  old: {kind: end, outcome: {result: pass}}\n  done: {kind: end, outcome: {result: pass}}\n';

    for (const level of ['info', 'warning', 'error'] as const) {
      it(`\`${level}\` sets the severity`, () => {
        const proj = project(`callflow: 1\nrules:\n  flow/unreachable-step: ${level}\n`);
        assert.deepEqual(proj.problems, []);
        const p = check(text, proj);
        assert.deepEqual(
          p.map((x) => [x.ruleId, x.severity]),
          [['flow/unreachable-step', level]],
        );
      });
    }

    it('`off` silences the rule', () => {
      assert.deepEqual(check(text, project('callflow: 1\nrules:\n  flow/unreachable-step: off\n')), []);
    });

    it('applies to parse and schema problems too', () => {
      const proj = project('callflow: 1\nrules:\n  schema/unknown-property: warning\n');
      const p = check(text.replace('title: T', 'title: T\ntitel: U'), proj);
      assert.deepEqual(
        p.filter((x) => x.ruleId === 'schema/unknown-property').map((x) => x.severity),
        ['warning'],
      );
    });

    it('an unknown rule id gets a did-you-mean warning at the id, and a bad level an error', () => {
      const { text: cfg, ranges } = marked(
        'callflow: 1\nrules:\n  [[flow/unreachable-steps]]: off\n  flow/dead-end: [[warn]]\n',
      );
      const proj = project(cfg);
      assert.deepEqual(
        proj.problems.map((p) => [p.uri, p.ruleId, p.severity, p.range, p.message]),
        [
          [
            'mem:/ws/callflow.config.yaml',
            'config/invalid',
            'error',
            ranges[1],
            '`warn` is not allowed for `flow/dead-end`. Did you mean `warning`? Use `off`, `info`, `warning` or `error`.',
          ],
          [
            'mem:/ws/callflow.config.yaml',
            'config/invalid',
            'warning',
            ranges[0],
            'Unknown rule `flow/unreachable-steps`. Did you mean `flow/unreachable-step`?',
          ],
        ],
      );
    });
  });
});
