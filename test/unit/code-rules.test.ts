/**
 * The code rules against the default catalogue and workspace catalogues (extended, a replaced family,
 * a deprecated code), and catalogue loading itself: duplicate aliases and broken files.
 */
import assert from 'node:assert/strict';
import { lookupCode, loadCatalogue } from '../../server/src/service/model/catalogue';
import { applyEdits, check, only, project, summary, validators } from '../support/core';
import { marked, range } from '../support/ranges';
import type { Problem } from '../../server/src/service';

const HEAD = 'callflow: 1\nid: test\ntitle: T\nstart: done\n';
const STEPS = 'steps:\n  done: {kind: end, outcome: {result: pass}}\n';

function one(problems: Problem[], ruleId: string): Problem {
  const found = only(problems, ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}, got ${JSON.stringify(summary(problems))}`);
  return found[0];
}

/** A project whose config names `codes.yaml` with the given text. */
function withCatalogue(codes: string) {
  return project('callflow: 1\ncatalogue: codes.yaml\n', { 'codes.yaml': codes });
}

describe('code rules', () => {
  describe('code/unknown', () => {
    it('fires on the code with did-you-mean; the fix keeps the code as text and checks clean', () => {
      const { text, ranges } = marked(HEAD + 'incident:\n  category: [["3040"]]\n' + STEPS);
      const p = one(check(text), 'code/unknown');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(
        p.message,
        '`3040` is not a code of incident opening category in the catalogue (Callflow Studio default). Did you mean `300`?',
      );
      const fixed = applyEdits(text, p.fixes![0].edits);
      assert.match(fixed, /category: "300"/);
      assert.deepEqual(check(fixed), []);
    });

    it('a plain misspelt grade is fixed without quotes', () => {
      const { text, ranges } = marked(HEAD + 'expected:\n  grade: [[EMERGANCY]]\n' + STEPS);
      const p = one(check(text), 'code/unknown');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(applyEdits(text, p.fixes![0].edits), text.replace('EMERGANCY', 'EMERGENCY'));
    });

    it('checks every code place: incident, expected, steps, outcome and handover', () => {
      const { text, ranges } = marked(
        'callflow: 1\nid: test\ntitle: T\nstart: a\nincident:\n  qualifiers: ["633", [["999"]]]\nexpected:\n  ambulance: [[C9]]\nsteps:\n  a:\n    kind: action\n    action: transfer\n    grade: [[URGENT]]\n    handover: {grade: [[HIGH]]}\n    next: done\n  done: {kind: end, outcome: {result: pass, grade: [[LOW]]}}\n',
      );
      assert.deepEqual(
        only(check(text), 'code/unknown').map((p) => p.range),
        ranges,
      );
    });

    it('does not fire on codes, aliases or lists of grades the catalogue knows', () => {
      const text =
        HEAD +
        'incident:\n  category: "304"\n  qualifiers: ["633", "635"]\nexpected:\n  grade: [PRIORITY, G3]\n  ambulance: C1\n  determinant: 9-E-1\n' +
        STEPS;
      assert.deepEqual(
        check(text).filter((p) => p.ruleId.startsWith('code/')),
        [],
      );
    });
  });

  describe('code/wrong-family', () => {
    it('`category: "633"` is a qualifier, reported on the value', () => {
      const { text, ranges } = marked(HEAD + 'incident:\n  category: [["633"]]\n' + STEPS);
      const p = one(check(text), 'code/wrong-family');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(
        p.message,
        /^`633` is incident qualifier \(Knife\/Bladed Article\), not incident opening category/,
      );
      assert.deepEqual(only(check(text), 'code/unknown'), [], 'not also unknown');
      assert.deepEqual(check(text.replace('"633"', '"304"')), []);
    });

    it('THRIVE letters `I`, `E`, `R` are grade aliases: `grade: I` is fine', () => {
      for (const g of ['I', 'E', 'R', 'S'])
        assert.deepEqual(check(HEAD + `expected:\n  grade: ${g}\n` + STEPS), [], g);
      assert.equal(lookupCode(project().catalogue, 'grade', 'I')?.code, 'EMERGENCY');
      assert.equal(lookupCode(project().catalogue, 'thrive', 'I')?.code, 'I');
    });

    it('a THRIVE letter that is no grade alias (`T`) is a wrong family for a grade', () => {
      const { text, ranges } = marked(HEAD + 'expected:\n  grade: [[T]]\n' + STEPS);
      const p = one(check(text), 'code/wrong-family');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /`grade` expects police call grade/);
    });
  });

  describe('code/deprecated', () => {
    const codes =
      'catalogue: 1\nfamilies:\n  category:\n    codes:\n      - {code: "302", label: Old domestic, deprecated: merged into 304, replacedBy: "304"}\n';

    it('fires on a code the workspace catalogue marks deprecated; the fix quotes the replacement', () => {
      const proj = withCatalogue(codes);
      assert.deepEqual(proj.problems, []);
      const { text, ranges } = marked(HEAD + 'incident:\n  category: [["302"]]\n' + STEPS);
      const p = one(check(text, proj), 'code/deprecated');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, '`302` is deprecated: merged into 304. Use `304`.');
      const fixed = applyEdits(text, p.fixes![0].edits);
      assert.match(fixed, /category: "304"/);
      assert.deepEqual(check(fixed, proj), []);
    });

    it('does not fire with the default catalogue, where the code is unknown', () => {
      const text = HEAD + 'incident:\n  category: "302"\n' + STEPS;
      assert.deepEqual(only(check(text), 'code/deprecated'), []);
      assert.equal(only(check(text), 'code/unknown').length, 1);
    });

    it('`deprecated: true` without a replacement: no reason, no fix', () => {
      const proj = withCatalogue(
        codes.replace('deprecated: merged into 304, replacedBy: "304"', 'deprecated: true'),
      );
      const p = one(check(HEAD + 'incident:\n  category: "302"\n' + STEPS, proj), 'code/deprecated');
      assert.equal(p.message, '`302` is deprecated.');
      assert.equal(p.fixes, undefined);
    });
  });

  describe('code/determinant-format', () => {
    it('a malformed determinant is reported as written (9E1 is not the number 90)', () => {
      const { text, ranges } = marked(HEAD + 'expected:\n  determinant: [[9E1]]\n' + STEPS);
      const p = one(check(text), 'code/determinant-format');
      assert.deepEqual(p.range, ranges[0]);
      assert.match(p.message, /^`9E1` is not a medical determinant: write complaint–level–number/);
    });

    it('a complaint number outside the catalogue range', () => {
      const { text, ranges } = marked(HEAD + 'expected:\n  determinant: [[39-E-1]]\n' + STEPS);
      const p = one(check(text), 'code/determinant-format');
      assert.deepEqual(p.range, ranges[0]);
      assert.equal(p.message, 'Complaint number 39 in `39-E-1` is outside 1–38.');
    });

    it('accepts well-formed determinants, Omega written as O, and suffixes', () => {
      for (const d of ['9-E-1', '6-D-1A', '26-O-1', '12-Ω-2'])
        assert.deepEqual(check(HEAD + `expected:\n  determinant: ${d}\n` + STEPS), [], d);
    });
  });

  describe('workspace catalogues', () => {
    it('a catalogue that extends the default adds codes and keeps the default ones', () => {
      const proj = withCatalogue(
        'catalogue: 1\nname: Harbury\nfamilies:\n  category:\n    codes:\n      - {code: "999", label: Test call, aliases: [TEST]}\n',
      );
      assert.deepEqual(proj.problems, []);
      assert.equal(proj.catalogue.name, 'Harbury');
      assert.deepEqual(proj.catalogue.sources, ['mem:/ws/codes.yaml']);
      const text =
        HEAD + 'incident:\n  category: "999"\nexpected:\n  category: TEST\n  grade: EMERGENCY\n' + STEPS;
      assert.deepEqual(check(text, proj), []);
      assert.deepEqual(check(text.replace('TEST', '"304"'), proj), []);
      const source = lookupCode(proj.catalogue, 'category', '999')?.source;
      assert.deepEqual(source, { uri: 'mem:/ws/codes.yaml', range: range(5, 15, 5, 20) });
    });

    it('a catalogue that replaces the `category` family (a renumbering force)', () => {
      const proj = withCatalogue(
        'catalogue: 1\nfamilies:\n  category:\n    merge: replace\n    codes:\n      - {code: P04, label: Domestic incident, aliases: [DOM]}\n',
      );
      assert.deepEqual(proj.problems, []);
      assert.deepEqual(check(HEAD + 'incident:\n  category: P04\n' + STEPS, proj), []);
      const { text, ranges } = marked(HEAD + 'incident:\n  category: [["304"]]\n' + STEPS);
      const p = one(check(text, proj), 'code/unknown');
      assert.deepEqual(p.range, ranges[0]);
      // Other families are untouched.
      assert.deepEqual(check(HEAD + 'expected:\n  grade: EMERGENCY\n  ambulance: C1\n' + STEPS, proj), []);
    });

    it('a duplicate alias within a family is reported at that alias', () => {
      const { text: codes, ranges } = marked(
        'catalogue: 1\nfamilies:\n  grade:\n    codes:\n      - {code: URGENT, aliases: [U, [[G1]]]}\n',
      );
      const proj = withCatalogue(codes);
      assert.deepEqual(
        proj.problems.map((p) => [p.uri, p.ruleId, p.range, p.message]),
        [
          [
            'mem:/ws/codes.yaml',
            'catalogue/invalid',
            ranges[0],
            '`G1` is already an alias of `EMERGENCY` in family `grade`: aliases must be unique within a family.',
          ],
        ],
      );
      assert.equal(lookupCode(proj.catalogue, 'grade', 'G1')?.code, 'EMERGENCY', 'the first keeps it');
    });

    it('the same alias on two codes of one catalogue, and a code defined twice', () => {
      const { text: codes, ranges } = marked(
        'catalogue: 1\nextends: none\nfamilies:\n  grade:\n    codes:\n      - {code: A, aliases: [X]}\n      - {code: B, aliases: [Y, [[X]]]}\n      - {code: [[A]]}\n',
      );
      const { catalogue, problems } = loadCatalogue([{ uri: 'mem:/c.yaml', text: codes }], validators);
      assert.deepEqual(
        problems.map((p) => [p.range, p.message]),
        [
          [
            ranges[0],
            '`X` is already an alias of `A` in family `grade`: aliases must be unique within a family.',
          ],
          [ranges[1], 'Code `A` is defined twice in family `grade`.'],
        ],
      );
      assert.deepEqual([...catalogue.families.keys()], ['grade'], '`extends: none` starts from nothing');
    });

    it('a catalogue with a syntax error: reported in the catalogue, the default stays in force', () => {
      const proj = withCatalogue(
        'catalogue: 1\nfamilies:\n  grade:\n    codes:\n      - {code: "X", label: "unclosed}\n',
      );
      assert.ok(proj.problems.length >= 1);
      assert.ok(proj.problems.every((p) => p.uri === 'mem:/ws/codes.yaml'));
      assert.equal(proj.problems[0].ruleId, 'yaml/syntax');
      assert.deepEqual(proj.problems[0].range.start, { line: 4, character: 27 });
      assert.equal(proj.catalogue.name, 'Callflow Studio default');
      assert.deepEqual(check(HEAD + 'expected:\n  grade: EMERGENCY\n' + STEPS, proj), []);
    });

    it('a catalogue with a schema error: reported at the place, nothing of it merged', () => {
      const { text: codes, ranges } = marked(
        'catalogue: 1\nfamilies:\n  grade:\n    codes:\n      - {code: NEW, rank: [[first]]}\n      - {[[label]]: No code}\n',
      );
      const proj = withCatalogue(codes);
      assert.deepEqual(
        proj.problems.map((p) => [p.range, p.message]),
        [
          [ranges[0], '`rank` must be a whole number, not text.'],
          [ranges[1], 'Missing `code` in `codes[1]`: the code as scenarios write it.'],
        ],
      );
      assert.equal(lookupCode(proj.catalogue, 'grade', 'NEW'), undefined);
    });

    it('a catalogue the host cannot read is a config problem at the path', () => {
      const { text: cfg, ranges } = marked('callflow: 1\ncatalogue: [[missing.codes.yaml]]\n');
      const proj = project(cfg);
      assert.deepEqual(
        proj.problems.map((p) => [p.uri, p.ruleId, p.range]),
        [['mem:/ws/callflow.config.yaml', 'config/invalid', ranges[0]]],
      );
    });
  });
});
