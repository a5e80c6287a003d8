/**
 * The node reader (syntax/nodes.ts) and the edit builder (edits/): one rule for a key written twice,
 * typed accessors, insertion into block and flow mappings with the file's line ending, indentation and
 * comments kept, and one quoting policy.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, parse } from '../support/core';
import {
  hasKey,
  itemAt,
  keyNode,
  keyText,
  nodeAtPath,
  pairOf,
  scalarText,
  seqItems,
  valueNode,
} from '../../server/src/service/syntax/nodes';
import { insertLineAbove, insertProperties, replaceScalar } from '../../server/src/service/edits/builder';
import { quoteScalar } from '../../server/src/service/edits/quote';

const root = (text: string) => parseDocument(text, { uniqueKeys: false }).contents;

describe('node reader', () => {
  it('reads the last of a key written twice, as the data does', () => {
    const text = 'kind: handler\nkind: handlr\n';
    const map = root(text);
    assert.equal(scalarText(valueNode(map, 'kind')), 'handlr');
    assert.equal(keyNode(map, 'kind')?.range?.[0], text.indexOf('kind: handlr'));
    assert.equal(scalarText(valueNode(map, 'kind')), (parseDocument(text).toJS() as { kind: string }).kind);
  });

  it('compares keys as the data has them (a number key is text)', () => {
    const map = root('1: one\n"2": two\n? [a]\n: list key\n');
    assert.equal(scalarText(valueNode(map, '1')), 'one');
    assert.equal(scalarText(valueNode(map, '2')), 'two');
    assert.equal(hasKey(map, 'a'), false);
    assert.equal(keyText(pairOf(map, '1')!), '1');
  });

  it('answers nothing, without throwing, for nodes of the wrong shape', () => {
    const seq = root('- a\n- b\n');
    assert.equal(valueNode(seq, 'a'), undefined);
    assert.equal(valueNode(undefined, 'a'), undefined);
    assert.deepEqual(seqItems(root('a: 1\n')), []);
    assert.equal(scalarText(itemAt(seq, 1)), 'b');
    assert.equal(itemAt(seq, 5), undefined);
  });

  it('has no value node for `{a}` (a block `a:` has an empty one)', () => {
    assert.equal(valueNode(root('{a}\n'), 'a'), undefined);
    assert.equal(scalarText(valueNode(root('a:\n'), 'a')), undefined);
    assert.ok(valueNode(root('a:\n'), 'a'));
  });

  it('follows a path of keys and indices', () => {
    const r = root('steps:\n  a:\n    choices:\n      - {next: b}\n');
    assert.equal(scalarText(nodeAtPath(r, ['steps', 'a', 'choices', 0, 'next'])), 'b');
    assert.equal(nodeAtPath(r, ['steps', 'x', 'choices']), undefined);
  });
});

describe('edit builder', () => {
  const step = (text: string) => valueNode(valueNode(parse(text).root, 'steps'), 'a');

  it('inserts into a block mapping after the last pair, keeping its comment and indentation', () => {
    const text = 'steps:\n  a:\n    kind: handler\n    next: b  # on to b\n  b: {kind: end}\n';
    const doc = parse(text);
    const edit = insertProperties(doc, step(text), [['say', 'Hello']])!;
    assert.equal(applyEdits(text, [edit]), text.replace('# on to b\n', '# on to b\n    say: Hello\n'));
  });

  it('inserts after a named pair, and nested properties as block lines', () => {
    const text = 'steps:\n  a:\n    kind: end\n    say: Bye\n';
    const edit = insertProperties(
      parse(text),
      step(text),
      [['outcome', { entries: [['result', 'pass']] }]],
      'kind',
    )!;
    assert.equal(
      applyEdits(text, [edit]),
      'steps:\n  a:\n    kind: end\n    outcome:\n      result: pass\n    say: Bye\n',
    );
  });

  it('inserts into a flow mapping, and into an empty one', () => {
    const text = 'steps:\n  a: {kind: handler, next: b}\n';
    assert.equal(
      applyEdits(text, [insertProperties(parse(text), step(text), [['say', 'Hi there']])!]),
      'steps:\n  a: {kind: handler, next: b, say: Hi there}\n',
    );
    const empty = 'steps:\n  a: {}\n';
    assert.equal(
      applyEdits(empty, [
        insertProperties(parse(empty), step(empty), [
          ['kind', 'end'],
          ['x', 1],
        ])!,
      ]),
      'steps:\n  a: {kind: end, x: 1}\n',
    );
  });

  it("keeps the file's CRLF line ending", () => {
    const text = 'steps:\r\n  a:\r\n    kind: handler\r\n';
    const doc = parse(text);
    const fixed = applyEdits(text, [
      insertProperties(doc, step(text), [['say', '']])!,
      insertLineAbove(doc, 2, '    # note'),
    ]);
    assert.equal(fixed, 'steps:\r\n  a:\r\n    # note\r\n    kind: handler\r\n    say: ""\r\n');
  });

  it('quotes only what YAML would read as something else', () => {
    assert.equal(quoteScalar('EMERGENCY'), 'EMERGENCY');
    assert.equal(quoteScalar('07700 900123'), '07700 900123');
    assert.equal(quoteScalar('304'), '"304"');
    assert.equal(quoteScalar('true'), '"true"');
    assert.equal(quoteScalar('TODO: write it'), '"TODO: write it"');
    assert.equal(quoteScalar('a, b'), '"a, b"');
    assert.equal(quoteScalar('#1'), '"#1"');
    assert.equal(quoteScalar(''), '""');
    for (const v of ['304', 'true', 'TODO: write it', 'a, b', '#1', '', "it's", 'x: {y}'])
      assert.equal(parseDocument(`k: ${quoteScalar(v)}`).get('k'), v, v);
  });

  it('replaces a scalar in its own quotes', () => {
    const text = "steps:\n  a: {kind: 'handlr'}\n";
    const kind = valueNode(step(text), 'kind')!;
    assert.equal(
      applyEdits(text, [replaceScalar(parse(text), kind, "handler's")]),
      "steps:\n  a: {kind: 'handler''s'}\n",
    );
  });
});
