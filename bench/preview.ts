/**
 * Preview benchmark: layout and render time in headless Chromium for generated 200-, 500- and
 * 2,000-step calls, in the blob Worker and on the main thread. "cold" is the first graph in a fresh
 * page; "warm" the median of three more, structurally different graphs of the same size in the same
 * page; "cached" a text-only edit (layout from the structure cache). Prints a table, writes
 * bench/results/preview.json.
 * Run: `npm run bench:preview` (builds first).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { RenderedMessage } from '../server/src/shared/preview-protocol';
import { generateGraph } from '../test/webview/fixtures';
import { openPreview } from '../test/webview/harness';

const ROOT = resolve(__dirname, '..');
const SIZES = [200, 500, 2000];

interface Row {
  steps: number;
  mode: 'worker' | 'main-thread';
  run: 'cold' | 'warm' | 'cached';
  layoutMs: number;
  renderMs: number;
  totalMs: number;
  drawnSteps: number;
  /** Layout + render of each measured graph (three for "warm"). */
  runsMs: number[];
}

const WARM_RUNS = 3;

async function measure(steps: number, worker: boolean): Promise<Row[]> {
  const s = await openPreview({ worker });
  const rows: Row[] = [];
  try {
    const graphs = Array.from({ length: 1 + WARM_RUNS }, (_, k) => generateGraph(steps, k + 1));
    const edited = generateGraph(steps, WARM_RUNS + 1);
    edited.nodes[0].text = edited.nodes[0].text.replace(/.$/, '?');
    const runs = [
      ['cold', [graphs[0]]],
      ['warm', graphs.slice(1)],
      ['cached', [edited]],
    ] as const;
    for (const [run, list] of runs) {
      const measured: Omit<Row, 'runsMs'>[] = [];
      for (const graph of list) {
        const since = (await s.sent()).length;
        const t0 = Date.now();
        await s.send({ type: 'graph', graph });
        const r = (await s.waitFor('rendered', since)) as RenderedMessage;
        const drawnSteps = await s.page.locator('#nodes .cf-node').count();
        measured.push({
          steps,
          mode: worker ? 'worker' : 'main-thread',
          run,
          layoutMs: r.layoutMs,
          renderMs: r.renderMs,
          totalMs: Date.now() - t0,
          drawnSteps,
        });
      }
      const runsMs = measured.map((m) => m.layoutMs + m.renderMs);
      const mid = [...measured].sort((a, b) => a.layoutMs + a.renderMs - (b.layoutMs + b.renderMs))[
        (measured.length - 1) >> 1
      ];
      rows.push({ ...mid, runsMs });
    }
  } finally {
    await s.close();
  }
  return rows;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const rows: Row[] = [];
  for (const steps of SIZES) for (const worker of [true, false]) rows.push(...(await measure(steps, worker)));
  console.table(rows);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    rows,
  };
  writeFileSync(join(dir, 'preview.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written ${join(dir, 'preview.json')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
