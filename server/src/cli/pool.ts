/**
 * Spreads checks over `node:worker_threads` (dist/cli-worker.js). Each worker creates its own service
 * (the schema is compiled once per worker) and loads projects the same way as the main thread; files are
 * handed out in small batches as workers become free, so a slow file does not hold up the rest.
 */
import { Worker } from 'node:worker_threads';
import type { Problem } from '../service/types';
import type { ProjectOptions } from './projects';

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

/** Checks the jobs in `threads` workers; `finish` is called once per job. */
export async function runInWorkers(
  jobs: Job[],
  threads: number,
  script: string,
  projectOptions: ProjectOptions,
  finish: (index: number, problems: Problem[]) => void,
): Promise<void> {
  let next = 0;
  const count = Math.max(1, Math.min(threads, Math.ceil(jobs.length / BATCH)));
  const data: WorkerData = { projectOptions };
  const runOne = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: data });
      const feed = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const batch = jobs.slice(next, next + BATCH);
        next += batch.length;
        worker.postMessage({ jobs: batch } satisfies WorkerRequest);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          void worker.terminate();
          reject(new Error(`A worker thread failed: ${reply.error}`));
          return;
        }
        for (const r of reply.results) finish(r.index, r.problems);
        feed();
      });
      worker.on('error', (e) => reject(e));
      feed();
    });
  await Promise.all(Array.from({ length: count }, runOne));
}
