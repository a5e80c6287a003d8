/**
 * The run file's JSON schema agrees with the reader (every sample run file is valid under both; files
 * the reader refuses are refused by the schema), and coverage counts options and ends as documented.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { loadProjectFor, pathToUri } from '../../server/src/node/project';
import { service } from '../support/runs';

const ROOT = join(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/runs.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const runFiles = ['samples', 'samples/force'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.runs.yaml'))
    .map((f) => join(ROOT, d, f)),
);

describe('run files: schema and coverage', () => {
  it('every sample run file is valid for the schema and for the reader', () => {
    assert.equal(runFiles.length, 14);
    for (const path of runFiles) {
      const text = readFileSync(path, 'utf8');
      assert.ok(validate(parseYaml(text)), `${path}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(service.parseRuns(pathToUri(path), text).problems, [], path);
    }
  });

  it('the schema refuses what the reader refuses', () => {
    const bad = [
      'runs: []',
      'callflow-runs: 2\nruns: []',
      'callflow-runs: 1\nruns: [{choices: [a]}]',
      'callflow-runs: 1\nruns: [{name: a, expect: {result: passed}}]',
      'callflow-runs: 1\nruns: [{name: a, expect: {score: {}}}]',
      'callflow-runs: 1\nruns: [{name: a, expect: {targets: {location: done}}}]',
      'callflow-runs: 1\nruns: [{name: a, choices: [{timeout: false}]}]',
      'callflow-runs: 1\nruns: [{name: a, start: {step: s, state: {facts: 3}}}]',
      'callflow-runs: 1\nruns: [{name: a, extra: 1}]',
    ];
    for (const text of bad) {
      assert.equal(validate(parseYaml(text)), false, `schema accepts ${text}`);
      assert.ok(service.parseRuns('u', text).problems.length > 0, `reader accepts ${text}`);
    }
  });

  it('coverage: options at decisions the start reaches, and ends, taken by any run', () => {
    const path = join(ROOT, 'samples/01-silent-999-domestic.scenario.yaml');
    const doc = service.parse(pathToUri(path), readFileSync(path, 'utf8'));
    const project = loadProjectFor(service, pathToUri(path));
    const runs = (choices: string) =>
      service.replayRuns(
        service.parseRuns('u', `callflow-runs: 1\nruns:\n  - name: r\n    choices: ${choices}\n`),
        doc,
        project,
      );
    // 3 choice points with 3, 3 and 2 options, and 3 ends: 11.
    const none = service.runCoverage(doc, []);
    assert.equal(none.total, 11);
    assert.equal(none.covered, 0);
    assert.equal(none.percent, 0);
    assert.equal(none.unplayed.length, doc.steps.length);
    const cleared = service.runCoverage(doc, runs('[end-cleared]'));
    assert.deepEqual([cleared.covered, cleared.percent], [2, 18.1], 'the option taken and the end reached');
    assert.deepEqual(
      cleared.ends.map((e) => [e.step, e.runs]),
      [
        ['end-pass', []],
        ['end-cleared', ['r']],
        ['end-callback-alerts', []],
      ],
    );
    // A run that fails part-way still covers what it played.
    const partial = service.runCoverage(doc, runs('[silent-procedure, nope]'));
    assert.equal(partial.covered, 1);
    assert.ok(!partial.unplayed.includes('silent-procedure'));
    assert.ok(partial.unplayed.includes('end-pass'));
  });
});
