/**
 * Entry of the Callflow language server (bundled to dist/server.js). The transport comes from the
 * command line (`--stdio`, `--node-ipc` or `--socket=N`), as vscode-languageserver reads it.
 *
 * Over stdio, a message whose framing cannot be read (a missing or lying `Content-Length`, a body that
 * is not JSON) leaves the stream at an unknown place: nothing after it can be trusted, so the server
 * exits (code 1) and the client restarts it, instead of staying alive and never answering again.
 */
import { inspect } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { createNodeServerHost } from '../node/server-host';
import { startServer } from './server';

function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  reader.onError((e) => {
    process.stderr.write(
      `callflow-language-server: unreadable message, exiting: ${e?.message ?? String(e)}\n`,
    );
    process.exit(1);
  });
  // stdout carries the protocol: console output goes to the client's log instead (as the library does
  // when it opens stdio itself).
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(text(args));
  return connection;
}

const stdio = process.argv.includes('--stdio');
const connection = stdio ? stdioConnection() : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e?.stack ?? String(e)}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`Unhandled rejection: ${(e as Error)?.stack ?? String(e)}`),
);
const lifecycle = startServer(connection, createNodeServerHost);
if (stdio) {
  // The client closed our input: no one is left to answer.
  const end = () => process.exit(lifecycle.state === 'shut down' ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
}
connection.listen();
