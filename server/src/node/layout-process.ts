/**
 * The language server's layout process (desktop server only): elkjs in a child process that stays
 * warm, so the preview's first picture is a warm layout instead of ELK compiled afresh in the webview
 * with cold JIT (~1 s at 200 steps). It runs dist/layout-worker.js (./layout-thread.ts), which loads ELK
 * through V8's code cache in a worker thread with a deep stack.
 *
 * Why a process and not a worker thread of the server: V8's flags are per process, and the server runs
 * with --optimize-for-size (its heap stays small), which makes ELK two to three times slower.
 *
 * - It starts when {@link LayoutProcess.warm} is called (the server calls it after the first scenario's
 *   diagnostics are published, when the client said the user opens the preview) or at the first
 *   layout, and lays out three synthetic calls so the JIT has compiled ELK's hot paths. Warm-up layouts
 *   wait behind every real one.
 * - One layout runs at a time; a queued layout whose request went stale (a newer version of the
 *   document, a cancelled request) is dropped before it starts.
 * - After `idleMs` without a layout it ends (its memory goes back), and starts again on the next call;
 *   after one idle minute when it has laid out a flow of more than {@link BIG_LAYOUT} steps.
 * - A process that cannot start (the bundle missing, ELK failing to load) twice is not tried again:
 *   the preview then lays out itself, as in the browser.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import type { ElkNode } from '../shared/layout';
import type { ServerLayouts } from '../lsp/layout';

/** Server → layout process. */
export interface ThreadRequest {
  id?: number;
  /** ELK JSON to lay out. */
  graph?: ElkNode;
  /** Lay out a synthetic call of this many steps (warm-up). */
  warm?: number;
  stop?: boolean;
}

/** Layout process → server. */
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

/** Options of a layout process. */
export interface LayoutProcessOptions {
  /** The process's bundle (default: dist/layout-worker.js beside the server bundle). */
  script?: string;
  /** elkjs (default: dist/elk.bundled.js beside the server bundle, else the package's). */
  elk?: string;
  /** Load ELK through V8's code cache (default true). */
  codeCache?: boolean;
  /** End the process after this long without a layout (default 10 minutes). */
  idleMs?: number;
  /** Steps of the warm-up layouts (default {@link WARM_UP}). */
  warmUp?: number[];
  /** The layout thread's stack (inside the process), in MB: ELK recurses along chains of steps (default 256, as the CLI's). */
  stackSizeMb?: number;
  /** Node flags of the layout process (default {@link LAYOUT_EXEC_ARGV}). */
  execArgv?: string[];
  log?: (message: string) => void;
}

/**
 * The warm-up: three synthetic calls (~2 s of one core, once per process, behind any real layout).
 * ELK's steady speed comes after about three layouts; 600 steps also runs the large-graph settings.
 */
const WARM_UP = [200, 600, 200];

/**
 * Past this many boxes a layout grows the process's heap for good (~150 MiB warm, ~210 after 2,000
 * steps, ~460 after 10,000): it then ends after one idle minute instead of ten.
 */
const BIG_LAYOUT = 2_500;

/** The layout process's Node flags: none of the server's (see above). */
const LAYOUT_EXEC_ARGV: string[] = [];

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

/** The layout process: a queue in front of one warm ELK. */
export class LayoutProcess implements ServerLayouts {
  private worker: ChildProcess | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  private failures = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private warmed = false;
  /** The process has laid out a big flow (its heap grew): it ends sooner when idle. */
  private grown = false;
  /** Layouts the process has made (warm-up included), for tests and the benchmark. */
  readonly counts = { layouts: 0, warmUps: 0, starts: 0, dropped: 0, ready: 0 };

  constructor(private readonly opts: LayoutProcessOptions = {}) {}

  /** False once the process failed to start twice: callers lay out elsewhere. */
  get available(): boolean {
    return this.failures < 2 && existsSync(this.script());
  }

  /**
   * Starts the process and warms it up, on a later turn and once: after an idle end, the next layout
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
    if (!this.available) throw new Error('The layout process is not available.');
    const job = this.enqueue({ graph, stale });
    if (!this.worker) this.start();
    return (await job) as ElkNode;
  }

  /** Ends the process (it saves its code cache); a later call starts a new one. */
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

  /** Starts the process with its warm-up layouts queued (behind any real one). */
  private start(): void {
    this.spawn();
    for (const steps of this.opts.warmUp ?? WARM_UP) this.enqueue({ warm: steps }).catch(() => undefined);
    this.pump();
  }

  private spawn(): void {
    this.counts.starts++;
    // A process of its own, not a thread of the server's: V8's flags are per process, and the server's
    // --optimize-for-size (which keeps its heap small) makes ELK two to three times slower.
    const child = fork(this.script(), [], {
      execArgv: this.opts.execArgv ?? LAYOUT_EXEC_ARGV,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        CALLFLOW_LAYOUT_ELK: this.opts.elk ?? elkPath(),
        CALLFLOW_LAYOUT_CACHE: this.opts.codeCache === false ? '0' : '1',
        CALLFLOW_LAYOUT_STACK_MB: String(this.opts.stackSizeMb ?? 256),
      },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.unref();
    child.channel?.unref();
    this.worker = child;
    child.on('message', (m: ThreadReply) => this.onReply(m));
    child.on('error', (e) => this.onExit(child, e));
    child.on('exit', (code, signal) => {
      const why =
        stderr
          .trim()
          .split('\n')
          .find((l) => /Error/.test(l)) ?? `exit code ${code ?? signal}`;
      this.onExit(child, code || signal ? new Error(why) : undefined);
    });
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
    this.worker.send(request);
  }

  private onReply(m: ThreadReply): void {
    if (m.ready) {
      this.failures = 0;
      this.counts.ready++;
      this.opts.log?.(`layout process ready in ${Math.round(m.ms)} ms`);
      return;
    }
    const job = this.running;
    if (!job || job.id !== m.id) return;
    this.running = undefined;
    if (job.graph) this.counts.layouts++;
    if ((job.graph?.children?.length ?? 0) > BIG_LAYOUT) this.grown = true;
    else this.counts.warmUps++;
    if (m.error) job.reject(new Error(m.error));
    else job.resolve(m.graph);
    this.pump();
  }

  private onExit(worker: ChildProcess, error: Error | undefined): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.grown = false;
    clearTimeout(this.idleTimer);
    if (error) {
      this.failures++;
      this.opts.log?.(`layout process ended: ${error.message}`);
    }
    const lost = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    this.running = undefined;
    for (const job of lost) job.reject(error ?? new Error('The layout process ended.'));
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const idle = this.opts.idleMs ?? 10 * 60_000;
    this.idleTimer = setTimeout(() => this.stop(), this.grown ? Math.min(idle, 60_000) : idle);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    const worker = this.worker;
    if (!worker) return;
    this.onExit(worker, undefined);
    try {
      worker.send({ stop: true } satisfies ThreadRequest);
    } catch {
      /* already gone */
    }
    setTimeout(() => worker.kill(), 2000).unref();
  }
}
