/**
 * The old and new versions `callflow diff` compares, read through `git` itself (`git show REV:path`,
 * `git diff --name-only`), never by reading `.git`: worktrees, packed refs, partial clones and
 * `safe.directory` all behave as they do for the user's own git commands.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../errors';

/** Largest blob read from git (as for files: 20 MB). */
const MAX_BUFFER = 20 * 1024 * 1024;

function git(args: string[], cwd: string): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER });
  if (r.error) throw new InputError(`Cannot run git: ${r.error.message}.`);
  return { ok: r.status === 0, out: r.stdout ?? '', err: (r.stderr ?? '').trim() };
}

/** The top of the work tree `cwd` is in, or undefined outside one. */
export function repoRoot(cwd: string): string | undefined {
  const r = git(['rev-parse', '--show-toplevel'], cwd);
  return r.ok ? r.out.trim() : undefined;
}

/** True when `rev` names a commit in the repository at `cwd`. */
export function isRevision(rev: string, cwd: string): boolean {
  if (rev.startsWith('-')) return false;
  return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).ok;
}

/** A file's text at a revision (path relative to the repository's top), or undefined when it is not there. */
export function showAt(rev: string, path: string, root: string): string | undefined {
  const r = git(['show', `${rev}:${path}`], root);
  return r.ok ? r.out : undefined;
}

/** The merge base of two revisions (`A...B` compares B with it). */
export function mergeBase(a: string, b: string, cwd: string): string {
  const r = git(['merge-base', a, b], cwd);
  if (!r.ok) throw new InputError(`git merge-base ${a} ${b} failed: ${r.err || 'no common ancestor'}.`);
  return r.out.trim();
}

const SCENARIO = /\.scenario\.ya?ml$/;

/** Scenario files that differ between `revs` (one revision: against the work tree), relative to the top. */
export function changedScenarios(revs: string[], root: string, limit: string[] = []): string[] {
  const r = git(['diff', '--name-only', '--no-renames', '-z', ...revs, '--', ...limit], root);
  if (!r.ok) throw new InputError(`git diff ${revs.join(' ')} failed: ${r.err}.`);
  return r.out.split('\0').filter((p) => SCENARIO.test(p));
}

/** One side of a comparison: a revision (undefined: the work tree). */
export type Rev = string | undefined;

/** Reads a file (relative to the top) at a revision or in the work tree; undefined when absent. */
export function readAt(
  rev: Rev,
  path: string,
  root: string,
  readFile: (p: string) => string,
): string | undefined {
  if (rev !== undefined) return showAt(rev, path, root);
  const full = join(root, path);
  return existsSync(full) ? readFile(full) : undefined;
}

/** A path given on the command line, relative to the repository's top. */
export function fromTop(path: string, cwd: string, root: string): string {
  return relative(root, resolve(cwd, path)).split('\\').join('/');
}
