// The whole test run: build, type-check, lint, format check, the mocha suites and (when present)
// the real-VS-Code suite. Ends with one line `N passed, N failed` over everything it ran.
//
// The bundles are built once, here: every later suite gets CALLFLOW_BUILT=1 and uses dist/ as built
// (test/support/build-once.ts, test/e2e/run.mjs) instead of building again. The VSIX step still makes its
// own minified build into out/vsix/ (scripts/package.mjs): that is the package under test, not dist/.
//
// Two mocha suites: the main one (.mocharc.json) and the timing suite (.mocharc.timing.json,
// test/timing/**), whose tests depend on the machine's timing or garbage collector: a failing test there is
// run once more, with a line saying what failed the first time (test/support/summary-reporter.cjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
const env = { ...process.env };
const run = (label, cmd, args, extra = {}) => {
  process.stdout.write(`\n▶ ${label}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extra } });
  process.stdout.write(`  (${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  return r.status === 0;
};
const step = (label, cmd, args) => {
  const ok = run(label, cmd, args);
  if (ok) passed++;
  else {
    failed++;
    process.stdout.write(`✗ ${label} failed\n`);
  }
  return ok;
};
const suite = (label, cmd, args) => {
  const file = join(mkdtempSync(join(tmpdir(), 'callflow-test-')), 'summary.json');
  const ok = run(label, cmd, args, { CALLFLOW_TEST_SUMMARY: file });
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    if (s.retried) process.stdout.write(`↻ ${label}: ${s.retried} test(s) failed once and were run again\n`);
    if (!ok && s.failed === 0) failed++;
  } else if (!ok) {
    failed++;
    process.stdout.write(`✗ ${label} did not report\n`);
  }
};

const onlyUnit = process.argv.includes('--unit');
if (step('build', 'node', ['scripts/build.mjs'])) env.CALLFLOW_BUILT = '1';
step('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
suite('mocha', 'npx', ['mocha']);
suite('mocha: timing suite (retries once)', 'npx', ['mocha', '--config', '.mocharc.timing.json']);
// The extension-host suite, then the UI tests against the packaged VSIX installed into code-server.
if (!onlyUnit && existsSync('test/e2e/run.mjs'))
  suite('VS Code (code-server)', 'node', ['test/e2e/run.mjs', '--ui', '--vsix']);
// The same editor and UI tests once more with the browser build, in code-server's web worker host; the
// UI tests against the VSIX the run above packaged (out/callflow-studio.vsix), minified as shipped.
if (!onlyUnit && existsSync('test/e2e/run.mjs'))
  suite('VS Code in the browser (web worker host)', 'node', [
    'test/e2e/run.mjs',
    '--web',
    '--ui',
    '--vsix=out/callflow-studio.vsix',
  ]);

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
