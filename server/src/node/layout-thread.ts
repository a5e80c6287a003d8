/**
 * The body of the language server's layout thread (bundled to dist/layout-worker.js; started by
 * ./layout-worker.ts). It loads elkjs through V8's code cache (as the CLI loads its bundles), then lays
 * out what it is sent, one graph at a time. A `warm` message lays out a synthetic call of that many
 * steps, so V8 has compiled ELK's hot paths before the first preview asks. `stop` ends the thread the
 * way that saves the code cache.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileCacheFolder, loadBundle } from './code-cache';
import { prepareLayout, type ElkLike, type ElkNode } from '../shared/layout';
import { warmGraph } from './warm-graph';
import type { ThreadReply, ThreadRequest } from './layout-worker';

const data = workerData as { elk: string; cache: boolean };
const started = performance.now();
const ELK = loadBundle(
  data.elk,
  'layout',
  data.cache ? compileCacheFolder() : undefined,
) as new () => ElkLike;
const elk = new ELK();
const port = parentPort!;
const reply = (m: ThreadReply) => port.postMessage(m);

async function run(m: ThreadRequest & { id: number }): Promise<void> {
  const t0 = performance.now();
  try {
    const graph: ElkNode = m.graph ?? prepareLayout(warmGraph(m.warm ?? 200)).elkGraph;
    const result = await elk.layout(graph);
    reply({ id: m.id, graph: m.graph ? result : undefined, ms: performance.now() - t0 });
  } catch (e) {
    reply({ id: m.id, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
  }
}

port.on('message', (m: ThreadRequest) => {
  if (m.stop || m.id === undefined) process.exit(0);
  else void run(m as ThreadRequest & { id: number });
});
reply({ ready: true, ms: performance.now() - started });
