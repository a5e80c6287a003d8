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

/** One file to check. */
export interface Job {
  index: number;
  path: string;
  text: string;
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
 * Checks the jobs in `threads` threads: this one (with `checkHere`) and `threads - 1` workers, all taking
 * batches from one queue. `finish` is called once per job. This thread checks one batch at a time and
 * then lets the workers' replies in, so they are fed while it works.
 */
export async function runInWorkers<J extends Job>(
  jobs: J[],
  threads: number,
  script: string,
  projectOptions: ProjectOptions,
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
  const workerCount = Math.max(0, Math.min(threads - 1, Math.ceil(jobs.length / BATCH) - 1));
  const entry = join(dirname(script), 'cli.js');
  const viaEntry = existsSync(entry);
  const data: WorkerData = { projectOptions, bundle: viaEntry ? script : undefined };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(viaEntry ? entry : script, { workerData: data });
      let held = 0;
      let done = false;
      const feed = () => {
        const batch = failed ? [] : take();
        if (batch.length) {
          held++;
          // Only what a worker needs: the callers' jobs may carry more (a project, with its catalogue).
          const request: WorkerRequest = {
            jobs: batch.map(({ index, path, text }) => ({ index, path, text })),
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
      worker.on('error', (e) => reject((failed = e)));
      worker.on('exit', () => resolve());
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
  await Promise.all([runHere(), ...Array.from({ length: workerCount }, runWorker)]);
}
