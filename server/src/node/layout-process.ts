/**
 * The language server's layout thread (desktop server only): elkjs in a worker thread that stays warm,
 * so the preview's first picture is a warm layout (~0.1 s at 200 steps) instead of ELK compiled afresh
 * in the webview with cold JIT (~1 s). The thread runs dist/layout-worker.js (./layout-thread.ts), which
 * loads ELK through V8's code cache.
 *
 * - It starts when {@link LayoutThread.warm} is first called (the server calls it once the first
 *   scenario's diagnostics are published) and lays out two synthetic calls (200 and 600 steps) so the
 *   JIT has compiled ELK's hot paths. Warm-up layouts wait behind every real one.
 * - One layout runs at a time; a queued layout whose request went stale (a newer version of the
 *   document, a cancelled request) is dropped before it starts.
 * - After `idleMs` without a layout it ends (its memory goes back), and starts again on the next call.
 * - A thread that cannot start (the bundle missing, ELK failing to load) twice is not tried again: the
 *   preview then lays out itself, as in the browser.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from '../shared/layout';
import type { ServerLayouts } from '../lsp/layout';

/** Main thread → layout thread. */
export interface ThreadRequest {
  id?: number;
  /** ELK JSON to lay out. */
  graph?: ElkNode;
  /** Lay out a synthetic call of this many steps (warm-up). */
  warm?: number;
  stop?: boolean;
}

/** Layout thread → main thread. */
export interface ThreadReply {
  id?: number;
  ready?: boolean;
  graph?: ElkNode;
  error?: string;
  ms: number;
}

/** Why a layout was not made: it went stale before it started. */
export class LayoutCancelled extends Error {
  constructor() {
    super('The layout was no longer wanted.');
  }
}

/** Options of a layout thread. */
export interface LayoutThreadOptions {
  /** The thread's bundle (default: dist/layout-worker.js beside the server bundle). */
  script?: string;
  /** elkjs (default: dist/elk.bundled.js beside the server bundle, else the package's). */
  elk?: string;
  /** Load ELK through V8's code cache (default true). */
  codeCache?: boolean;
  /** End the thread after this long without a layout (default 10 minutes). */
  idleMs?: number;
  /** Steps of the warm-up layouts (default 200 and 600). */
  warmUp?: number[];
  /** The thread's stack, in MB: ELK recurses along chains of steps (default 256, as the CLI's). */
  stackSizeMb?: number;
  log?: (message: string) => void;
}

interface Job {
  id: number;
  graph?: ElkNode;
  warm?: number;
  stale?: () => boolean;
  resolve(graph: ElkNode | undefined): void;
  reject(e: Error): void;
}

function elkPath(): string {
  const beside = join(__dirname, 'elk.bundled.js');
  return existsSync(beside) ? beside : require.resolve('elkjs/lib/elk.bundled.js');
}

/** The layout thread: a queue in front of one warm ELK. */
export class LayoutThread implements ServerLayouts {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  private failures = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private warmed = false;
  /** Layouts the thread has made (warm-up included), for tests and the benchmark. */
  readonly counts = { layouts: 0, warmUps: 0, starts: 0, dropped: 0 };

  constructor(private readonly opts: LayoutThreadOptions = {}) {}

  /** False once the thread failed to start twice: callers lay out elsewhere. */
  get available(): boolean {
    return this.failures < 2 && existsSync(this.script());
  }

  /**
   * Starts the thread and warms it up, on a later turn and once: after an idle end, the next layout
   * starts it again (and warms it behind that layout).
   */
  warm(): void {
    if (!this.available || this.warmed) return;
    this.warmed = true;
    // On a later turn: the diagnostics just sent leave first.
    setTimeout(() => {
      if (this.available && !this.worker) this.start();
    }, 0).unref();
  }

  /** Lays out `graph`; rejects with {@link LayoutCancelled} when `stale()` is true before it starts. */
  async layout(graph: ElkNode, stale?: () => boolean): Promise<ElkNode> {
    if (!this.available) throw new Error('The layout thread is not available.');
    const job = this.enqueue({ graph, stale });
    if (!this.worker) this.start();
    return (await job) as ElkNode;
  }

  /** Ends the thread (it saves its code cache); a later call starts a new one. */
  dispose(): void {
    this.stop();
  }

  private script(): string {
    return this.opts.script ?? join(__dirname, 'layout-worker.js');
  }

  private enqueue(job: Omit<Job, 'id' | 'resolve' | 'reject'>): Promise<ElkNode | undefined> {
    return new Promise((resolve, reject) => {
      const full: Job = { ...job, id: this.nextId++, resolve, reject };
      // Real layouts go before warm-up ones, in the order asked.
      const at = job.graph ? this.queue.findIndex((j) => !j.graph) : -1;
      if (at < 0) this.queue.push(full);
      else this.queue.splice(at, 0, full);
      this.pump();
    });
  }

  /** Starts the thread with its warm-up layouts queued (behind any real one). */
  private start(): void {
    this.spawn();
    for (const steps of this.opts.warmUp ?? [200, 600]) this.enqueue({ warm: steps }).catch(() => undefined);
    this.pump();
  }

  private spawn(): void {
    this.counts.starts++;
    const worker = new Worker(this.script(), {
      workerData: { elk: this.opts.elk ?? elkPath(), cache: this.opts.codeCache !== false },
      resourceLimits: { stackSizeMb: this.opts.stackSizeMb ?? 256 },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    // Whatever ELK prints is dropped: the server's stdout carries the protocol.
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    worker.on('message', (m: ThreadReply) => this.onReply(m));
    worker.on('error', (e) => this.onExit(worker, e));
    worker.on('exit', (code) => this.onExit(worker, code ? new Error(`exit code ${code}`) : undefined));
  }

  private pump(): void {
    if (this.running || !this.worker) return;
    let job = this.queue.shift();
    while (job?.stale?.()) {
      this.counts.dropped++;
      job.reject(new LayoutCancelled());
      job = this.queue.shift();
    }
    if (!job) return this.armIdle();
    clearTimeout(this.idleTimer);
    this.running = job;
    const request: ThreadRequest = job.graph
      ? { id: job.id, graph: job.graph }
      : { id: job.id, warm: job.warm };
    this.worker.postMessage(request);
  }

  private onReply(m: ThreadReply): void {
    if (m.ready) {
      this.failures = 0;
      this.opts.log?.(`layout thread ready in ${Math.round(m.ms)} ms`);
      return;
    }
    const job = this.running;
    if (!job || job.id !== m.id) return;
    this.running = undefined;
    if (job.graph) this.counts.layouts++;
    else this.counts.warmUps++;
    if (m.error) job.reject(new Error(m.error));
    else job.resolve(m.graph);
    this.pump();
  }

  private onExit(worker: Worker, error: Error | undefined): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    clearTimeout(this.idleTimer);
    if (error) {
      this.failures++;
      this.opts.log?.(`layout thread ended: ${error.message}`);
    }
    const lost = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    this.running = undefined;
    for (const job of lost) job.reject(error ?? new Error('The layout thread ended.'));
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.opts.idleMs ?? 10 * 60_000);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    const worker = this.worker;
    if (!worker) return;
    this.onExit(worker, undefined);
    worker.postMessage({ stop: true } satisfies ThreadRequest);
    setTimeout(() => void worker.terminate(), 2000).unref();
  }
}
