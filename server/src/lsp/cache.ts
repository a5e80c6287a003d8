import type { ScenarioDocument, Problem, Project } from '../service';
/**
 * Parsed documents per (uri, revision), most recently used last, bounded: the service never stores
 * documents, so the server owns this cache. Each entry also keeps the document's problems once validated
 * (for code actions and the graph request).
 */

/** Parsed versions kept at most (a few per open file is plenty). */
export const CACHE_LIMIT = 32;

export interface CacheEntry {
  doc: ScenarioDocument;
  project?: Project;
  problems?: Problem[];
}

/** A bounded LRU map keyed by `uri@revision` (the document store counts revisions). */
export class DocumentCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly limit = CACHE_LIMIT) {}

  get(uri: string, version: number, parse: () => ScenarioDocument): CacheEntry {
    const key = `${uri}@${version}`;
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else entry = { doc: parse() };
    this.entries.set(key, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Removes and returns one version's entry (an incremental update consumes the previous version). */
  take(uri: string, version: number): CacheEntry | undefined {
    const key = `${uri}@${version}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  /** Drops every version of a document (on close). */
  delete(uri: string): void {
    for (const key of [...this.entries.keys()])
      if (key.slice(0, key.lastIndexOf('@')) === uri) this.entries.delete(key);
  }

  /** Forgets the project and problems of every entry (the config or catalogue changed). */
  resetProjects(): void {
    for (const e of this.entries.values()) {
      e.project = undefined;
      e.problems = undefined;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
