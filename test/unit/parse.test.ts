/**
 * Parsing: exact positions as the editor counts them (UTF-16 columns, CRLF, lone CR, no BOM), duplicate
 * keys, extra documents, merge keys, step ids that YAML reads as something else, syntax errors and tabs.
 */
import assert from 'node:assert/strict';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { check, only, parse, summary } from '../support/core';
import { marked, range } from '../support/ranges';
import { LineIndex } from '../../server/src/service';

const STEPS = 'start: answer\nsteps:\n  answer: {kind: handler, say: hi, next: done}\n  done: {kind: end}\n';
const HEAD = 'callflow: 1\nid: test\ntitle: T\n';

describe('parse', () => {
  describe('positions', () => {
    it('counts columns in UTF-16 code units (an emoji is two)', () => {
      const { text, ranges } = marked(
        HEAD + STEPS.replace('say: hi, next: done', 'say: "😀 é", [[nxt]]: done'),
      );
      const p = only(check(text), 'schema/unknown-property');
      assert.deepEqual(
        p.map((x) => x.range),
        ranges,
      );
      // `  answer: {kind: handler, say: "😀 é", ` is 39 UTF-16 units (37 code points).
      assert.equal(ranges[0].start.character, 39);
    });

    it('puts a step key after an emoji at the column the editor shows', () => {
      const doc = parse(
        HEAD + 'start: a\nsteps:\n  a: {kind: handler, say: "🚓🚓", next: b}\n  b: {kind: end}\n',
      );
      const edge = doc.steps[0];
      assert.deepEqual(edge.keyRange, range(5, 2, 5, 3));
      const problems = check(
        HEAD + 'start: a\nsteps:\n  a: {kind: handler, say: "🚓🚓", next: bb}\n  b: {kind: end}\n',
      );
      // `  a: {kind: handler, say: "🚓🚓", next: ` is 40 UTF-16 units (each 🚓 is two).
      assert.deepEqual(only(problems, 'flow/dangling-next')[0].range, range(5, 40, 5, 42));
    });

    it('reads CRLF files with the same lines and columns as LF files', () => {
      const lf = HEAD + STEPS.replace('next: done', 'next: gone');
      const crlf = lf.replace(/\n/g, '\r\n');
      assert.deepEqual(summary(check(crlf)), summary(check(lf)));
      assert.deepEqual(only(check(crlf), 'flow/dangling-next')[0].range, range(5, 41, 5, 45));
    });

    it('treats a lone CR as a line break, as YAML 1.2 and the editor do', () => {
      const lf = HEAD + STEPS.replace('next: done', 'next: gone');
      const cr = lf.replace(/\n/g, '\r');
      const problems = check(cr);
      assert.deepEqual(summary(problems), summary(check(lf)));
      assert.deepEqual(only(problems, 'flow/dangling-next')[0].range, range(5, 41, 5, 45));
      assert.deepEqual(parseScenario('mem:/cr', cr).stepsById.get('done')?.keyRange, range(6, 2, 6, 6));
    });

    it('drops a leading BOM so columns match the editor (which never shows it)', () => {
      const text = HEAD + STEPS.replace('next: done', 'next: gone');
      const doc = parse('\ufeff' + text);
      assert.equal(doc.text, text);
      assert.deepEqual(doc.stepsById.get('answer')?.keyRange, range(5, 2, 5, 8));
      assert.deepEqual(only(check('\ufeff' + text), 'flow/dangling-next')[0].range, range(5, 41, 5, 45));
      assert.deepEqual(doc.problems, []);
    });

    it('maps offsets and positions both ways, clamping out-of-range values', () => {
      const idx = new LineIndex('ab\r\ncd\ref\ngh');
      assert.equal(idx.lineCount, 4);
      assert.deepEqual(idx.position(4), { line: 1, character: 0 });
      assert.deepEqual(idx.position(7), { line: 2, character: 0 });
      assert.deepEqual(idx.position(999), { line: 3, character: 2 });
      assert.equal(idx.offset({ line: 2, character: 1 }), 8);
      assert.equal(idx.offset({ line: 9, character: 0 }), 12);
      assert.equal(idx.lineText(0), 'ab');
      assert.equal(idx.lineText(1), 'cd');
    });
  });

  describe('duplicate keys', () => {
    it('reports the second key, with the first as related information', () => {
      const { text, ranges } = marked(
        HEAD +
          'start: answer\nsteps:\n  [[answer]]: {kind: handler, say: hi, next: done}\n  done: {kind: end}\n  [[answer]]: {kind: end}\n',
      );
      const dup = only(parse(text).problems, 'yaml/duplicate-key');
      assert.equal(dup.length, 1);
      assert.deepEqual(dup[0].range, ranges[1]);
      assert.deepEqual(dup[0].related?.[0].range, ranges[0]);
      assert.match(dup[0].message, /Duplicate key `answer`: it is already set on line 6/);
    });

    it('finds duplicates in nested mappings and keeps the first step in the index', () => {
      const { text, ranges } = marked(HEAD + STEPS.replace('{kind: end}', '{kind: end, say: a, [[say]]: b}'));
      const doc = parse(text);
      assert.deepEqual(summary(only(doc.problems, 'yaml/duplicate-key')), [
        `yaml/duplicate-key@${ranges[0].start.line}:${ranges[0].start.character}-${ranges[0].end.line}:${ranges[0].end.character}`,
      ]);
    });

    it('does not call equal values under different keys duplicates', () => {
      assert.deepEqual(only(parse(HEAD + 'tags: [a, a]\n' + STEPS).problems, 'yaml/duplicate-key'), []);
    });
  });

  it('reports a second document at its `---` line and reads only the first', () => {
    const { text, ranges } = marked(HEAD + STEPS + '[[---]]\nid: other\n');
    const doc = parse(text);
    assert.deepEqual(
      only(doc.problems, 'yaml/multiple-documents').map((p) => p.range),
      ranges,
    );
    assert.equal((doc.value as { id: string }).id, 'test');
  });

  it('reports a merge key as unsupported, not as an unknown property', () => {
    const { text, ranges } = marked(
      HEAD +
        'start: a\nsteps:\n  a: &base {kind: handler, say: hi, next: b}\n  b: {[[<<]]: *base, say: bye}\n  c: {kind: end}\n',
    );
    const problems = check(text);
    assert.deepEqual(
      only(problems, 'yaml/merge-key').map((p) => p.range),
      ranges,
    );
    assert.equal(
      problems.filter((p) => p.message.includes('`<<`') && p.ruleId !== 'yaml/merge-key').length,
      0,
    );
  });

  describe('step ids', () => {
    for (const [key, type] of [
      ['1', 'number'],
      ['2.5', 'number'],
      ['true', 'boolean'],
      ['null', 'null'],
      ['~', 'null'],
    ] as const) {
      it(`reports the step id \`${key}\` as read as a ${type}, at the key`, () => {
        const { text, ranges } = marked(HEAD + STEPS + `  [[${key}]]: {kind: end}\n`);
        const doc = parse(text);
        const p = only(doc.problems, 'schema/step-id');
        assert.equal(p.length, 1);
        assert.deepEqual(p[0].range, ranges[0]);
        assert.match(p[0].message, new RegExp(`read as a ${type}`));
        assert.equal(doc.steps.length, 2, 'the odd key is not indexed as a step');
      });
    }

    it('accepts a quoted number as an id but reports the pattern', () => {
      const { text, ranges } = marked(HEAD + STEPS + '  [["1"]]: {kind: end}\n');
      const p = only(parse(text).problems, 'schema/step-id');
      assert.deepEqual(
        p.map((x) => x.range),
        ranges,
      );
      assert.match(p[0].message, /`1` is not a valid id/);
    });

    it('reports an id that is a string but does not match the pattern', () => {
      const { text, ranges } = marked(
        HEAD + STEPS + '  [[9-lives]]: {kind: end}\n  [[has space]]: {kind: end}\n',
      );
      assert.deepEqual(
        only(parse(text).problems, 'schema/step-id').map((p) => p.range),
        ranges,
      );
    });

    it('indexes steps in source order with key and full ranges', () => {
      const doc = parse(
        HEAD +
          'start: answer\nsteps:\n  answer:\n    kind: handler\n    say: hi\n    next: done\n  done: {kind: end}\n',
      );
      assert.deepEqual(
        doc.steps.map((s) => [s.id, s.index]),
        [
          ['answer', 0],
          ['done', 1],
        ],
      );
      assert.deepEqual(doc.steps[0].keyRange, range(5, 2, 5, 8));
      assert.equal(doc.steps[0].fullRange.start.line, 5);
      assert.ok(doc.steps[0].fullRange.end.line >= 8);
      assert.deepEqual(doc.steps[1].fullRange, range(9, 2, 9, 19));
      assert.equal(doc.steps[0].data?.kind, 'handler');
    });
  });

  describe('syntax errors', () => {
    it('points an unclosed quote at the opening quote, not the end of the file', () => {
      const { text, ranges } = marked(HEAD.replace('title: T', 'title: [["The caller]]') + STEPS);
      const p = only(parse(text).problems, 'yaml/syntax');
      assert.equal(p.length, 1);
      assert.deepEqual(p[0].range, ranges[0]);
      assert.match(p[0].message, /Missing closing quote/);
    });

    it('does the same for single quotes, skipping escaped quotes', () => {
      const { text, ranges } = marked(HEAD.replace('title: T', "title: [['It''s here]]") + STEPS);
      assert.deepEqual(
        only(parse(text).problems, 'yaml/syntax').map((p) => p.range),
        ranges,
      );
    });

    it('reports a mapping item at the wrong indentation where it starts', () => {
      const text = HEAD + 'caller:\n  who: A caller\n name: Jo\n' + STEPS;
      const p = only(parse(text).problems, 'yaml/syntax');
      assert.ok(p.length >= 1);
      assert.deepEqual(p[0].range.start, { line: 5, character: 0 });
    });

    it('reports an unclosed flow sequence on the next line, without ajv words', () => {
      const p = only(parse(HEAD + 'tags: [a, b\n' + STEPS).problems, 'yaml/syntax');
      assert.ok(p.length >= 1);
      assert.equal(p[0].range.start.line, 4);
      assert.doesNotMatch(p[0].message, /at line \d+, column/);
    });

    it('says tabs cannot indent, at the tab', () => {
      const { text, ranges } = marked(HEAD + 'start: answer\nsteps:\n  answer:\n[[\t]]kind: handler\n');
      const p = only(check(text), 'yaml/syntax');
      assert.deepEqual(
        p.map((x) => x.range),
        ranges,
      );
      // Said first in a trainer's words (checks/root-cause.ts), with the indentation to use.
      assert.match(
        p[0].message,
        /^This line is indented with a tab, and YAML indents with spaces only: indent it with 4 spaces\./,
      );
    });

    it('accepts tabs inside a value', () => {
      assert.deepEqual(parse(HEAD + 'summary: "a\tb"\n' + STEPS).problems, []);
    });
  });

  it('parses a clean scenario with no problems and plain data', () => {
    const doc = parse(HEAD + STEPS);
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.convertible, true);
    assert.deepEqual((doc.value as { steps: object }).steps, {
      answer: { kind: 'handler', say: 'hi', next: 'done' },
      done: { kind: 'end' },
    });
  });
});
