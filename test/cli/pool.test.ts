/**
 * The worker pool of `callflow check` (server/src/cli/pool.ts) with real worker threads running small
 * stand-in worker scripts: workers started before the files are read still check every file once, and a
 * worker that fails while loading (before the pool listens to it) fails the check instead of crashing
 * the process or leaving it waiting.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInWorkers, startWorkers, stopWorkers, type Job } from '../../server/src/cli/pool';
import type { Problem } from '../../server/src/service';

/** A worker that answers each file with one problem naming the thread, and exits when told it is done. */
const ECHO = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (request) => {
  if (request.done) return parentPort.close();
  parentPort.postMessage({
    results: request.jobs.map((job) => ({ index: job.index, problems: [{ message: job.path + '@' + threadId }] })),
  });
});
`;

function script(source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'callflow-pool-')), 'cli-worker.js');
  writeFileSync(path, source);
  return path;
}

function jobs(n: number): Job[] {
  return Array.from({ length: n }, (_, index) => ({ index, path: `f${index}`, text: '' }));
}

const here = (job: Job): Problem[] => [{ message: `${job.path}@main` } as Problem];

describe('cli: worker pool', function () {
  this.timeout(60_000);

  it('workers started early check their share; every file is checked exactly once', async () => {
    const workers = startWorkers(100, 3, script(ECHO), {});
    assert.equal(workers.length, 2);
    // The files are read meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seen = new Map<number, string[]>();
    await runInWorkers(jobs(100), workers, here, (index, problems) => {
      seen.set(index, [...(seen.get(index) ?? []), ...problems.map((p) => p.message)]);
    });
    assert.equal(seen.size, 100);
    for (const [index, messages] of seen) {
      assert.equal(messages.length, 1, `file ${index} once`);
      assert.match(messages[0], new RegExp(`^f${index}@(main|\\d+)$`));
    }
    const threads = new Set([...seen.values()].map(([m]) => m.split('@')[1]));
    assert.ok(threads.size >= 2, `more than one thread checked files: ${[...threads].join(', ')}`);
  });

  it('workers not needed (few files left after the cache) are stopped', async () => {
    const workers = startWorkers(100, 3, script(ECHO), {});
    const exits = workers.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    const seen: number[] = [];
    await runInWorkers(jobs(3), workers, here, (index) => seen.push(index));
    assert.deepEqual(seen.sort(), [0, 1, 2]);
    await Promise.all(exits);
  });

  it('a worker that fails while loading fails the check with its error', async () => {
    const workers = startWorkers(100, 2, script('throw new Error("the bundle is broken");'), {});
    // Long enough for the worker to fail before the pool listens to it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await assert.rejects(
      runInWorkers(jobs(40), workers, here, () => {}),
      /the bundle is broken/,
    );
    stopWorkers(workers);
  });

  it('… and the same when it fails after the pool took it', async () => {
    const workers = startWorkers(100, 2, script('throw new Error("the bundle is broken");'), {});
    await assert.rejects(
      runInWorkers(jobs(40), workers, here, () => {}),
      /the bundle is broken/,
    );
    stopWorkers(workers);
  });
});
