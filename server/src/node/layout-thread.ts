/**
 * The body of the language server's layout process (bundled to dist/layout-worker.js; started by
 * ./layout-process.ts as a child process without the server's V8 flags). The process's main thread only
 * relays messages to a worker thread of this same file, which has a deep stack (ELK recurses along
 * chains of steps, as in the CLI). The thread loads elkjs through V8's code cache, then lays out what
 * it is sent, one graph at a time. A `warm` message lays out a synthetic call of that many steps, so V8
 * has compiled ELK's hot paths before the first preview asks. `stop` ends it the way that saves the
 * code cache. When the server goes away (the IPC channel closes), the process ends.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { compileCacheFolder, loadBundle } from './code-cache';
import { prepareLayout, type ElkLike, type ElkNode } from '../shared/layout';
import { warmGraph } from './warm-graph';
import type { ThreadReply, ThreadRequest } from './layout-process';

function relay(): void {
  const env = process.env;
  const thread = new Worker(__filename, {
    workerData: { elk: env.CALLFLOW_LAYOUT_ELK, cache: env.CALLFLOW_LAYOUT_CACHE !== '0' },
    resourceLimits: { stackSizeMb: Number(env.CALLFLOW_LAYOUT_STACK_MB) || 256 },
  });
  process.on('message', (m: ThreadRequest) => thread.postMessage(m));
  process.on('disconnect', () => process.exit(0));
  thread.on('message', (m: ThreadReply) => process.send?.(m));
  thread.on('error', (e) => {
    process.stderr.write(`Error: ${e.message}\n`);
    process.exit(1);
  });
  thread.on('exit', (code) => process.exit(code));
}

function serve(): void {
  const data = workerData as { elk: string; cache: boolean };
  const started = performance.now();
  const folder = data.cache ? compileCacheFolder() : undefined;
  const ELK = loadBundle(data.elk, 'layout', folder) as new () => ElkLike;
  const elk = new ELK();
  const port = parentPort!;
  const reply = (m: ThreadReply) => port.postMessage(m);
  const run = async (m: ThreadRequest & { id: number }) => {
    const t0 = performance.now();
    try {
      const graph: ElkNode = m.graph ?? prepareLayout(warmGraph(m.warm ?? 200)).elkGraph;
      const result = await elk.layout(graph);
      reply({ id: m.id, graph: m.graph ? result : undefined, ms: performance.now() - t0 });
    } catch (e) {
      reply({ id: m.id, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
    }
  };
  port.on('message', (m: ThreadRequest) => {
    if (m.stop || m.id === undefined) process.exit(0);
    else void run(m as ThreadRequest & { id: number });
  });
  reply({ ready: true, ms: performance.now() - started });
}

if (isMainThread) relay();
else serve();
