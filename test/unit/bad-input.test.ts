/**
 * Hostile and odd input through the whole pipeline (`validateDocument`): the service never throws,
 * answers, and says something useful. Sizes are real (5 MB, 10,000 levels, 20,000 keys); times are
 * logged, never asserted.
 */
import assert from 'node:assert/strict';
import { check, only, summary } from '../support/core';
import { range } from '../support/ranges';
import type { Problem } from '../../server/src/service';

const VALID =
  'callflow: 1\nid: test\ntitle: T\nstart: answer\nsteps:\n  answer: {kind: handler, say: hi, next: done}\n  done: {kind: end, outcome: {result: pass}}\n';

/** Checks a text, logging how long it took; fails the test (not the process) if the service throws. */
function timed(label: string, text: string): Problem[] {
  const t0 = Date.now();
  const problems = check(text);
  console.log(`      ${label}: ${text.length} chars, ${Date.now() - t0} ms, ${problems.length} problems`);
  return problems;
}

function ids(problems: Problem[]): string[] {
  return [...new Set(problems.map((p) => p.ruleId))].sort();
}

describe('bad input (full pipeline)', function () {
  this.timeout(180_000);

  it('an empty file: schema/empty at 0:0', () => {
    assert.deepEqual(summary(check('')), ['schema/empty@0:0-0:0']);
  });

  it('a file of blank lines and comments, or only `---`: schema/empty', () => {
    assert.deepEqual(ids(check('\n   \n# notes\n')), ['schema/empty']);
    assert.deepEqual(ids(check('---\n')), ['schema/empty']);
  });

  it('a file holding only `~`: the file must be a mapping', () => {
    const p = check('~\n');
    assert.deepEqual(summary(p), ['schema/type@0:0-0:1']);
    assert.match(p[0].message, /must be a mapping/);
  });

  it('binary junk with NUL bytes: one yaml/syntax problem at the first NUL', () => {
    let seed = 7;
    let junk = '';
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(seed % 256);
    }
    junk = 'ab' + junk.replace(/\0/g, '') + '\0' + junk;
    const p = timed('binary', junk);
    assert.deepEqual(ids(p), ['yaml/syntax']);
    assert.equal(p.length, 1);
    assert.match(p[0].message, /binary data/);
    const at = junk.indexOf('\0');
    const before = junk.slice(0, at);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    assert.equal(p[0].range.start.line, line);
  });

  it('random bytes without NUL: problems, no exception', () => {
    let seed = 11;
    let junk = '';
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(1 + (seed % 255));
    }
    const p = timed('random', junk);
    assert.ok(p.length > 0);
    assert.ok(p.every((x) => x.range.start.line >= 0 && x.range.start.character >= 0));
  });

  it('tabs as indentation: "Tabs cannot indent YAML" at the tab', () => {
    const p = check(
      VALID.replace(
        '  done: {kind: end, outcome: {result: pass}}',
        '\tdone: {kind: end, outcome: {result: pass}}',
      ),
    );
    const tab = only(p, 'yaml/syntax');
    assert.deepEqual(
      tab.map((x) => x.range),
      [range(6, 0, 6, 1)],
    );
    assert.match(tab[0].message, /^This line is indented with a tab, and YAML indents with spaces only/);
  });

  it('a 5 MB scenario (long notes on every step) checks clean', () => {
    const notes =
      '      ' + 'The caller keeps talking about the neighbours and the noise they make. '.repeat(4) + '\n';
    let text = 'callflow: 1\nid: big\ntitle: Big\nstart: s0\nsteps:\n';
    let i = 0;
    while (text.length < 5_000_000) {
      text += `  s${i}:\n    kind: caller\n    say: Step ${i}\n    next: s${i + 1}\n    notes: |\n`;
      for (let k = 0; k < 40; k++) text += notes;
      i++;
    }
    text += `  s${i}: {kind: end, outcome: {result: pass}}\n`;
    assert.ok(text.length >= 5_000_000);
    assert.deepEqual(timed('5 MB', text), []);
  });

  it('a 5 MB file of one huge unknown property: one problem', () => {
    const text = VALID + 'summry: |\n' + ('  ' + 'x'.repeat(98) + '\n').repeat(50_000);
    assert.deepEqual(summary(timed('5 MB block', text)), ['schema/unknown-property@7:0-7:6']);
  });

  it('10,000-deep flow nesting `[[[…]]]`: yaml/too-deep, nothing else', () => {
    const text = 'callflow: 1\ntags: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const p = timed('flow depth', text);
    assert.deepEqual(ids(p), ['yaml/too-deep']);
    assert.equal(p[0].range.start.line, 1);
  });

  it('10,000-deep flow mappings `{a: {a: …}}`: yaml/too-deep', () => {
    const p = timed('flow map depth', 'a: ' + '{a: '.repeat(10_000) + '}'.repeat(10_000) + '\n');
    assert.deepEqual(ids(p), ['yaml/too-deep']);
  });

  it('10,000-deep block indentation: yaml/too-deep on the line that crosses the limit', () => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += ' '.repeat(i) + 'k:\n';
    const p = timed('block depth', text);
    assert.deepEqual(ids(p), ['yaml/too-deep']);
    assert.deepEqual(p[0].range.start, { line: 256, character: 256 });
  });

  it('10,000-deep nested empty sequence items (`- ` lines): yaml/too-deep', () => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += ' '.repeat(i) + '- \n';
    const p = timed('sequence depth', text);
    assert.deepEqual(ids(p), ['yaml/too-deep']);
    assert.equal(p[0].range.start.line, 256);
  });

  it('10,000 compact `- - - …` levels on one line: yaml/too-deep', () => {
    const p = timed('compact sequences', '- '.repeat(10_000) + 'x\n');
    assert.deepEqual(summary(p), ['yaml/too-deep@0:512-0:513']);
  });

  it('10,000 nested explicit keys `? ? ? …` on one line: yaml/too-deep, no crash', () => {
    const p = timed('compact keys', '? '.repeat(10_000) + 'x\n');
    assert.deepEqual(summary(p), ['yaml/too-deep@0:512-0:513']);
  });

  it('250 nested collection keys (within the depth limit): refused, not converted', () => {
    const p = timed('collection keys', '? '.repeat(250) + 'x\n');
    assert.deepEqual(ids(p), ['yaml/too-deep']);
    assert.match(p[0].message, /Keys nested inside keys/);
  });

  it('an alias bomb (billion laughs): yaml/alias-bomb, the file not expanded', () => {
    let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const p = timed('alias bomb', text);
    assert.deepEqual(ids(p), ['yaml/alias-bomb']);
    assert.equal(p.length, 1);
    const start = p[0].range.start;
    const line = text.split('\n')[start.line];
    assert.equal(line.slice(start.character, p[0].range.end.character), '*a8', 'reported on an alias');
  });

  it('a self-referencing alias does not hang', () => {
    const p = check('a: &x [*x]\n');
    assert.ok(p.length >= 1);
  });

  it('1,000 legitimate uses of one anchor: no problem', () => {
    let text = 'callflow: 1\nid: test\ntitle: T\nstart: s0\nsteps:\n';
    for (let i = 0; i < 1000; i++)
      text += `  s${i}: {kind: handler, say: ${i === 0 ? '&ask "Police, what is the address?"' : '*ask'}, next: s${i + 1}}\n`;
    text += '  s1000: {kind: end, outcome: {result: pass}}\n';
    assert.deepEqual(timed('1,000 aliases', text), []);
  });

  it('20,000 distinct keys: no duplicate-key problem', () => {
    let steps = '';
    for (let i = 0; i < 20_000; i++) steps += `  s${i}: {kind: end, outcome: {result: pass}}\n`;
    const text = VALID.replace(
      '  done: {kind: end, outcome: {result: pass}}\n',
      '  done: {kind: end, outcome: {result: pass}}\n' + steps,
    );
    const p = timed('20,000 keys', text);
    assert.deepEqual(only(p, 'yaml/duplicate-key'), []);
    assert.equal(only(p, 'flow/unreachable-step').length, 20_000);
    assert.deepEqual(ids(p), ['flow/unreachable-step']);
  });

  it('20,000 keys with duplicates: each duplicate reported once, at the second key', () => {
    let steps = '';
    for (let i = 0; i < 20_000; i++) steps += `  s${i % 10_000}: {kind: end, outcome: {result: pass}}\n`;
    const text = VALID.replace(
      '  done: {kind: end, outcome: {result: pass}}\n',
      '  done: {kind: end, outcome: {result: pass}}\n' + steps,
    );
    const p = only(timed('20,000 keys, 10,000 twice', text), 'yaml/duplicate-key');
    assert.equal(p.length, 10_000);
    assert.deepEqual(p[0].range, range(10_007, 2, 10_007, 4));
    assert.deepEqual(p[0].related?.[0].range, range(7, 2, 7, 4));
  });

  it('two documents: the second is reported at its `---`, the first is checked', () => {
    const p = check(VALID.replace('next: done', 'next: gone') + '---\n' + VALID);
    assert.deepEqual(summary(only(p, 'flow/dangling-next')), ['flow/dangling-next@5:41-5:45']);
    assert.deepEqual(summary(only(p, 'yaml/multiple-documents')), ['yaml/multiple-documents@7:0-7:3']);
  });

  it('a BOM: no problem, and columns as without it', () => {
    assert.deepEqual(check('\ufeff' + VALID), []);
    assert.deepEqual(
      summary(only(check('\ufeff' + VALID.replace('next: done', 'next: gone')), 'flow/dangling-next')),
      ['flow/dangling-next@5:41-5:45'],
    );
  });

  it('CRLF line ends: no problem, and the same ranges as LF', () => {
    assert.deepEqual(check(VALID.replace(/\n/g, '\r\n')), []);
    const crlf = VALID.replace('next: done', 'next: gone').replace(/\n/g, '\r\n');
    assert.deepEqual(summary(only(check(crlf), 'flow/dangling-next')), ['flow/dangling-next@5:41-5:45']);
  });

  it('a scenario that is a list, a number or a string: one type problem', () => {
    for (const text of ['- a\n- b\n', '42\n', 'hello\n']) {
      const p = check(text);
      assert.deepEqual(ids(p), ['schema/type'], text);
      assert.equal(p.length, 1);
    }
  });
});
