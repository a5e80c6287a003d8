/**
 * Which run files `callflow test` replays, from its paths, folders and globs:
 * - a folder is searched for `*.runs.yaml` (node_modules and .git never);
 * - a file named `*.runs.yaml` (or any file named outright that is not a scenario) is a run file;
 * - a scenario file (`*.scenario.yaml`) stands for the run file beside it, when there is one;
 * - a glob is expanded relative to the working directory and keeps its run files.
 * An argument that names no run file is reported (exit 2) while the others are still tested.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tinyglobby = require('tinyglobby');
import { RUNS_SUFFIX, runsPathOf } from '../../service';
import { InputError } from '../errors';
import { toPosix } from '../files';
import type { Unreadable } from '../check';

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** What the paths name: run files, and the scenario files in the folders searched (for coverage). */
export interface Found {
  runFiles: string[];
  scenarios: string[];
}

const sorted = (set: Set<string>) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The run files (and the scenarios in the folders searched), absolute, sorted, without duplicates;
 * failures are recorded per argument.
 */
export async function findRunFiles(
  args: readonly string[],
  cwd: string,
  failures: Unreadable[],
): Promise<Found> {
  const found = new Set<string>();
  const scenarios = new Set<string>();
  for (const arg of args)
    try {
      const before = found.size;
      await findOne(arg, cwd, found, scenarios);
      if (found.size === before && !isRunFile(arg))
        throw new InputError(
          `No recorded runs (*${RUNS_SUFFIX}) in ${arg === '.' ? 'the current folder' : arg}.`,
        );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      failures.push({ display: arg, message: e.message });
    }
  return { runFiles: sorted(found), scenarios: sorted(scenarios) };
}

function isRunFile(path: string): boolean {
  return path.endsWith(RUNS_SUFFIX);
}

async function findOne(arg: string, cwd: string, found: Set<string>, scenarios: Set<string>): Promise<void> {
  const path = resolve(cwd, arg);
  if (!existsSync(path) && tinyglobby.isDynamicPattern(arg)) {
    const matches = await tinyglobby.glob(arg, { cwd, absolute: true, ignore: IGNORE, onlyFiles: true });
    if (!matches.length) throw new InputError(`No files matched the pattern "${arg}".`);
    for (const m of matches) addFile(resolve(m), found, false);
    return;
  }
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(`No such file or folder: ${arg}`);
  }
  if (stats.isDirectory()) {
    const matches = await tinyglobby.glob(`**/*${RUNS_SUFFIX}`, {
      cwd: toPosix(path),
      absolute: true,
      ignore: IGNORE,
      onlyFiles: true,
    });
    for (const m of matches) found.add(resolve(m));
    const inFolder = await tinyglobby.glob(['**/*.scenario.yaml', '**/*.scenario.yml'], {
      cwd: toPosix(path),
      absolute: true,
      ignore: IGNORE,
      onlyFiles: true,
    });
    for (const m of inFolder) scenarios.add(resolve(m));
  } else if (stats.isFile()) addFile(path, found, true);
  else throw new InputError(`Cannot read ${arg}: it is neither a file nor a folder.`);
}

/** A file found: a run file as is, a scenario for its run file; any other file only when named outright. */
function addFile(path: string, found: Set<string>, named: boolean): void {
  if (isRunFile(path)) found.add(path);
  else if (/\.scenario\.ya?ml$/.test(path)) {
    const runs = runsPathOf(path.replace(/\.yml$/, '.yaml'));
    if (existsSync(runs)) found.add(runs);
  } else if (named) found.add(path);
}
