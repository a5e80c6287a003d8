/**
 * `npm run fuzz`: the storm's long form against the built server (build first: node scripts/build.mjs).
 * Usage: tsx test/fuzz/storm.ts [messages] [seed]. Prints the figures; exits 1 on any mismatch, failure
 * or stderr output.
 */
import { runStorm } from '../support/storm';

const messages = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 2026);

void runStorm({ seed, messages, checkpointEvery: 500, documents: 4 }).then((r) => {
  const rss = r.rssMb.length ? `${Math.min(...r.rssMb)}–${Math.max(...r.rssMb)} MB` : 'n/a';
  console.log(
    `storm seed ${seed}: ${r.messages} messages, ${r.edits} edits, ${r.requests} requests, ${r.checkpoints} checkpoints in ${(r.ms / 1000).toFixed(1)} s; server RSS ${rss}`,
  );
  const problems = [
    ...r.mismatches.map((m) => `mismatch: ${m}`),
    ...r.badAnswers.map((m) => `bad answer: ${m}`),
    ...r.failures.map((m) => `failure: ${m}`),
    ...(r.stderr ? [`stderr: ${r.stderr.slice(0, 2000)}`] : []),
    ...(r.alive ? [] : ['the server died']),
  ];
  for (const p of problems) console.log(p);
  console.log(
    problems.length
      ? `✖ ${problems.length} problems`
      : '✔ diagnostics matched the editor text at every checkpoint',
  );
  process.exitCode = problems.length ? 1 : 0;
});
