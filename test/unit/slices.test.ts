/**
 * Checking in slices (what the server does for large documents): the same problems as checking in one
 * go, a pause after the schema, the flow model and each rule, and a cancelled check that stops at the
 * next pause and leaves the document as it was.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../bench/generate';
import { updateScenario } from '../../server/src/service/syntax/incremental';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { LAST_CHECK } from '../../server/src/service/checks/reuse';
import { RULES } from '../../server/src/service/checks/rules';
import { validateDocument, validateDocumentInSlices } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';

const project = defaultProject();
const dirs = [join(__dirname, '../../samples'), join(__dirname, '../fixtures/domain')];
const texts = [
  ...dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.scenario.yaml'))
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') })),
  ),
  { name: 'generated, 300 steps', text: generate({ steps: 300, seed: 7 }).text },
  {
    name: 'generated, 300 steps with errors',
    text: generate({ steps: 300, seed: 7, errors: true, id: 'with-errors' }).text,
  },
];

const never = { isCancellationRequested: false };

describe('checking in slices', () => {
  it('finds exactly what one check finds, pausing between the schema, the flow model and each rule', async () => {
    let withProblems = 0;
    for (const { name, text } of texts) {
      const whole = validateDocument(parseScenario('file:///s.scenario.yaml', text), project, validators);
      let pauses = 0;
      const sliced = await validateDocumentInSlices(
        parseScenario('file:///s.scenario.yaml', text),
        project,
        validators,
        never,
        async () => {
          pauses++;
        },
      );
      assert.deepEqual(sliced, whole, name);
      const parts = RULES.length + RULES.filter((r) => r.valuePart).length;
      assert.equal(pauses, 2 + parts, `${name}: a pause after the schema, the flow and each rule (or part)`);
      if (whole.length) withProblems++;
    }
    assert.ok(withProblems >= 3, `some inputs have problems (${withProblems})`);
  });

  it('a cancelled check stops at the next pause and leaves the document unchecked', async () => {
    const text = generate({ steps: 300, seed: 11, errors: true, id: 'cancelled' }).text;
    const fresh = validateDocument(parseScenario('file:///c.scenario.yaml', text), project, validators);
    for (const stopAfter of [1, 2, 5, RULES.length]) {
      const doc = parseScenario('file:///c.scenario.yaml', text);
      const token = { isCancellationRequested: false };
      let pauses = 0;
      const result = await validateDocumentInSlices(doc, project, validators, token, async () => {
        if (++pauses === stopAfter) token.isCancellationRequested = true;
      });
      assert.equal(result, undefined, `stopped after pause ${stopAfter}`);
      assert.equal(pauses, stopAfter, 'no slice ran after the cancelling pause');
      assert.equal(
        doc.analysis.get(LAST_CHECK),
        undefined,
        'nothing of the stopped check was kept on the document',
      );
      assert.deepEqual(validateDocument(doc, project, validators), fresh);
    }
  });

  it('a check stopped by a newer version leaves that version to be checked afresh, as in the editor', async () => {
    const text = generate({ steps: 300, seed: 12 }).text;
    const doc = parseScenario('file:///v.scenario.yaml', text, 1);
    validateDocument(doc, project, validators);
    // Version 2 changes a `next:` target (the flow changes, so every rule runs again) …
    const at = text.indexOf('\n    next: ', text.length >> 1) + '\n    next: '.length;
    const change = (offset: number, insert: string) => {
      const before = text.slice(0, offset);
      const line = before.split('\n').length - 1;
      const character = offset - (before.lastIndexOf('\n') + 1);
      return { range: { start: { line, character }, end: { line, character } }, text: insert };
    };
    const v2 = updateScenario(doc, [change(at, 'x')], 2).doc;
    const token = { isCancellationRequested: false };
    let v3: typeof v2 | undefined;
    const stopped = await validateDocumentInSlices(v2, project, validators, token, async () => {
      // … and version 3 arrives while version 2 is being checked: it updates the same nodes.
      if (v3) return;
      v3 = updateScenario(v2, [change(at, 'y')], 3).doc;
      token.isCancellationRequested = true;
    });
    assert.equal(stopped, undefined);
    const expected = validateDocument(
      parseScenario('file:///v.scenario.yaml', `${text.slice(0, at)}yx${text.slice(at)}`, 3),
      project,
      validators,
    );
    assert.ok(
      expected.some((p) => p.ruleId === 'flow/dangling-next'),
      'the edit leaves a dangling next',
    );
    assert.deepEqual(validateDocument(v3!, project, validators), expected);
  });
});
