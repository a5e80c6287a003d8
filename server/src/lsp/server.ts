/**
 * The language server: wires the parts onto a connection. The document store (documents.ts) keeps the
 * editor's text and the parses, the checker (checker.ts) checks and publishes, the handler table
 * (handlers.ts) answers requests; this file holds the settings, the project lookup, the status item and
 * the LSP lifecycle (requests before `initialize` or after `shutdown` are refused as the spec says).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { StatusNotification, WarmLayoutNotification, type StatusParams } from '../shared/protocol';
import { Checker } from './checker';
import { DocumentStore } from './documents';
import {
  registerHandlers,
  requestHandlers,
  type HandlerContext,
  type Lifecycle,
  type RequestHandler,
} from './handlers';
import { rehearseHandler } from './rehearse';
import { layoutHandler, layoutWarmer } from './layout';
import { diffHandler } from './diff';
import { isRunFileUri, routeRunFiles, RunFiles } from './runs';
import { safeNotification, type Health, type Logger } from './safe';
import type { ServerHost } from './host';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { createScenarioService, type Project } from '../service';

/** Files whose change on disk re-checks the open scenarios. */
export const WATCHED_GLOBS = [
  '**/*.scenario.{yaml,yml}',
  '**/callflow.config.{yaml,yml}',
  '**/*.codes.{yaml,yml}',
];

/** What the client told the server at `initialize`. */
interface ClientInfo {
  rootUri?: string;
  canPullConfiguration: boolean;
  canWatchFiles: boolean;
  /** The client asks again for code lenses when told (`workspace/codeLens/refresh`). */
  canRefreshLenses?: boolean;
}

const CAPABILITIES: InitializeResult['capabilities'] = {
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
  codeLensProvider: { resolveProvider: false },
};

/**
 * Wires every part onto a connection; returns the lifecycle (main.ts reads it when the input ends).
 * `makeHost` gives the files, config and catalogues: Node's file system (main.ts) or the editor's
 * workspace through the client (web-main.ts).
 */
export function startServer(
  connection: Connection,
  makeHost: (log: (message: string) => void) => ServerHost,
): Lifecycle {
  const logger: Logger = { error: (m) => connection.console.error(m), log: (m) => connection.console.log(m) };
  const health: Health = { failures: 0 };
  const lifecycle: Lifecycle = { state: 'starting' };
  const host = makeHost((m) => connection.console.log(m));
  const service = createScenarioService(host.files);
  const projects = host.projects(service);
  const store = new DocumentStore(service);
  const client: ClientInfo = { canPullConfiguration: false, canWatchFiles: false };
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const configUri = () => host.configUri(settings.configPath, client.rootUri);
  const projectFor = (uri: string): Project => projects.projectFor(uri, configUri());
  const prepare = projects.prepare && ((uri: string) => projects.prepare!(uri, configUri()));
  const status = statusSender(connection, health);
  const warmer = layoutWarmer(host.layouts);
  const checker = new Checker({
    connection,
    service,
    store,
    logger,
    health,
    projectFor,
    prepare,
    checked: (project) => {
      status(project);
      // The preview's layout process warms up after the first diagnostics are out, never before.
      warmer.checked();
    },
  });
  const context: HandlerContext = { service, store, checker, projectFor };
  const runFiles = new RunFiles({
    ...context,
    connection,
    logger,
    health,
    readFile: (uri) => host.files.readFile(uri),
    refreshLenses: () => {
      if (client.canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh');
    },
  });

  const recheck = () => {
    store.resetProjects();
    checker.recheckAll();
    runFiles.recheckAll();
  };
  const recheckAll = () => {
    projects.invalidate();
    recheck();
  };
  projects.onDidChange?.(recheck);
  const refreshSettings = async (pushed?: unknown) => {
    if (client.canPullConfiguration)
      settings = normalizeSettings(await connection.workspace.getConfiguration({ section: 'callflow' }));
    else if (pushed !== undefined) settings = normalizeSettings((pushed as { callflow?: unknown })?.callflow);
  };

  connection.onInitialize((params): InitializeResult => {
    client.rootUri = params?.workspaceFolders?.[0]?.uri ?? params?.rootUri ?? undefined;
    client.canPullConfiguration = !!params?.capabilities?.workspace?.configuration;
    client.canWatchFiles = !!params?.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.canRefreshLenses = !!params?.capabilities?.workspace?.codeLens?.refreshSupport;
    settings = normalizeSettings(
      (params?.initializationOptions as { settings?: unknown } | undefined)?.settings,
    );
    lifecycle.state = 'running';
    return { capabilities: CAPABILITIES, serverInfo: { name: 'callflow-language-server' } };
  });
  connection.onShutdown(() => {
    lifecycle.state = 'shut down';
    host.layouts?.dispose();
  });
  connection.onInitialized(
    safeNotification('initialized', logger, health, async () => {
      if (client.canPullConfiguration)
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'callflow' });
      if (client.canWatchFiles) {
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
      await refreshSettings(params?.settings);
      recheckAll();
    }),
  );
  connection.onNotification(
    WarmLayoutNotification.method,
    safeNotification('warmLayout', logger, health, () => warmer.wanted()),
  );
  connection.onDidChangeWatchedFiles(
    safeNotification('didChangeWatchedFiles', logger, health, () => recheckAll()),
  );

  // The preview's layouts, made ahead (after the check) once the user is known to open the preview.
  const layout = layoutHandler(context, host.layouts, logger.log);
  // Run files (`*.runs.yaml`) are checked against their scenario; a scenario's change re-checks them.
  const changed = (uri: string, opened: boolean) => {
    if (isRunFileUri(uri)) return runFiles.schedule(uri);
    checker.scheduler.schedule(uri, opened);
    runFiles.scenarioChanged(uri);
    if (warmer.isWanted) layout.prefetch(uri);
  };
  store.documents.onDidOpen((e) => changed(e.document.uri, true));
  store.documents.onDidChangeContent((e) => changed(e.document.uri, false));
  store.documents.onDidClose((e) => {
    store.forget(e.document.uri);
    if (isRunFileUri(e.document.uri)) return runFiles.forget(e.document.uri);
    checker.forget(e.document.uri);
    runFiles.scenarioChanged(e.document.uri);
  });

  // Further request handlers (one line each) join the table here.
  const handlers = routeRunFiles(
    [
      ...requestHandlers(context),
      rehearseHandler(context),
      diffHandler(context),
      layout,
      runFiles.recordHandler(),
      runFiles.coverageHandler(),
    ],
    runFiles.handlers(),
  );
  registerHandlers(
    connection,
    prepare ? handlers.map((h) => preparing(h, store, prepare)) : handlers,
    lifecycle,
    logger,
    health,
  );
  store.listen(gated(connection, lifecycle, logger));
  return lifecycle;
}

/**
 * A handler that first makes sure the project of its document is at hand (the browser host fetches the
 * config and catalogue through the client), so the first completion or hover after opening a scenario
 * or restarting the server uses the force's catalogue, as the check does.
 */
function preparing(
  h: RequestHandler,
  store: DocumentStore,
  prepare: (uri: string) => Promise<void>,
): RequestHandler {
  return {
    ...h,
    run: async (params, token) => {
      const p = params as { textDocument?: { uri?: unknown }; uri?: unknown } | undefined;
      const uri = p?.textDocument?.uri ?? p?.uri;
      const open = typeof uri === 'string' ? store.get(uri) : undefined;
      if (open && !store.entry(open).project) await prepare(open.td.uri);
      return h.run(params, token);
    },
  };
}

/** Sends the status item's state when it changes: the catalogue in force, or what is wrong. */
function statusSender(connection: Connection, health: Health): (project: Project | undefined) => void {
  let last = '';
  return (project) => {
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
    if (key === last) return;
    last = key;
    void connection.sendNotification(StatusNotification.type, status);
  };
}

/**
 * The connection as the document store sees it: document notifications that arrive before `initialize`
 * are dropped, as the spec asks, and so are notifications without a document (logged in one line: a
 * notification cannot be answered).
 */
function gated(connection: Connection, lifecycle: Lifecycle, logger: Logger): Connection {
  return new Proxy(connection, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || !/^on(Did|Will)\w*TextDocument/.test(key) || typeof value !== 'function')
        return value;
      return (handler: (...args: unknown[]) => unknown) =>
        (value as (h: unknown) => unknown).call(target, (...args: unknown[]) => {
          if (lifecycle.state === 'starting') return undefined;
          const params = args[0] as { textDocument?: { uri?: unknown } } | undefined;
          if (typeof params?.textDocument?.uri !== 'string') {
            logger.log(`[${key}] ignored: the notification names no document.`);
            return undefined;
          }
          return handler(...args);
        });
    },
  });
}
