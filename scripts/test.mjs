// The whole test run: build, type-check, lint, format check, the mocha suites and (when present)
// the real-VS-Code suite. Ends with one line `N passed, N failed` over everything it ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
const run = (label, cmd, args, env = {}) => {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
};
const step = (label, cmd, args) => {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    process.stdout.write(`✗ ${label} failed\n`);
  }
};
const suite = (label, cmd, args) => {
  const file = join(mkdtempSync(join(tmpdir(), 'callflow-test-')), 'summary.json');
  const ok = run(label, cmd, args, { CALLFLOW_TEST_SUMMARY: file });
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    if (!ok && s.failed === 0) failed++;
  } else if (!ok) {
    failed++;
    process.stdout.write(`✗ ${label} did not report\n`);
  }
};

const onlyUnit = process.argv.includes('--unit');
step('build', 'node', ['scripts/build.mjs']);
step('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
suite('mocha', 'npx', ['mocha']);
// The extension-host suite, then the UI tests against the packaged VSIX installed into code-server.
if (!onlyUnit && existsSync('test/e2e/run.mjs'))
  suite('VS Code (code-server)', 'node', ['test/e2e/run.mjs', '--ui', '--vsix']);

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
