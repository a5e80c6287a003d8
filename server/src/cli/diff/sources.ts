/**
 * What `callflow diff` compares, from its arguments: two files (`OLD NEW`), or versions in git —
 * `REV -- path…` (REV against the work tree), `A B -- path…`, `A..B`, `A...B` (B against the merge base),
 * or a lone `REV` / nothing (HEAD) for every changed scenario against the work tree.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTextFileSync } from '../../node/read';
import { InputError, UsageError } from '../errors';
import { runsPathOf } from '../../service';
import { displayPath } from '../check';
import { changedScenarios, fromTop, isRevision, mergeBase, readAt, repoRoot, type Rev } from './git';

/** One file's two versions (undefined: the file is not there on that side). */
export interface Pair {
  /** The file as reports name it. */
  display: string;
  /** Where the new version is (or would be) on disk: the project is found from it. */
  path: string;
  oldText: string | undefined;
  newText: string | undefined;
  /** The sides in words, e.g. `HEAD~1` and `work tree`. */
  oldLabel: string;
  newLabel: string;
  /** The scenario's recorded runs (`*.runs.yaml` beside it) in the new version, when there are any. */
  runsText?: string;
}

function readFile(path: string): string {
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read ${path}: ${read.error}.`);
  return read.text;
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** The two revisions a revision argument names (undefined: the work tree). */
function revisions(args: string[], cwd: string): [Rev, Rev] {
  if (args.length === 0) return ['HEAD', undefined];
  const check = (rev: string) => {
    if (!isRevision(rev, cwd)) throw new UsageError(`"${rev}" is neither a file nor a git revision here.`);
    return rev;
  };
  if (args.length === 2) return [check(args[0]), check(args[1])];
  if (args.length > 2) throw new UsageError('`callflow diff` takes two files, or one or two git revisions.');
  const three = args[0].split('...');
  if (three.length === 2)
    return [mergeBase(check(three[0] || 'HEAD'), check(three[1] || 'HEAD'), cwd), three[1] || 'HEAD'];
  const two = args[0].split('..');
  if (two.length === 2) return [check(two[0] || 'HEAD'), check(two[1] || 'HEAD')];
  return [check(args[0]), undefined];
}

/** The old side in words: `merge base of main and HEAD` for `main...HEAD`, else the revision. */
function oldName(positionals: string[], rev: Rev): string {
  const [a, b] = positionals[0]?.split('...') ?? [];
  if (positionals.length === 1 && b !== undefined) return `merge base of ${a || 'HEAD'} and ${b || 'HEAD'}`;
  return rev ?? 'work tree';
}

/** The pairs to compare for the command line's positionals (`paths`: those after `--`). */
export function pairsOf(positionals: string[], paths: string[], cwd: string): Pair[] {
  if (!paths.length && positionals.length === 2 && positionals.every((p) => isFile(resolve(cwd, p)))) {
    const [a, b] = positionals.map((p) => resolve(cwd, p));
    const runs = runsPathOf(b);
    return [
      {
        ...(isFile(runs) ? { runsText: readFile(runs) } : {}),
        display: displayPath(b, cwd),
        path: b,
        oldText: readFile(a),
        newText: readFile(b),
        oldLabel: displayPath(a, cwd),
        newLabel: displayPath(b, cwd),
      },
    ];
  }
  const root = repoRoot(cwd);
  if (!root)
    throw new UsageError(
      positionals.length === 2
        ? `Cannot read ${positionals.find((p) => !isFile(resolve(cwd, p)))}: not a file, and this is not a git work tree.`
        : '`callflow diff` compares two files, or git revisions inside a git work tree.',
    );
  const [oldRev, newRev] = revisions(positionals, cwd);
  const given = paths.map((p) => fromTop(p, cwd, root));
  const files = given.filter((p) => /\.ya?ml$/.test(p));
  const folders = given.filter((p) => !/\.ya?ml$/.test(p));
  if (folders.length || !given.length)
    files.push(...changedScenarios(newRev === undefined ? [oldRev!] : [oldRev!, newRev], root, folders));
  return [...new Set(files)].map((p) => ({
    runsText: readAt(newRev, runsPathOf(p), root, readFile),
    display: displayPath(resolve(root, p), cwd),
    path: resolve(root, p),
    oldText: readAt(oldRev, p, root, readFile),
    newText: readAt(newRev, p, root, readFile),
    oldLabel: oldName(positionals, oldRev),
    newLabel: newRev ?? 'work tree',
  }));
}
