// Packages the extension: `npm run package` → out/callflow-studio.vsix (or `--out FILE`).
//
// vsce 3.9 runs the `vscode:prepublish` script first (a minified esbuild bundle into dist/), then takes the
// files that .vscodeignore allows: the bundles, the icon, the README's screenshots, CHANGELOG and LICENSE.
// Flags, and why:
//   --no-dependencies             everything is bundled by esbuild: no node_modules in the VSIX.
//   --allow-missing-repository    the project has no public repository yet, and we do not invent a URL.
//   --no-rewrite-relative-links   so the README's relative links and images stay relative: VS Code
//                                 resolves them inside the installed extension (the images ship in
//                                 the VSIX). On a marketplace they would need a public repository URL
//                                 in package.json (vsce then rewrites them), or --baseContentUrl and
//                                 --baseImagesUrl.
// Prints the VSIX's size and file listing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = resolve(root, outArg > 0 ? process.argv[outArg + 1] : 'out/callflow-studio.vsix');
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

mkdirSync(dirname(out), { recursive: true });
const t0 = Date.now();
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    out,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (r.status !== 0) {
  process.stderr.write(`vsce package failed (exit ${r.status ?? r.signal})\n`);
  process.exit(1);
}
const kb = (statSync(out).size / 1024).toFixed(0);
process.stdout.write(
  `\n${relative(root, out)}: ${kb} KiB, packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
);
