// Entry of the extension-host suite in code-server's web worker host (test/e2e/run.mjs --web; built by
// test/e2e/build-web-suite.mjs into out/e2e/web-suite/index.js). It runs the desktop suite's editor
// tests (activation, diagnostics, completion, rename, a quick fix, the rehearsal panel) unchanged, then
// the browser's own (web.test.ts); runs.test.ts writes with Node's Buffer and stays on the desktop. There is no file system or environment here: the results go to
// `.callflow-web-results.json` in the workspace folder, through the editor's workspace file system.
import * as vscode from 'vscode';
// The runner first: it defines describe/it/before/after, which the test modules call as they load.
import { runAll } from './runner';
import '../suite/smoke.test';
import '../suite/extension.test';
import '../suite/rehearsal.test';
import './web.test';

export const RESULTS_FILE = '.callflow-web-results.json';

export async function run(): Promise<void> {
  const results = await runAll(30_000);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder)
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, RESULTS_FILE),
      new TextEncoder().encode(JSON.stringify(results, null, 2)),
    );
  if (results.failed > 0) throw new Error(`${results.failed} web extension-host test(s) failed`);
  if (results.tests.length === 0) throw new Error('the web extension-host suite ran no test');
}
