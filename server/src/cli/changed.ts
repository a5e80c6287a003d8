/**
 * `--changed-since REF`: only the scenarios that changed since a git revision (committed, staged, in the
 * working tree, or new and not ignored), read through `git` itself; plus every scenario whose config or
 * catalogue changed, since its problems may have too.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { uriToPath } from '../node/project';
import { InputError, UsageError } from './errors';
import type { CliProjects } from './projects';

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new InputError(`--changed-since needs git: ${r.error.message}.`);
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n')[0] || `git exited with ${r.status}`;
    throw new InputError(`git ${args.join(' ')}: ${why}`);
  }
  return r.stdout;
}

/** Absolute paths of the files changed since `ref` (and untracked files). */
export function changedFiles(ref: string, cwd: string): Set<string> {
  if (!ref || ref.startsWith('-'))
    throw new UsageError(`--changed-since needs a git revision, not "${ref}".`);
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const names = [
    ...git(['diff', '--name-only', '-z', '--no-renames', ref, '--'], top).split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0'),
  ].filter(Boolean);
  return new Set(names.map((n) => resolve(top, n)));
}

/** The files among `files` that changed, or whose config or catalogue changed. */
export function keepChanged(files: readonly string[], changed: Set<string>, projects: CliProjects): string[] {
  return files.filter((file) => {
    if (changed.has(file)) return true;
    const { project } = projects.forFile(file);
    const sources = [project.configUri, ...project.catalogue.sources]
      .filter((s): s is string => !!s)
      .map((s) => uriToPath(s) ?? s);
    return sources.some((s) => changed.has(resolve(s)));
  });
}
