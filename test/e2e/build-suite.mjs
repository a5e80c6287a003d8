// Bundles the extension-host mocha suite for test/e2e/run.mjs and test/e2e/runTest.ts:
// test/e2e/suite/index.ts and every test/e2e/suite/*.test.ts → out/e2e/suite/*.js (CommonJS, node20).
// `vscode` is provided by the extension host and `mocha` (11.x, CommonJS) is required from
// node_modules at run time; everything else a test imports (project code, helpers) is bundled.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'test/e2e/suite');
const outdir = join(root, 'out/e2e/suite');
const tests = readdirSync(src).filter((f) => f.endsWith('.test.ts'));

rmSync(outdir, { recursive: true, force: true }); // no stale *.test.js from deleted tests
await esbuild.build({
  entryPoints: [join(src, 'index.ts'), ...tests.map((f) => join(src, f))],
  outdir,
  outbase: src,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
process.stdout.write(`e2e suite: built index + ${tests.length} test file(s) into out/e2e/suite\n`);
