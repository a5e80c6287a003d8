import type { ScenarioDocument, Problem, Project } from '../service';
/**
 * The newest parse of each open document, and nothing older: the service never stores documents, so
 * the server owns this cache. Requests and checks only ever read the current revision, and an
 * incremental parse starts from the newest one, so an older parse is garbage (a 50,000-step scenario
 * parses to about 130 MB: keeping the last 32 revisions of one after whole-text changes grew the server
 * by 230 MB a change). Each entry also keeps the document's project and problems once checked.
 */

export interface CacheEntry {
  doc: ScenarioDocument;
  project?: Project;
  problems?: Problem[];
}

/** One entry per uri: the parse of its newest parsed revision. */
export class DocumentCache {
  private readonly entries = new Map<string, { revision: number; entry: CacheEntry }>();

  /** The entry of a revision: the cached one, or `parse()` (which may `take` the older one first). */
  get(uri: string, revision: number, parse: () => ScenarioDocument): CacheEntry {
    const known = this.entries.get(uri);
    if (known?.revision === revision) return known.entry;
    const entry: CacheEntry = { doc: parse() };
    this.entries.set(uri, { revision, entry });
    return entry;
  }

  /** Removes and returns the entry of a revision (an incremental update consumes its document). */
  take(uri: string, revision: number): CacheEntry | undefined {
    const known = this.entries.get(uri);
    if (known?.revision !== revision) return undefined;
    this.entries.delete(uri);
    return known.entry;
  }

  /** Drops a document (on close). */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Forgets the project and problems of every entry (the config or catalogue changed). */
  resetProjects(): void {
    for (const { entry } of this.entries.values()) {
      entry.project = undefined;
      entry.problems = undefined;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
