/**
 * Replaying recorded runs: the docs' example passes on sample 01; runs survive reordered options; a
 * renamed step or reworded option fails clearly with did-you-mean; each expectation fails with the
 * first difference in a trainer's words.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectFor, pathToUri } from '../../server/src/node/project';
import type { RunFile, ScenarioDocument } from '../../server/src/service';
import { service } from '../support/runs';

const PATH = join(__dirname, '../../samples/01-silent-999-domestic.scenario.yaml');
const TEXT = readFileSync(PATH, 'utf8');
const project = loadProjectFor(service, pathToUri(PATH));
const EXAMPLE = readFileSync('docs/runs.md', 'utf8').match(/```yaml\n([\s\S]*?)```/)![1];

const scenario = (text = TEXT): ScenarioDocument => service.parse(pathToUri(PATH), text);
const runs = (text: string): RunFile => {
  const file = service.parseRuns('mem:/x.runs.yaml', text);
  assert.deepEqual(file.problems, []);
  return file;
};
const one = (body: string) => runs(`callflow-runs: 1\nruns:\n  - name: r\n${body}`);

describe('run files: replay', () => {
  it('the example in docs/runs.md passes on sample 01', () => {
    const outcomes = service.replayRuns(runs(EXAMPLE), scenario(), project);
    assert.deepEqual(
      outcomes.map((o) => [o.run.name, o.failures.map((f) => f.message)]),
      outcomes.map((o) => [o.run.name, []]),
    );
  });

  it('survives options being reordered (labels and target steps both)', () => {
    // Reverse the order of the options at `approach` and at `stay-choice`.
    const doc = scenario();
    let text = TEXT;
    for (const id of ['approach', 'stay-choice']) {
      const step = doc.stepsById.get(id)!;
      const block = text.slice(...step.fullOffsets).trimEnd();
      const [head, ...options] = block.split(/\n(?= {6}- label:)/);
      const reordered = [head, ...options.reverse()].join('\n');
      assert.notEqual(reordered, block);
      text = text.replace(block, reordered);
    }
    const reorderedDoc = scenario(text);
    assert.equal(reorderedDoc.stepsById.get('approach')!.data!.choices![0].next, 'end-cleared');
    const outcomes = service.replayRuns(runs(EXAMPLE), reorderedDoc, project);
    assert.ok(
      outcomes.every((o) => o.passed),
      JSON.stringify(outcomes.map((o) => o.failures)),
    );
    // And the same file really tests something: a changed expectation fails on the reordered copy.
    const wrong = EXAMPLE.replace('score: 9', 'score: 8');
    const failed = service.replayRuns(runs(wrong), reorderedDoc, project).filter((o) => !o.passed);
    assert.deepEqual(
      failed.map((o) => o.run.name),
      ['model answer'],
    );
  });

  it('a renamed step fails at the choice that names it, with did-you-mean', () => {
    const renamed = TEXT.replaceAll('end-cleared', 'end-line-cleared');
    const [, cleared] = service.replayRuns(runs(EXAMPLE), scenario(renamed), project);
    assert.equal(cleared.passed, false);
    const f = cleared.failures[0];
    assert.equal(f.ruleId, 'runs/unknown-choice');
    assert.equal(f.message.split('Did you mean')[1], ' `end-line-cleared`?');
    assert.match(f.message, /^choice 1 does not fit: `approach` has no option "end-cleared" at 00:56\.( |$)/);
    // The problem sits on the choice as written in the run file.
    const line = EXAMPLE.split('\n')[f.range.start.line];
    assert.equal(line.slice(f.range.start.character, f.range.end.character), 'end-cleared');
  });

  it('a reworded option fails with did-you-mean over the labels offered', () => {
    const file = one('    choices: [Start the silent solution procedure]\n');
    const [o] = service.replayRuns(file, scenario(), project);
    assert.equal(o.failures[0].ruleId, 'runs/unknown-choice');
    assert.match(
      o.failures[0].message,
      /Did you mean "Start the Silent Solution procedure — one press for yes, two for no"\?$/,
    );
  });

  it('an expected end that no longer exists is an unknown step with did-you-mean', () => {
    const file = one('    choices: [end-cleared]\n    expect: {end: end-clear}\n');
    const [o] = service.replayRuns(file, scenario(), project);
    assert.deepEqual(
      o.failures.map((f) => [f.ruleId, f.what]),
      [['runs/unknown-step', 'end']],
    );
    assert.match(o.failures[0].message, /Did you mean `end-cleared`\?$/);
    // A rename that spelling cannot match is found by the words the ids share (ends are few).
    const renamed = scenario(TEXT.replaceAll('end-cleared', 'end-line-cleared'));
    const [r] = service.replayRuns(
      one(
        '    choices: [Clear the line — the background noise sounds like a pocket dial]\n    expect: {end: end-cleared}\n',
      ),
      renamed,
      project,
    );
    assert.match(
      r.failures[0].message,
      /^expected end `end-cleared`, but the scenario has no such end .* Did you mean `end-line-cleared`\?$/,
    );
  });

  it('words the first difference as a trainer reads it', () => {
    const file = one(
      [
        '    choices: [silent-procedure, Ask whether she can get out of the house safely (yes/no), end-callback-alerts]',
        '    expect:',
        '      end: end-pass',
        '      result: pass',
        '      score: {min: 5}',
        '      grade: URGENT',
        '      targets: {dispatch: missed}',
        '      critical: none',
        '',
      ].join('\n'),
    );
    const [o] = service.replayRuns(file, scenario(), project);
    const messages = o.failures.map((f) => f.message);
    assert.equal(
      messages[0],
      'expected end `end-pass`, reached `end-callback-alerts` at 04:13 after choosing "Ring the mobile straight back to check she is all right"',
    );
    assert.deepEqual(
      o.failures.map((f) => f.what),
      ['end', 'result', 'score', 'grade', 'targets.dispatch', 'critical'],
    );
    assert.match(messages[1], /^expected result pass, got critical-failure at `end-callback-alerts`/);
    assert.match(messages[2], /^expected score at least 5, scored -6 at/);
    assert.match(messages[3], /^expected grade `URGENT`, `EMERGENCY` given by the end/);
    assert.match(
      messages[4],
      /^expected the dispatch target missed, it was met \(done at 02:29, target 03:20\)$/,
    );
    assert.match(messages[5], /^expected no critical failure, got one at `after-drop`/);
  });

  it('a choice after the run has ended, or in a scenario that cannot be played, says why', () => {
    const [ended] = service.replayRuns(one('    choices: [end-cleared, listen]\n'), scenario(), project);
    assert.equal(
      ended.failures[0].message,
      'choice 2 "listen" is never offered: the run ended at `end-cleared` at 00:59 after choosing "Clear the line — the background noise sounds like a pocket dial", before it.',
    );
    const broken = service.parse('mem:/b.scenario.yaml', 'callflow: 1\nid: b\nsteps: [\n');
    const [stopped] = service.replayRuns(one('    choices: [a]\n'), broken, project);
    assert.match(
      stopped.failures[0].message,
      /before it\. The scenario has no `start:` step to begin from\.$/,
    );
  });

  it('a run that stops before an end fails where it waits', () => {
    const [o] = service.replayRuns(one('    choices: [silent-procedure]\n'), scenario(), project);
    assert.equal(o.failures[0].what, 'reached');
    assert.match(o.failures[0].message, /^the run reaches no end: it waits for a choice at `stay-choice`/);
  });

  it('gives the editor its problems: file problems, unknown choices as errors, failed runs as warnings', () => {
    const file = service.parseRuns(
      'mem:/x.runs.yaml',
      'callflow-runs: 1\nruns:\n  - name: a\n    choices: [nope]\n  - name: b\n    choices: [end-cleared]\n    expect: {result: pass}\n    extra: 1\n',
    );
    const problems = service.checkRuns(file, scenario(), project);
    assert.deepEqual(
      problems.map((p) => [p.ruleId, p.severity, p.range.start.line]),
      [
        ['schema/unknown-property', 'error', 7],
        ['runs/unknown-choice', 'error', 3],
        ['runs/failed', 'warning', 6],
      ],
    );
    assert.match(problems[1].message, /^Run "a": choice 1 does not fit/);
  });
});
