/**
 * A small typed LSP client for protocol tests: spawns the built server (dist/server.js --stdio), answers
 * the server's requests (workspace/configuration from `settings`, registrations), records diagnostics,
 * status notifications and logs, and waits for conditions (re-checked on every incoming message).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification, type StatusParams } from '../../server/src/shared/protocol';
import { Waiters } from './waiters';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  rootUri?: string;
  /** The `callflow` settings section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Node flags for the server process (the extension starts it with SERVER_EXEC_ARGV). */
  execArgv?: readonly string[];
}

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  /** How many times the server asked for the code lenses again. */
  lensRefreshes = 0;
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  settings: Record<string, unknown>;
  private readonly waiters = new Waiters();
  private stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  /** Starts the server and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspTestClient(child, connection, options);
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = client.diagnostics.get(p.uri) ?? [];
      list.push(p);
      client.diagnostics.set(p.uri, list);
      client.waiters.wake();
    });
    connection.onNotification(StatusNotification.type, (s) => {
      client.statuses.push(s);
      client.waiters.wake();
    });
    connection.onNotification('window/logMessage', (m: { message: string }) => {
      client.logs.push(m.message);
      client.waiters.wake();
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'callflow' ? client.settings : null)),
    );
    connection.onRequest(
      'client/registerCapability',
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        client.registrations.push(...p.registrations);
        client.waiters.wake();
        return null;
      },
    );
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.lensRefreshes++;
      client.waiters.wake();
      return null;
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          codeLens: { refreshSupport: true },
        },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
        },
      },
      initializationOptions: { settings: client.settings },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first truthy value of `probe`, checked now and after each incoming message. */
  waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 15000): Promise<T> {
    return this.waiters.until(
      probe,
      timeoutMs,
      () => new Error(`Timed out waiting for ${what}. Server stderr: ${this.stderr.slice(-2000)}`),
    );
  }

  /** The latest diagnostics for a uri, once one with `version` (or any, if undefined) has arrived. */
  async diagnosticsFor(uri: string, version?: number, since = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => {
        const list = (this.diagnostics.get(uri) ?? []).slice(since);
        const last = list[list.length - 1];
        return last && (version === undefined || last.version === version) ? last : undefined;
      },
      `diagnostics of ${uri}${version !== undefined ? ` v${version}` : ''}`,
    );
  }

  /** How many diagnostics notifications a uri has had. */
  published(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'callflow', version, text },
    });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** What the server wrote on stderr so far. */
  get stderrText(): string {
    return this.stderr;
  }

  get alive(): boolean {
    return this.process.exitCode === null && !this.process.killed;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
