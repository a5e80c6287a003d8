// Desktop variant of test/e2e/run.mjs: the same extension-host suite (out/e2e/suite) under a VS Code
// downloaded by @vscode/test-electron. Not usable on machines that cannot download VS Code (use
// `npm run test:e2e` there). Run: `node test/e2e/build-suite.mjs && npx tsx test/e2e/runTest.ts`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

interface SuiteResults {
  passed: number;
  failed: number;
  tests: { title: string; state: string; error?: string }[];
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const dir = mkdtempSync(path.join(tmpdir(), 'callflow-e2e-desktop-'));
  const workspace = path.join(dir, 'workspace');
  cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
  const resultsFile = path.join(dir, 'suite-results.json');
  let code = 1;
  try {
    code = await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/e2e/suite/index'),
      extensionTestsEnv: { CALLFLOW_E2E_RESULTS: resultsFile, CALLFLOW_E2E: '1' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (err) {
    console.error(`✗ VS Code tests did not run: ${String(err)}`);
  }
  if (existsSync(resultsFile)) {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
    for (const t of r.tests) console.log(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.title}`);
    console.log(`${r.passed} passed, ${r.failed} failed`);
  }
  rmSync(dir, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
