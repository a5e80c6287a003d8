import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScenarioService, type TextChange } from '../../server/src/service';
import { buildFlow } from '../../server/src/service/model/flow';
import { defaultCatalogue } from '../../server/src/service/model/catalogue';
import { gradeStates } from '../../server/src/service/checks/rules/domain/grades';
import { memoryHost, project as defaultProject } from '../support/core';
import { generate } from '../../bench/generate';

// The checks and features keep what they compute for a document version in one cache (doc.analysis),
// and a local edit hands on only what a slot carries: here, the last check.

const service = createScenarioService(memoryHost());
const project = defaultProject();
const text = readFileSync(
  join(__dirname, '../../samples/06-overturned-car-dual-carriageway.scenario.yaml'),
  'utf8',
);

/** An edit of one character inside the first `say:` value. */
function sayEdit(t: string): TextChange {
  const doc = service.parse('mem://a.scenario.yaml', t, 0);
  const at = t.indexOf('say: ') + 'say: '.length + 1;
  return { range: { start: doc.lines.position(at), end: doc.lines.position(at + 1) }, text: 'x' };
}

describe('the analysis cache of a document', () => {
  it('holds what a check computed, and nothing after a parse', () => {
    const doc = service.parse('mem://a.scenario.yaml', text, 0);
    assert.deepEqual(doc.analysis.names(), []);
    service.validate(doc, project);
    assert.deepEqual(doc.analysis.names().sort(), [
      'code slots',
      'flow model',
      'grade states',
      'last check',
      'steps that reach a good end',
    ]);
  });

  it('holds the step targets a completion ranked by, until the next version', () => {
    const big = generate({ steps: 150, seed: 3, id: 'big' }).text;
    const doc = service.parse('mem://b.scenario.yaml', big, 0);
    const next = /\n +next: /.exec(big)!;
    const items = service.complete(doc, doc.lines.position(next.index + next[0].length), project).items;
    assert.ok(items.length > 0, 'step ids are proposed');
    assert.deepEqual(doc.analysis.names(), ['step targets']);
    const after = service.update(doc, [sayEdit(big)], 1);
    assert.deepEqual(after.analysis.names(), []);
  });

  it('hands on only the last check and the flow model to the version after a local edit', () => {
    const doc = service.parse('mem://a.scenario.yaml', text, 0);
    service.validate(doc, project);
    const next = service.update(doc, [sayEdit(text)], 1);
    assert.notEqual(next.analysis, doc.analysis);
    assert.deepEqual(next.analysis.names().sort(), ['flow model', 'last check']);
    const full = service.parse('mem://a.scenario.yaml', next.text, 1);
    assert.deepEqual(service.validate(next, project), service.validate(full, project));
  });

  it('computes the grade states again for another catalogue', () => {
    const doc = service.parse('mem://a.scenario.yaml', text, 0);
    const flow = buildFlow(doc);
    const catalogue = project.catalogue;
    const states = gradeStates(flow, catalogue);
    assert.equal(gradeStates(buildFlow(doc), catalogue), states, 'kept for the same catalogue');
    const other = defaultCatalogue();
    assert.notEqual(other, catalogue);
    assert.notEqual(gradeStates(flow, other), states);
    assert.deepEqual(gradeStates(flow, other), states, 'the same catalogue contents give the same states');
  });
});
