/**
 * Spreads checks over `node:worker_threads` (dist/cli-worker.js). Each worker creates its own service
 * (the schema is compiled once per worker) and loads projects the same way as the main thread; files are
 * handed out in small batches as workers become free, so a slow file does not hold up the rest.
 */
import { Worker } from 'node:worker_threads';
import type { ProjectOptions } from './projects';
import type { Problem } from '../service';

/** One file to check. */
export interface Job {
  index: number;
  path: string;
  text: string;
}

/** Main → worker. */
export type WorkerRequest = { jobs: Job[] };

/** Worker → main. */
export type WorkerReply = { results: { index: number; problems: Problem[] }[] } | { error: string };

/** The data a worker starts with. */
export interface WorkerData {
  projectOptions: ProjectOptions;
}

const BATCH = 8;

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
  const data: WorkerData = { projectOptions };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: data });
      const feed = () => {
        const batch = failed ? [] : take();
        if (!batch.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        // Only what a worker needs: the callers' jobs may carry more (a project, with its catalogue).
        const request: WorkerRequest = {
          jobs: batch.map(({ index, path, text }) => ({ index, path, text })),
        };
        worker.postMessage(request);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          void worker.terminate();
          reject((failed = new Error(`A worker thread failed: ${reply.error}`)));
          return;
        }
        for (const r of reply.results) finish(r.index, r.problems);
        feed();
      });
      worker.on('error', (e) => reject((failed = e)));
      feed();
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
