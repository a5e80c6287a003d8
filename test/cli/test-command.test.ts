/**
 * `callflow test` on the built CLI: the samples' recorded runs pass; exit codes 0/1/2; a renamed step
 * fails with did-you-mean; JUnit parses with fast-xml-parser and TAP with tap-parser; hostile labels and
 * run names stay inside their XML attribute, TAP line and GitHub annotation.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Parser, type FinalResults } from 'tap-parser';
import { buildOnce, ROOT, runCli } from './helpers';

const SAMPLE = 'samples/01-silent-999-domestic';

const HOSTILE_SCENARIO = `callflow: 1
id: hostile
title: Hostile labels
start: ask
steps:
  ask:
    kind: choice
    prompt: Which?
    choices:
      - label: "Go <script>alert(1)</script> & \\"quote\\" 100%, a: b\\nnext line # not a comment"
        next: good
        score: 2
      - label: "Bad ]]> ::error::x"
        next: bad
        score: -1
        critical: "It's <bad> & wrong\\r\\n::error file=x::y"
  good: {kind: end, outcome: {result: pass}}
  bad: {kind: end, outcome: {result: critical-failure}}
`;

const HOSTILE_NAME = 'fails </testcase><script> %0A ::error:: # not a directive\\nsecond, line: 2';
const HOSTILE_RUNS = `callflow-runs: 1
runs:
  - name: "passes <ok> & \\"fine\\""
    choices: [good]
    expect: {end: good, result: pass, score: 2}
  - name: "${HOSTILE_NAME}"
    choices: ["Bad ]]> ::error::x"]
    expect: {end: good}
`;

/** The TAP results of a report (tap-parser). */
function parseTap(text: string): FinalResults {
  let results: FinalResults | undefined;
  const parser = new Parser({ passes: true }, (r) => (results = r));
  parser.end(text);
  assert.ok(results, 'tap-parser finished');
  return results;
}

describe('cli: callflow test', function () {
  this.timeout(120_000);
  let tmp: string;
  let hostile: string;
  before(() => {
    buildOnce();
    tmp = mkdtempSync(join(tmpdir(), 'callflow-test-'));
    hostile = join(tmp, 'hostile');
    mkdirSync(hostile);
    writeFileSync(join(hostile, 'h.scenario.yaml'), HOSTILE_SCENARIO);
    writeFileSync(join(hostile, 'h.runs.yaml'), HOSTILE_RUNS);
  });

  /** A folder with sample 01 and its runs, the scenario changed by `edit`. */
  function sampleCopy(name: string, edit: (text: string) => string = (t) => t, runs?: string): string {
    const dir = join(tmp, name);
    mkdirSync(dir);
    copyFileSync(join(ROOT, 'samples/callflow.config.yaml'), join(dir, 'callflow.config.yaml'));
    writeFileSync(
      join(dir, 's.scenario.yaml'),
      edit(readFileSync(join(ROOT, `${SAMPLE}.scenario.yaml`), 'utf8')),
    );
    writeFileSync(join(dir, 's.runs.yaml'), runs ?? readFileSync(join(ROOT, `${SAMPLE}.runs.yaml`), 'utf8'));
    return dir;
  }

  it('replays every sample run: all pass, every option and end taken (exit 0)', () => {
    const r = runCli(['test', 'samples', '--coverage', '--min-coverage', '100', '-f', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.summary.files, 14);
    assert.equal(report.summary.failed, 0);
    assert.equal(report.summary.passed, report.summary.runs);
    assert.ok(report.summary.runs >= 14 * 2, `${report.summary.runs} runs`);
    assert.equal(report.coverage.percent, 100);
    // Every sample has its model answer and a critical failure or a failing route.
    for (const f of report.files) {
      const results = f.runs.map((run: { result: string }) => run.result);
      assert.ok(results.includes('pass'), `${f.file}: a passing run`);
      assert.ok(
        results.some((x: string) => x !== 'pass'),
        `${f.file}: a run that does not pass`,
      );
    }
  });

  it('exit 1 for a run that no longer ends as recorded, with the first difference where it is written', () => {
    const dir = sampleCopy('retuned', (t) =>
      t.replace('score: 3\n      - label: Ask her to whisper', 'score: 2\n      - label: Ask her to whisper'),
    );
    const r = runCli(['test', '.'], { cwd: dir });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /✗ model answer\n {4}expected score 9, scored 8 at `end-pass` at 08:28 after choosing "No callback; log the disconnect/,
    );
    const line =
      readFileSync(join(dir, 's.runs.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('score: 9')) + 1;
    assert.match(r.stdout, new RegExp(`at s\\.runs\\.yaml:${line}:14  runs/failed`));
    // The option is on every route through the Silent Solution procedure: four runs change score.
    assert.match(r.stdout, /1 run file, 6 runs: 2 passed, 4 failed/);
  });

  it('a renamed step fails clearly, with did-you-mean, at the choice that names it', () => {
    const dir = sampleCopy('renamed', (t) => t.replaceAll('end-callback-alerts', 'end-callback-alerted'));
    const r = runCli(['test', '.', '-f', 'json'], { cwd: dir });
    assert.equal(r.status, 1);
    const runs = JSON.parse(r.stdout).files[0].runs as { name: string; failures: { message: string }[] }[];
    const failed = runs.filter((x) => x.failures.length);
    assert.deepEqual(
      failed.map((x) => x.name),
      [
        'critical: End this call and ring her mobile back so she can talk more freely',
        'critical: Ring the mobile straight back to check she is all right',
      ],
    );
    // The runs name the option by its label, so the choice still fits: the expected end is what moved.
    for (const x of failed)
      assert.match(
        x.failures[0].message,
        /^expected end `end-callback-alerts`, but the scenario has no such end .* Did you mean `end-callback-alerted`\?$/,
      );
    // A run that names the option by the step it leads to fails at that choice.
    const byStep = sampleCopy(
      'renamed-by-step',
      (t) => t.replaceAll('end-cleared', 'end-line-cleared'),
      'callflow-runs: 1\nruns:\n  - name: clears the line\n    choices: [end-cleared]\n',
    );
    const s = runCli(['test', '.'], { cwd: byStep });
    assert.equal(s.status, 1);
    assert.match(
      s.stdout,
      /choice 1 does not fit: `approach` has no option "end-cleared" at 00:56\. Did you mean `end-line-cleared`\?/,
    );
    assert.match(s.stdout, /at s\.runs\.yaml:4:15  runs\/unknown-choice/);
  });

  it('exit 2 for no run files, a missing scenario or a bad option; one line on stderr', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'x.scenario.yaml'), 'callflow: 1\n');
    let r = runCli(['test', '.'], { cwd: empty });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'callflow: No recorded runs (*.runs.yaml) in the current folder.\n');
    const orphan = join(tmp, 'orphan');
    mkdirSync(orphan);
    writeFileSync(join(orphan, 'gone.runs.yaml'), 'callflow-runs: 1\nruns: []\n');
    r = runCli(['test', '.'], { cwd: orphan });
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^callflow: Cannot read the scenario gone\.scenario\.yaml \(a run file replays the scenario beside it/,
    );
    assert.equal(r.stderr.trim().split('\n').length, 1);
    r = runCli(['test', 'samples', '--min-coverage', '120']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--min-coverage needs a percentage from 0 to 100, not "120"/);
    r = runCli(['test', 'no/such/folder']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /No such file or folder: no\/such\/folder/);
  });

  it('--min-coverage fails (exit 1) when the runs leave options or ends untaken', () => {
    const runs = readFileSync(join(ROOT, `${SAMPLE}.runs.yaml`), 'utf8').split('\n  - name: "poor')[0] + '\n';
    const dir = sampleCopy('partial', undefined, runs);
    const r = runCli(['test', '.', '--min-coverage', '60'], { cwd: dir });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /Coverage[\s\S]*s\.scenario\.yaml +36\.3% {2}4\/11/);
    assert.match(r.stdout, /Coverage 36\.3% is under --min-coverage 60% \(4 of 11 options and ends\)\./);
    assert.equal(runCli(['test', '.', '--min-coverage', '36'], { cwd: dir }).status, 0);
  });

  it('a scenario in the folder without recorded runs counts in the coverage at 0%', () => {
    const dir = sampleCopy('unrecorded');
    copyFileSync(join(ROOT, 'samples/07-minor-collision.scenario.yaml'), join(dir, 'other.scenario.yaml'));
    const r = runCli(['test', '.', '--min-coverage', '80'], { cwd: dir });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /other\.scenario\.yaml +0\.0% {2}0\/9 {2}no recorded runs/);
    assert.match(r.stdout, /total +55\.0% {2}11\/20/);
    const json = JSON.parse(runCli(['test', '.', '--coverage', '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(
      json.coverage.scenarios.map((c: { scenario: string; withoutRuns?: boolean }) => [
        c.scenario,
        c.withoutRuns ?? false,
      ]),
      [
        ['other.scenario.yaml', true],
        ['s.scenario.yaml', false],
      ],
    );
  });

  it('the model route `callflow routes --format run` prints replays and passes', () => {
    const dir = join(tmp, 'routes-run');
    mkdirSync(dir);
    for (const name of ['05-pub-fight-knife', '10-missing-child-park']) {
      const scenario = join(ROOT, `samples/${name}.scenario.yaml`);
      copyFileSync(scenario, join(dir, `${name}.scenario.yaml`));
      const run = runCli(['routes', scenario, '--format', 'run']);
      assert.equal(run.status, 0, run.stderr);
      writeFileSync(join(dir, `${name}.runs.yaml`), run.stdout);
    }
    const r = runCli(['test', '.', '-f', 'json'], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const runs = JSON.parse(r.stdout).files.flatMap((f: { runs: { result: string }[] }) => f.runs);
    assert.deepEqual(
      runs.map((x: { result: string }) => x.result),
      ['pass', 'pass'],
    );
  });

  it('JUnit parses with a real XML parser; hostile names stay in their attributes', () => {
    const r = runCli(['test', '.', '-f', 'junit'], { cwd: hostile });
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /<script>|<\/testcase><script>/);
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => n === 'testcase' || n === 'testsuite',
    }).parse(r.stdout);
    const suite = xml.testsuites.testsuite[0];
    assert.equal(xml.testsuites.tests, '2');
    assert.equal(xml.testsuites.failures, '1');
    assert.equal(suite.name, 'h.runs.yaml');
    const cases = suite.testcase as { name: string; line: string; failure?: { message: string } }[];
    assert.equal(cases.length, 2);
    assert.equal(cases[0].name, 'passes <ok> & "fine"');
    assert.match(cases[1].name, /^fails <\/testcase><script> %0A ::error:: # not a directive/);
    assert.equal(cases[1].line, '6');
    assert.match(
      cases[1].failure!.message,
      /^expected end `good`, reached `bad` at 00:00 after choosing "Bad \]\]> ::error::x"/,
    );
  });

  it('TAP parses with tap-parser; a # in a name is no directive', () => {
    const r = runCli(['test', '.', '-f', 'tap'], { cwd: hostile });
    assert.equal(r.status, 1);
    const results = parseTap(r.stdout);
    assert.equal(results.count, 2);
    assert.equal(results.pass, 1);
    assert.equal(results.fail, 1);
    assert.equal(results.ok, false);
    assert.equal(results.todo, 0);
    assert.equal(results.skip, 0);
    const failure = results.failures[0] as unknown as { name: string; diag: Record<string, unknown> };
    assert.match(failure.name, /h\.runs\.yaml › fails .*# not a directive/);
    assert.equal(failure.diag.rule, 'runs/failed');
    assert.equal(failure.diag.line, 8);
    assert.match(String(failure.diag.message), /^expected end `good`, reached `bad`/);
    // The samples: one point per run, all passing.
    const samples = parseTap(runCli(['test', 'samples', '-f', 'tap']).stdout);
    assert.equal(samples.ok, true);
    assert.equal(samples.plan.end, samples.count);
    assert.ok(samples.count >= 28);
  });

  it('GitHub annotations sit on the run file line of the difference, escaped', () => {
    const r = runCli(['test', '.', '-f', 'github'], { cwd: hostile });
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    const m = /^::error (.*?)::(.*)$/.exec(lines[0]);
    assert.ok(m, lines[0]);
    const props = Object.fromEntries(m[1].split(',').map((kv) => kv.split('=') as [string, string]));
    assert.deepEqual(Object.keys(props), ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
    assert.equal(props.file, 'h.runs.yaml');
    assert.equal(props.line, '8');
    const decode = (s: string) =>
      s
        .replace(/%0A/g, '\n')
        .replace(/%0D/g, '\r')
        .replace(/%3A/g, ':')
        .replace(/%2C/g, ',')
        .replace(/%25/g, '%');
    assert.equal(decode(props.title), `Run "${JSON.parse(`"${HOSTILE_NAME}"`)}" failed`);
    assert.match(decode(m[2]), /^expected end `good`, reached `bad`/);
  });

  it('stylish shows no terminal escapes from a run file', () => {
    const dir = join(tmp, 'escapes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'h.scenario.yaml'), HOSTILE_SCENARIO);
    writeFileSync(
      join(dir, 'h.runs.yaml'),
      'callflow-runs: 1\nruns:\n  - name: "x\\u001b[2J\\u001b]0;pwned\\u0007"\n    choices: [good]\n    expect: {end: bad}\n',
    );
    const r = runCli(['test', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /\u001b/);
    assert.match(r.stdout, /✗ x\\u001b\[2J\\u001b\]0;pwned\\u0007/);
  });
});
