/** `--cache` reuses results only while file, project and tool are unchanged; worker threads give the same results. */
import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, ROOT, runCli } from './helpers';

/** A folder with `n` scenario files (copies of the samples and the encoding fixtures). */
export function makeCorpus(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-corpus-'));
  const sources = [
    join(ROOT, 'test/fixtures/encoding/crlf.scenario.yaml'),
    ...readdirSync(join(ROOT, 'samples'))
      .filter((f) => f.endsWith('.scenario.yaml'))
      .map((f) => join(ROOT, 'samples', f)),
  ];
  for (let i = 0; i < n; i++)
    copyFileSync(sources[i % sources.length], join(dir, `s${String(i).padStart(4, '0')}.scenario.yaml`));
  return dir;
}

function summary(args: string[], cwd: string) {
  const r = runCli(['check', '.', '-f', 'json', ...args], { cwd });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as {
    summary: { files: number; cached: number; errors: number };
    files: unknown[];
  };
}

describe('cli: cache and worker threads', function () {
  this.timeout(300_000);
  before(buildOnce);

  it('--cache skips unchanged files and re-checks on any change of file or config', () => {
    const dir = makeCorpus(12);
    const first = summary(['--cache'], dir);
    assert.equal(first.summary.cached, 0);
    assert.ok(existsSync(join(dir, '.callflowcache')));
    const second = summary(['--cache'], dir);
    assert.equal(second.summary.cached, 12);
    assert.deepEqual(second.files, first.files);
    appendFileSync(join(dir, 's0000.scenario.yaml'), '\n# edited\n');
    assert.equal(summary(['--cache'], dir).summary.cached, 11);
    writeFileSync(
      join(dir, 'callflow.config.yaml'),
      'callflow: 1\nrules:\n  schema/unknown-property: warning\n',
    );
    const afterConfig = summary(['--cache'], dir);
    assert.equal(afterConfig.summary.cached, 0);
    assert.ok(afterConfig.summary.errors < first.summary.errors, 'the new rule levels apply');
    summary(['--cache', '--cache-location', 'elsewhere.json'], dir);
    assert.ok(existsSync(join(dir, 'elsewhere.json')));
  });

  it('worker threads give exactly the single-thread results', () => {
    const dir = makeCorpus(60);
    const single = runCli(['check', '.', '-f', 'json', '--threads', '0'], { cwd: dir });
    const workers = runCli(['check', '.', '-f', 'json', '--threads', '2'], { cwd: dir });
    const auto = runCli(['check', '.', '-f', 'json'], { cwd: dir });
    assert.equal(single.status, 1);
    assert.equal(workers.stdout, single.stdout);
    assert.equal(auto.stdout, single.stdout);
    assert.equal(JSON.parse(single.stdout).summary.files, 60);
  });
});
