// Bundles the extension-host suite for code-server's web worker host (test/e2e/run.mjs --web):
// test/e2e/web-suite/index.ts → out/e2e/web-suite/index.js, one CommonJS file for the browser with only
// `vscode` left to the host (the worker has no Node, no mocha, no node_modules): `node:assert/strict`
// becomes test/e2e/web-suite/assert.ts and the tests run on test/e2e/web-suite/runner.ts.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = join(root, 'out/e2e/web-suite');
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(root, 'test/e2e/web-suite/index.ts')],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  sourcemap: 'inline',
  external: ['vscode'],
  alias: { 'node:assert/strict': join(root, 'test/e2e/web-suite/assert.ts') },
  logLevel: 'warning',
});
process.stdout.write('e2e web suite: built out/e2e/web-suite/index.js\n');
