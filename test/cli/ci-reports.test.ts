/**
 * callflow check in CI, the reports: every format says why a run failed (the --max-warnings limit, paths
 * that could not be read), read back by real readers (the SARIF 2.1.0 schema, a JUnit parser, the GitLab
 * Code Quality format); an unreadable path is reported while the rest is checked and the -o report is
 * still written (exit 2); --max-warnings -1 means no limit.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { buildOnce, ROOT, runCli } from './helpers';

/** Two warnings (two unreachable ends), no error. */
const WARNED =
  'callflow: 1\nid: w\ntitle: W\nstart: a\nsteps:\n  a: {kind: handler, say: "Police, where are you?", asks: [location], next: z}\n  z: {kind: end, outcome: {result: pass}}\n  lost: {kind: end, outcome: {result: pass}}\n  gone: {kind: end, outcome: {result: fail}}\n';

function validator(schemaFile: string) {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/data', schemaFile), 'utf8'));
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

interface Notification {
  level: string;
  message: { text: string };
  descriptor?: { id: string };
}

async function junitOf(xml: string) {
  const { parse } = await import('junit2json');
  return parse(xml);
}

describe('cli: reports say why the run failed', function () {
  this.timeout(120_000);
  let dir: string;
  let warnings: number;
  before(() => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), 'callflow-ci-'));
    writeFileSync(join(dir, 'w.scenario.yaml'), WARNED);
    writeFileSync(
      join(dir, 'ok.scenario.yaml'),
      readFileSync(join(ROOT, 'test/fixtures/cli/minimal.scenario.yaml')),
    );
    const base = JSON.parse(runCli(['check', '.', '-f', 'json'], { cwd: dir }).stdout);
    warnings = base.summary.warnings;
    assert.ok(warnings >= 2 && base.summary.errors === 0, JSON.stringify(base.summary));
  });

  it('json: summary.reasons and summary.maxWarnings name the limit', () => {
    const r = runCli(['check', '.', '-f', 'json', '--max-warnings', '0'], { cwd: dir });
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.summary.maxWarnings, { limit: 0, warnings, exceeded: true });
    assert.deepEqual(out.summary.reasons, [
      { kind: 'max-warnings', message: `${warnings} warnings, more than --max-warnings 0 allows.` },
    ]);
    assert.match(r.stderr, /more than --max-warnings 0/);
  });

  it('SARIF: valid 2.1.0 with a notification that names the limit', () => {
    const r = runCli(['check', '.', '-f', 'sarif', '--max-warnings', '0'], { cwd: dir });
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    const validate = validator('sarif-2.1.0.json');
    assert.ok(validate(log as unknown), JSON.stringify(validate.errors));
    const inv = log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, true, 'the tool ran; the verdict is in the notification');
    const note = (inv.toolExecutionNotifications as Notification[]).find(
      (n) => n.descriptor?.id === 'callflow/max-warnings',
    );
    assert.equal(note?.level, 'error');
    assert.match(note!.message.text, new RegExp(`^${warnings} warnings, more than --max-warnings 0`));
  });

  it('JUnit (read by junit2json): a failing case names the limit, and the counts say failed', async () => {
    const r = runCli(['check', '.', '-f', 'junit', '--max-warnings', '0'], { cwd: dir });
    assert.equal(r.status, 1);
    const report = await junitOf(r.stdout);
    assert.ok(report && 'testsuite' in report);
    const suite = report.testsuite![0];
    assert.ok((suite.failures ?? 0) >= 1, 'failures > 0 on a red job');
    const limitCase = suite.testcase!.find((c) => c.name === '--max-warnings 0');
    assert.ok(limitCase?.failure?.length === 1, JSON.stringify(suite.testcase));
    assert.match(limitCase!.failure![0].message!, /more than --max-warnings 0/);
    // Within the limit: no such case, and nothing fails.
    const fine = await junitOf(
      runCli(['check', '.', '-f', 'junit', '--max-warnings', '5'], { cwd: dir }).stdout,
    );
    const fineSuite = (fine as { testsuite: { failures?: number; testcase: { name?: string }[] }[] })
      .testsuite[0];
    assert.equal(fineSuite.failures, 0);
    assert.ok(!fineSuite.testcase.some((c) => c.name?.startsWith('--max-warnings')));
  });

  it('github: an ::error:: line names the limit', () => {
    const r = runCli(['check', '.', '-f', 'github', '--max-warnings', '0'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^::error title=callflow::\d+ warnings, more than --max-warnings 0 allows\.$/m);
  });

  it('--max-warnings -1 is no limit (as ESLint); other negatives are refused', () => {
    assert.equal(runCli(['check', '.', '--max-warnings', '-1'], { cwd: dir }).status, 0);
    assert.equal(runCli(['check', '.', '--max-warnings=-1'], { cwd: dir }).status, 0);
    const bad = runCli(['check', '.', '--max-warnings', '-2'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-warnings needs a whole number/);
  });

  it('a missing path: the rest is checked, every format reports it, the -o report is written, exit 2', async () => {
    const args = ['check', 'w.scenario.yaml', 'missing.scenario.yaml', 'ok.scenario.yaml'];
    // json
    let r = runCli([...args, '-f', 'json', '-o', 'r.json'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'callflow: No such file or folder: missing.scenario.yaml\n');
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.deepEqual(
      json.files.map((f: { path: string }) => f.path),
      ['ok.scenario.yaml', 'w.scenario.yaml'],
    );
    assert.equal(json.summary.warnings, warnings, 'the readable files were checked');
    assert.deepEqual(json.unreadable, [
      { path: 'missing.scenario.yaml', message: 'No such file or folder: missing.scenario.yaml' },
    ]);
    assert.equal(json.summary.exitCode, 2);
    // SARIF
    r = runCli([...args, '-f', 'sarif', '-o', 'r.sarif'], { cwd: dir });
    assert.equal(r.status, 2);
    const log = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    const validate = validator('sarif-2.1.0.json');
    assert.ok(validate(log as unknown), JSON.stringify(validate.errors));
    const run = log.runs[0];
    assert.equal(run.invocations[0].executionSuccessful, false);
    const note = run.invocations[0].toolExecutionNotifications.find(
      (n: Notification) => n.descriptor?.id === 'callflow/unreadable-input',
    );
    assert.match(note.message.text, /missing\.scenario\.yaml/);
    assert.ok(run.results.length >= warnings, 'results of the readable files');
    // JUnit
    r = runCli([...args, '-f', 'junit', '-o', 'r.xml'], { cwd: dir });
    assert.equal(r.status, 2);
    const junit = await junitOf(readFileSync(join(dir, 'r.xml'), 'utf8'));
    const suite = (
      junit as {
        testsuite: { errors?: number; testcase: { name?: string; error?: { message?: string }[] }[] }[];
      }
    ).testsuite[0];
    assert.equal(suite.errors, 1);
    const missing = suite.testcase.find((c) => c.name === 'missing.scenario.yaml');
    assert.match(missing?.error?.[0].message ?? '', /No such file or folder/);
    // stylish: the summary says a path was not read, on a ✖ line
    r = runCli(args, { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /^✖ .*in 2 files checked, 1 path not read \(named on stderr\)\.$/m);
    assert.doesNotMatch(r.stdout, /✔/);
    // github
    r = runCli([...args, '-f', 'github'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /^::error file=missing\.scenario\.yaml,title=callflow::No such file or folder/m);
    assert.match(r.stdout, /^::warning file=w\.scenario\.yaml/m);
  });

  it('gitlab: a Code Quality report in the documented format, fingerprints unique and stable across line shifts', () => {
    const work = join(dir, 'gl');
    mkdirSync(work);
    const broken = readFileSync(join(ROOT, 'test/fixtures/e2e/broken-burglary.scenario.yaml'), 'utf8');
    writeFileSync(join(work, 'b.scenario.yaml'), broken);
    writeFileSync(join(work, 'w.scenario.yaml'), WARNED);
    const r = runCli(['check', '.', 'nope.scenario.yaml', '-f', 'gitlab', '-o', 'gl.json'], { cwd: work });
    assert.equal(r.status, 2);
    const issues = JSON.parse(readFileSync(join(work, 'gl.json'), 'utf8'));
    const validate = validator('gitlab-codequality.schema.json');
    assert.ok(validate(issues as unknown), JSON.stringify(validate.errors));
    const prints = issues.map((i: { fingerprint: string }) => i.fingerprint);
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique');
    assert.ok(issues.some((i: { severity: string }) => i.severity === 'major'));
    assert.ok(issues.some((i: { severity: string }) => i.severity === 'minor'));
    assert.ok(issues.some((i: { check_name: string }) => i.check_name === 'callflow/unreadable-input'));
    // Lines inserted above: same fingerprints, lines moved.
    writeFileSync(join(work, 'b.scenario.yaml'), '# reviewed\n# again\n' + broken);
    runCli(['check', '.', 'nope.scenario.yaml', '-f', 'gitlab', '-o', 'gl2.json'], { cwd: work });
    const again = JSON.parse(readFileSync(join(work, 'gl2.json'), 'utf8'));
    assert.deepEqual(again.map((i: { fingerprint: string }) => i.fingerprint).sort(), [...prints].sort());
  });

  it('a report file is written even when no path could be read', () => {
    const r = runCli(['check', 'gone.scenario.yaml', '-f', 'sarif', '-o', 'only.sarif'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.ok(existsSync(join(dir, 'only.sarif')));
    assert.equal(
      JSON.parse(readFileSync(join(dir, 'only.sarif'), 'utf8')).runs[0].invocations[0].executionSuccessful,
      false,
    );
  });
});
