/**
 * callflow for large libraries and discoverability, on the built CLI: --shard i/n covers every file
 * exactly once and merge-reports rebuilds the unsharded JSON and SARIF; --changed-since reads git;
 * codes, new; every --help lists every value its flags take and docs/cli.md documents every check flag;
 * the GitHub Actions recipe passes the workflow parser GitHub publishes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, ROOT, runCli } from './helpers';

const LIBRARY = ['test/fixtures/domain', 'test/fixtures/core', 'test/fixtures/clean', 'samples'];

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `callflow-${prefix}-`));
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
}

describe('cli: shards, merged reports, changed files, codes, new, help', function () {
  this.timeout(300_000);
  before(buildOnce);

  for (const format of ['json', 'sarif'] as const) {
    it(`--shard 1/3..3/3 cover every file once, and merge-reports gives the unsharded ${format}`, () => {
      const dir = tmp('shards');
      const whole = runCli(['check', ...LIBRARY, '-f', format, '-o', join(dir, `whole.${format}`)]);
      const shards = [1, 2, 3].map((i) => {
        const out = join(dir, `shard-${i}.${format}`);
        runCli(['check', ...LIBRARY, '-f', format, '--shard', `${i}/3`, '-o', out]);
        return out;
      });
      const merged = runCli(['merge-reports', ...shards, '-o', join(dir, `merged.${format}`)]);
      assert.equal(merged.stderr, '');
      const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (format === 'json') {
        const files = (r: { files: { path: string; kind: string }[] }) =>
          r.files.filter((f) => f.kind === 'scenario').map((f) => f.path);
        const parts = [1, 2, 3].map((i) => files(read(`shard-${i}.json`)));
        const all = parts.flat();
        assert.equal(new Set(all).size, all.length, 'no file in two shards');
        assert.deepEqual([...all].sort(), [...files(read('whole.json'))].sort(), 'every file in a shard');
        assert.ok(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length)) <= 1);
        assert.equal(merged.status, whole.status, 'merge-reports exits as the whole run');
      }
      assert.deepEqual(read(`merged.${format}`), read(`whole.${format}`));
    });
  }

  it('merge-reports keeps the --max-warnings verdict of the whole run', () => {
    const dir = tmp('merge-limit');
    const args = ['check', 'test/fixtures/domain', '-f', 'json', '--max-warnings', '5'];
    const whole = JSON.parse(runCli(args).stdout);
    assert.ok(whole.summary.maxWarnings.exceeded, 'the library has more than 5 warnings');
    const shards = [1, 2, 3, 4, 5, 6].map((i) => {
      const out = join(dir, `s${i}.json`);
      runCli([...args, '--shard', `${i}/6`, '-o', out]);
      return out;
    });
    const merged = runCli(['merge-reports', ...shards]);
    assert.deepEqual(JSON.parse(merged.stdout).summary, whole.summary);
  });

  it('--shard and merge-reports refuse what they cannot use', () => {
    for (const bad of ['0/3', '4/3', '2', 'a/b', '1/0']) {
      const r = runCli(['check', 'samples', '--shard', bad]);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--shard needs i\/n/);
    }
    const dir = tmp('merge-bad');
    writeFileSync(join(dir, 'x.json'), '{"nope": 1}');
    const r = runCli(['merge-reports', join(dir, 'x.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /neither a callflow JSON report nor a callflow SARIF log/);
  });

  it('--changed-since REF checks the scenarios changed since a git revision, and all when their config changed', () => {
    const dir = tmp('changed');
    const minimal = readFileSync(join(ROOT, 'test/fixtures/cli/minimal.scenario.yaml'), 'utf8');
    writeFileSync(join(dir, 'a.scenario.yaml'), minimal);
    writeFileSync(join(dir, 'b.scenario.yaml'), minimal.replace('id: minimal', 'id: other'));
    writeFileSync(join(dir, 'callflow.config.yaml'), 'callflow: 1\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'library');
    const checked = () =>
      (
        JSON.parse(runCli(['check', '.', '--changed-since', 'HEAD', '-f', 'json'], { cwd: dir }).stdout) as {
          files: { path: string; kind: string }[];
        }
      ).files
        .filter((f) => f.kind === 'scenario')
        .map((f) => f.path);
    assert.deepEqual(checked(), []);
    writeFileSync(join(dir, 'a.scenario.yaml'), minimal.replace('Minimal valid', 'Changed'));
    assert.deepEqual(checked(), ['a.scenario.yaml']);
    writeFileSync(join(dir, 'c.scenario.yaml'), minimal.replace('id: minimal', 'id: third'));
    assert.deepEqual(checked(), ['a.scenario.yaml', 'c.scenario.yaml'], 'new files too');
    writeFileSync(join(dir, 'callflow.config.yaml'), 'callflow: 1\nrules:\n  flow/unreachable-step: error\n');
    assert.deepEqual(checked(), ['a.scenario.yaml', 'b.scenario.yaml', 'c.scenario.yaml']);
    // A catalogue the config names: changing it brings back every scenario under that config.
    cpSync(join(ROOT, 'test/fixtures/domain/force'), join(dir, 'force'), { recursive: true });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'force');
    assert.deepEqual(checked(), []);
    const codes = join(dir, 'force', 'harbury.codes.yaml');
    writeFileSync(codes, readFileSync(codes, 'utf8') + '# reviewed\n');
    assert.deepEqual(checked(), ['force/harbury-07-minor-collision.scenario.yaml']);
    const bad = runCli(['check', '.', '--changed-since', 'no-such-ref'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^callflow: git diff .*no-such-ref/);
  });

  it('callflow new writes a starter that checks clean, and never overwrites', () => {
    const dir = tmp('new');
    const made = runCli(
      [
        'new',
        '--premise',
        'A woman rings from a car in a flood. The water is rising.',
        'Car in flood.scenario.yaml',
      ],
      {
        cwd: dir,
      },
    );
    assert.equal(made.status, 0, made.stderr);
    const text = readFileSync(join(dir, 'Car in flood.scenario.yaml'), 'utf8');
    assert.match(text, /^id: car-in-flood$/m);
    assert.match(text, /^title: "A woman rings from a car in a flood\."$/m);
    const check = runCli(['check', 'Car in flood.scenario.yaml'], { cwd: dir });
    assert.equal(check.status, 0, check.stdout);
    assert.match(check.stdout, /no problems/);
    const again = runCli(['new', 'Car in flood.scenario.yaml'], { cwd: dir });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /never overwrites/);
    assert.equal(readFileSync(join(dir, 'Car in flood.scenario.yaml'), 'utf8'), text);
  });

  it('callflow codes lists the catalogue in force, with the file of a force override', () => {
    const all = JSON.parse(runCli(['codes', '--format', 'json']).stdout);
    assert.equal(all.version, 1);
    const grade = all.families.find((f: { family: string }) => f.family === 'grade');
    assert.ok(grade.codes.some((c: { code: string }) => c.code === 'EMERGENCY'));
    assert.ok(
      grade.codes.every((c: { source?: string }) => c.source === undefined),
      'shipped codes',
    );
    const text = runCli(['codes', 'grade']);
    assert.match(text.stdout, /^ {2}EMERGENCY +Emergency/m);
    assert.doesNotMatch(text.stdout, /^category/m, 'one family');
    const dir = tmp('codes');
    cpSync(join(ROOT, 'test/fixtures/domain/force'), join(dir, 'force'), { recursive: true });
    const forced = JSON.parse(runCli(['codes', '-f', 'json'], { cwd: join(dir, 'force') }).stdout);
    const sources = forced.families.flatMap((f: { codes: { source?: string }[] }) =>
      f.codes.map((c) => c.source),
    );
    assert.ok(
      sources.some((s: string | undefined) => s && !s.startsWith('..')),
      JSON.stringify(forced).slice(0, 400),
    );
    const wrong = runCli(['codes', 'no-such-family']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /No code family "no-such-family".*grade/);
  });

  it('every --help lists every value a flag takes (every command, every flag with a fixed set)', () => {
    const main = runCli(['--help']).stdout;
    const commands = [...main.split('Options:')[0].matchAll(/^ {2}([a-z][\w-]*) /gm)].map((m) => m[1]);
    assert.ok(commands.length >= 8 && commands.includes('merge-reports'), commands.join(' '));
    let checked = 0;
    // Probes run in an empty folder: a flag that takes any value (--output) must not write into the repository.
    const cwd = tmp('help-probe');
    for (const command of commands) {
      const help = runCli([command, '--help']).stdout;
      const lines = help.split('\n');
      for (const flag of [...help.matchAll(/(--[\w-]+) <[^>]+>/g)].map((m) => m[1])) {
        // The values the command accepts, as its usage error lists them (flags without a fixed set: none).
        const r = runCli([command, flag, '__none__'], { cwd });
        const values = new RegExp(`Invalid value "__none__" for ${flag}: use one of (.*)\\.$`, 'm')
          .exec(r.stderr)?.[1]
          .split(', ');
        if (!values) continue;
        const at = lines.findIndex((l) => l.includes(`${flag} <`));
        const text = lines.slice(at, at + 3).join(' ');
        for (const v of values)
          assert.ok(text.includes(v), `callflow ${command} --help lists ${v} for ${flag}: ${text}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `flags with a fixed set of values: ${checked}`);
  });

  it('docs/cli.md and the README document every flag of callflow check --help', () => {
    const help = runCli(['check', '--help']).stdout;
    const flags = [...help.matchAll(/^ {2}(?:-\w, | {4})(--[\w-]+)/gm)].map((m) => m[1]);
    assert.ok(flags.length >= 20, flags.join(' '));
    const docs = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const flag of flags) {
      assert.ok(docs.includes(`\`${flag}`) || docs.includes(` ${flag}`), `docs/cli.md documents ${flag}`);
      assert.ok(readme.includes(`\`${flag}`) || readme.includes(` ${flag}`), `README documents ${flag}`);
    }
    for (const command of ['merge-reports', 'codes', 'new'])
      assert.ok(docs.includes(`callflow ${command}`), `docs/cli.md has callflow ${command}`);
  });

  it('the GitHub Actions recipe passes @actions/workflow-parser; the GitLab recipe names its reports', async () => {
    // The parser imports its schema as JSON without an import attribute: tsx's ESM loader reads it.
    const { register } = await import('tsx/esm/api');
    const unregister = register();
    const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
    await unregister();
    const parse = (content: string) =>
      parseWorkflow(
        { name: 'callflow.yml', content },
        new NoOperationTraceWriter(),
      ).context.errors.getErrors();
    assert.deepEqual(parse(readFileSync(join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')), []);
    assert.notDeepEqual(
      parse('on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n'),
      [],
      'the parser rejects',
    );
    const gitlab = readFileSync(join(ROOT, 'docs/ci/gitlab-ci.yml'), 'utf8');
    const { parse: parseYaml } = await import('yaml');
    const job = (parseYaml(gitlab) as { callflow: { artifacts: { reports: Record<string, string> } } })
      .callflow;
    assert.deepEqual(job.artifacts.reports, {
      codequality: 'gl-code-quality-report.json',
      junit: 'callflow-junit.xml',
    });
    assert.match(gitlab, /--format gitlab -o gl-code-quality-report\.json/);
  });
});
