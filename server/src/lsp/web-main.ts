/**
 * Entry of the Callflow language server in the browser (bundled to dist/server-web.js, run in a web
 * worker by the web extension, client/src/web.ts). The connection is the worker's message port; files,
 * the config and the catalogue are read through the client (`callflow/readFiles`, ./web-host.ts).
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { ReadFilesRequest } from '../shared/protocol';
import { startServer } from './server';
import { createClientFsHost } from './web-host';

// The worker's own scope talks like a Worker (postMessage, message events): the DOM typings name it so.
const scope = self as unknown as Worker;

const connection = createConnection(
  ProposedFeatures.all,
  new BrowserMessageReader(scope),
  new BrowserMessageWriter(scope),
);
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) =>
  connection.console.error(`Unhandled rejection: ${(e.reason as Error)?.stack ?? String(e.reason)}`),
);
startServer(connection, (log) =>
  createClientFsHost((uris) => connection.sendRequest(ReadFilesRequest.type, { uris }), log),
);
connection.listen();
