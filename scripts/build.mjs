// Bundles every entry point with esbuild: the extension client, the language server, the CLI and the
// preview renderer. `--watch` rebuilds on change; `--minify` is used for packaging; `--outdir DIR` builds
// into DIR instead of dist/ (packaging builds into its staging folder, untouched by other builds).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
// The commands other than `check` and `rules` (server/src/cli/commands.ts) stay out of the CLI bundle: they
// are bundled apart into dist/cli-commands.js, which main.ts loads only when one of them runs, so
// `callflow check` compiles none of their code.
const commandsBeside = {
  name: 'commands-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      /[\\/]server[\\/]src[\\/]cli$/.test(args.resolveDir)
        ? { path: './cli-commands.js', external: true }
        : undefined,
    );
  },
};
// The browser's language server has no Node worker thread for ELK: the flow diff's picture is left out
// there (server/src/lsp/web-diff-layout.ts stands in for the CLI's SVG renderer).
const webDiffLayout = {
  name: 'web-diff-layout',
  setup(build) {
    build.onResolve({ filter: /[\\/]cli[\\/]graph[\\/]svg$/ }, () => ({
      path: join(process.cwd(), 'server/src/lsp/web-diff-layout.ts'),
    }));
  },
};
// The schemas compiled ahead of time: schema-code.ts (bundled and run here) generates ajv's standalone
// code, which replaces server/src/service/schema/precompiled.ts in the server and CLI bundles.
async function precompiledSchemas() {
  const out = await esbuild.build({
    entryPoints: ['server/src/service/schema/code.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    plugins: [yamlAsEsm],
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(join(process.cwd(), 'package.json')),
  );
  return module.exports.precompiledSource();
}
// Generated once per build, and again in watch mode when a schema changes.
const SCHEMA_FILES = ['scenario', 'codes', 'config'].map((n) =>
  join(process.cwd(), `schemas/${n}.schema.json`),
);
let schemaCode;
let schemaStamp;
const precompiled = {
  name: 'precompiled-schemas',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]service[\\/]schema[\\/]precompiled\.ts$/ }, async () => {
      const stamp = SCHEMA_FILES.map((f) => statSync(f).mtimeMs).join();
      if (stamp !== schemaStamp) {
        schemaStamp = stamp;
        schemaCode = precompiledSchemas();
      }
      return {
        contents: await schemaCode,
        loader: 'js',
        resolveDir: process.cwd(),
        watchFiles: SCHEMA_FILES,
      };
    });
  },
};
const common = {
  bundle: true,
  sourcemap: true,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [yamlAsEsm, precompiled],
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
    // The flow diff's drawing lays out with dist/elk.bundled.js (shipped beside the server); the
    // package's own copy is only a fallback when running from the sources.
    external: ['elkjs/lib/elk.bundled.js'],
  },
  {
    // The language server's layout process for the preview (server/src/node/layout-process.ts).
    entryPoints: ['server/src/node/layout-thread.ts'],
    outfile: `${outdir}/layout-worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The browser build (vscode.dev, github.dev): the extension (cjs, `vscode` external) and the language
  // server for a web worker (iife). The LSP libraries' browser halves replace their Node halves; their
  // metafiles (dist/*.meta.json) let test/unit/web-bundles.test.ts prove no Node built-in got in.
  {
    entryPoints: ['client/src/web.ts'],
    outfile: `${outdir}/web.js`,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'vscode-languageclient/node': 'vscode-languageclient/browser' },
    metafile: true,
  },
  {
    entryPoints: ['server/src/lsp/web-main.ts'],
    outfile: `${outdir}/server-web.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    alias: { 'vscode-languageserver/node': 'vscode-languageserver/browser' },
    metafile: true,
    plugins: [yamlAsEsm, precompiled, webDiffLayout],
  },
  // The `callflow` command: a small entry (cli.js) that runs the CLI bundle (cli-main.js) through V8's
  // code cache (server/src/node/code-cache.ts).
  {
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: `${outdir}/cli.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: `${outdir}/cli-main.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [yamlAsEsm, precompiled, elkBeside, commandsBeside],
  },
  {
    entryPoints: ['server/src/cli/commands.ts'],
    outfile: `${outdir}/cli-commands.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [yamlAsEsm, precompiled, elkBeside],
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
  {
    entryPoints: ['client/src/webview/rehearsal/main.ts'],
    outfile: `${outdir}/rehearsal.js`,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
  // The flow diff page of "Compare Flow with…".
  {
    entryPoints: ['client/src/webview/diff/main.ts'],
    outfile: `${outdir}/diff.js`,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
  // The trainee page of `callflow export`: inlined into every exported page, so always minified, and
  // without the precompiled schemas (the page validates nothing: 190 KB instead of 520).
  {
    entryPoints: ['server/src/cli/export/page/main.ts'],
    outfile: `${outdir}/trainee-page.js`,
    platform: 'browser',
    format: 'iife',
    target: ['chrome114', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: false,
    plugins: [yamlAsEsm],
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
  const built = await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  entries.forEach((e, i) => {
    if (built[i].metafile)
      writeFileSync(e.outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(built[i].metafile));
  });
}
