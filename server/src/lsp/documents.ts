/**
 * The open documents: the editor's text (its own text model, `vscode-languageserver-textdocument`), the
 * edits since the newest parse (so the next parse can be incremental) and the parsed versions.
 *
 * Parses are keyed by a revision the store counts itself, one per open or change, not by the client's
 * version number: a client that sends the same version twice must not be served the older parse.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, type CacheEntry } from './cache';
import type { Position, ScenarioService, TextChange } from '../service';

/** An open document at one revision. */
export interface OpenDocument {
  td: TextDocument;
  /** Counts every open and change of this uri in this process. */
  revision: number;
}

/** Edits applied since the parse of revision `from`. */
interface Pending {
  from: number;
  changes: TextChange[];
}

export class DocumentStore {
  readonly documents: TextDocuments<TextDocument>;
  private readonly cache = new DocumentCache();
  private readonly revisions = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private nextRevision = 1;

  constructor(private readonly service: ScenarioService) {
    this.documents = new TextDocuments<TextDocument>({
      create: (uri, languageId, version, content) => {
        this.pending.delete(uri);
        this.revisions.set(uri, this.nextRevision++);
        return TextDocument.create(uri, languageId, version, content);
      },
      update: (td, changes, version) => {
        const pending = this.pending.get(td.uri);
        if (pending) {
          for (const c of changes) {
            if ('range' in c) pending.changes.push({ range: c.range, text: c.text });
            else this.pending.delete(td.uri); // a whole-text change: parse afresh
          }
        }
        this.revisions.set(td.uri, this.nextRevision++);
        return TextDocument.update(td, changes, version);
      },
    });
  }

  /** Listens to the document notifications on a connection. */
  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  /** The open document of a uri, with its revision. */
  get(uri: string): OpenDocument | undefined {
    const td = this.documents.get(uri);
    return td ? { td, revision: this.revisions.get(uri) ?? 0 } : undefined;
  }

  /** The revision a uri is at now (0 when it is not open). */
  revision(uri: string): number {
    return this.documents.get(uri) ? (this.revisions.get(uri) ?? 0) : 0;
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The parsed document of an open document's revision (incremental from the last parse when it can be). */
  entry(open: OpenDocument): CacheEntry {
    // The text model is live: whatever revision a caller holds, the parse is of the text it has now.
    const { td } = open;
    const revision = this.revision(td.uri) || open.revision;
    return this.cache.get(td.uri, revision, () => {
      const pending = this.pending.get(td.uri);
      const prev = pending ? this.cache.take(td.uri, pending.from) : undefined;
      this.pending.set(td.uri, { from: revision, changes: [] });
      // The editor's text is the truth; the update checks it against the changes it applied.
      if (prev && pending) return this.service.update(prev.doc, pending.changes, td.version, td.getText());
      return this.service.parse(td.uri, td.getText(), td.version);
    });
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.pending.delete(uri);
    this.revisions.delete(uri);
    this.cache.delete(uri);
  }

  /** Forgets every document's project and problems (the config or catalogue changed). */
  resetProjects(): void {
    this.cache.resetProjects();
  }
}

/**
 * A position inside the document, as the editor's text model reads it: a line past the last means the
 * end of the text, a character past its line's end the line's end. The service sees only such positions
 * (a completion at line 2³¹−1 must not walk two billion lines).
 */
export function clampPosition(td: TextDocument, position: Position): Position {
  return td.positionAt(td.offsetAt(position));
}
