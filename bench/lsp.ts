/**
 * A bare LSP client over stdio for the editor benchmark, the same for our server and the anchor: spawns
 * a server process, answers its requests (workspace/configuration from a settings object, capability
 * registrations, progress), records every publishDiagnostics with its arrival time, and waits for
 * conditions with a timeout. Every process it starts is killed when the benchmark exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { Waiters } from '../test/support/waiters';

const live = new Set<ChildProcess>();
function killAll(): void {
  for (const p of live) if (p.exitCode === null) p.kill('SIGKILL');
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });

export interface Published {
  at: number;
  params: PublishDiagnosticsParams;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  languageId: string;
  /** Settings by section, answered to workspace/configuration and sent with didChangeConfiguration. */
  settings: Record<string, unknown>;
  rootUri: string;
}

export class BenchClient {
  readonly published: Published[] = [];
  /** window/logMessage and window/showMessage texts, newest last (bounded). */
  readonly logs: string[] = [];
  syncKind = 2;
  private readonly waiters = new Waiters();
  stderr = '';

  private constructor(
    readonly spec: ServerSpec,
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(spec: ServerSpec): Promise<BenchClient> {
    const child = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(child);
    child.on('exit', () => live.delete(child));
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new BenchClient(spec, child, connection);
    child.stderr!.on('data', (d: Buffer) => (client.stderr = (client.stderr + d.toString()).slice(-4000)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push({ at: performance.now(), params: p });
      client.waiters.wake();
    });
    for (const m of ['window/logMessage', 'window/showMessage'])
      connection.onNotification(m, (p: { message: string }) => {
        client.logs.push(p.message);
        if (client.logs.length > 200) client.logs.shift();
      });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section !== undefined ? (spec.settings[i.section] ?? null) : spec.settings)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: spec.rootUri, name: 'bench' }]);
    connection.listen();
    const init = (await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: spec.rootUri,
        workspaceFolders: [{ uri: spec.rootUri, name: 'bench' }],
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
          },
        },
        initializationOptions: { settings: spec.settings.callflow ?? {} },
      }),
      60000,
      `${spec.name}: initialize`,
    )) as { capabilities: { textDocumentSync?: number | { change?: number } } };
    const sync = init.capabilities.textDocumentSync;
    client.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 2);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return client;
  }

  /** Resolves with the first truthy value of `probe`, checked now and after each diagnostics message. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return this.waiters.until(
      probe,
      timeoutMs,
      () => new Error(`${this.spec.name}: timed out after ${timeoutMs} ms waiting for ${what}`),
    );
  }

  /** The first publish for `uri` after index `since` (and with `version`, when given). */
  nextPublish(uri: string, since: number, timeoutMs: number, version?: number): Promise<Published> {
    return this.waitFor(
      () => {
        for (let k = since; k < this.published.length; k++) {
          const p = this.published[k];
          if (p.params.uri === uri && (version === undefined || p.params.version === version)) return p;
        }
        return undefined;
      },
      `diagnostics of ${uri}${version !== undefined ? ` v${version}` : ''}`,
      timeoutMs,
    );
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.spec.languageId, version, text },
    });
  }

  request<R>(method: string, params: unknown, timeoutMs: number): Promise<R> {
    return withTimeout(
      this.connection.sendRequest(method, params) as Promise<R>,
      timeoutMs,
      `${this.spec.name}: ${method}`,
    );
  }

  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakRssMiB(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 3000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // gone or stuck: killed below
    }
    this.connection.dispose();
    await new Promise((r) => setTimeout(r, 100));
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
