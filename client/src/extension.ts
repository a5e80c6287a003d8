/**
 * Extension entry: starts the Callflow language server (dist/server.js over IPC), the status item, the
 * commands, the preview and the rehearsal panel. The client never parses YAML: everything comes from the server.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatusNotification } from '../../server/src/shared/protocol';
import { registerCommands } from './commands';
import { registerCompare } from './compare';
// The preview hook: ./preview exports registerPreview(context, client) (the preview panel's module).
import { registerPreview } from './preview';
import { registerRehearsal, type RehearsalProbe } from './rehearsal';
import { registerRuns } from './runs';
import { serverSettings, watchRestartSettings } from './settings';
import { ServerStatus } from './status';
import { SERVER_EXEC_ARGV } from '../../server/src/shared/server-process';

let client: LanguageClient | undefined;

/** What `activate` returns: lets tests wait for the server. */
export interface CallflowApi {
  ready: Promise<void>;
  client: () => LanguageClient | undefined;
  /** The open rehearsal panel, for tests: its last run, what it shows, and keys pressed in it. */
  rehearsal: () => RehearsalProbe | undefined;
}

export function activate(context: vscode.ExtensionContext): CallflowApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  const languageClient = new LanguageClient(
    'callflow',
    'Callflow Language Server',
    serverOptions,
    clientOptions(),
  );
  return wireClient(context, languageClient);
}

/** What the desktop and the browser clients tell the language server. */
export function clientOptions(): LanguageClientOptions {
  return {
    // Scenarios, and their recorded runs (`*.runs.yaml`, a language of their own: see ./runs.ts).
    documentSelector: [{ language: 'callflow' }, { language: 'callflow-runs' }],
    initializationOptions: { settings: serverSettings() },
    // The server registers its own file watchers and pulls `callflow.*` settings.
  };
}

/**
 * Everything but the server's transport, shared by the desktop client and the browser one (./web.ts,
 * whose LanguageClient comes from vscode-languageclient/browser: same API).
 */
export function wireClient(context: vscode.ExtensionContext, languageClient: LanguageClient): CallflowApi {
  const status = new ServerStatus();
  client = languageClient;
  context.subscriptions.push(
    status,
    languageClient.onNotification(StatusNotification.type, (s) => status.update(s)),
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Stopped) status.stopped();
      else if (e.newState === State.Starting) status.starting();
    }),
  );
  const restart = async () => {
    status.starting();
    await languageClient.restart();
  };
  registerCommands(context, { client: () => client, restart });
  let rehearseFrom = (_uri: vscode.Uri, _stepId: string): void => undefined;
  const preview = registerPreview(context, languageClient, (uri, stepId) => rehearseFrom(uri, stepId));
  const rehearsal = registerRehearsal(context, languageClient, preview);
  rehearseFrom = (uri, stepId) => void rehearsal.openFrom(uri, stepId);
  registerRuns(context, languageClient, rehearsal, preview);
  registerCompare(context, languageClient);
  context.subscriptions.push(watchRestartSettings(restart));
  const ready = languageClient.start().catch((e: Error) => {
    status.stopped('Callflow: server failed to start');
    void vscode.window.showErrorMessage(`The Callflow language server failed to start: ${e.message}`);
  });
  return { ready, client: () => client, rehearsal: () => rehearsal.probe() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
