/**
 * The worker-thread entry (dist/cli-worker.js): checks batches of files sent by the main thread with its
 * own service and project cache, and replies with the problems.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeHost, pathToUri } from '../node/project';
import { jobText, type WorkerData, type WorkerReply, type WorkerRequest } from './pool';
import { CliProjects } from './projects';
import { createScenarioService, type Problem } from '../service';

const service = createScenarioService(createNodeHost());
const projects = new CliProjects(service, (workerData as WorkerData).projectOptions);

parentPort?.on('message', (request: WorkerRequest) => {
  // The end: closing the port lets the thread exit on its own (and write its code cache, see bin.ts).
  if ('done' in request) {
    parentPort?.close();
    return;
  }
  try {
    const results: { index: number; problems: Problem[] }[] = request.jobs.map((job) => {
      const { project } = projects.forFile(job.path);
      const doc = service.parse(pathToUri(job.path), jobText(job));
      return { index: job.index, problems: service.validate(doc, project) };
    });
    parentPort?.postMessage({ results } satisfies WorkerReply);
  } catch (e) {
    parentPort?.postMessage({ error: (e as Error).stack ?? String(e) } satisfies WorkerReply);
  }
});
