// Entry of the extension-host mocha suite (the @vscode/test-electron contract: a CommonJS module
// exporting `run()`, loaded by the extension host with `extensionTestsPath`). Built by
// test/e2e/build-suite.mjs into out/e2e/suite/index.js next to one out/e2e/suite/*.test.js per
// test/e2e/suite/*.test.ts: every one of them is added, so a new test file needs no registration.
// Results go to the JSON file named by CALLFLOW_E2E_RESULTS (read by test/e2e/run.mjs); the spec
// output goes to the extension host's stdout (code-server's log / the desktop console).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface E2eTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}
export interface E2eResults {
  passed: number;
  failed: number;
  pending: number;
  tests: E2eTestResult[];
  error?: string;
}

function writeResults(results: E2eResults): void {
  const file = process.env.CALLFLOW_E2E_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}

export function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // stack traces point into test/e2e/suite/*.ts
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.CALLFLOW_E2E_TEST_TIMEOUT ?? 30_000),
    forbidOnly: !!process.env.CI,
  });
  const grep = process.env.CALLFLOW_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const results: E2eResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        results.passed = results.tests.filter((t) => t.state === 'passed').length;
        results.failed = results.tests.filter((t) => t.state === 'failed').length;
        results.pending = results.tests.filter((t) => t.state === 'pending').length;
        writeResults(results);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else if (results.tests.length === 0) reject(new Error('the extension-host suite ran no test'));
        else resolve();
      });
      runner.on('pass', (t) =>
        results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }),
      );
      runner.on('pending', (t) => results.tests.push({ title: t.fullTitle(), state: 'pending' }));
      // 'fail' also fires for hooks (before/after): those count as failures too.
      runner.on('fail', (t, err: Error) =>
        results.tests.push({
          title: t.fullTitle(),
          state: 'failed',
          durationMs: t.duration,
          error: err?.stack ?? String(err),
        }),
      );
    } catch (err) {
      // A test file that throws while loading lands here.
      const e = err as Error;
      writeResults({ ...results, failed: 1, error: e.stack ?? String(e) });
      reject(e);
    }
  });
}
