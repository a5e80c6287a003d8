/**
 * An update run of the golden files (`UPDATE_GOLDEN=1`) writes them and fails, even when nothing
 * changed, so CI cannot be green on one; the next plain run compares against what it wrote. Each run is
 * a real mocha process over a one-test spec that uses test/support/golden.ts on a temporary golden file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MOCHA = join(ROOT, 'node_modules/mocha/bin/mocha.js');

describe('golden files: an update run', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'callflow-golden-'));
  const golden = join(dir, 'out.txt');
  const spec = join(dir, 'golden.spec.ts');
  writeFileSync(
    spec,
    `import { assertGolden } from ${JSON.stringify(join(ROOT, 'test/support/golden'))};\n` +
      `it('prints the output', () => assertGolden(${JSON.stringify(golden)}, process.env.OUTPUT ?? ''));\n`,
  );

  /** Runs the spec in a fresh mocha process with the output `output`. */
  function run(output: string, update: boolean) {
    const env: NodeJS.ProcessEnv = { ...process.env, OUTPUT: output };
    delete env.UPDATE_GOLDEN;
    delete env.CALLFLOW_TEST_SUMMARY;
    if (update) env.UPDATE_GOLDEN = '1';
    const r = spawnSync(
      process.execPath,
      [MOCHA, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--reporter', 'spec', spec],
      { cwd: ROOT, encoding: 'utf8', env },
    );
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it('writes a missing golden and fails, saying what it wrote', () => {
    const r = run('first\n', true);
    assert.notEqual(r.status, 0, r.out);
    assert.equal(readFileSync(golden, 'utf8'), 'first\n');
    assert.match(r.out, /golden updated: .*out\.txt/);
    assert.match(r.out, /UPDATE_GOLDEN=1 wrote 1 golden file .*out\.txt.*, 0 unchanged/);
  });

  it('fails an update run that finds every golden unchanged', () => {
    const r = run('first\n', true);
    assert.notEqual(r.status, 0, r.out);
    assert.match(r.out, /1 passing/);
    assert.match(r.out, /UPDATE_GOLDEN=1 wrote 0 golden files, 1 unchanged/);
  });

  it('then passes without UPDATE_GOLDEN, and fails when the output changes', () => {
    assert.equal(run('first\n', false).status, 0);
    const changed = run('second\n', false);
    assert.notEqual(changed.status, 0);
    assert.match(changed.out, /output differs from .*out\.txt \(UPDATE_GOLDEN=1 rewrites it\)/);
    assert.equal(readFileSync(golden, 'utf8'), 'first\n', 'a plain run never writes');
  });

  it('rewrites a changed golden and fails', () => {
    const r = run('second\n', true);
    assert.notEqual(r.status, 0, r.out);
    assert.ok(existsSync(golden));
    assert.equal(readFileSync(golden, 'utf8'), 'second\n');
    assert.match(r.out, /0 passing[^]*golden updated/);
  });
});
