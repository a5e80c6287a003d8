// Bundles every entry point with esbuild: the extension client, the language server, the CLI and the
// preview renderer. `--watch` rebuilds on change; `--minify` is used for packaging; `--outdir DIR` builds
// into DIR instead of dist/ (packaging builds into its staging folder, untouched by other builds).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';
// The `yaml` package's ES module build (its "default" export; the "node" one is CommonJS): bundled as
// ESM its functions are called directly, while CommonJS exports go through a getter on every call
// (isMap/isScalar run millions of times when checking many files).
const yamlAsEsm = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({
      path: join(process.cwd(), 'node_modules/yaml/browser/index.js'),
    }));
  },
};
// elkjs stays out of the CLI bundle: dist/elk.bundled.js sits beside dist/cli.js and is loaded on demand
// by `callflow graph --format svg`, so every other command starts without compiling 3.4 MB of layout code.
const elkBeside = {
  name: 'elk-beside',
  setup(build) {
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({
      path: './elk.bundled.js',
      external: true,
    }));
  },
};
const common = {
  bundle: true,
  sourcemap: true,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [yamlAsEsm],
};
const entries = [
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: `${outdir}/client.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: `${outdir}/server.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: `${outdir}/cli.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [yamlAsEsm, elkBeside],
  },
  {
    entryPoints: ['server/src/cli/worker.ts'],
    outfile: `${outdir}/cli-worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['client/src/webview/main.ts'],
    outfile: `${outdir}/webview.js`,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
].filter((e) => existsSync(e.entryPoints[0]));

mkdirSync(outdir, { recursive: true });
if (existsSync('node_modules/elkjs/lib/elk.bundled.js'))
  copyFileSync('node_modules/elkjs/lib/elk.bundled.js', join(outdir, 'elk.bundled.js'));
if (watch) {
  // One `[watch] build started` / `[watch] build finished` pair per rebuild of any entry, for the
  // background problem matcher of the `watch` task in .vscode/tasks.json (errors print in between).
  let pending = 0;
  const report = {
    name: 'watch-report',
    setup(build) {
      build.onStart(() => {
        if (pending++ === 0) console.log('[watch] build started');
      });
      build.onEnd(() => {
        if (--pending === 0) console.log('[watch] build finished');
      });
    },
  };
  for (const e of entries)
    (await esbuild.context({ ...common, ...e, plugins: [...(e.plugins ?? common.plugins), report] })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
