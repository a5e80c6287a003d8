/**
 * `--shard i/n`: the files of a run split deterministically over n jobs of a CI matrix. Files are taken
 * in path order and dealt out in turn (file k goes to shard k mod n + 1), so each shard gets the same
 * number of files within one and every file is checked by exactly one shard.
 */
import { UsageError } from './errors';

/** A shard of a run: 1-based index and count. */
export interface Shard {
  index: number;
  count: number;
}

/** Reads `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard needs i/n with 1 ≤ i ≤ n (for example 2/4), not "${text}".`);
  return { index, count };
}

/** The files of one shard (the input is sorted by path, as resolveFiles returns it). */
export function shardOf<T>(files: readonly T[], shard: Shard): T[] {
  return files.filter((_, k) => k % shard.count === shard.index - 1);
}
