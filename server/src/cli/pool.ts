/**
 * Spreads checks over `node:worker_threads` (dist/cli-worker.js). Each worker creates its own service
 * (the schema is compiled once per worker) and loads projects the same way as the main thread; files are
 * handed out in small batches as workers become free, so a slow file does not hold up the rest. A worker
 * holds two batches, so it never waits for this thread (busy with its own batch) to send the next one.
 * Workers start through dist/cli.js when it is beside the worker bundle, which loads the bundle through
 * V8's code cache as it does the CLI's; at the end a worker is told it is done and exits on its own (so
 * it can write that cache), rather than being stopped.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectOptions } from './projects';
import type { Problem } from '../service';

/** One file to check: its text, or the bytes read (decoded by the thread that checks it, see jobText). */
export interface Job {
  index: number;
  path: string;
  text?: string;
  bytes?: Uint8Array;
}

/**
 * The text of a job: as given, or its bytes decoded (UTF-8, without a byte-order mark). Files are kept
 * as bytes until checked: outside V8's heap they cost no garbage collection, and a worker thread gets
 * the bytes to decode itself rather than a string this thread decoded and copied.
 */
export function jobText(job: { text?: string; bytes?: Uint8Array }): string {
  if (job.text !== undefined) return job.text;
  const bytes = job.bytes ?? new Uint8Array(0);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Main → worker: a batch to check, or the end (the worker then exits). */
export type WorkerRequest = { jobs: Job[] } | { done: true };

/** Worker → main. */
export type WorkerReply = { results: { index: number; problems: Problem[] }[] } | { error: string };

/** The data a worker starts with. */
export interface WorkerData {
  projectOptions: ProjectOptions;
  /** The worker bundle, when the worker is started through dist/cli.js. */
  bundle?: string;
}

const BATCH = 8;
/** Batches a worker holds at once: the one it checks and the next. */
const IN_FLIGHT = 2;

/**
 * Starts the worker threads for `files` files checked in `threads` threads (none when one thread does),
 * before the files are read, so the workers load their code while this thread reads. Each must then go
 * to runInWorkers or be stopped with stopWorkers.
 */
export function startWorkers(
  files: number,
  threads: number,
  script: string,
  projectOptions: ProjectOptions,
): Worker[] {
  const count = Math.max(0, Math.min(threads - 1, Math.ceil(files / BATCH) - 1));
  const entry = join(dirname(script), 'cli.js');
  const viaEntry = existsSync(entry);
  const data: WorkerData = { projectOptions, bundle: viaEntry ? script : undefined };
  return Array.from({ length: count }, () => {
    const worker = new Worker(viaEntry ? entry : script, { workerData: data });
    // Until runInWorkers listens: a worker that fails while loading is an error there, not a crash here.
    const state: Early = { exited: false };
    worker.on('error', (e) => (state.error ??= e));
    worker.on('exit', () => (state.exited = true));
    early.set(worker, state);
    return worker;
  });
}

/** What happened to a started worker before runInWorkers took it. */
interface Early {
  exited: boolean;
  error?: Error;
}
const early = new WeakMap<Worker, Early>();

/** Stops workers that have nothing (more) to do. */
export function stopWorkers(workers: Worker[]): void {
  for (const worker of workers) void worker.terminate();
}

/**
 * Checks the jobs in this thread (with `checkHere`) and the workers (from startWorkers), all taking
 * batches from one queue; workers beyond one per batch after the first are stopped. `finish` is called
 * once per job. This thread checks one batch at a time and then lets the workers' replies in, so they
 * are fed while it works.
 */
export async function runInWorkers<J extends Job>(
  jobs: J[],
  workers: Worker[],
  checkHere: (job: J) => Problem[],
  finish: (index: number, problems: Problem[]) => void,
): Promise<void> {
  let next = 0;
  const take = (): J[] => {
    const batch = jobs.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  let failed: Error | undefined;
  const used = workers.slice(0, Math.max(0, Math.ceil(jobs.length / BATCH) - 1));
  stopWorkers(workers.slice(used.length));
  const runWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let held = 0;
      let done = false;
      const feed = () => {
        const batch = failed ? [] : take();
        if (batch.length) {
          held++;
          // Only what a worker needs: the callers' jobs may carry more (a project, with its catalogue).
          const request: WorkerRequest = {
            jobs: batch.map(({ index, path, text, bytes }) => ({ index, path, text, bytes })),
          };
          worker.postMessage(request);
        } else if (!held && !done) {
          done = true;
          worker.postMessage({ done: true } satisfies WorkerRequest);
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          void worker.terminate();
          reject((failed = new Error(`A worker thread failed: ${reply.error}`)));
          return;
        }
        held--;
        for (const r of reply.results) finish(r.index, r.problems);
        feed();
      });
      const state = early.get(worker);
      const ended = () => state?.error ?? new Error('A worker thread ended before its files were checked.');
      if (state?.exited) {
        reject((failed = ended()));
        return;
      }
      worker.on('error', (e) => reject((failed = e)));
      worker.on('exit', () => (done && !state?.error ? resolve() : reject((failed ??= ended()))));
      for (let k = 0; k < IN_FLIGHT; k++) feed();
    });
  const runHere = async () => {
    for (;;) {
      // Let the workers' replies in (and feed them) between two batches of this thread.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = failed ? [] : take();
      if (!batch.length) return;
      try {
        for (const job of batch) finish(job.index, checkHere(job));
      } catch (e) {
        // The workers stop at their next batch.
        throw (failed = e as Error);
      }
    }
  };
  await Promise.all([runHere(), ...used.map(runWorker)]);
}
