import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type ScenarioDocument, type TextChange } from '../../server/src/service';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { updateScenario } from '../../server/src/service/syntax/incremental';
import { validateDocument } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';
import { rng } from '../support/rng';
import { MINIMAL_SCENARIO } from '../support/scenarios';

// The editor's text model (vscode-languageserver-textdocument, as the server keeps it) is the truth for
// what a `didChange` means: positions past a line's end clamp before its line break, lines past the last
// clamp to the end, reversed ranges are read forwards. The incremental parser must agree with it even
// for messages of several such edits (only the last edit's slice is checked against the editor's text).

const project = defaultProject();
const samplesDir = join(__dirname, '../../samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.scenario.yaml'))
  .map((f) => readFileSync(join(samplesDir, f), 'utf8'));

const SNIPPETS = ['a', 'x', ' ', 'x y', '#', ':', '', '\n', '\n    say: hi', '\r\n'];

/** A position that is often hostile: past the line's end, past the last line, or negative-free random. */
function hostilePosition(lines: LineIndex, r: () => number): { line: number; character: number } {
  const roll = r();
  const line = Math.floor(r() * lines.lineCount);
  const length = lines.lineText(line).length;
  if (roll < 0.35) return { line, character: length + 1 + Math.floor(r() * 4) };
  if (roll < 0.45) return { line: lines.lineCount + Math.floor(r() * 3), character: Math.floor(r() * 5) };
  if (roll < 0.5) return { line, character: 2 ** 31 - 1 };
  return { line, character: Math.floor(r() * (length + 1)) };
}

function hostileMessage(text: string, r: () => number): TextChange[] {
  const changes: TextChange[] = [];
  const td = TextDocument.create('mem://x', 'callflow', 0, text);
  const count = 2 + (r() < 0.3 ? 1 : 0);
  for (let k = 0; k < count; k++) {
    const lines = new LineIndex(td.getText());
    const a = hostilePosition(lines, r);
    const b = r() < 0.5 ? a : hostilePosition(lines, r); // sometimes reversed
    const change = { range: { start: a, end: b }, text: SNIPPETS[Math.floor(r() * SNIPPETS.length)] };
    changes.push(change);
    TextDocument.update(td, [change], 0);
  }
  return changes;
}

function observable(doc: ScenarioDocument): unknown {
  return { problems: validateDocument(doc, project, validators), value: doc.value };
}

describe('incremental re-parsing against the editor text model', () => {
  it('maps positions past a line end before the line break, as the editor does (LF and CRLF)', () => {
    for (const text of ['ab\ncd\n', 'ab\r\ncd\r\n', 'ab\rcd']) {
      const td = TextDocument.create('mem://x', 'callflow', 0, text);
      const lines = new LineIndex(text);
      for (let line = -1; line < 5; line++)
        for (const character of [-1, 0, 1, 2, 3, 4, 99, 2 ** 31 - 1])
          assert.equal(
            lines.offset({ line, character }),
            td.offsetAt({ line, character }),
            `${JSON.stringify(text)} ${line}:${character}`,
          );
    }
  });

  it('keeps the editor text when the first of two edits is past its line end and the second in another step', () => {
    const text = MINIMAL_SCENARIO;
    const doc = parseScenario('mem://p.scenario.yaml', text, 1);
    const changes: TextChange[] = [
      { range: { start: { line: 6, character: 40 }, end: { line: 6, character: 40 } }, text: ' # c' },
      { range: { start: { line: 10, character: 13 }, end: { line: 10, character: 13 } }, text: 'x' },
    ];
    const editorText = TextDocument.update(
      TextDocument.create('mem://p', 'callflow', 1, text),
      changes,
      2,
    ).getText();
    const { doc: next } = updateScenario(doc, changes, 2, editorText);
    assert.deepEqual(observable(next), observable(parseScenario('mem://p.scenario.yaml', editorText, 2)));
  });

  it('keeps the tree of the editor text for multi-edit messages past line ends, past the last line and reversed', () => {
    const r = rng(15001);
    let mismatched = 0;
    let local = 0;
    for (let round = 0; round < 80; round++) {
      const base = samples[round % samples.length];
      const start = round % 2 ? base : base.replace(/\n/g, '\r\n');
      const doc = parseScenario('mem://e.scenario.yaml', start, 1);
      const changes = hostileMessage(start, r);
      const td = TextDocument.update(TextDocument.create('mem://e', 'callflow', 1, start), changes, 2);
      const editorText = td.getText();
      const { doc: next, mode } = updateScenario(doc, changes, 2, editorText);
      if (mode === 'incremental') local++;
      const fresh = parseScenario('mem://e.scenario.yaml', editorText, 2);
      assert.equal(next.text, editorText);
      if (JSON.stringify(observable(next)) !== JSON.stringify(observable(fresh))) mismatched++;
    }
    assert.equal(mismatched, 0, `${mismatched} of 80 messages kept a tree of another text`);
    assert.ok(local >= 3, `only ${local} messages were re-parsed locally`);
  });

  it('applies each change of a message to the text the editor has after the previous one (no text given)', () => {
    const r = rng(15002);
    for (let round = 0; round < 80; round++) {
      const start = samples[round % samples.length];
      const changes = hostileMessage(start, r);
      const editorText = TextDocument.update(
        TextDocument.create('mem://e', 'callflow', 1, start),
        changes,
        2,
      ).getText();
      const { doc } = updateScenario(parseScenario('mem://e.scenario.yaml', start, 1), changes, 2);
      assert.equal(doc.text, editorText, JSON.stringify(changes));
    }
  });
});
