/**
 * Recorded runs on a large scenario: the generated 10,000-step scenario (bench/generate.ts) with a run
 * file of its model route and 49 routes that leave it at a random decision for another option, then
 * go on along the best route. Times the reading of the run file, the replay of every run and the coverage
 * (fastest and median of 15, on one parsed scenario). `npx tsx bench/runs.ts`
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createNodeHost, pathToUri } from '../server/src/node/project';
import { CONTINUE, createScenarioService, type RunInput } from '../server/src/service';
import { buildFlow } from '../server/src/service/model/flow';
import { bestRoute } from '../server/src/service/run/best-route';
import { rng } from '../test/support/rng';
import { DATA_DIR, writeDataSet } from './generate';

const path = join(DATA_DIR, 'steps10000.scenario.yaml');
if (!existsSync(path)) writeDataSet();
const service = createScenarioService(createNodeHost());
const doc = service.parse(pathToUri(path), readFileSync(path, 'utf8'));
const project = service.loadProject(undefined, undefined);
const random = rng(18);
const flow = buildFlow(doc);
const best = service.bestRoute(doc);

/**
 * A route that leaves the model route at a random decision for a random non-critical option (or the
 * timeout), then goes on along the best route from there.
 */
function randomRoute(): RunInput[] {
  const model = service.rehearse(doc, project, { inputs: best });
  const decisions = model.transcript.filter((e) => e.choice);
  const k = Math.floor(random() * decisions.length);
  const at = doc.stepsById.get(decisions[k].step)!;
  const edges = flow.out[at.index].map((ei) => flow.edges[ei]).filter((e) => !e.critical && e.to >= 0);
  const e = edges[Math.floor(random() * edges.length)];
  if (!e) return best;
  const input: RunInput =
    e.kind === 'timeout'
      ? { timeout: true }
      : { choose: e.kind === 'choice' ? (e.label ?? e.target) : CONTINUE };
  return [...best.slice(0, k), input, ...bestRoute(flow, e.to)];
}

const yaml = (s: string) => JSON.stringify(s);
const runs = [best, ...Array.from({ length: 49 }, randomRoute)];
const text = [
  'callflow-runs: 1',
  'runs:',
  ...runs.flatMap((inputs, i) => [
    `  - name: route ${i + 1}`,
    '    choices:',
    ...inputs.map((c) => ('timeout' in c ? '      - {timeout: true}' : `      - ${yaml(c.choose)}`)),
  ]),
  '',
].join('\n');

const time = (f: () => void, n = 15) => {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return `${t[0].toFixed(1)} ms (median ${t[Math.floor(n / 2)].toFixed(1)})`;
};

const file = service.parseRuns('mem:/steps10000.runs.yaml', text);
const outcomes = service.replayRuns(file, doc, project);
const choices = runs.reduce((n, r) => n + r.length, 0);
const played = outcomes.reduce((n, o) => n + o.view.transcript.length, 0);
const coverage = service.runCoverage(doc, outcomes);
console.log(
  `${doc.steps.length} steps; ${runs.length} runs, ${choices} choices, ${played} steps played; ` +
    `${outcomes.filter((o) => o.view.debrief).length} reach an end; coverage ${coverage.percent}% (${coverage.covered}/${coverage.total})`,
);
console.log(
  `read the run file (${(text.length / 1024).toFixed(0)} KB): ${time(() => service.parseRuns('u', text))}`,
);
console.log(`replay every run: ${time(() => service.replayRuns(file, doc, project))}`);
console.log(`coverage: ${time(() => service.runCoverage(doc, outcomes))}`);
