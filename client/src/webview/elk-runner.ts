/**
 * Runs ELK for the preview. Preferred: a Worker made from a blob URL holding `elk.bundled.js` (fetched
 * from the extension's media; needs `connect-src <cspSource>` and `worker-src blob:`), so a 2,000-step
 * layout never blocks panning. Fallback: ELK on the main thread, loaded with a nonce'd script tag.
 */
import type { ElkLike, ElkNode } from '../../../server/src/shared/layout';

/** Where layouts run. */
export type LayoutMode = 'worker' | 'main-thread';

/** A running layout engine. */
export interface LayoutEngine extends ElkLike {
  mode: LayoutMode;
  dispose(): void;
}

type ElkConstructor = new (opts?: object) => ElkLike;

// Appended to elk.bundled.js inside the worker: one ELK (its in-worker fake worker) and a tiny protocol.
const WORKER_TRAILER = `
;(function () {
  var elk = new self.ELK();
  self.onmessage = function (ev) {
    var d = ev.data;
    elk.layout(d.graph).then(
      function (r) { self.postMessage({ id: d.id, result: r }); },
      function (e) { self.postMessage({ id: d.id, error: String((e && e.message) || e) }); }
    );
  };
  self.postMessage({ id: 0, ready: true });
})();
`;

interface WorkerReply {
  id: number;
  ready?: boolean;
  result?: ElkNode;
  error?: string;
}

async function startWorker(elkUri: string, timeoutMs: number): Promise<LayoutEngine> {
  const response = await fetch(elkUri);
  if (!response.ok) throw new Error(`cannot load ELK (${response.status})`);
  const source = await response.text();
  const url = URL.createObjectURL(new Blob([source, WORKER_TRAILER], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const pending = new Map<number, { resolve: (r: ElkNode) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('layout worker did not start')), timeoutMs);
    worker.onerror = (e) => {
      clearTimeout(timer);
      reject(new Error(`layout worker failed: ${e.message}`));
    };
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      if (ev.data.ready) {
        clearTimeout(timer);
        resolve();
      }
    };
  }).finally(() => URL.revokeObjectURL(url));
  worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
    const call = pending.get(ev.data.id);
    if (!call) return;
    pending.delete(ev.data.id);
    if (ev.data.result) call.resolve(ev.data.result);
    else call.reject(new Error(ev.data.error ?? 'layout failed'));
  };
  worker.onerror = (e) => {
    for (const call of pending.values()) call.reject(new Error(`layout worker error: ${e.message}`));
    pending.clear();
  };
  return {
    mode: 'worker',
    layout(graph: ElkNode) {
      return new Promise<ElkNode>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, graph });
      });
    },
    dispose: () => worker.terminate(),
  };
}

function loadScript(src: string, nonce: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = nonce;
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(script);
  });
}

async function startMainThread(elkUri: string, nonce: string): Promise<LayoutEngine> {
  const global = globalThis as unknown as { ELK?: ElkConstructor };
  if (!global.ELK) await loadScript(elkUri, nonce);
  if (!global.ELK) throw new Error('ELK did not load');
  const elk = new global.ELK();
  return { mode: 'main-thread', layout: (g) => elk.layout(g), dispose: () => undefined };
}

/**
 * Starts the layout engine: the worker when allowed and it comes up within `timeoutMs`, else the main
 * thread. `onFallback` hears why the worker was not used.
 */
export async function createLayoutEngine(opts: {
  elkUri: string;
  nonce: string;
  preferWorker: boolean;
  timeoutMs?: number;
  onFallback?: (reason: string) => void;
}): Promise<LayoutEngine> {
  if (opts.preferWorker && typeof Worker !== 'undefined') {
    try {
      return await startWorker(opts.elkUri, opts.timeoutMs ?? 10000);
    } catch (e) {
      opts.onFallback?.(e instanceof Error ? e.message : String(e));
    }
  }
  return startMainThread(opts.elkUri, opts.nonce);
}
