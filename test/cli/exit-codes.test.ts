/** Exit codes and one-line messages: 0 clean, 1 failing problems, 2 usage, unreadable input, no files, bad project. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildOnce, CLI, ROOT, runCli } from './helpers';

const MINIMAL = join(ROOT, 'test/fixtures/cli/minimal.scenario.yaml');

function assertFatal(args: string[], pattern: RegExp, cwd?: string): void {
  const r = runCli(args, { cwd });
  assert.equal(r.status, 2, `exit 2 for ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('cli: exit codes', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => {
    buildOnce();
    tmp = mkdtempSync(join(tmpdir(), 'callflow-cli-'));
  });

  it('0 for clean files, 1 for failing problems', () => {
    assert.equal(runCli(['check', 'samples']).status, 0);
    assert.equal(runCli(['check', 'test/fixtures/encoding']).status, 1);
  });

  it('--fail-on, --max-warnings and --quiet', () => {
    const dir = join(tmp, 'warn');
    mkdirSync(dir);
    // An unreachable step is a warning by default.
    writeFileSync(
      join(dir, 'w.scenario.yaml'),
      'callflow: 1\nid: w\ntitle: W\nstart: a\nsteps:\n  a: {kind: handler, say: "Police, where are you?", asks: [location], next: z}\n  z: {kind: end, outcome: {result: pass}}\n  lost: {kind: end, outcome: {result: fail}}\n',
    );
    const base = runCli(['check', '.', '-f', 'json'], { cwd: dir });
    const warnings = JSON.parse(base.stdout).summary.warnings as number;
    assert.ok(warnings >= 1, base.stdout);
    assert.equal(base.status, 0);
    assert.equal(runCli(['check', '.', '--fail-on', 'warning'], { cwd: dir }).status, 1);
    assert.equal(runCli(['check', '.', '--max-warnings', String(warnings)], { cwd: dir }).status, 0);
    assert.equal(runCli(['check', '.', '--max-warnings', String(warnings - 1)], { cwd: dir }).status, 1);
    const quiet = runCli(['check', '.', '--quiet', '-f', 'json'], { cwd: dir });
    assert.equal(JSON.parse(quiet.stdout).summary.warnings, 0);
  });

  it('2 for a missing file', () =>
    assertFatal(['check', 'nope.scenario.yaml'], /^callflow: No such file or folder: nope\.scenario\.yaml$/));

  it('2 for a folder with no scenarios', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.yaml'), 'a: 1\n');
    assertFatal(['check', empty], /No scenario files in the folder/);
  });

  it('2 for a glob that matches nothing', () =>
    assertFatal(['check', 'samples/**/*.nothing'], /No files matched the pattern/));

  it('1 for a binary file (reported as a yaml/syntax problem, as the editor does)', () => {
    const bin = join(tmp, 'bin.scenario.yaml');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const r = runCli(['check', bin, '-f', 'json']);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).files[0].problems[0].ruleId, 'yaml/syntax');
  });

  it('2 for unreadable input: a dangling symlink, a folder where a file is expected', () => {
    const link = join(tmp, 'dangling.scenario.yaml');
    symlinkSync(join(tmp, 'gone.yaml'), link);
    assertFatal(
      ['check', link],
      /Cannot read .*dangling\.scenario\.yaml: it is a symbolic link to a file that does not exist/,
    );
    const dir = join(tmp, 'linked');
    mkdirSync(dir);
    copyFileSync(MINIMAL, join(dir, 'ok.scenario.yaml'));
    symlinkSync(join(tmp, 'empty'), join(dir, 'folder.scenario.yaml'));
    assertFatal(
      ['check', 'ok.scenario.yaml', 'folder.scenario.yaml/'],
      /No scenario files in the folder|Cannot read/,
      dir,
    );
    assertFatal(
      ['check', 'samples', '--config', 'samples'],
      /^callflow: Cannot read the config samples: it is a folder\.$/,
    );
    assertFatal(['graph', 'samples'], /Cannot read the scenario samples: it is a folder/);
  });

  it('2 for a broken config or catalogue, still reported in the chosen format', () => {
    const cfg = runCli(['check', 'test/fixtures/cli/broken-config', '-f', 'json']);
    assert.equal(cfg.status, 2);
    assert.ok(JSON.parse(cfg.stdout).files.some((f: { kind: string }) => f.kind === 'project'));
    assert.match(cfg.stderr, /config or catalogue has errors/);
    assert.equal(runCli(['check', 'test/fixtures/cli/broken-catalogue']).status, 2);
    const graph = runCli(['graph', 'test/fixtures/cli/broken-config/a.scenario.yaml']);
    assert.equal(graph.status, 2);
    assert.match(graph.stderr, /callflow\.config\.yaml:3:26: .*\(config\/invalid\)/);
    assertFatal(
      ['check', 'samples', '--codes', 'missing.codes.yaml'],
      /Cannot read the catalogue missing\.codes\.yaml: no such file/,
    );
    const badCodes = runCli([
      'check',
      'samples',
      '--codes',
      'test/fixtures/cli/broken-catalogue/bad.codes.yaml',
    ]);
    assert.equal(badCodes.status, 2);
    assert.match(badCodes.stdout, /bad\.codes\.yaml/);
  });

  it('2 for usage errors, with one line', () => {
    assertFatal(
      ['check', '--format', 'xml'],
      /Invalid value "xml" for --format: use one of stylish, json, sarif, junit, github/,
    );
    assertFatal(['check', '--bogus'], /Unknown option --bogus/);
    assertFatal(['check', '--max-warnings', 'many'], /--max-warnings needs a whole number/);
    assertFatal(['check', '--output'], /--output needs a value/);
    assertFatal(['frobnicate'], /Unknown command "frobnicate"/);
    assertFatal(['check', 'samples', '--stdin-filename', 'x.scenario.yaml'], /--stdin-filename needs `-`/);
    assertFatal(['graph'], /needs exactly one file/);
    assertFatal(['check', 'samples', '-o', join(tmp, 'no/such/dir/out.txt')], /Cannot write the output file/);
  });

  it('--help and --version exit 0', () => {
    for (const args of [['--help'], ['check', '--help'], ['graph', '-h'], ['rules', '--help']]) {
      const r = runCli(args);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: callflow/);
    }
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });

  it('reads stdin with --stdin-filename (config lookup and report path)', () => {
    const text =
      '\uFEFFcallflow: 1\r\nid: x\r\ntitle: X\r\nstart: a\r\nsteps:\r\n  a: {kind: handler, say: Hi, next: b}\r\n';
    const r = runCli(['check', '-', '--stdin-filename', 'samples/new.scenario.yaml', '-f', 'json'], {
      input: text,
    });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files[0].path, 'samples/new.scenario.yaml');
    const dangling = out.files[0].problems.find((p: { ruleId: string }) => p.ruleId === 'flow/dangling-next');
    assert.deepEqual([dangling.line, dangling.column], [6, 37]);
    const plain = runCli(['check', '-', '-f', 'json'], { input: text });
    assert.equal(JSON.parse(plain.stdout).files[0].path, '<stdin>');
  });

  it('a reader that closes the pipe early: no error output, the exit code stands', () => {
    const alone = runCli(['check', 'test/fixtures/domain', '-f', 'json']);
    assert.equal(alone.status, 1);
    // `true` exits at once, so the report is written into a closed pipe.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" check test/fixtures/domain -f json | true; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trim(), '1');
  });

  it('--output writes the report to a file', () => {
    const out = join(tmp, 'report.json');
    const r = runCli(['check', 'samples', '-f', 'json', '-o', out]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });
});
