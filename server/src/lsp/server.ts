/**
 * The language server: transport and handlers only. Each handler finds the document, takes its parsed
 * version from the cache, calls the service and converts the result (convert.ts); all go through the
 * safe runner. Validation runs after an adaptive delay and publishes with the document version.
 */
import { performance } from 'node:perf_hooks';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeHost, ProjectCache } from '../node/project';
import { GraphRequest, StatusNotification, type StatusParams } from '../shared/protocol';
import { DocumentCache, type CacheEntry } from './cache';
import * as convert from './convert';
import { SLICED_FROM_STEPS, ValidationScheduler } from './diagnostics';
import { safeHandler, safeNotification, type Health, type Logger } from './safe';
import { DEFAULT_SETTINGS, normalizeSettings, resolveConfigPath, type ServerSettings } from './settings';
import { createScenarioService, type Project, type Problem, type TextChange } from '../service';

/** Lets the messages that arrived meanwhile be handled, then goes on. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Files whose change on disk re-checks the open scenarios. */
export const WATCHED_GLOBS = [
  '**/*.scenario.{yaml,yml}',
  '**/callflow.config.{yaml,yml}',
  '**/*.codes.{yaml,yml}',
];

/** Wires every handler onto a connection. */
export function startServer(connection: Connection): void {
  const logger: Logger = { error: (m) => connection.console.error(m), log: (m) => connection.console.log(m) };
  const health: Health = { failures: 0 };
  const service = createScenarioService(createNodeHost((m) => connection.console.log(m)));
  const projects = new ProjectCache(service);
  // Edits since the newest parsed version of each document, so the next parse can be incremental.
  const edits = new Map<string, { from: number; changes: TextChange[] }>();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
      edits.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (td, changes, version) => {
      const pending = edits.get(td.uri);
      if (pending) {
        for (const c of changes) {
          if ('range' in c) pending.changes.push({ range: c.range, text: c.text });
          else edits.delete(td.uri); // a whole-text change: parse afresh
        }
      }
      return TextDocument.update(td, changes, version);
    },
  });
  const cache = new DocumentCache();
  const scheduler = new ValidationScheduler((uri) => void validate(uri));
  // The newest check of each document: an older one still running in slices stops.
  const checks = new Map<string, number>();
  let checkCount = 0;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let rootUri: string | undefined;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  const projectProblemUris = new Set<string>();
  let lastStatus = '';

  const entryFor = (td: TextDocument): CacheEntry =>
    cache.get(td.uri, td.version, () => {
      const pending = edits.get(td.uri);
      const prev = pending ? cache.take(td.uri, pending.from) : undefined;
      edits.set(td.uri, { from: td.version, changes: [] });
      if (prev && pending) {
        // The editor's text is the truth; the update checks it against the changes it applied.
        return service.update(prev.doc, pending.changes, td.version, td.getText());
      }
      return service.parse(td.uri, td.getText(), td.version);
    });
  const projectFor = (uri: string): Project =>
    projects.loadProjectFor(uri, { configPath: resolveConfigPath(settings, rootUri) });
  const withDoc = <R>(uri: string, empty: R, fn: (entry: CacheEntry, td: TextDocument) => R): R => {
    const td = documents.get(uri);
    return td ? fn(entryFor(td), td) : empty;
  };
  const problemsOf = (entry: CacheEntry, uri: string): Problem[] => {
    entry.project ??= projectFor(uri);
    entry.problems ??= service.validate(entry.doc, entry.project);
    return entry.problems;
  };

  async function validate(uri: string): Promise<void> {
    const td = documents.get(uri);
    if (!td) return;
    const version = td.version;
    const check = ++checkCount;
    checks.set(uri, check);
    try {
      const entry = entryFor(td);
      entry.project ??= projectFor(uri);
      const started = performance.now();
      const token = {
        get isCancellationRequested() {
          return documents.get(uri)?.version !== version || checks.get(uri) !== check;
        },
      };
      const problems =
        entry.doc.steps.length >= SLICED_FROM_STEPS
          ? await service.validateInSlices(entry.doc, entry.project, token, pause)
          : service.validate(entry.doc, entry.project, token);
      if (!problems) return; // stopped for a newer version or check
      scheduler.record(uri, performance.now() - started);
      if (documents.get(uri)?.version !== version) return; // a newer version is on its way: drop this result
      entry.problems = problems;
      void connection.sendDiagnostics({
        uri,
        version,
        diagnostics: problems.map((p) => convert.toDiagnostic(p, uri)),
      });
      publishProjectProblems(entry.project);
      sendStatus(entry.project);
    } catch (e) {
      health.failures++;
      health.lastFailure = `validate: ${(e as Error)?.message}`;
      logger.error(`[validate] ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      sendStatus(undefined);
    } finally {
      if (checks.get(uri) === check) checks.delete(uri);
    }
  }

  function publishProjectProblems(project: Project): void {
    const byUri = new Map<string, Problem[]>();
    for (const p of project.problems) byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), p]);
    for (const uri of projectProblemUris)
      if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    projectProblemUris.clear();
    for (const [uri, problems] of byUri) {
      projectProblemUris.add(uri);
      void connection.sendDiagnostics({
        uri,
        diagnostics: problems.map((p) => convert.toDiagnostic(p, uri)),
      });
    }
  }

  function sendStatus(project: Project | undefined): void {
    const projectErrors = project?.problems.filter((p) => p.severity === 'error').length ?? 0;
    const status: StatusParams = {
      state: !project || projectErrors ? 'error' : health.failures ? 'warning' : 'ok',
      message: !project
        ? 'The server could not check this file (see the output)'
        : projectErrors
          ? `${projectErrors} problem${projectErrors === 1 ? '' : 's'} in the config or catalogue`
          : health.failures
            ? `${health.failures} internal error${health.failures === 1 ? '' : 's'} (see the output)`
            : project.catalogue.name,
      ...(project?.configUri ? { configUri: project.configUri } : {}),
      ...(project ? { catalogue: project.catalogue.name } : {}),
    };
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    void connection.sendNotification(StatusNotification.type, status);
  }

  function recheckAll(): void {
    projects.invalidate();
    cache.resetProjects();
    for (const td of documents.all()) scheduler.schedule(td.uri, true);
  }

  async function refreshSettings(pushed?: unknown): Promise<void> {
    if (canPullConfiguration)
      settings = normalizeSettings(await connection.workspace.getConfiguration({ section: 'callflow' }));
    else if (pushed !== undefined) settings = normalizeSettings((pushed as { callflow?: unknown })?.callflow);
  }

  connection.onInitialize((params): InitializeResult => {
    rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    settings = normalizeSettings(
      (params.initializationOptions as { settings?: unknown } | undefined)?.settings,
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', ':', '"', '['] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Callflow' },
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'callflow-language-server' },
    };
  });

  connection.onInitialized(
    safeNotification('initialized', logger, health, async () => {
      if (canPullConfiguration)
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'callflow' });
      if (canWatchFiles) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        });
      }
      await refreshSettings();
      recheckAll();
    }),
  );

  connection.onDidChangeConfiguration(
    safeNotification('didChangeConfiguration', logger, health, async (params) => {
      await refreshSettings(params.settings);
      recheckAll();
    }),
  );
  connection.onDidChangeWatchedFiles(
    safeNotification('didChangeWatchedFiles', logger, health, () => recheckAll()),
  );

  documents.onDidOpen((e) => scheduler.schedule(e.document.uri, true));
  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    edits.delete(e.document.uri);
    scheduler.forget(e.document.uri);
    cache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion(
    safeHandler('completion', logger, health, null, (params) =>
      withDoc(params.textDocument.uri, null, (entry, td) => {
        if (params.context?.triggerCharacter === ' ') {
          const before = td.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position,
          });
          if (!/[:,[{-] $/.test(before)) return null;
        }
        entry.project ??= projectFor(td.uri);
        const list = service.complete(entry.doc, params.position, entry.project);
        return { isIncomplete: list.incomplete, items: list.items.map(convert.toCompletionItem) };
      }),
    ),
  );
  connection.onHover(
    safeHandler('hover', logger, health, null, (params) =>
      withDoc(params.textDocument.uri, null, (entry, td) => {
        entry.project ??= projectFor(td.uri);
        return convert.toHover(service.hover(entry.doc, params.position, entry.project));
      }),
    ),
  );
  connection.onDocumentSymbol(
    safeHandler('documentSymbol', logger, health, [], (params) =>
      withDoc(params.textDocument.uri, [], (entry) =>
        service.symbols(entry.doc).map(convert.toDocumentSymbol),
      ),
    ),
  );
  connection.onFoldingRanges(
    safeHandler('foldingRange', logger, health, [], (params) =>
      withDoc(params.textDocument.uri, [], (entry) =>
        service.foldingRanges(entry.doc).map(convert.toFoldingRange),
      ),
    ),
  );
  connection.onDefinition(
    safeHandler('definition', logger, health, null, (params) =>
      withDoc(params.textDocument.uri, null, (entry, td) => {
        const range = service.definition(entry.doc, params.position);
        return range ? convert.toLocation(td.uri, range) : null;
      }),
    ),
  );
  connection.onReferences(
    safeHandler('references', logger, health, [], (params) =>
      withDoc(params.textDocument.uri, [], (entry, td) =>
        service
          .references(entry.doc, params.position, params.context.includeDeclaration)
          .map((r) => convert.toLocation(td.uri, r)),
      ),
    ),
  );
  connection.onDocumentHighlight(
    safeHandler('documentHighlight', logger, health, [], (params) =>
      withDoc(params.textDocument.uri, [], (entry) =>
        service.highlights(entry.doc, params.position).map(convert.toHighlight),
      ),
    ),
  );
  connection.onPrepareRename(
    safeHandler('prepareRename', logger, health, null, (params) =>
      withDoc(params.textDocument.uri, null, (entry) => {
        const r = service.prepareRename(entry.doc, params.position);
        if (!r) return null;
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return r;
      }),
    ),
  );
  connection.onRenameRequest(
    safeHandler('rename', logger, health, null, (params) =>
      withDoc(params.textDocument.uri, null, (entry, td) => {
        const r = service.rename(entry.doc, params.position, params.newName);
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return convert.toWorkspaceEdit(td.uri, r.edits);
      }),
    ),
  );
  connection.onCodeAction(
    safeHandler('codeAction', logger, health, [], (params) =>
      withDoc(params.textDocument.uri, [] as CodeAction[], (entry, td) => {
        const only = params.context.only;
        if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
        const actions: CodeAction[] = [];
        const seen = new Set<string>();
        for (const problem of problemsOf(entry, td.uri)) {
          const diagnostics = params.context.diagnostics.filter(
            (d) =>
              d.code === problem.ruleId &&
              d.range.start.line === problem.range.start.line &&
              d.range.start.character === problem.range.start.character,
          );
          for (const fix of service.codeActions(entry.doc, params.range, [problem])) {
            const key = fix.title + JSON.stringify(fix.edits);
            if (seen.has(key)) continue;
            seen.add(key);
            actions.push(convert.toCodeAction(fix, td.uri, diagnostics));
          }
        }
        return actions;
      }),
    ),
  );
  connection.onRequest(
    GraphRequest.type,
    safeHandler('graph', logger, health, null, (params) =>
      withDoc(params.uri, null, (entry, td) => {
        const problems = problemsOf(entry, td.uri);
        return service.graph(entry.doc, entry.project!, problems);
      }),
    ),
  );

  documents.listen(connection);
}
