/**
 * CLI throughput: whole-process wall time of `callflow check` (cold: no cache; warm: `--cache` after a
 * priming run) against ajv-cli 5 (`validate --all-errors --spec=draft2020 --strict=false`, which reads
 * YAML with js-yaml 3 and checks the schema only) on the 500 files and on the 10,000-step file. Both are
 * started with `node <script>` (no npx start-up in either); one unmeasured warm-up each, then the runs
 * alternate between the tools so a change in machine load hits both, each round in a rotated order.
 * Our runs keep V8's code cache in the data folder (the warm-up writes it, as a user's first run does);
 * one more series runs without it (`CALLFLOW_COMPILE_CACHE=off`), the cost of a first run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { median } from './stats';

const ROOT = resolve(__dirname, '..');
const RUNS = 5;
const TIMEOUT_MS = 10 * 60000;

interface Command {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

export interface CliResult {
  input: string;
  command: string;
  runsMs: number[];
  medianMs: number;
  exitCode: number | null;
  output: string;
}

function run(c: Command): { ms: number; code: number | null; output: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, c.args, {
    cwd: ROOT,
    env: { ...process.env, ...c.env },
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  if (r.error) throw new Error(`${c.name}: ${r.error.message}`);
  const out = `${r.stdout}${r.stderr}`.trim();
  return { ms, code: r.status, output: out.length > 300 ? `…${out.slice(-300)}` : out };
}

export function runCli(
  inputs: { label: string; path: string; glob: string }[],
  dataDir: string,
  log: (s: string) => void,
): CliResult[] {
  const results: CliResult[] = [];
  const cache = join(dataDir, '.callflowcache');
  const compileCache = join(dataDir, '.compile-cache');
  for (const input of inputs) {
    const rel = relative(ROOT, input.path);
    const ours = (name: string, extra: string[], codeCache = compileCache): Command => ({
      name,
      args: ['dist/cli.js', 'check', rel, ...extra],
      env: { CALLFLOW_COMPILE_CACHE: codeCache },
    });
    const cold = ours('callflow check', []);
    const firstRun = ours('CALLFLOW_COMPILE_CACHE=off callflow check', [], 'off');
    const warm = ours('callflow check --cache', ['--cache', '--cache-location', relative(ROOT, cache)]);
    const ajv: Command = {
      name: 'ajv-cli validate',
      args: [
        'node_modules/ajv-cli/dist/index.js',
        'validate',
        '--all-errors',
        '--spec=draft2020',
        '--strict=false',
        '-s',
        'schemas/scenario.schema.json',
        '-d',
        relative(ROOT, input.glob),
      ],
    };
    rmSync(cache, { recursive: true, force: true });
    rmSync(compileCache, { recursive: true, force: true });
    const commands = [cold, firstRun, warm, ajv];
    const times = commands.map(() => [] as number[]);
    const last = commands.map(() => ({ code: null as number | null, output: '' }));
    log(`cli: ${input.label}…`);
    // Warm-up (and the cache's priming run), not measured.
    commands.forEach((c, i) => (last[i] = run(c)));
    // Each round starts one command later, so no command always runs right after the same other one
    // (the code-cached run always followed ajv-cli's and came out slower than the uncached one after it).
    for (let k = 0; k < RUNS; k++)
      for (let j = 0; j < commands.length; j++) {
        const i = (j + k) % commands.length;
        const r = run(commands[i]);
        times[i].push(r.ms);
        last[i] = r;
      }
    commands.forEach((c, i) => {
      results.push({
        input: input.label,
        command: c.name,
        runsMs: times[i],
        medianMs: median(times[i]),
        exitCode: last[i].code,
        output: last[i].output,
      });
      log(`  ${c.name}: median ${median(times[i]).toFixed(0)} ms (exit ${last[i].code})`);
    });
    rmSync(cache, { recursive: true, force: true });
    rmSync(compileCache, { recursive: true, force: true });
  }
  return results;
}
