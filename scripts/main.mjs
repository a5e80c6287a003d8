// The main job, headless: build, check every sample scenario (as CI would), write each scenario's flow
// graph as SVG, print pages (A4) and Mermaid to out/graphs/, and rehearse each along its best route (`callflow play
// --best`), reporting the result, score and targets; write the trainee pack to out/pack/; then replay
// every sample's recorded runs (`callflow test samples --coverage`) and print the coverage. Exits non-zero when a sample has a failing
// problem, its best route does not pass, or a recorded run no longer ends as recorded.
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
  must(
    run(['dist/cli.js', 'graph', file, '--layout', 'print', '--output', join(out, `${name}.print.svg`)]),
    `graph ${file} (print)`,
  );
}
console.log(
  `\n✓ ${files.length} scenarios checked; flow graphs written to ${out}/ (.svg, .print.svg: A4 pages, and .mmd)`,
);

console.log('\n▶ callflow play --best (each sample rehearsed along its best route)');
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'play', file, '--best', '--format', 'json'], {
    encoding: 'utf8',
  });
  let line;
  try {
    const run = JSON.parse(r.stdout);
    const d = run.debrief;
    if (!d) line = `stopped: ${run.waiting.reason ?? 'waits for a choice'}`;
    else {
      const met = d.targets.filter((t) => t.status === 'met').length;
      const clock = `${Math.floor(d.seconds / 60)}:${String(d.seconds % 60).padStart(2, '0')}`;
      line = `${d.result}, score ${d.score} of ${d.best}, targets ${met}/${d.targets.length} met, ${run.inputs.length} choices, ended at ${d.end} (${clock})`;
    }
  } catch {
    line = `no run (exit ${r.status}): ${r.stderr.trim()}`;
  }
  if (r.status !== 0) failed++;
  console.log(`${r.status === 0 ? '✓' : '✗'} ${basename(file)}: ${line}`);
}
if (failed) {
  console.error(`✗ ${failed} sample(s) do not pass along their best route`);
  process.exit(1);
}
console.log(`✓ ${files.length} scenarios pass along their best route`);

// The trainee pack: a playable page per sample with an index, the role-player's scripts, SCORM 1.2 packages.
console.log('\n▶ callflow export samples (the trainee pack)');
for (const [args, what] of [
  [['--format', 'html', '-o', 'out/pack'], 'trainee pages'],
  [['--format', 'script', '-o', 'out/pack/scripts'], "role-player's scripts"],
  [['--format', 'scorm', '-o', 'out/pack/scorm'], 'SCORM packages'],
]) {
  // Quiet unless it fails: the problems that refused a sample are on stderr.
  const r = spawnSync(process.execPath, ['dist/cli.js', 'export', 'samples', ...args], { encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(r.stderr);
  must(r, `export (${what})`);
}
console.log('✓ the trainee pack is in out/pack/ (index.html, one page per sample; scripts/, scorm/)');

console.log('\n▶ callflow test samples --coverage (the recorded runs of every sample, replayed)');
must(run(['dist/cli.js', 'test', 'samples', '--coverage']), 'replaying the recorded runs');
