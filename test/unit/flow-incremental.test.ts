import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { updateScenario } from '../../server/src/service/syntax/incremental';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { validateDocument } from '../../server/src/service/checks/validate';
import { checkMemo } from '../../server/src/service/checks/reuse';
import { generate } from '../../bench/generate';
import { project as defaultProject, validators } from '../support/core';
import { rng } from '../support/rng';
import type { TextChange, ScenarioDocument } from '../../server/src/service';

// Edits that change the flow (a `next:` target, a choice, an end's result, a grade, a fact) keep the
// problems of every step not edited and run the document rules again on the new flow (validate.ts,
// `checkAround`). These tests hold that to a fresh parse and a whole check of the same text, over
// random sequences of such edits on the samples, the rule fixtures and generated scenarios.

const project = defaultProject();
const dirs = [join(__dirname, '../../samples'), join(__dirname, '../fixtures/domain')];
const files = [
  ...dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.scenario.yaml'))
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') })),
  ),
  ...[60, 120, 300].flatMap((steps, i) => [
    { name: `generated, ${steps} steps`, text: generate({ steps, seed: 50 + i }).text },
    {
      name: `generated, ${steps} steps with errors`,
      text: generate({ steps, seed: 80 + i, errors: true, id: `g${i}` }).text,
    },
  ]),
];

/** Keys whose values change the flow or what the domain rules conclude from it. */
const FLOW_KEYS = ['next', 'kind', 'result', 'grade', 'critical', 'score', 'to', 'action', 'asks'];

/** The scalar values under the flow keys, with their key: [start, end, key]. */
function flowValues(doc: ScenarioDocument): [number, number, string][] {
  const found: [number, number, string][] = [];
  const walk = (node: Node | null | undefined) => {
    if (isMap(node))
      for (const p of node.items) {
        const k = isScalar(p.key) ? String(p.key.value) : '';
        const v = p.value as Node | null;
        if (isScalar(v) && v.range && FLOW_KEYS.includes(k)) found.push([v.range[0], v.range[1], k]);
        else walk(v);
      }
    else if (isSeq(node)) for (const it of node.items) walk(it as Node);
  };
  walk(doc.yaml?.contents as Node | null);
  return found;
}

/** What a trainer might write over a value of `key`. */
function replacement(doc: ScenarioDocument, key: string, r: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const ids = [...doc.stepsById.keys()];
  switch (key) {
    case 'next':
      return r() < 0.7 && ids.length ? pick(ids) : pick(['nowhere', 'end-pas', `${pick(ids) ?? 'x'}x`]);
    case 'kind':
      return pick(['end', 'handler', 'caller', 'action']);
    case 'result':
      return pick(['pass', 'acceptable', 'fail', 'critical-failure']);
    case 'grade':
      return pick(['EMERGENCY', 'PRIORITY', 'SCHEDULED', 'RESOLUTION', 'EMERGANCY']);
    case 'score':
      return pick(['-5', '0', '2', '10']);
    case 'to':
      return pick(['police', 'ambulance', 'fire', 'coastguard']);
    case 'action':
      return pick(['dispatch', 'conference', 'transfer', 'grade', 'disconnect']);
    default:
      return pick(['""', 'Leaves the caller alone.', 'TODO']);
  }
}

/** A block of lines a trainer might add inside a step or take out of it. */
function lineEdit(doc: ScenarioDocument, r: () => number): TextChange | undefined {
  const step = doc.steps[Math.floor(r() * doc.steps.length)];
  if (!step?.node?.range) return undefined;
  const [, end] = step.node.range;
  const text = doc.text;
  // The start of the step's last line, and its indentation.
  const lineStart = text.lastIndexOf('\n', Math.max(0, end - 2)) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0];
  if (indent.length < 2 || lineStart <= step.keyOffsets[1]) return undefined;
  const ids = [...doc.stepsById.keys()];
  const target = ids[Math.floor(r() * ids.length)];
  const roll = r();
  if (roll < 0.4) {
    // Remove the step's last line (often its `next:` or an outcome's field).
    const lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) return undefined;
    return {
      range: { start: doc.lines.position(lineStart), end: doc.lines.position(lineEnd + 1) },
      text: '',
    };
  }
  const added =
    roll < 0.7
      ? `${indent}facts: [${['threat', 'weapon', 'injury', 'vulnerable'][Math.floor(r() * 4)]}]\n`
      : `${indent}next: ${target}\n`;
  return { range: { start: doc.lines.position(lineStart), end: doc.lines.position(lineStart) }, text: added };
}

function structuralEdit(doc: ScenarioDocument, r: () => number): TextChange | undefined {
  if (r() < 0.25) return lineEdit(doc, r);
  const spans = flowValues(doc);
  if (!spans.length) return undefined;
  const [s, e, key] = spans[Math.floor(r() * spans.length)];
  const roll = r();
  if (roll < 0.2) {
    // One character typed at the end of the value, or one taken away.
    return r() < 0.5 || e - s < 2
      ? { range: { start: doc.lines.position(e), end: doc.lines.position(e) }, text: 'x' }
      : { range: { start: doc.lines.position(e - 1), end: doc.lines.position(e) }, text: '' };
  }
  return {
    range: { start: doc.lines.position(s), end: doc.lines.position(e) },
    text: replacement(doc, key, r),
  };
}

function apply(text: string, doc: ScenarioDocument, c: TextChange): string {
  return text.slice(0, doc.lines.offset(c.range.start)) + c.text + text.slice(doc.lines.offset(c.range.end));
}

describe('checking again around an edit that changes the flow', () => {
  const how = { whole: 0, moved: 0, around: 0 };

  for (const [n, file] of files.entries()) {
    it(`agrees with a whole check after random structural edits in ${file.name}`, () => {
      const r = rng(2300 + n);
      let doc = parseScenario('mem://f.scenario.yaml', file.text, 0);
      validateDocument(doc, project, validators);
      for (let i = 1; i <= 30; i++) {
        const change = structuralEdit(doc, r);
        if (!change) continue;
        const text = apply(doc.text, doc, change);
        const { doc: next } = updateScenario(doc, [change], i, r() < 0.5 ? text : undefined);
        assert.equal(next.text, text);
        // Several edits sometimes go by before a check, as when the trainer types quickly.
        if (r() < 0.7 || i === 30) {
          const problems = validateDocument(next, project, validators);
          const fresh = validateDocument(
            parseScenario('mem://f.scenario.yaml', text, i),
            project,
            validators,
          );
          assert.deepEqual(problems, fresh, `edit ${i}: ${JSON.stringify(change)}`);
          const made = checkMemo(next)?.how;
          if (made) how[made]++;
        }
        if (next.problems.some((p) => p.ruleId === 'yaml/syntax')) {
          doc = parseScenario('mem://f.scenario.yaml', file.text, i);
          validateDocument(doc, project, validators);
        } else doc = next;
      }
    });
  }

  it('took the path around the edit in most of those checks (not only agreed with it)', () => {
    const checks = how.whole + how.moved + how.around;
    assert.ok(checks > 400, `${checks} checks`);
    assert.ok(
      how.around / checks > 0.6,
      `${JSON.stringify(how)}: the document rules alone ran again in too few`,
    );
  });
});
