/**
 * "Save this run as a test" writes what `callflow test` then passes: on every sample, the best route,
 * the first option everywhere and the last option everywhere are recorded (with today's results as
 * expectations), written as a run file, read back and replayed — each run passes. Appending keeps the
 * file's comments and indentation; a name already used is refused.
 */
import { recordedRun, recordRunEdit } from '../../server/src/service';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScenarioService, parseRunFile, type RunInput, type RunView } from '../../server/src/service';

const ROOT = resolve(__dirname, '../..');
const service = createScenarioService({ readFile: () => undefined, resolve: (_b, p) => p });
const project = service.loadProject(undefined, undefined);
const SAMPLES = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.scenario.yaml'));

type Pick = (options: { label: string; score?: number }[]) => number;
const strategies: Record<string, Pick> = {
  best: (o) => o.reduce((b, x, i) => ((x.score ?? 0) > (o[b].score ?? 0) ? i : b), 0),
  first: () => 0,
  last: (o) => o.length - 1,
};

/** Plays a scenario choosing with `pick` (the timeout when a step offers only that) to an end. */
function playOut(doc: ReturnType<typeof service.parse>, pick: Pick): { inputs: RunInput[]; view: RunView } {
  const inputs: RunInput[] = [];
  let view = service.rehearse(doc, project, { inputs });
  for (let i = 0; i < 200 && view.waiting.kind === 'choice'; i++) {
    const w = view.waiting;
    inputs.push(w.options.length ? { choose: w.options[pick(w.options)].label } : { timeout: true });
    view = service.rehearse(doc, project, { inputs });
  }
  return { inputs, view };
}

describe('recording a played run as a test', () => {
  for (const file of SAMPLES)
    it(`${file}: recorded routes replay as passed`, () => {
      const uri = `file:///samples/${file}`;
      const doc = service.parse(uri, readFileSync(join(ROOT, 'samples', file), 'utf8'), 1);
      let text: string | undefined;
      let recorded = 0;
      for (const [name, pick] of Object.entries(strategies)) {
        const { inputs, view } = playOut(doc, pick);
        const run = recordedRun({ name, inputs, view });
        if (!run) continue; // a route that does not end (a loop) is not offered for saving
        const existing =
          text === undefined ? undefined : { text, file: parseRunFile('file:///r.runs.yaml', text) };
        const edit = recordRunEdit(run, file, existing);
        assert.ok(!('error' in edit), JSON.stringify(edit));
        assert.equal(edit.created, text === undefined);
        const e = edit.edits[0];
        text =
          text === undefined
            ? e.newText
            : text.split('\n').slice(0, e.range.start.line).join('\n') +
              '\n' +
              text.split('\n')[e.range.start.line].slice(0, e.range.start.character) +
              e.newText +
              text.split('\n').slice(e.range.start.line).join('\n').slice(e.range.end.character);
        recorded++;
      }
      assert.ok(recorded >= 1 && text);
      const runs = parseRunFile(`file:///samples/${file.replace('.scenario.', '.runs.')}`, text);
      assert.deepEqual(runs.problems, [], text);
      assert.equal(runs.runs.length, recorded);
      for (const outcome of service.replayRuns(runs, doc, project))
        assert.equal(
          outcome.passed,
          true,
          `${outcome.run.name}: ${outcome.failures.map((f) => f.message).join('; ')}\n${text}`,
        );
    });

  it('appends after the last run in the file’s indentation, keeping comments; refuses a used name', () => {
    const doc = service.parse(
      'file:///p.scenario.yaml',
      readFileSync(join(ROOT, 'samples', SAMPLES[0]), 'utf8'),
      1,
    );
    const { inputs, view } = playOut(doc, strategies.best);
    const text = `# top comment\ncallflow-runs: 1\nruns:\n- name: old # kept\n  choices: []\n# trailing comment\n`;
    const file = parseRunFile('file:///p.runs.yaml', text);
    const taken = recordRunEdit(recordedRun({ name: 'old', inputs, view })!, 'p', { text, file });
    assert.ok('error' in taken && /already in the file/.test(taken.error));
    const edit = recordRunEdit(recordedRun({ name: 'new one', inputs, view })!, 'p', { text, file });
    assert.ok(!('error' in edit));
    const [e] = edit.edits;
    assert.deepEqual(e.range.start, { line: 4, character: 13 });
    const lines = text.split('\n');
    const after = [...lines.slice(0, 4), lines[4] + e.newText, ...lines.slice(5)].join('\n');
    assert.ok(
      after.includes('# top comment') && after.includes('# kept') && after.includes('# trailing comment'),
    );
    assert.match(after, /\n- name: new one\n {2}choices:\n {4}- /);
    const back = parseRunFile('file:///p.runs.yaml', after);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(
      back.runs.map((r) => r.name),
      ['old', 'new one'],
    );
  });

  it('a run that has not ended is not recorded', () => {
    const doc = service.parse(
      'file:///p.scenario.yaml',
      readFileSync(join(ROOT, 'samples', SAMPLES[0]), 'utf8'),
      1,
    );
    const view = service.rehearse(doc, project, { inputs: [] });
    assert.equal(view.waiting.kind, 'choice');
    assert.equal(recordedRun({ name: 'x', inputs: [], view }), undefined);
  });
});
