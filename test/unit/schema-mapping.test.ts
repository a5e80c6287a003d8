/**
 * ajv errors → problems at exact YAML ranges, in words a trainer understands: required, unknown
 * properties (with did-you-mean and a quick fix), enums, types, the step-kind discriminator, nested paths
 * and the fallback to the nearest parent.
 */
import assert from 'node:assert/strict';
import { applyEdits, check, only, parse, summary } from '../support/core';
import { marked, range } from '../support/ranges';
import { validateAgainst } from '../../server/src/service/schema/validators';
import { validators } from '../support/core';
import { didYouMean, editDistance } from '../../server/src/service/checks/didyoumean';
import type { Problem } from '../../server/src/service';

const HEAD = 'callflow: 1\nid: test\ntitle: T\n';
const END = '  done: {kind: end, outcome: {result: pass}}\n';

/** The one problem of a rule, failing if there is not exactly one. */
function one(problems: Problem[], ruleId: string): Problem {
  const found = only(problems, ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}, got ${JSON.stringify(summary(problems))}`);
  return found[0];
}

describe('schema mapping', () => {
  describe('required', () => {
    it('a missing `start` is reported on the first key of the file', () => {
      const { text, ranges } = marked('[[callflow]]: 1\nid: test\ntitle: T\nsteps:\n' + END);
      const p = one(check(text), 'schema/required');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^Missing `start` in the file: the id of the step/);
    });

    it('a missing `say` on a handler step is reported on the step key', () => {
      const { text, ranges } = marked(
        HEAD + 'start: answer\nsteps:\n  [[answer]]:\n    kind: handler\n    next: done\n' + END,
      );
      const p = one(check(text), 'schema/required');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^Missing `say` in step `answer`/);
    });

    it('a missing `who` in `caller` is reported on the key `caller`', () => {
      const { text, ranges } = marked(HEAD + '[[caller]]:\n  name: Jo\nstart: done\nsteps:\n' + END);
      const p = one(check(text), 'schema/required');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^Missing `who` in `caller`/);
    });

    it('a missing `next` in the second choice is reported on that choice (nested path)', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: ask\nsteps:\n  ask:\n    kind: choice\n    prompt: What now?\n    choices:\n      - {label: Ask, next: done}\n      - [[label]]: End the call\n        score: -1\n' +
          END,
      );
      const p = one(check(text), 'schema/required');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^Missing `next` in `choices\[1\]`/);
    });

    it('a missing `next` in a timeout is reported on the key `timeout`', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  a:\n    kind: caller\n    [[timeout]]: {seconds: 20}\n    next: done\n' +
          END,
      );
      assert.deepEqual(one(check(text), 'schema/required').range, ranges[0]);
    });
  });

  describe('unknown properties', () => {
    it('reports the key, suggests the closest name, and the quick fix renames it', () => {
      const src =
        HEAD + 'start: a\nsteps:\n  a:\n    kind: handler\n    say: Hello\n    [[nxt]]: done\n' + END;
      const { text, ranges } = marked(src);
      const p = one(check(text), 'schema/unknown-property');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, 'Unknown property `nxt` in handler step. Did you mean `next`?');
      assert.equal(p.fixes?.length, 1);
      assert.equal(p.fixes?.[0].title, 'Change to `next`');
      const fixed = applyEdits(text, p.fixes![0].edits);
      assert.equal(fixed, text.replace('nxt:', 'next:'));
      assert.deepEqual(check(fixed), []);
    });

    it('lists the allowed names when nothing is close, with no fix', () => {
      const { text, ranges } = marked(HEAD + '[[zzzzzz]]: 1\nstart: done\nsteps:\n' + END);
      const p = one(check(text), 'schema/unknown-property');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /Allowed here: `callflow`, `id`, `title`/);
      assert.equal(p.fixes, undefined);
    });

    it('reports an unknown key inside a flow mapping at that key', () => {
      const { text, ranges } = marked(HEAD + 'start: done\nsteps:\n  done: {kind: end, [[sya]]: Bye}\n');
      const p = one(check(text), 'schema/unknown-property');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /Did you mean `say`\?/);
    });
  });

  describe('enum', () => {
    it('reports a wrong `asks` value on the value, with did-you-mean and a fix', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  a: {kind: handler, say: Hi, asks: [location, [[weapon]]], next: done}\n' +
          END,
      );
      const p = one(check(text), 'schema/enum');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(
        p.message,
        /^`weapon` is not allowed for `asks\[1\]`\. Did you mean `weapons`\? Use `location`/,
      );
      const fixed = applyEdits(text, p.fixes![0].edits);
      assert.match(fixed, /asks: \[location, weapons\]/);
      assert.deepEqual(check(fixed), []);
    });

    it('says what a const must be (`callflow: 2`)', () => {
      const { text, ranges } = marked('callflow: [[2]]\nid: test\ntitle: T\nstart: done\nsteps:\n' + END);
      const p = one(check(text), 'schema/enum');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`callflow` must be `1`.');
    });
  });

  describe('type', () => {
    it('`seconds: five` is reported on the value', () => {
      const { text, ranges } = marked(
        HEAD + 'start: a\nsteps:\n  a: {kind: handler, say: Hi, seconds: [[five]], next: done}\n' + END,
      );
      const p = one(check(text), 'schema/type');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`seconds` must be a number, not text.');
    });

    it('a number where text is expected suggests quoting', () => {
      const { text, ranges } = marked(
        HEAD + 'caller:\n  who: Jo\n  phone: [[07700900123]]\nstart: done\nsteps:\n' + END,
      );
      const p = one(check(text), 'schema/type');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`phone` must be text, not a whole number. Quote it if it should be text.');
    });

    it('an empty value is reported on its key, not at a zero-width spot', () => {
      const { text, ranges } = marked(HEAD + '[[caller]]:\nstart: done\nsteps:\n' + END);
      const p = one(check(text), 'schema/type');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, '`caller` must be a mapping (key: value lines), not empty.');
    });

    it('a step that is not a mapping is reported on its value', () => {
      const { text, ranges } = marked(HEAD + 'start: done\nsteps:\n' + END + '  other: [[just text]]\n');
      const p = one(check(text), 'schema/type');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, 'Step `other` must be a mapping (key: value lines), not text.');
    });
  });

  describe('limits and forms', () => {
    it('a pattern is explained in words, not as a regular expression', () => {
      const { text, ranges } = marked(
        'callflow: 1\nid: [[Silent 999]]\ntitle: T\nstart: done\nsteps:\n' + END,
      );
      const p = one(check(text), 'schema/value');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(
        p.message,
        '`id` does not have the expected form: a short unique name for the scenario: lower-case letters, digits and hyphens.',
      );
    });

    it('a value listed twice names the items in order', () => {
      const p = one(check(HEAD + 'tags: [a, b, a]\nstart: done\nsteps:\n' + END), 'schema/value');
      assert.deepEqual(p.range, range(3, 6, 3, 15));
      assert.equal(p.message, '`tags` lists the same value twice (items 1 and 3).');
    });

    it('an empty choices list needs at least one item', () => {
      const text = HEAD + 'start: a\nsteps:\n  a: {kind: choice, prompt: What now?, choices: []}\n' + END;
      const p = one(check(text), 'schema/value');
      assert.deepEqual(p.range, range(5, 48, 5, 50));
      assert.equal(p.message, '`choices` needs at least 1 item.');
    });
  });

  describe('discriminator (step kind)', () => {
    it('a wrong kind gives ONE problem at the value, with did-you-mean and the kinds', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  a:\n    kind: [[handlr]]\n    say: Hi\n    asks: [location]\n    next: done\n' +
          END,
      );
      const problems = check(text);
      assert.deepEqual(
        problems.filter((p) => p.ruleId.startsWith('schema/')).map((p) => p.ruleId),
        ['schema/step-kind'],
      );
      const p = problems.find((x) => x.ruleId === 'schema/step-kind')!;
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(
        p.message,
        'Unknown step kind `handlr`. Did you mean `handler`? A step is one of `caller`, `handler`, `action`, `choice`, `timer` or `end`.',
      );
      assert.deepEqual(check(applyEdits(text, p.fixes![0].edits)), []);
    });

    it('a kind nothing like the others: one problem listing the kinds, no fix', () => {
      const { text, ranges } = marked(HEAD + 'start: done\nsteps:\n' + END + '  x: {kind: [[banana]]}\n');
      const p = one(check(text), 'schema/step-kind');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^Unknown step kind `banana`\. A step is one of/);
      assert.equal(p.fixes, undefined);
    });

    it('a missing kind gives ONE problem, on the step key', () => {
      const { text, ranges } = marked(
        HEAD + 'start: a\nsteps:\n  [[a]]:\n    say: Hi\n    next: done\n' + END,
      );
      const problems = check(text).filter((p) => p.ruleId.startsWith('schema/'));
      assert.deepEqual(summary(problems), [
        `schema/step-kind@${ranges[0].start.line}:2-${ranges[0].start.line}:3`,
      ]);
      assert.equal(
        problems[0].message,
        'Step `a` needs a `kind:`: one of `caller`, `handler`, `action`, `choice`, `timer` or `end`.',
      );
    });
  });

  describe('paths', () => {
    it('a problem deep in an action step lands on the value (handover.grade type)', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: a\nsteps:\n  a:\n    kind: action\n    action: transfer\n    handover:\n      nature: Fight\n      [[colour]]: red\n    next: done\n' +
          END,
      );
      assert.deepEqual(one(check(text), 'schema/unknown-property').range, ranges[0]);
    });

    it('a pointer that does not exist in the YAML falls back to the nearest parent', () => {
      // `steps` is missing entirely, so a pointer into it cannot be found: the required problem for the
      // root is placed on the file's first key, and nothing throws.
      const doc = parse('callflow: 1\nid: test\ntitle: T\nstart: a\n');
      const problems = validateAgainst('scenario', doc, validators);
      assert.deepEqual(summary(problems), ['schema/required@0:0-0:8']);
    });

    it('a pointer through a scalar stops at the scalar (steps: text)', () => {
      const { text, ranges } = marked(HEAD + 'start: a\nsteps: [[not a mapping]]\n');
      assert.deepEqual(one(check(text), 'schema/type').range, ranges[0]);
    });
  });

  describe('did you mean', () => {
    it('counts a swap of neighbouring letters as one edit', () => {
      assert.equal(editDistance('doen', 'done'), 1);
      assert.equal(editDistance('sya', 'say'), 1);
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('abc', 'abc'), 0);
      assert.equal(editDistance('a', 'abcdef', 2), 3, 'exits early above max');
    });

    it('suggests close names, case-insensitively, and nothing for far or one-letter words', () => {
      assert.equal(didYouMean('doen', ['done', 'greeting']), 'done');
      assert.equal(didYouMean('HANDLER', ['caller', 'handler']), 'handler');
      assert.equal(didYouMean('ask', ['ask-where', 'answer']), 'ask-where', 'a prefix of three letters');
      assert.equal(didYouMean('banana', ['caller', 'handler', 'end']), undefined);
      assert.equal(didYouMean('7', ['E', 'I', 'R']), undefined);
      assert.equal(didYouMean('i', ['I', 'E']), 'I');
    });
  });

  it('messages for trainers: no ajv jargon in any problem of a badly broken file', () => {
    const text = `callflow: 2
id: Not An Id
title: 5
level: expert
audience: call-handler
duration: -3
tags: [a, a]
call: {line: 998, device: pager, silent: maybe}
caller: {name: Jo, age: old, demeanour: grumpy, vulnerability: [tall]}
incident: {category: 304, qualifiers: "633"}
expected:
  grade: [EMERGENCY, 7]
  actions: [dance]
  targets: {location: soon}
  thrive: {threat: 1}
start: answer
steps:
  answer:
    kind: handler
    asks: [adress]
    yesNo: perhaps
    seconds: five
    timeout: {next: done}
    nxt: done
  ask:
    kind: choice
    choices: []
  pick:
    kind: choice
    prompt: x
    choices:
      - {label: a}
      - {next: done, score: lots, critical: 3}
  act:
    kind: action
    to: space
    handover: {colour: red}
  wait: {kind: timer}
  odd: {kind: banana}
  none: {say: hi}
  done: {kind: end, outcome: {result: win}, extra: 1}
  s: text
`;
    const problems = check(text);
    assert.ok(problems.length >= 30, `only ${problems.length} problems`);
    const jargon =
      /must NOT|must have required|additional propert|must match|must be equal to|instancePath|#\/|\$defs|oneOf|anyOf|discriminator|propertyName|must pass|boolean schema/i;
    for (const p of problems) assert.doesNotMatch(p.message, jargon, `${p.ruleId}: ${p.message}`);
    for (const p of problems)
      assert.ok(
        p.range.start.line > 0 || p.range.start.character > 0 || p.range.end.character > 0,
        `a zero range: ${p.ruleId} ${p.message}`,
      );
  });
});
