/**
 * The `callflow` command (dist/cli.js): loads the CLI bundle (dist/cli-main.js, built from main.ts)
 * through V8's code cache, kept per command (see node/code-cache.ts), and runs it. A later start skips
 * compiling the functions the last run of that command compiled. `callflow check`'s worker threads
 * start here too (pool.ts), to load the worker bundle through its own cache.
 */
import { join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { compileCacheFolder, loadBundle } from '../node/code-cache';
import type { WorkerData } from './pool';

const bundle = isMainThread ? undefined : (workerData as WorkerData | undefined)?.bundle;
if (bundle) loadBundle(bundle, 'worker', compileCacheFolder());
else {
  const command = process.argv[2];
  const cli = loadBundle(
    join(__dirname, 'cli-main.js'),
    command === 'check' || command === 'graph' || command === 'rules' ? command : 'other',
    compileCacheFolder(),
  );
  (cli as typeof import('./main')).runCommandLine();
}
