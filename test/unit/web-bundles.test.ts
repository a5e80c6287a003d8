// The browser build (dist/web.js, dist/server-web.js) holds no Node built-in: no input esbuild bundled
// is one, nothing is left for a `require` but `vscode`, and the text calls no Node module. ELK is not in
// either bundle (the preview's webview loads dist/elk.bundled.js when it opens). The desktop bundles are
// checked by every other suite.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ensureBuilt } from '../support/build-once';

const DIST = path.resolve(__dirname, '../../dist');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

for (const [bundle, allowedExternal] of [
  ['web.js', ['vscode']],
  ['server-web.js', []],
] as const) {
  describe(`the browser bundle dist/${bundle}`, () => {
    let meta: Metafile;
    let text: string;
    before(function () {
      this.timeout(120_000);
      ensureBuilt();
      meta = JSON.parse(readFileSync(path.join(DIST, bundle.replace(/\.js$/, '.meta.json')), 'utf8'));
      text = readFileSync(path.join(DIST, bundle), 'utf8');
    });

    it('bundles no Node built-in and leaves nothing else to require', () => {
      const inputs = Object.keys(meta.inputs);
      assert.ok(inputs.length > 50, `${inputs.length} inputs`);
      assert.deepEqual(
        inputs.filter((i) => BUILTINS.has(i) || i.startsWith('node:')),
        [],
      );
      const imports = Object.values(meta.inputs).flatMap((i) => i.imports);
      assert.deepEqual(
        [...new Set(imports.filter((i) => i.external || BUILTINS.has(i.path)).map((i) => i.path))],
        [...allowedExternal],
      );
    });

    it('calls no Node module in its text', () => {
      // Calls, not text inside a string (ajv keeps `'require("ajv/dist/runtime/uri").default'` as data).
      const required = [...text.matchAll(/(?<!['"`])\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
        (m) => m[1],
      );
      assert.deepEqual(
        [...new Set(required)].filter((r) => BUILTINS.has(r)),
        [],
      );
      assert.deepEqual(
        [...new Set(required)].filter((r) => !allowedExternal.includes(r as never)),
        [],
      );
    });

    it('leaves ELK to the preview', () => {
      assert.deepEqual(
        Object.keys(meta.inputs).filter((i) => /elkjs/.test(i)),
        [],
      );
    });
  });
}
