/**
 * The `callflow` command (dist/cli.js): loads the CLI bundle (dist/cli-main.js, built from main.ts)
 * through V8's code cache, kept per command (see node/code-cache.ts), and runs it. A later start skips
 * compiling the functions the last run of that command compiled. `callflow check`'s worker threads
 * start here too (pool.ts), to load the worker bundle through its own cache.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { compileCacheFolder, loadBundle } from '../node/code-cache';
import type { WorkerData } from './pool';

// A check allocates a short-lived tree per file: V8 grows its young generation 2× at a time from 1 MB,
// so a run spends most of its collections copying one file's tree while the space is still small. 4×
// reaches the size the run needs in half as many steps: on 500 files × 200 steps the scavenges went
// from ~1,000 ms to ~130 ms. Set before any bundle is compiled, so every run (and its code cache, which
// V8 ties to the flags) sees the same flags; worker threads share them.
if (isMainThread) setFlagsFromString('--semi-space-growth-factor=4');

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
