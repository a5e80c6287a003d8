/**
 * Checks open documents and publishes their problems. A check of a large document runs in slices and
 * lets the editor's requests in between (see diagnostics.ts); a newer revision or a newer check of the
 * same document stops it at the next slice. Code actions and the graph ask for the problems of the
 * current revision: they share a check that is running for it, or run one the same way, so a request
 * on a big file never blocks the editor for a whole check.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { CacheEntry } from './cache';
import * as convert from './convert';
import { SLICED_FROM_STEPS, ValidationScheduler } from './diagnostics';
import type { DocumentStore, OpenDocument } from './documents';
import type { Health, Logger } from './safe';
import type { Problem, Project, ScenarioService } from '../service';
import { isRunFileUri } from '../shared/runs-protocol';

/** Lets the messages that arrived meanwhile be handled, then goes on (a web worker has no setImmediate). */
const pause =
  typeof setImmediate === 'function'
    ? () => new Promise<void>((resolve) => setImmediate(resolve))
    : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The parts of the server that the checker and the run files both work with. */
export interface ServerParts {
  connection: Connection;
  service: ScenarioService;
  store: DocumentStore;
  logger: Logger;
  health: Health;
  /** The project in force for a document. */
  projectFor(uri: string): Project;
}

/** What the checker needs from the server. */
export interface CheckerHost extends ServerParts {
  /** Resolves when what projectFor(uri) reads is at hand (the browser host fetches it); absent on Node. */
  prepare?: (uri: string) => Promise<void>;
  /** Called after each published check (for the status item); undefined when the check failed. */
  checked(project: Project | undefined): void;
}

interface Running {
  revision: number;
  id: number;
  result: Promise<Problem[] | undefined>;
}

export class Checker {
  readonly scheduler = new ValidationScheduler((uri) => void this.check(uri));
  private readonly running = new Map<string, Running>();
  private count = 0;
  private readonly projectProblemUris = new Set<string>();

  constructor(private readonly host: CheckerHost) {}

  /**
   * The problems of a document at its current revision: known ones, the result of a check running for
   * this revision, or a new check. Undefined when the document changed or closed meanwhile.
   */
  async problems(open: OpenDocument): Promise<Problem[] | undefined> {
    const uri = open.td.uri;
    const entry = this.host.store.entry(open);
    let started = false;
    for (;;) {
      if (entry.problems) return entry.problems;
      if (this.host.store.revision(uri) !== open.revision) return undefined;
      const running = this.running.get(uri);
      // A check of this revision that stopped for a newer one is followed; one that failed is not re-run.
      if (running?.revision !== open.revision) {
        if (started) return undefined;
        started = true;
        const problems = await this.check(uri);
        if (problems) return problems;
        continue;
      }
      const problems = await running.result;
      if (problems) return problems;
    }
  }

  /** Checks a document now and publishes its problems; undefined when stopped or failed. */
  check(uri: string): Promise<Problem[] | undefined> {
    const open = this.host.store.get(uri);
    if (!open) return Promise.resolve(undefined);
    const id = ++this.count;
    // Registered before it starts: the check's token asks whether it is still the newest.
    const running: Running = { revision: open.revision, id, result: Promise.resolve(undefined) };
    this.running.set(uri, running);
    running.result = this.run(open, id).finally(() => {
      if (this.running.get(uri)?.id === id) this.running.delete(uri);
    });
    return running.result;
  }

  private async run(open: OpenDocument, id: number): Promise<Problem[] | undefined> {
    const { store, service, logger, health } = this.host;
    const uri = open.td.uri;
    const current = () => store.revision(uri) === open.revision && this.running.get(uri)?.id === id;
    try {
      if (this.host.prepare && !store.entry(open).project) {
        await this.host.prepare(uri);
        if (!current()) return undefined;
      }
      const entry = store.entry(open);
      entry.project ??= this.host.projectFor(uri);
      const started = performance.now();
      const token = {
        get isCancellationRequested() {
          return !current();
        },
      };
      const sliced = entry.doc.steps.length >= SLICED_FROM_STEPS;
      const problems = sliced
        ? await service.validateInSlices(entry.doc, entry.project, token, pause)
        : service.validate(entry.doc, entry.project, token);
      if (!problems) return undefined; // stopped for a newer revision or check
      this.scheduler.record(uri, performance.now() - started, sliced);
      if (store.revision(uri) !== open.revision) return undefined; // a newer revision is on its way
      entry.problems = problems;
      this.publish(open, entry, problems);
      return problems;
    } catch (e) {
      health.failures++;
      health.lastFailure = `validate: ${(e as Error)?.message}`;
      logger.error(`[validate] ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      this.host.checked(undefined);
      return undefined;
    }
  }

  private publish(open: OpenDocument, entry: CacheEntry, problems: Problem[]): void {
    const { connection } = this.host;
    const uri = open.td.uri;
    void connection.sendDiagnostics({
      uri,
      version: open.td.version,
      diagnostics: problems.map((p) => convert.toDiagnostic(p, uri)),
    });
    this.publishProjectProblems(entry.project!);
    this.host.checked(entry.project);
  }

  /** The config's and catalogue's problems, on their own files. */
  private publishProjectProblems(project: Project): void {
    const { connection } = this.host;
    const byUri = new Map<string, Problem[]>();
    for (const p of project.problems) byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), p]);
    for (const uri of this.projectProblemUris)
      if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    this.projectProblemUris.clear();
    for (const [uri, problems] of byUri) {
      this.projectProblemUris.add(uri);
      void connection.sendDiagnostics({
        uri,
        diagnostics: problems.map((p) => convert.toDiagnostic(p, uri)),
      });
    }
  }

  /** A closed document: no check pending or running, its diagnostics cleared. */
  forget(uri: string): void {
    this.scheduler.forget(uri);
    this.running.delete(uri);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Checks every open document again (the config, a catalogue or the settings changed). */
  recheckAll(): void {
    for (const td of this.host.store.all()) if (!isRunFileUri(td.uri)) this.scheduler.schedule(td.uri, true);
  }
}
