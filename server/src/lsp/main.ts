/**
 * Entry of the Callflow language server (bundled to dist/server.js). The transport comes from the
 * command line (`--stdio`, `--node-ipc` or `--socket=N`), as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e?.stack ?? String(e)}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`Unhandled rejection: ${(e as Error)?.stack ?? String(e)}`),
);
startServer(connection);
connection.listen();
