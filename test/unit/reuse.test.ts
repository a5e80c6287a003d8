import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { buildFlow } from '../../server/src/service/model/flow';
import { updateScenario } from '../../server/src/service/syntax/incremental';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { RULES } from '../../server/src/service/checks/rules';
import { runRules, type Rule } from '../../server/src/service/checks/rules/engine';
import { FREE_TEXTS, isWritten, type FreeText } from '../../server/src/service/checks/free-text';
import { RuleSet, STANDARD_RULES, validateDocument } from '../../server/src/service/checks/validate';
import { checkMemo } from '../../server/src/service/checks/reuse';
import { generate } from '../../bench/generate';
import { project as defaultProject, validators } from '../support/core';
import { rng } from '../support/rng';
import type { TextChange, ScenarioDocument } from '../../server/src/service';

// After an edit to what a caller or handler says, the last check's document-rule problems are moved
// instead of found again. These tests hold that to a fresh check of the same text, and hold every rule
// to what it declares it reads of free text (`reads`, see free-text.ts).

const project = defaultProject();
const dirs = [join(__dirname, '../../samples'), join(__dirname, '../fixtures/domain')];
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.scenario.yaml'))
    .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') })),
);

/** Step keys and `handover:` keys of some free texts. */
function keysOf(texts: readonly FreeText[]): [string[], string[]] {
  const step = texts.filter((t) => !t.startsWith('handover.'));
  const handover = texts.filter((t) => t.startsWith('handover.')).map((t) => t.slice('handover.'.length));
  return [step, handover];
}

/** Every free text, and (for contrast) keys the rules read as they are. */
const [FREE, HANDOVER_FREE] = keysOf(FREE_TEXTS);
const READ = ['label', 'grade', 'next', 'seconds'];

/** The [start, end] offsets of every scalar value under one of `keys` (handover ones under `handover:`). */
function valuesUnder(doc: ScenarioDocument, keys: string[], handoverKeys: string[]): [number, number][] {
  const found: [number, number][] = [];
  const walk = (node: Node | null | undefined, handover: boolean) => {
    if (isMap(node))
      for (const p of node.items) {
        const k = isScalar(p.key) ? String(p.key.value) : '';
        const v = p.value as Node | null;
        if (isScalar(v) && v.range && (keys.includes(k) || (handover && handoverKeys.includes(k))))
          found.push([v.range[0], v.range[1]]);
        else walk(v, k === 'handover');
      }
    else if (isSeq(node)) for (const it of node.items) walk(it as Node, false);
  };
  walk(doc.yaml?.contents as Node | null, false);
  return found;
}

const INSERTS = [
  'a',
  'x',
  ' ',
  'TODO ',
  '07912 345678',
  '01632 960123',
  '\n        more words',
  "'",
  '"',
  '#',
  ': ',
];

/** An edit inside (or at the edge of) a free-text value, sometimes of a value the rules read. */
function textEdit(doc: ScenarioDocument, r: () => number): TextChange | undefined {
  const structural = r() < 0.15;
  const spans = structural ? valuesUnder(doc, READ, []) : valuesUnder(doc, FREE, HANDOVER_FREE);
  if (!spans.length) return undefined;
  const [s, e] = spans[Math.floor(r() * spans.length)];
  const at = s + Math.floor(r() * (e - s + 1));
  const roll = r();
  let start = at;
  let end = at;
  let text = INSERTS[Math.floor(r() * INSERTS.length)];
  if (roll < 0.25) {
    end = Math.min(e, at + 1 + Math.floor(r() * 4));
    text = '';
  } else if (roll < 0.35) {
    start = s;
    end = e;
    text = ['TODO', '""', 'Stay on the line.', '07700 900123'][Math.floor(r() * 4)];
  }
  return { range: { start: doc.lines.position(start), end: doc.lines.position(end) }, text };
}

function apply(text: string, doc: ScenarioDocument, c: TextChange): string {
  return text.slice(0, doc.lines.offset(c.range.start)) + c.text + text.slice(doc.lines.offset(c.range.end));
}

describe('keeping the last check across edits', () => {
  let moved = 0;
  let checks = 0;

  for (const [n, file] of files.entries()) {
    it(`agrees with a fresh check after edits to free text in ${file.name}`, () => {
      const r = rng(4000 + n);
      let doc = parseScenario('mem://r.scenario.yaml', file.text, 0);
      validateDocument(doc, project, validators);
      for (let i = 1; i <= 40; i++) {
        const change = textEdit(doc, r);
        if (!change) return;
        const text = apply(doc.text, doc, change);
        // Half the time the caller hands over the new text, as the language server does.
        const { doc: next } = updateScenario(doc, [change], i, r() < 0.5 ? text : undefined);
        assert.equal(next.text, text);
        // Checked after some edits only, so that the kept results travel through several edits.
        if (r() < 0.6 || i === 40) {
          const problems = validateDocument(next, project, validators);
          const fresh = validateDocument(
            parseScenario('mem://r.scenario.yaml', text, i),
            project,
            validators,
          );
          assert.deepEqual(problems, fresh, `edit ${i}: ${JSON.stringify(change)}`);
          checks++;
          if (checkMemo(next)?.how === 'moved') moved++;
        }
        // A syntax error is fixed by the trainer before typing on; here, by starting again.
        if (next.problems.some((p) => p.ruleId === 'yaml/syntax')) {
          doc = parseScenario('mem://r.scenario.yaml', file.text, i);
          validateDocument(doc, project, validators);
        } else doc = next;
      }
    });
  }

  it('moved the results in most of those checks (the fast path is taken, not only agreed with)', () => {
    assert.ok(checks > 300, `${checks} checks`);
    assert.ok(moved / checks > 0.5, `${moved} of ${checks} checks moved the earlier results`);
  });

  it('runs the document rules again after an edit to a value the rules read, keeping the rest', () => {
    const text = files[0].text;
    const doc = parseScenario('mem://r.scenario.yaml', text, 0);
    validateDocument(doc, project, validators);
    const step = doc.steps.find((s) => s.data?.next && s.data.kind !== 'end')!;
    const [s, e] = valuesUnder(doc, ['next'], []).find(([a]) => a > step.keyOffsets[0])!;
    const change = { range: { start: doc.lines.position(s), end: doc.lines.position(e) }, text: 'nowhere' };
    const after = apply(text, doc, change);
    const { doc: next, mode } = updateScenario(doc, [change], 1);
    assert.equal(mode, 'incremental');
    const problems = validateDocument(next, project, validators);
    assert.equal(checkMemo(next)?.how, 'around');
    assert.ok(problems.some((p) => p.ruleId === 'flow/dangling-next'));
    assert.deepEqual(
      problems,
      validateDocument(parseScenario('mem://r.scenario.yaml', after, 1), project, validators),
    );
  });
});

describe('what the document rules read of free text', () => {
  /**
   * Every free text the rules do not read as words rewritten into other words of the same length: those
   * read as "written or not" stay written (or not), those no rule declares sometimes become a `todo`.
   */
  function rewrite(text: string, doc: ScenarioDocument, rules: RuleSet, r: () => number): string {
    const reads = rules.reads as Partial<Record<FreeText, string>>;
    const unread = keysOf(FREE_TEXTS.filter((t) => reads[t] === undefined));
    const writtenOnly = keysOf(FREE_TEXTS.filter((t) => reads[t] === 'written'));
    const spans = [
      ...valuesUnder(doc, ...unread).map((s) => [...s, 1] as const),
      ...valuesUnder(doc, ...writtenOnly).map((s) => [...s, 0] as const),
    ].sort((a, b) => b[0] - a[0]);
    let out = text;
    for (const [s, e, free] of spans) {
      const source = text.slice(s, e);
      const quoted = /^["']/.test(source);
      const inner = quoted ? source.slice(1, -1) : source;
      if (!isWritten(inner) || /[\\'"#:]/.test(inner)) continue;
      let other = inner.replace(/[A-Za-z0-9]/g, () => 'qwertyuiop'[Math.floor(r() * 10)]);
      // (Not a block scalar's indicator, nor across a line break: the lines stay where they are.)
      const flat = !/^[|>]/.test(source) && /^[^\n]{5}/.test(other);
      if (free && flat && r() < 0.5) other = 'todo ' + other.slice(5);
      out = out.slice(0, s) + (quoted ? source[0] + other + source[0] : other) + out.slice(e);
    }
    return out;
  }

  /** A scenario's problems from the document rules, and the same after `rewrite`. */
  function beforeAndAfter(text: string, rules: RuleSet, seed: number): [unknown, unknown] {
    const doc = parseScenario('mem://b.scenario.yaml', text, 0);
    const changed = rewrite(text, doc, rules, rng(seed));
    assert.notEqual(changed, text);
    const other = parseScenario('mem://b.scenario.yaml', changed, 0);
    const run = (d: ScenarioDocument) =>
      runRules(rules.document, d, buildFlow(d), project.catalogue, () => true);
    return [run(doc), run(other)];
  }

  const generated = Array.from({ length: 40 }, (_, i) => ({
    name: `generated scenario ${i}`,
    text: generate({ steps: 10 + (i % 20), seed: 700 + i, id: `b${i}` }).text,
  }));

  /** Whether some scenario's problems change when the rules' undeclared free text is rewritten. */
  function seesUndeclaredText(rules: RuleSet): boolean {
    return [...files, ...generated].some((file, n) => {
      const [before, after] = beforeAndAfter(file.text, rules, 9000 + n);
      return !isDeepStrictEqual(before, after);
    });
  }

  for (const [n, file] of [...files, ...generated].entries()) {
    it(`read only what they declare: ${file.name}`, () => {
      const [before, after] = beforeAndAfter(file.text, STANDARD_RULES, 9000 + n);
      assert.deepEqual(after, before);
    });
  }

  /** A rule that reads what callers and handlers say: it reports every step that says "the". */
  const saysThe: Rule = {
    ...RULES[0],
    id: 'test/says-the' as Rule['id'],
    check(ctx) {
      for (const step of ctx.doc.steps)
        if (typeof step.data?.say === 'string' && /\bthe\b/i.test(step.data.say))
          ctx.report({ step }, 'This step says "the".');
    },
  };
  const cheat = new RuleSet([...RULES, saysThe]);
  const declared = new RuleSet([...RULES, { ...saysThe, reads: { say: 'words' } }]);

  it('catch a rule that reads `say:` without declaring it', () => {
    assert.equal(seesUndeclaredText(cheat), true);
  });

  it('let a rule that declares it read `say:`, and check again after an edit to it', () => {
    assert.equal(seesUndeclaredText(declared), false);
    // A step that says "the" once: an edit to that word ends its problem.
    const once = (say: unknown) => typeof say === 'string' && say.match(/\bthe\b/gi)?.length === 1;
    const file = files.find((f) =>
      parseScenario('mem://d.scenario.yaml', f.text, 0).steps.some((s) => once(s.data?.say)),
    )!;
    const doc = parseScenario('mem://d.scenario.yaml', file.text, 0);
    const step = doc.steps.find((s) => once(s.data?.say))!;
    const [s] = valuesUnder(doc, ['say'], []).find(([a]) => a > step.keyOffsets[0])!;
    const at = file.text.slice(s).search(/\bthe\b/i) + s;
    const change = { range: { start: doc.lines.position(at), end: doc.lines.position(at + 3) }, text: 'thy' };
    const after = apply(file.text, doc, change);
    const reported = (problems: { ruleId: string; range: { start: { line: number } } }[]) =>
      problems.filter((p) => p.ruleId === 'test/says-the').map((p) => p.range.start.line);

    for (const [rules, refreshed] of [
      [declared, true],
      [cheat, false],
    ] as const) {
      const first = parseScenario('mem://d.scenario.yaml', file.text, 0);
      const line = first.lines.position(step.keyOffsets[0]).line;
      assert.ok(reported(validateDocument(first, project, validators, undefined, rules)).includes(line));
      const { doc: next, mode } = updateScenario(first, [change], 1);
      assert.equal(mode, 'incremental');
      const problems = validateDocument(next, project, validators, undefined, rules);
      const fresh = validateDocument(
        parseScenario('mem://d.scenario.yaml', after, 1),
        project,
        validators,
        undefined,
        rules,
      );
      assert.equal(reported(fresh).includes(line), false, 'a fresh check no longer reports the step');
      // Declared: the edit is seen and the document rules run again. Undeclared: the stale problem is kept.
      assert.equal(checkMemo(next)?.how, refreshed ? 'around' : 'moved');
      assert.equal(isDeepStrictEqual(problems, fresh), refreshed);
    }
  });
});
