// The main job, headless: build, check every sample scenario (as CI would), and write each scenario's
// flow graph as SVG and Mermaid to out/graphs/. Exits non-zero when a sample has a failing problem.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const run = (args, opts = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', ...opts });
const must = (r, what) => {
  if (r.status !== 0) {
    console.error(`✗ ${what} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
};

must(run(['scripts/build.mjs']), 'build');
console.log('\n▶ callflow check samples');
must(run(['dist/cli.js', 'check', 'samples']), 'checking the samples');
console.log('\n▶ callflow check samples/force (with the force catalogue)');
must(run(['dist/cli.js', 'check', 'samples/force']), 'checking the force samples');

const out = 'out/graphs';
mkdirSync(out, { recursive: true });
const files = [
  ...readdirSync('samples')
    .filter((f) => f.endsWith('.scenario.yaml'))
    .map((f) => join('samples', f)),
  ...readdirSync('samples/force')
    .filter((f) => f.endsWith('.scenario.yaml'))
    .map((f) => join('samples/force', f)),
];
for (const file of files) {
  const name = basename(file).replace(/\.scenario\.yaml$/, '');
  for (const format of ['svg', 'mermaid']) {
    const ext = format === 'mermaid' ? 'mmd' : format;
    must(
      run(['dist/cli.js', 'graph', file, '--format', format, '--output', join(out, `${name}.${ext}`)]),
      `graph ${file} (${format})`,
    );
  }
}
console.log(`\n✓ ${files.length} scenarios checked; flow graphs written to ${out}/ (.svg and .mmd)`);
