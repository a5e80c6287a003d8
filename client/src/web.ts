/**
 * Extension entry in the browser (vscode.dev, github.dev; the `browser` entry of package.json, bundled to
 * dist/web.js): the language server runs in a web worker (dist/server-web.js) and reads the workspace
 * (config, catalogues, scenarios named by run files) through this client: `callflow/readFiles` is
 * answered with `vscode.workspace.fs`, whatever the workspace's scheme. The rest is the desktop client's
 * (./extension.ts, wireClient).
 */
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import type { LanguageClient as NodeLanguageClient } from 'vscode-languageclient/node';
import { MAX_WORKSPACE_FILE_BYTES, ReadFilesRequest } from '../../server/src/shared/protocol';
import { clientOptions, wireClient, type CallflowApi } from './extension';

export { deactivate } from './extension';

/** The text of a workspace file, or null when it is absent, not a file, too large or unreadable. */
async function readWorkspaceFile(uri: string): Promise<string | null> {
  try {
    const target = vscode.Uri.parse(uri, true);
    const stat = await vscode.workspace.fs.stat(target);
    if (!(stat.type & vscode.FileType.File) || stat.size > MAX_WORKSPACE_FILE_BYTES) return null;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  } catch {
    return null;
  }
}

/** The server bundle's text: fetched (an https extension uri, as on vscode.dev) or read through the editor. */
async function bundleText(bundle: vscode.Uri): Promise<string> {
  if (/^https?$/.test(bundle.scheme)) {
    const response = await fetch(bundle.toString(true));
    if (response.ok) return response.text();
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(bundle));
}

/**
 * The server's worker. A worker cannot be created from a `vscode-remote:` uri (code-server) nor from
 * another origin (vscode.dev's extension host), so when the plain form fails the bundle is started from
 * a blob holding its text.
 */
async function startWorker(context: vscode.ExtensionContext): Promise<Worker> {
  const bundle = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-web.js');
  try {
    return new Worker(bundle.toString(true));
  } catch {
    const url = URL.createObjectURL(new Blob([await bundleText(bundle)], { type: 'text/javascript' }));
    return new Worker(url);
  }
}

/**
 * The browser client with a restart: the server in a worker does not end on `exit`, and one that has shut
 * down refuses a new `initialize`, so a restart ends the worker and starts the server in a new one.
 */
class WorkerLanguageClient extends LanguageClient {
  constructor(
    options: LanguageClientOptions,
    private port: Worker,
    private readonly spawn: () => Promise<Worker>,
  ) {
    super('callflow', 'Callflow Language Server', options, port);
  }

  protected override createMessageTransports(): Promise<MessageTransports> {
    return Promise.resolve({
      reader: new BrowserMessageReader(this.port),
      writer: new BrowserMessageWriter(this.port),
    });
  }

  /** Stops the server, ends its worker and starts it again in a new one. */
  async restart(): Promise<void> {
    await this.stop().catch(() => undefined);
    this.port.terminate();
    this.port = await this.spawn();
    await this.start();
  }
}

/**
 * Activates once the worker exists and every command is registered: VS Code waits for this promise before
 * it runs the command that activated the extension (Open Preview before any scenario was opened, say).
 */
export async function activate(context: vscode.ExtensionContext): Promise<CallflowApi> {
  const spawn = () => startWorker(context);
  const languageClient = new WorkerLanguageClient(clientOptions(), await spawn(), spawn);
  context.subscriptions.push(
    languageClient.onRequest(ReadFilesRequest.type, ({ uris }) =>
      Promise.all((Array.isArray(uris) ? uris : []).map((u) => readWorkspaceFile(String(u)))),
    ),
  );
  // The browser client has the desktop client's API; its class is another, hence the cast.
  return wireClient(context, languageClient as unknown as NodeLanguageClient);
}
