/**
 * The bundles in dist/ that the protocol, CLI and preview tests drive, built once per test run.
 * scripts/test.mjs builds them before any suite and sets `CALLFLOW_BUILT=1`: tests then only check that
 * dist/ holds them. A test process started on its own (`npx mocha test/cli/…`) builds once, for all its
 * files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** The bundles the tests run: the language server, the CLI (entry, bundle, other commands, worker) and the preview. */
const BUNDLES = ['server.js', 'cli.js', 'cli-main.js', 'cli-commands.js', 'cli-worker.js', 'webview.js'];
let built = false;

/** Makes sure dist/ holds this run's build: builds it unless the test run already did. */
export function ensureBuilt(): void {
  if (built) return;
  if (process.env.CALLFLOW_BUILT === '1') {
    const missing = BUNDLES.filter((f) => !existsSync(path.join(ROOT, 'dist', f)));
    if (missing.length)
      throw new Error(`CALLFLOW_BUILT=1 but dist/ lacks ${missing.join(', ')}: run node scripts/build.mjs`);
  } else {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr || r.stdout}`);
  }
  built = true;
}
