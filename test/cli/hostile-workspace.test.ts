/**
 * A workspace someone cloned can name a FIFO, a device or a huge file as its catalogue, feed endless
 * stdin, or hold a flow too big to lay out: the built CLI must answer each with a clear message and exit
 * code 2, in bounded time and memory.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, CLI, ROOT, runCli } from './helpers';
import { MINIMAL_SCENARIO } from '../support/scenarios';

const SCENARIO = MINIMAL_SCENARIO;

/** Runs the CLI with a time limit; a process still running is killed and reported as such. */
function runWithin(args: string[], ms: number, options: { cwd?: string; stdin?: 'devzero' } = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string; timedOut: boolean }>(
    (resolve) => {
      const child = spawn(
        'bash',
        [
          '-c',
          `exec "$0" "$@"${options.stdin === 'devzero' ? ' < /dev/zero' : ''}`,
          process.execPath,
          CLI,
          ...args,
        ],
        {
          cwd: options.cwd ?? ROOT,
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', (status, signal) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr, timedOut: signal === 'SIGKILL' });
      });
    },
  );
}

describe('cli: hostile workspaces', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), 'callflow-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function workspace(name: string, catalogue: string): string {
    const ws = join(dir, name);
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'callflow.config.yaml'), `callflow: 1\ncatalogue: ${JSON.stringify(catalogue)}\n`);
    writeFileSync(join(ws, 'a.scenario.yaml'), SCENARIO);
    return ws;
  }

  it('refuses a catalogue that is a FIFO, at once', async function () {
    const ws = workspace('fifo', 'codes.yaml');
    if (spawnSync('mkfifo', [join(ws, 'codes.yaml')]).status !== 0) this.skip();
    const r = await runWithin(['check', '.'], 20_000, { cwd: ws });
    assert.equal(r.timedOut, false, 'the check blocked on the FIFO');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /catalogue `codes\.yaml` cannot be read/);
  });

  it('refuses a catalogue that is /dev/zero, and a config that is a folder', async () => {
    const ws = workspace('zero', '/dev/zero');
    const r = await runWithin(['check', '.'], 20_000, { cwd: ws });
    assert.equal(r.timedOut, false, 'the check kept reading /dev/zero');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /catalogue `\/dev\/zero` cannot be read/);
    const folder = runCli(['check', join(ws, 'a.scenario.yaml'), '--config', ws]);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /Cannot read the config .*: it is a folder\./);
  });

  it('refuses a catalogue over 20 MB', () => {
    const ws = workspace('huge', 'huge.codes.yaml');
    writeFileSync(join(ws, 'huge.codes.yaml'), `# ${'x'.repeat(21 * 1024 * 1024)}\n`);
    const r = runCli(['check', '.'], { cwd: ws });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /catalogue `huge\.codes\.yaml` cannot be read/);
  });

  for (const command of ['check', 'graph'])
    it(`${command} - stops reading stdin past 20 MB`, async () => {
      const r = await runWithin([command, '-'], 30_000, { stdin: 'devzero' });
      assert.equal(r.timedOut, false, 'stdin was read without limit');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^callflow: Cannot read stdin: it is larger than 20 MB\.$/m);
    });

  it("check '' is a usage error, not a check of the current folder", () => {
    for (const args of [
      ['check', ''],
      ['graph', ''],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /An empty path was given/);
      assert.equal(r.stdout, '');
    }
  });

  it('a cache location that cannot be written warns and keeps the result', () => {
    const ws = workspace('cache', 'nothing.yaml');
    writeFileSync(join(ws, 'callflow.config.yaml'), 'callflow: 1\n');
    const r = runCli(['check', '.', '--cache', '--cache-location', '/dev/null/cache'], { cwd: ws });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 file checked, no problems/);
    assert.match(r.stderr, /the cache was not saved: cannot write \/dev\/null\/cache/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  it('a closed stdout exits 2 (the report has nowhere to go)', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check samples >&-`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /stdout is closed/);
  });

  it('an unreadable folder is reported as unreadable', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads every folder
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'a.scenario.yaml'), SCENARIO);
    spawnSync('chmod', ['000', locked]);
    try {
      const r = runCli(['check', locked]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /Cannot read the folder .*: permission denied/);
    } finally {
      spawnSync('chmod', ['755', locked]);
    }
  });

  it('escapes bidirectional controls (U+202E) in the code frame', () => {
    const file = join(dir, 'bidi.scenario.yaml');
    writeFileSync(file, SCENARIO.replace('next: done', 'next: d\u202eone'));
    const r = runCli(['check', file]);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /\u202e/);
    assert.match(r.stdout, /d\\u202eone/);
  });

  it('graph -f svg draws a 5,000-step chain (ELK overflowed the stack) and refuses past the limit clearly', async () => {
    const chain = (n: number) => {
      const lines = ['callflow: 1', 'id: chain', 'title: Chain', 'start: s0', 'steps:'];
      for (let i = 0; i < n; i++)
        lines.push(`  s${i}:`, '    kind: handler', `    say: Step ${i}`, `    next: s${i + 1}`);
      lines.push(`  s${n}:`, '    kind: end', '');
      return lines.join('\n');
    };
    writeFileSync(join(dir, 'chain.scenario.yaml'), chain(5000));
    const r = await runWithin(['graph', '-f', 'svg', join(dir, 'chain.scenario.yaml')], 150_000);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<\?xml[^>]*>\s*<svg[\s\S]*<\/svg>\s*$/);
    assert.equal(r.stdout.match(/class="cf-node /g)?.length, 5001, 'every step drawn');
    writeFileSync(join(dir, 'long.scenario.yaml'), chain(10_001));
    const big = await runWithin(['graph', '-f', 'svg', join(dir, 'long.scenario.yaml')], 60_000);
    assert.equal(big.status, 2);
    assert.match(big.stderr, /10,002 steps: SVG output lays out at most 10,000\. Use --format dot/);
    assert.doesNotMatch(big.stderr, /internal error/);
  });
});
