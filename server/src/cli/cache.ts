/**
 * `--cache`: results of unchanged files are reused, like ESLint's cache. An entry is valid when the hash
 * of the file's content, its project (config text, catalogue texts, rule levels) and the tool (version
 * and build) are all what they were; anything else re-checks the file. The cache is one JSON file,
 * written atomically; an unreadable or foreign cache file is ignored and replaced.
 */
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readTextFileSync } from '../node/read';
import type { Problem } from '../service';

const FORMAT = 1;
/** A cache file larger than this is not read (the run starts with an empty cache). */
const CACHE_LIMIT_BYTES = 512 * 1024 * 1024;

interface CacheFile {
  format: number;
  tool: string;
  entries: Record<string, { key: string; problems: Problem[] }>;
}

/** The key of one file's result. */
export function entryKey(text: string, projectKey: string): string {
  return createHash('sha256').update(projectKey).update('\0').update(text).digest('hex');
}

/** A loaded cache; `save()` writes back only what was used or added in this run. */
export class ResultCache {
  private readonly old: CacheFile['entries'];
  private readonly next: CacheFile['entries'] = {};
  hits = 0;

  private constructor(
    private readonly location: string,
    private readonly tool: string,
    old: CacheFile['entries'],
  ) {
    this.old = old;
  }

  /** Opens the cache at `location` for this tool build (a wrong format or tool starts empty). */
  static open(location: string, tool: string): ResultCache {
    let entries: CacheFile['entries'] = {};
    try {
      // Only a regular file (a cache location could name a FIFO or a device), of a bounded size.
      const read = readTextFileSync(location, CACHE_LIMIT_BYTES);
      if ('error' in read) throw new Error(read.error);
      const data = JSON.parse(read.text) as Partial<CacheFile>;
      if (data.format === FORMAT && data.tool === tool && data.entries && typeof data.entries === 'object')
        entries = data.entries;
    } catch {
      /* no cache yet, or not ours */
    }
    return new ResultCache(location, tool, entries);
  }

  /** The cached problems of a file, when its key still matches. */
  get(path: string, key: string): Problem[] | undefined {
    const e = this.old[path];
    if (!e || e.key !== key) return undefined;
    this.next[path] = e;
    this.hits++;
    return e.problems;
  }

  set(path: string, key: string, problems: Problem[]): void {
    this.next[path] = { key, problems };
  }

  /** Writes the cache; returns why it could not be written (an unwritable location), or undefined. */
  trySave(): string | undefined {
    try {
      this.save();
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
      return `cannot write ${this.location}: ${why}.`;
    }
  }

  /** Writes the cache (entries of files not seen in this run are kept). */
  save(): void {
    const entries = { ...this.old, ...this.next };
    const data: CacheFile = { format: FORMAT, tool: this.tool, entries };
    const tmp = `${this.location}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    try {
      renameSync(tmp, this.location);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}
