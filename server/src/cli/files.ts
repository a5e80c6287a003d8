/**
 * From the command line's paths, folders and globs to the list of scenario files to check.
 * - a file is checked as named, whatever its name;
 * - a folder is searched for scenario files: each file found must match the `files` globs of the config
 *   in force for it (relative to that config's folder), or the default globs (relative to the folder);
 * - a glob is expanded relative to the working directory;
 * node_modules and .git are never searched. Every failure is an InputError naming the argument.
 */
import { lstatSync, opendirSync, statSync, type Stats } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
// `require` so that esbuild bundles tinyglobby's CommonJS build (its ES build needs `import.meta.url`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tinyglobby = require('tinyglobby');
import { uriToPath } from '../node/project';
import { InputError } from './errors';
import type { CliProjects } from './projects';
import { DEFAULT_FILE_GLOBS } from '../service';

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** A path with forward slashes, as globs and reports use. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** True when the argument is a glob rather than a path. */
export function isGlob(arg: string): boolean {
  return picomatch.scan(arg).isGlob;
}

function statOf(path: string, arg: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    let dangling = false;
    try {
      dangling = lstatSync(path).isSymbolicLink();
    } catch {
      /* not there at all */
    }
    if (dangling)
      throw new InputError(`Cannot read ${arg}: it is a symbolic link to a file that does not exist.`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`No such file or folder: ${arg}`);
    throw new InputError(`Cannot read ${arg}: ${(e as Error).message}`);
  }
}

/** A folder that cannot be listed is reported as such (not as a folder without scenario files). */
function readableFolder(path: string, arg: string): void {
  try {
    opendirSync(path).closeSync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
    throw new InputError(`Cannot read the folder ${arg}: ${why}.`);
  }
}

/** An argument that named nothing to check, and why (reported while the rest is checked). */
export interface Unresolved {
  /** The argument as given. */
  arg: string;
  message: string;
}

/**
 * Absolute paths of the files to check, sorted and without duplicates. Without `failures`, the first
 * argument that names nothing readable ends the run (an InputError); with it, that argument is recorded
 * there and the others are still resolved.
 */
export async function resolveFiles(
  args: readonly string[],
  cwd: string,
  projects: CliProjects,
  failures?: Unresolved[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    if (!failures) await resolveOne(arg, cwd, projects, found);
    else
      try {
        await resolveOne(arg, cwd, projects, found);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failures.push({ arg, message: e.message });
      }
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function resolveOne(
  arg: string,
  cwd: string,
  projects: CliProjects,
  found: Set<string>,
): Promise<void> {
  {
    if (isGlob(arg)) {
      const matches = await tinyglobby.glob(arg, { cwd, absolute: true, ignore: IGNORE, onlyFiles: true });
      if (!matches.length) throw new InputError(`No files matched the pattern "${arg}".`);
      for (const m of matches) found.add(resolve(m));
      return;
    }
    const path = resolve(cwd, arg);
    const stats = statOf(path, arg);
    if (stats.isDirectory()) {
      readableFolder(path, arg);
      const inFolder = await searchFolder(path, projects);
      if (!inFolder.length)
        throw new InputError(
          `No scenario files in the folder ${arg} (looked for ${DEFAULT_FILE_GLOBS.join(', ')} or the config's \`files\`).`,
        );
      for (const f of inFolder) found.add(f);
    } else if (stats.isFile()) found.add(path);
    else throw new InputError(`Cannot read ${arg}: it is neither a file nor a folder.`);
  }
}

/** The scenario files in a folder, each matched against the globs of the config in force for it. */
async function searchFolder(dir: string, projects: CliProjects): Promise<string[]> {
  // A superset first: the default globs plus the file-name part of every config's globs anywhere below.
  const configs = await tinyglobby.glob(['**/callflow.config.yaml', '**/callflow.config.yml'], {
    cwd: dir,
    absolute: true,
    ignore: IGNORE,
  });
  const patterns = new Set(DEFAULT_FILE_GLOBS);
  const probe = projects.forFile(resolve(dir, '__probe__')).project;
  const globsSeen = [
    probe.config.files,
    ...configs.map((c) => projects.forFile(resolve(dirname(c), '__probe__')).project.config.files),
  ];
  for (const globs of globsSeen) for (const g of globs) patterns.add(`**/${lastSegment(g)}`);
  const candidates = await tinyglobby.glob([...patterns], {
    cwd: dir,
    absolute: true,
    ignore: IGNORE,
    onlyFiles: true,
  });
  const matchers = new Map<string, (path: string) => boolean>();
  return candidates
    .map((c) => resolve(c))
    .filter((file) => {
      const { project } = projects.forFile(file);
      const configPath = project.configUri ? uriToPath(project.configUri) : undefined;
      let base = configPath ? dirname(configPath) : dir;
      let rel = relative(base, file);
      if (rel.startsWith('..')) {
        base = dir;
        rel = relative(dir, file);
      }
      const globs = configPath ? project.config.files : DEFAULT_FILE_GLOBS;
      const key = globs.join('\0');
      let match = matchers.get(key);
      if (!match) {
        match = picomatch(globs, { dot: false });
        matchers.set(key, match);
      }
      return match(toPosix(rel));
    });
}

function lastSegment(pattern: string): string {
  const parts = pattern.split('/').filter(Boolean);
  const last = parts[parts.length - 1] ?? '*';
  return last === '**' ? '*' : last;
}
