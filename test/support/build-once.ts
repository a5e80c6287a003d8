/** Builds dist/ once per test run (protocol tests drive the real bundled server). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

let built = false;

export function ensureBuilt(): void {
  if (built) return;
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr || r.stdout}`);
  built = true;
}
