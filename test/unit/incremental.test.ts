import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { updateScenario } from '../../server/src/service/syntax/incremental';
import { validateDocument } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';
import { buildFlow } from '../../server/src/service/model/flow';
import { buildGraph } from '../../server/src/service/model/graph';
import { rng } from '../support/rng';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type ScenarioDocument, type TextChange } from '../../server/src/service';

// Incremental re-parsing must be invisible: after any edit, the document checks exactly as a fresh
// full parse of the same text. These tests replay seeded random edits and compare the two.

const project = defaultProject();
const samplesDir = join(__dirname, '../../samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.scenario.yaml'))
  .map((f) => readFileSync(join(samplesDir, f), 'utf8'));

/** What a user sees of a document: every problem (id, severity, message, range) and the graph. */
function observable(doc: ScenarioDocument): unknown {
  const problems = validateDocument(doc, project, validators);
  const graph = buildGraph(doc, buildFlow(doc), problems);
  return { problems, graph, value: doc.value, steps: doc.steps.map((s) => [s.id, s.keyRange, s.fullRange]) };
}

const SNIPPETS = [
  'a',
  'x',
  ' ',
  '\n',
  ':',
  '-',
  '"',
  "'",
  '#',
  'next: answer',
  '\n    say: hello',
  '  ',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '!',
  'EMERGENCY',
  '\n  new-step:\n    kind: end',
];

function randomChange(doc: ScenarioDocument, r: () => number): TextChange {
  const len = doc.text.length;
  if (r() < 0.6 && doc.steps.length) {
    // Typing: a letter or a space somewhere after the indentation of a line inside a step.
    const step = doc.steps[Math.floor(r() * doc.steps.length)];
    const line =
      step.fullRange.start.line + Math.floor(r() * (step.fullRange.end.line - step.fullRange.start.line + 1));
    const lineText = doc.lines.lineText(line);
    const indent = lineText.length - lineText.trimStart().length;
    const character = indent + Math.floor(r() * (lineText.length - indent + 1));
    const pos = { line, character };
    return { range: { start: pos, end: pos }, text: r() < 0.8 ? 'abcdefgh '[Math.floor(r() * 9)] : '' };
  }
  const start = Math.floor(r() * len);
  const del = r() < 0.5 ? 0 : Math.floor(r() * 6);
  const end = Math.min(len, start + del);
  const text = r() < 0.3 ? '' : SNIPPETS[Math.floor(r() * SNIPPETS.length)];
  return { range: { start: doc.lines.position(start), end: doc.lines.position(end) }, text };
}

/** The text after a change, as the editor's own text model applies it (not our line index). */
function applyChange(text: string, _doc: ScenarioDocument, c: TextChange): string {
  const td = TextDocument.create('mem://m.scenario.yaml', 'callflow', 0, text);
  return TextDocument.update(td, [c], 1).getText();
}

describe('line index after an edit', () => {
  it('equals a fresh index for random edits, with LF, CRLF and lone CR line ends', () => {
    const r = rng(5);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', ' ', 'xyz\n', ''];
    for (let round = 0; round < 400; round++) {
      let text = '';
      for (let i = 0; i < 30; i++) text += pieces[Math.floor(r() * pieces.length)];
      const index = new LineIndex(text);
      const start = Math.floor(r() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(r() * 5));
      const inserted = pieces[Math.floor(r() * pieces.length)] + pieces[Math.floor(r() * pieces.length)];
      const next = text.slice(0, start) + inserted + text.slice(end);
      assert.deepEqual(
        index.edited(start, end, inserted, next).lineStarts,
        new LineIndex(next).lineStarts,
        JSON.stringify({ text, start, end, inserted }),
      );
    }
  });
});

describe('incremental re-parsing', () => {
  it('re-parses one step locally for a typical keystroke inside it', () => {
    const text = samples[0];
    const doc = parseScenario('mem://a.scenario.yaml', text, 1);
    const step = doc.steps[3];
    const pos = {
      line: step.keyRange.start.line + 1,
      character: doc.lines.lineText(step.keyRange.start.line + 1).length,
    };
    const { doc: next, mode } = updateScenario(doc, [{ range: { start: pos, end: pos }, text: ' ' }], 2);
    assert.equal(mode, 'incremental');
    assert.deepEqual(observable(next), observable(parseScenario('mem://a.scenario.yaml', next.text, 2)));
  });

  it('falls back to a full parse for an edit across steps, and still agrees', () => {
    const doc = parseScenario('mem://a.scenario.yaml', samples[1], 1);
    const a = doc.steps[2].keyRange.start;
    const b = doc.steps[4].keyRange.start;
    const { doc: next, mode } = updateScenario(doc, [{ range: { start: a, end: b }, text: '' }], 2);
    assert.equal(mode, 'full');
    assert.deepEqual(observable(next), observable(parseScenario('mem://a.scenario.yaml', next.text, 2)));
  });

  it('applies several changes of one batch in order, each against the text the previous left', () => {
    const r = rng(77);
    for (let round = 0; round < 20; round++) {
      let doc = parseScenario('mem://m.scenario.yaml', samples[round % samples.length], 0);
      // Build three changes, each in the coordinates of the text after the previous one.
      const changes: TextChange[] = [];
      let probe = doc;
      for (let k = 0; k < 3; k++) {
        const c = randomChange(probe, r);
        changes.push(c);
        probe = parseScenario('mem://m.scenario.yaml', applyChange(probe.text, probe, c), 0);
      }
      const { doc: next } = updateScenario(doc, changes, 1);
      assert.equal(next.text, probe.text);
      assert.deepEqual(observable(next), observable(parseScenario('mem://m.scenario.yaml', probe.text, 1)));
      doc = next;
    }
  });

  for (let s = 0; s < samples.length; s++) {
    it(`gives the same problems, graph and data as a full parse over 60 random edits of sample ${s + 1}`, () => {
      const r = rng(1000 + s);
      let doc = parseScenario('mem://s.scenario.yaml', samples[s], 0);
      let local = 0;
      for (let i = 1; i <= 60; i++) {
        const change = randomChange(doc, r);
        const { doc: next, mode } = updateScenario(doc, [change], i);
        if (mode === 'incremental') local++;
        const fresh = parseScenario('mem://s.scenario.yaml', next.text, i);
        assert.deepEqual(
          observable(next),
          observable(fresh),
          `edit ${i} (${mode}): ${JSON.stringify(change)}`,
        );
        // Start again from the sample every 12 edits, so that broken documents do not pile up.
        doc = i % 12 === 0 ? parseScenario('mem://s.scenario.yaml', samples[s], i) : next;
      }
      assert.ok(local > 0, 'some edits were re-parsed locally');
    });
  }
});
