import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { generate } from '../../bench/generate';
import { BlockReader, fastRead } from '../../server/src/service/syntax/fast-reader';
import { GIVE_UP } from '../../server/src/service/syntax/fast-give-up';
import { PARSE_OPTIONS, parseScenario, scanNodes } from '../../server/src/service/syntax/parse';
import { validateDocument } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';
import { rng } from '../support/rng';
import { LineIndex } from '../../server/src/service';

// The fast reader must build exactly what the `yaml` package builds for every text it accepts (and
// give up on the rest). Compared here node by node — kind, style, value, source, all three range
// offsets — and as plain data, on every YAML file in the repository and on thousands of generated and
// mutated scenarios; and then as what users see: the problems of a check.

/** Everything of a node the product reads. */
function shape(node: Node | null | undefined): unknown {
  if (!node) return node;
  if (isMap(node))
    return {
      map: node.flow ? 'flow' : 'block',
      range: node.range,
      items: node.items.map((p) => [shape(p.key as Node), shape(p.value as Node)]),
    };
  if (isSeq(node))
    return {
      seq: node.flow ? 'flow' : 'block',
      range: node.range,
      items: node.items.map((i) => shape(i as Node)),
    };
  if (isScalar(node)) return { type: node.type, value: node.value, source: node.source, range: node.range };
  return { other: String(node) };
}

/** Compares both readers on a text; returns whether the fast reader accepted it. */
function agree(text: string, what: string): boolean {
  const fast = fastRead(text);
  if (!fast) return false;
  const full = parseDocument(text, PARSE_OPTIONS);
  assert.deepEqual(
    full.errors.concat(full.warnings),
    [],
    `${what}: accepted text the full parser reports on`,
  );
  assert.deepEqual(shape(fast.doc.contents as Node), shape(full.contents as Node), `${what}: nodes differ`);
  assert.deepEqual(fast.value, full.toJS({ maxAliasCount: -1 }), `${what}: data differs`);
  // What lets the parse skip its own passes: line starts, depth, and no repeated or `<<` keys.
  assert.deepEqual(fast.lineStarts, new LineIndex(text).lineStarts, `${what}: line starts differ`);
  assert.equal(fast.depth, collectionDepth(full.contents as Node), `${what}: depth differs`);
  const scan = scanNodes(full.contents as Node, text.length);
  if (!fast.oddKeys)
    assert.ok(!scan.duplicates.length && !scan.mergeKeys.length, `${what}: repeated or merge keys missed`);
  return true;
}

/** How deep collections nest (the top-level mapping is 1). */
function collectionDepth(node: Node | null | undefined): number {
  if (isMap(node)) return 1 + Math.max(0, ...node.items.map((p) => collectionDepth(p.value as Node)));
  if (isSeq(node)) return 1 + Math.max(0, ...node.items.map((i) => collectionDepth(i as Node)));
  return 0;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return f.endsWith('.yaml') ? [path] : [];
  });
}

const ROOT = join(__dirname, '../..');
const repoFiles = [...yamlFiles(join(ROOT, 'samples')), ...yamlFiles(join(ROOT, 'test/fixtures'))];

/** Lines a trainer (or a slip of the keyboard) might add: every construct, supported or not. */
const LINES = [
  '# a comment',
  '',
  '   ',
  'note: plain words # and a comment',
  'note: "double \\" quoted \\u00e9 \\x41 \\\\ \\n"',
  "note: 'single ''quoted'' text'",
  'note: [a, "b", 3, -4, ~]',
  'note: {a: 1, b: "two", c: -3}',
  'note: []',
  'note: {}',
  'note: |\n  literal\n\n  text',
  'note: >-\n  folded\n  text',
  'note: >\n  one\n\n\n  two',
  'note: |-\n    deeper\n    lines',
  'note: >\n  a\n    more indented\n  b',
  'note: |+\n  keep\n',
  'note: |2\n   indicator',
  'note: -12',
  'note: 0x1F',
  'note: 0o17',
  'note: .5',
  'note: 1e3',
  'note: +3',
  'note: .inf',
  'note: .NaN',
  'note: ~',
  'note: null',
  'note: True',
  'note: FALSE',
  'note: 007',
  'note: 1_000',
  'note: 12:30',
  'note: a:b',
  'note: a#b',
  'note: @x',
  'note: &anchor x',
  'note: *anchor',
  'note: !tag x',
  'note: x # c: d',
  'note:    ',
  'note: multi\n  line plain',
  'note: "multi\n  line quoted"',
  'note:\n- compact item',
  'note:\n  - indented item\n  -   spaced item',
  'note:\n  - key: value\n    other: 2',
  '"quoted key": x',
  'note : x',
  '\tnote: tab',
  'note: x\r',
  '---',
  '- stray item',
  '? complex key',
  'note: [a, [nested]]',
  'note: {a: {b: c}}',
  'note: {say: "Go on", outcome: {result: pass, notes: [a, {b: ~}]}}  # nested',
  'note: [{a: 1}, {a: 1, a: 2}, [[]], {}]',
  'note: [[a] , b]',
  'note: {[a]: b}',
  'note: {a: {b: c}',
  'note: [[[[[[[[deep]]]]]]]]',
  'note: {a: [b, {<<: c}]}',
  'note: [a,]',
  'note: "unterminated',
  'note: x\n    continued',
  '__proto__: x',
  'note: "\\q bad escape"',
  'note: 99999999999999999999',
  'note: -.5e-3',
  'note: [a, b',
  '<<: x',
  'note: {<<: y}',
];

function mutate(text: string, r: () => number): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(r() * 3);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * lines.length);
    if (r() < 0.7) {
      const indent = /^ */.exec(lines[at])![0].length + (r() < 0.3 ? 2 : 0);
      const add = LINES[Math.floor(r() * LINES.length)]
        .split('\n')
        .map((l) => ' '.repeat(indent) + l)
        .join('\n');
      lines.splice(at + 1, 0, add);
    } else {
      // A character typed, deleted or replaced somewhere in a line.
      const line = lines[at];
      const c = Math.floor(r() * (line.length + 1));
      const ch = ' :-#"\'[]{}|>&*!ax0'[Math.floor(r() * 18)];
      lines[at] = line.slice(0, c) + (r() < 0.3 ? '' : ch) + line.slice(c + (r() < 0.5 ? 1 : 0));
    }
  }
  return lines.join('\n');
}

describe('the fast reader', () => {
  it('reads every sample exactly as the full parser does', () => {
    const samples = repoFiles.filter((f) => f.includes('/samples/') && f.endsWith('.scenario.yaml'));
    assert.ok(samples.length >= 12);
    for (const f of samples) assert.ok(agree(readFileSync(f, 'utf8'), f), `${f} is read by the fast reader`);
  });

  it('agrees with the full parser on every YAML file of the repository it accepts', () => {
    let accepted = 0;
    for (const f of repoFiles) if (agree(readFileSync(f, 'utf8'), f)) accepted++;
    assert.ok(accepted > repoFiles.length / 2, `${accepted} of ${repoFiles.length}`);
  });

  it('agrees on 2,000 generated scenarios, half of them mutated with every construct', function () {
    this.timeout(120000);
    const r = rng(31337);
    let accepted = 0;
    let mutatedAccepted = 0;
    for (let i = 0; i < 1000; i++) {
      const { text } = generate({ steps: 3 + Math.floor(r() * 25), seed: i + 1, id: `g${i}` });
      assert.ok(agree(text, `generated ${i}`), `generated scenario ${i} is read by the fast reader`);
      accepted++;
      const mutated = mutate(text, r);
      if (agree(mutated, `mutated ${i}`)) mutatedAccepted++;
    }
    // Both outcomes must be common, or the mutations test nothing.
    assert.ok(
      mutatedAccepted > 200 && mutatedAccepted < 900,
      `${mutatedAccepted} of 1000 mutated texts accepted`,
    );
    assert.equal(accepted, 1000);
  });

  it('reads nested one-line flow collections, and leaves the odd ones to the full parser', () => {
    const accepted = [
      'a: {b: {c: d}, e: [f, [g]], h: [], i: {}}\n',
      'a: [{x: 1}, {y: [2, "three"]}]  # c\n',
      'steps:\n  s1: {kind: handler, say: Hi, outcome: {result: pass}, next: s2}\n  s2: {kind: end}\n',
      'a: [[[[[[[[[[deep]]]]]]]]]]\n',
      'a: {b: {c: d}, b: [e]}\n',
    ];
    for (const text of accepted) assert.ok(agree(text, text), `read by the fast reader: ${text}`);
    assert.ok(fastRead(accepted[4])!.oddKeys, 'a repeated key in a nested mapping is noticed');
    assert.equal(fastRead(accepted[3])!.depth, 11);
    const left = [
      'a: [[a] , b]\n', // the yaml package counts the space into the item's range
      'a: {[a]: b}\n', // a collection as a key
      'a: {b: {c: d}\n', // unterminated
      'a: [{b: c},]\n', // trailing comma
      'a: [{b: c}\n  , d]\n', // over two lines
      `a: ${'['.repeat(5000)}x${']'.repeat(5000)}\n`, // deeper than the reader goes (no stack overflow)
    ];
    for (const text of left)
      assert.equal(fastRead(text), undefined, `left to the full parser: ${text.slice(0, 40)}`);
  });

  it('reads a scenario written with one-line steps, nested outcomes included', () => {
    const steps = Array.from(
      { length: 300 },
      (_, i) =>
        `  s${i}: {kind: handler, say: "Step ${i}", ` +
        (i % 3 ? `next: s${i + 1}}` : `outcome: {result: pass, note: [a, {b: c}]}, next: s${i + 1}}`),
    );
    const text = `callflow: 1\nid: chain\ntitle: Chain\nstart: s0\nsteps:\n${steps.join('\n')}\n  s300: {kind: end}\n`;
    assert.ok(agree(text, 'one-line steps'), 'read by the fast reader');
  });

  it('makes ranges when they are read; they can be set, changed in place and cloned', () => {
    const text = 'a: 1\nb:\n  - x\n  - {c: d}\n';
    const fast = fastRead(text)!;
    const full = parseDocument(text).contents as YAMLMap;
    const root = fast.doc.contents as YAMLMap;
    const value = root.items[0].value as Scalar;
    assert.deepEqual(value.range, (full.items[0].value as Scalar).range);
    assert.equal(value.range, value.range, 'the same array on every read');
    value.range![0] = 2;
    assert.deepEqual(value.range, [2, 4, 5]);
    value.range = [7, 8, 9];
    assert.deepEqual(value.range, [7, 8, 9]);
    const copy = value.clone();
    assert.deepEqual(copy.range, [7, 8, 9]);
    assert.notEqual(copy.range, value.range);
    assert.ok(isScalar(copy) && copy instanceof Scalar);
    const seq = root.items[1].value as YAMLSeq;
    const fullSeq = full.items[1].value as YAMLSeq;
    assert.deepEqual(seq.range, fullSeq.range);
    assert.deepEqual((seq.items[1] as YAMLMap).range, (fullSeq.items[1] as YAMLMap).range);
    assert.equal(String(fast.doc), 'a: 1\nb:\n  - x\n  - { c: d }\n', 'the yaml package prints the nodes');
  });

  it('gives the same problems as the full parser, on every fixture and 300 mutated scenarios', function () {
    this.timeout(120000);
    const project = defaultProject();
    const check = (text: string, what: string) => {
      const fast = parseScenario('mem://f.scenario.yaml', text, 1, 'fast');
      assert.equal(fast.readerFault, undefined, `${what}: the fast reader failed`);
      assert.deepEqual(
        validateDocument(fast, project, validators),
        validateDocument(parseScenario('mem://f.scenario.yaml', text, 1, 'yaml'), project, validators),
        what,
      );
    };
    for (const f of repoFiles) check(readFileSync(f, 'utf8'), f);
    const r = rng(4242);
    for (let i = 0; i < 300; i++) {
      const { text } = generate({ steps: 5 + Math.floor(r() * 20), seed: 5000 + i, id: `m${i}` });
      check(mutate(text, r), `mutated ${i}`);
    }
  });

  it('relies on the exact version of `yaml` package.json pins (a new one must be compared again)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = pkg.dependencies.yaml;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, `yaml is pinned to one version, not a range: ${pinned}`);
    const installed = (
      JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string }
    ).version;
    assert.equal(
      installed,
      pinned,
      'the installed yaml is not the pinned one: run these comparison tests on it, then pin it',
    );
  });

  describe('when the reader throws', () => {
    const text = readFileSync(join(ROOT, 'samples/01-silent-999-domestic.scenario.yaml'), 'utf8');
    /** Runs `body` with the reader's one-line values throwing `thrown`. */
    function throwing(thrown: unknown, body: () => void): void {
      const proto = BlockReader.prototype as unknown as Record<string, unknown>;
      const inline = proto.inline;
      proto.inline = () => {
        throw thrown;
      };
      try {
        body();
      } finally {
        proto.inline = inline;
      }
    }

    it('its give-up hands the text to the full parser', () => {
      assert.ok(agree(text, 'the sample'));
      throwing(GIVE_UP, () => {
        assert.equal(fastRead(text), undefined);
        assert.equal(agree(text, 'the sample'), false);
        const doc = parseScenario('mem://g.scenario.yaml', text, 1);
        assert.equal(doc.readerFault, undefined);
        assert.ok(doc.root, 'read by the full parser');
      });
    });

    it('anything else fails the comparison, and a parse records it and reads the text in full', () => {
      const fresh = parseScenario('mem://g.scenario.yaml', text, 1, 'yaml');
      throwing(new TypeError('a bug'), () => {
        assert.throws(() => agree(text, 'the sample'), /a bug/);
        const doc = parseScenario('mem://g.scenario.yaml', text, 1);
        assert.equal(doc.readerFault, 'TypeError: a bug');
        assert.deepEqual(
          validateDocument(doc, defaultProject(), validators),
          validateDocument(fresh, defaultProject(), validators),
        );
      });
      const lookAlike = { giveUp: true };
      throwing(lookAlike, () =>
        assert.throws(
          () => fastRead(text),
          (e) => e === lookAlike,
          'a look-alike is no give-up',
        ),
      );
    });
  });
});
