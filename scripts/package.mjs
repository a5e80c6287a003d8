// Packages the extension: `npm run package` → out/callflow-studio.vsix (or `--out FILE`).
//
// One package.json serves two packages: the VSIX and the npm package of the `callflow` CLI, whose
// contents the `files` field describes. vsce 3 refuses `files` together with a .vscodeignore, and
// `files` would put the CLI, source maps and schemas into the VSIX. So the VSIX is built from a staging
// folder (out/vsix/):
//   1. `node scripts/build.mjs --minify --outdir out/vsix/dist`: minified esbuild bundles, built
//      straight into the stage (a concurrent dev build of dist/ cannot slip into the VSIX);
//   2. the other files that .vscodeignore allows (what `npx vsce ls` lists at the root: language
//      configuration, grammar, icon, CHANGELOG, LICENSE, README) are copied there,
//      with .vscodeignore itself and a package.json without `files`, `scripts`, `bin` and dependencies
//      (all code is bundled);
//   3. `vsce package` runs there with
//        --no-dependencies            no node_modules: esbuild bundled everything;
//        --allow-missing-repository   the project has no public repository yet, and we invent no URL;
//        --no-rewrite-relative-links  vsce would otherwise refuse the README's relative links and
//                                     images for want of a base URL. They stay relative, so they do
//                                     not work on the extension page (VS Code shows only https images
//                                     there); with a public `repository` in package.json, drop this
//                                     flag and vsce rewrites them to absolute URLs.
// Prints the VSIX's size and file listing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = resolve(root, outArg > 0 ? process.argv[outArg + 1] : 'out/callflow-studio.vsix');
const stage = join(root, 'out/vsix');
const require = createRequire(import.meta.url);
const vsceDir = dirname(require.resolve('@vscode/vsce/package.json'));
const t0 = Date.now();
const fail = (message) => {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
};

rmSync(stage, { recursive: true, force: true });
const build = spawnSync(
  process.execPath,
  [join(root, 'scripts/build.mjs'), '--minify', '--outdir', relative(root, join(stage, 'dist'))],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) fail('the minified build failed');

const { listFiles } = require(join(vsceDir, 'out/api.js'));
const files = await listFiles({ cwd: root, packageManager: 'none' });
for (const f of files)
  if (f !== 'package.json' && !f.startsWith('dist/')) cpSync(join(root, f), join(stage, f));
cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const key of ['files', 'scripts', 'bin', 'dependencies', 'devDependencies']) delete manifest[key];
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

mkdirSync(dirname(out), { recursive: true });
const r = spawnSync(
  process.execPath,
  [
    join(vsceDir, 'vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    out,
  ],
  { cwd: stage, stdio: 'inherit' },
);
if (r.status !== 0) fail(`vsce package failed (exit ${r.status ?? r.signal})`);
const kib = (statSync(out).size / 1024).toFixed(0);
process.stdout.write(
  `\n${relative(root, out)}: ${kib} KiB, built and packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
);
