/**
 * `npx tsx bench/routes.ts`: how long route analysis (`callflow routes`) takes on generated scenarios with
 * loops (bench/generate.ts, 200 to 10,000 steps) and on a worst case for route counts (a chain of
 * diamonds and loops: over 10⁶ routes). Parse and analysis are timed apart: the median and the fastest of nine runs (the fastest
 * is the best guide on a shared machine; the load average is printed).
 * Figures, not assertions: nothing here fails on a slow result.
 */
import { cpus, loadavg } from 'node:os';
import { generate } from './generate';
import { parseScenario } from '../server/src/service/syntax/parse';
import { buildFlow } from '../server/src/service/model/flow';
import { analyseRoutes } from '../server/src/service/run/routes';

const RUNS = Number(process.env.RUNS ?? 9);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(f: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const value = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
}

/**
 * A chain of `n` blocks of four steps: a choice of two ways on (a diamond), then a question the trainee may
 * ask again (a loop of two steps): 2^n routes, n loops.
 */
function diamondsAndLoops(n: number): string {
  const lines = ['callflow: 1', 'id: chain', 'title: Chain', 'start: c0', 'steps:'];
  const step = (id: string, ...props: string[]) => lines.push(`  ${id}:`, ...props.map((p) => `    ${p}`));
  for (let i = 0; i < n; i++) {
    const on = i + 1 < n ? `c${i + 1}` : 'done';
    step(`c${i}`, 'kind: choice', 'prompt: Which?', 'seconds: 2', 'choices:');
    lines.push(`      - label: Ask`, `        next: a${i}`, `        score: 1`);
    lines.push(`      - label: Tell`, `        next: t${i}`);
    step(`a${i}`, 'kind: handler', 'say: Ask', 'seconds: 3', `next: r${i}`);
    step(`t${i}`, 'kind: handler', 'say: Tell', 'seconds: 5', `next: r${i}`);
    step(`r${i}`, 'kind: choice', 'prompt: Again?', 'choices:');
    lines.push(`      - label: Again`, `        next: a${i}`, `        score: -1`);
    lines.push(`      - label: On`, `        next: ${on}`);
  }
  step('done', 'kind: end', 'outcome:', '  result: pass');
  return lines.join('\n') + '\n';
}

const cases: { name: string; text: string }[] = [
  ...[200, 2000, 10000].map((steps) => ({
    name: `generated, ${steps} steps`,
    text: generate({ steps, seed: steps }).text,
  })),
  { name: 'diamonds and loops, 10,000 steps', text: diamondsAndLoops(2500) },
];

console.log(
  `Load average at the start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} cores.`,
);
console.log(
  '| scenario | steps | loops | routes | parse + flow ms (median) | analysis ms (median) | analysis ms (fastest) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const c of cases) {
  const parseMs: number[] = [];
  const analysisMs: number[] = [];
  let report: ReturnType<typeof analyseRoutes> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const [p, flow] = time(() => {
      const doc = parseScenario('file:///bench.scenario.yaml', c.text);
      return { doc, flow: buildFlow(doc) };
    });
    const [a, r] = time(() => analyseRoutes(flow.doc, flow.flow));
    parseMs.push(p);
    analysisMs.push(a);
    report = r;
  }
  const routes = report!.routes.over ? 'over 10⁶' : String(report!.routes.count);
  console.log(
    `| ${c.name} | ${report!.steps} | ${report!.loops} | ${routes} | ${median(parseMs).toFixed(1)} | ${median(analysisMs).toFixed(1)} | ${Math.min(...analysisMs).toFixed(1)} |`,
  );
}
