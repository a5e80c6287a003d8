/**
 * Preview benchmark: layout and render time in headless Chromium for generated 200-, 500- and
 * 2,000-step calls, in the blob Worker and on the main thread. "cold" is the first graph in a fresh
 * page; "warm" the median of three more, structurally different graphs of the same size in the same
 * page; "cached" a text-only edit (layout from the structure cache).
 *
 * Then what the user meets, "command to pixels" (`pictures`): a real language server over stdio with
 * the scenario open for a few seconds; from the command, the page loads (cold) while the host asks the
 * server, and the clock stops when the webview has drawn. Ours: `callflow/layout` (the server's warm
 * layout thread) drawn as sent; the anchor, in the same run: `callflow/graph` laid out by the webview's
 * own ELK, as before. "warm": a structurally new 2,000-step version in the loaded page.
 * Prints tables, writes bench/results/preview.json.
 * Run: `npm run bench:preview` (builds first).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { RenderedMessage } from '../server/src/shared/preview-protocol';
import { pathToFileURL } from 'node:url';
import { generate } from './generate';
import { BenchClient } from './lsp';
import { median } from './stats';
import {
  GraphRequest,
  LayoutRequest,
  WarmLayoutNotification,
  type LayoutResult,
} from '../server/src/shared/protocol';
import type { FlowGraph } from '../server/src/shared/graph';
import { SERVER_EXEC_ARGV } from '../server/src/shared/server-process';
import { generateGraph } from '../test/webview/fixtures';
import { openPreview, type PreviewSession } from '../test/webview/harness';

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

/** One "command to pixels" figure: ours (server layout) or the anchor (the webview's own ELK). */
interface PictureRow {
  steps: number;
  run: 'cold' | 'warm';
  path: 'server' | 'webview';
  medianMs: number;
  runsMs: number[];
  /** Where the drawn layout came from, as the webview reported it. */
  layoutMode: string;
}

const PICTURE_RUNS = 3;
/** How long the scenario is open before the command (the layout thread warms up meanwhile). */
const OPEN_MS = 4000;

/** Reloads the page (a cold webview, as a newly opened panel) and waits for its `ready`. */
async function reload(s: PreviewSession): Promise<void> {
  await s.page.goto(s.baseUrl);
  await s.page.waitForFunction(
    () =>
      (
        window as unknown as { __callflowPreview?: { sent: { type: string }[] } }
      ).__callflowPreview?.sent.some((m) => m.type === 'ready'),
    undefined,
    { polling: 5 },
  );
}

/** Sends a graph message and waits (polling every 5 ms) until the webview has drawn it. */
async function draw(s: PreviewSession, message: Record<string, unknown>): Promise<RenderedMessage> {
  const since = (await s.sent()).length;
  await s.send({ type: 'graph', ...message });
  const handle = await s.page.waitForFunction(
    (n) =>
      (window as unknown as { __callflowPreview: { sent: { type: string }[] } }).__callflowPreview.sent
        .slice(n)
        .find((m) => m.type === 'rendered'),
    since,
    { polling: 5, timeout: 120000 },
  );
  return (await handle.jsonValue()) as RenderedMessage;
}

class PictureBench {
  private version = new Map<string, number>();
  /** When the last `ours` run had its answer and its loaded page (ms from the command). */
  parts = { request: 0, page: 0 };
  constructor(
    private readonly client: BenchClient,
    private readonly dir: string,
  ) {}

  /** Opens (or replaces) a scenario of `steps` steps and waits for its diagnostics. */
  async show(name: string, steps: number, seed: number): Promise<string> {
    const uri = pathToFileURL(join(this.dir, `${name}.scenario.yaml`)).toString();
    const text = generate({ steps, seed }).text;
    const v = (this.version.get(uri) ?? 0) + 1;
    this.version.set(uri, v);
    const since = this.client.published.length;
    if (v === 1) await this.client.open(uri, text);
    else
      await this.client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ text }],
      });
    await this.client.nextPublish(uri, since, 60000, v);
    return uri;
  }

  /** Ours: the layout request leaves with the command, while the page loads (when `cold`). */
  async ours(s: PreviewSession, uri: string, cold: boolean): Promise<[number, string]> {
    const t0 = performance.now();
    const since = (ms: number) => Math.round(performance.now() - ms);
    const [r] = await Promise.all([
      this.client
        .request<LayoutResult>(LayoutRequest.method, { uri, direction: 'DOWN' }, 120000)
        .then((x) => ((this.parts.request = since(t0)), x)),
      cold ? reload(s).then(() => (this.parts.page = since(t0))) : Promise.resolve(),
    ]);
    const rendered = await draw(s, { graph: r.graph, ...(r.layout ? { layout: r.layout } : {}) });
    return [performance.now() - t0, rendered.layoutMode];
  }

  /** The anchor: the graph request, then the webview's own ELK (started with the page). */
  async anchor(s: PreviewSession, uri: string, cold: boolean): Promise<[number, string]> {
    const t0 = performance.now();
    const [graph] = await Promise.all([
      this.client.request<FlowGraph>(GraphRequest.method, { uri }, 120000),
      cold ? reload(s) : Promise.resolve(),
    ]);
    const rendered = await draw(s, { graph });
    return [performance.now() - t0, rendered.layoutMode];
  }
}

async function measurePictures(): Promise<PictureRow[]> {
  const dir = join(ROOT, 'bench/.data/preview');
  mkdirSync(dir, { recursive: true });
  const client = await BenchClient.start({
    name: 'callflow',
    command: process.execPath,
    args: [...SERVER_EXEC_ARGV, join(ROOT, 'dist/server.js'), '--stdio'],
    languageId: 'callflow',
    settings: { callflow: {} },
    rootUri: pathToFileURL(dir).toString(),
  });
  // As the extension does for a user who has opened the preview before.
  await client.connection.sendNotification(WarmLayoutNotification.method, {});
  const server = await openPreview({ serverLayout: true });
  const webview = await openPreview();
  const bench = new PictureBench(client, dir);
  const rows: PictureRow[] = [];
  const add = (steps: number, run: PictureRow['run'], path: PictureRow['path'], r: [number, string][]) => {
    const runsMs = r.map(([ms]) => Math.round(ms));
    rows.push({ steps, run, path, medianMs: median(runsMs), runsMs, layoutMode: r[0][1] });
  };
  try {
    for (const steps of SIZES) {
      const ours: [number, string][] = [];
      const anchor: [number, string][] = [];
      for (let k = 0; k < PICTURE_RUNS; k++) {
        const uri = await bench.show(`first-${steps}-${k}`, steps, 100 + k);
        await new Promise((r) => setTimeout(r, OPEN_MS));
        ours.push(await bench.ours(server, uri, true));
        console.log(
          `${steps} steps, ours: ${Math.round(ours[k][0])} ms (answer at ${bench.parts.request}, page at ${bench.parts.page})`,
        );
        anchor.push(await bench.anchor(webview, uri, true));
      }
      add(steps, 'cold', 'server', ours);
      add(steps, 'cold', 'webview', anchor);
    }
    const steps = SIZES[SIZES.length - 1];
    const ours: [number, string][] = [];
    const anchor: [number, string][] = [];
    for (let k = 0; k < PICTURE_RUNS; k++) {
      const uri = await bench.show(`warm-${steps}`, steps, 200 + k);
      ours.push(await bench.ours(server, uri, false));
      anchor.push(await bench.anchor(webview, uri, false));
    }
    add(steps, 'warm', 'server', ours);
    add(steps, 'warm', 'webview', anchor);
  } finally {
    await server.close();
    await webview.close();
    await client.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const only = process.argv.includes('--pictures');
  const rows: Row[] = [];
  if (!only)
    for (const steps of SIZES)
      for (const worker of [true, false]) rows.push(...(await measure(steps, worker)));
  if (rows.length) console.table(rows);
  const pictures = await measurePictures();
  console.table(pictures);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    rows,
    pictures,
  };
  // `--pictures` alone (while working on the preview) leaves the full run's file as it is.
  const file = join(dir, only ? 'preview-pictures.json' : 'preview.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
