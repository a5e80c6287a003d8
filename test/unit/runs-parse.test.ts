/** Reading a run file: every element with its range, and the file's own problems in a trainer's words. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseRunFile, runsPathOf, scenarioPathOf } from '../../server/src/service';

const EXAMPLE = readFileSync('docs/runs.md', 'utf8').match(/```yaml\n([\s\S]*?)```/)![1];

describe('run files: parse', () => {
  it('reads the example in docs/runs.md without a problem, with ranges on every element', () => {
    const file = parseRunFile('file:///x.runs.yaml', EXAMPLE);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(
      file.runs.map((r) => r.name),
      [
        'model answer',
        'clears the call as a pocket dial',
        'after the line drops, with the grade already given',
      ],
    );
    const [model, cleared, fromDrop] = file.runs;
    assert.equal(model.choices.length, 3);
    const lines = EXAMPLE.split('\n');
    // The name's range covers the name as written; a choice's range its text.
    const at = (r: { start: { line: number; character: number }; end: { character: number } }) =>
      lines[r.start.line].slice(r.start.character, r.end.character);
    assert.equal(at(model.nameRange), 'model answer');
    assert.equal(at(model.choices[1].range), model.choices[1].text);
    assert.equal(at(model.expect.end!.range), 'end-pass');
    assert.deepEqual(model.expect.score!.value, { min: 9, max: 9 });
    assert.deepEqual(
      model.expect.targets.map((t) => [t.key, t.value.value]),
      [
        ['location', 'met'],
        ['grade', 'met'],
        ['dispatch', 'met'],
      ],
    );
    assert.deepEqual(
      model.expect.codes.map((c) => [c.key, c.value.value]),
      [
        ['grade', 'EMERGENCY'],
        ['category', '304'],
      ],
    );
    assert.deepEqual(cleared.choices[0].input, { choose: 'end-cleared' });
    assert.equal(fromDrop.start?.step?.value, 'after-drop');
    assert.deepEqual(fromDrop.start?.state, { grade: 'EMERGENCY', seconds: 420, dispatched: ['police'] });
    assert.deepEqual(fromDrop.expect.score!.value, { min: 3 });
  });

  it('reads a timeout choice', () => {
    const file = parseRunFile(
      'u',
      'callflow-runs: 1\nruns:\n  - name: a\n    choices: [{timeout: true}, Continue]\n',
    );
    assert.deepEqual(file.problems, []);
    assert.deepEqual(
      file.runs[0].choices.map((c) => c.input),
      [{ timeout: true }, { choose: 'Continue' }],
    );
  });

  it('reports mistakes with did-you-mean on the place they are written', () => {
    const text = [
      'callflow-runs: 1',
      'runs:',
      '  - name: a',
      '    expect:',
      '      reslt: pass',
      '      result: passed',
      '      score: {min: 5, max: 2}',
      '      targets: {location: done}',
      '  - name: a',
      '    choices: [{timeout: false}]',
      '',
    ].join('\n');
    const file = parseRunFile('u', text);
    const got = file.problems.map((p) => [p.ruleId, p.range.start.line, p.message]);
    assert.deepEqual(
      got.map(([id, line]) => [id, line]),
      [
        ['schema/unknown-property', 4],
        ['schema/enum', 5],
        ['schema/value', 6],
        ['schema/enum', 7],
        ['schema/value', 9],
        ['schema/value', 8],
      ],
    );
    assert.match(String(got[0][2]), /Did you mean `result`\?/);
    assert.match(String(got[1][2]), /Did you mean `pass`\?/);
    assert.match(String(got[5][2]), /Two runs are named `a`/);
  });

  it('never throws on hostile or odd text', () => {
    for (const text of [
      '',
      '- a',
      'runs: 3',
      'callflow-runs: 2\nruns: []',
      ': : :',
      '\t- x',
      'runs:\n  - [1]\n  - name: [x]\n    start: {state: {facts: 3}}',
    ]) {
      const file = parseRunFile('u', text);
      assert.ok(file.problems.length > 0, `no problem for ${JSON.stringify(text)}`);
    }
  });

  it('refuses a run of more choices than the engine takes', () => {
    const text = `callflow-runs: 1\nruns:\n  - name: a\n    choices: [${Array(10_001).fill('x').join(', ')}]\n`;
    const file = parseRunFile('u', text);
    assert.deepEqual(
      file.problems.map((p) => p.message),
      ['A run has at most 10000 choices; this one has 10001.'],
    );
    assert.deepEqual(file.runs[0].choices, []);
  });

  it('pairs a run file with its scenario', () => {
    assert.equal(scenarioPathOf('a/b/x.runs.yaml'), 'a/b/x.scenario.yaml');
    assert.equal(scenarioPathOf('a/b/x.runs.yaml', '../c/y.scenario.yaml'), 'a/c/y.scenario.yaml');
    assert.equal(
      scenarioPathOf('file:///w/b/x.runs.yaml', './y.scenario.yaml'),
      'file:///w/b/y.scenario.yaml',
    );
    assert.equal(runsPathOf('/w/x.scenario.yaml'), '/w/x.runs.yaml');
  });
});
