/**
 * The `callflow` command (dist/cli.js): loads the CLI bundle (dist/cli-main.js, built from main.ts)
 * through V8's code cache, kept per command (see node/code-cache.ts), and runs it. A later start skips
 * compiling the functions the last run of that command compiled.
 */
import { join } from 'node:path';
import { compileCacheFolder, loadBundle } from '../node/code-cache';

const command = process.argv[2];
const cli = loadBundle(
  join(__dirname, 'cli-main.js'),
  command === 'check' || command === 'graph' || command === 'rules' ? command : 'other',
  compileCacheFolder(),
);
(cli as typeof import('./main')).runCommandLine();
