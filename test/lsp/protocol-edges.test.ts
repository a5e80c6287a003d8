import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient, SERVER } from '../support/lsp-client';
import { MINIMAL_SCENARIO } from '../support/scenarios';

// Protocol edges an independent fuzz found: each test drives the built server over stdio.

const SCENARIO = MINIMAL_SCENARIO;

let n = 0;
const uniqueUri = () => `file:///virtual/edge-${++n}.scenario.yaml`;

/** What a user sees of diagnostics: code, message and range, in order. */
const seen = (d: PublishDiagnosticsParams) =>
  d.diagnostics.map((x) => `${x.code} ${x.range.start.line}:${x.range.start.character} ${x.message}`);

/** A server process with a protocol connection and no handshake yet. */
function rawServer(): {
  child: ChildProcess;
  connection: ProtocolConnection;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.listen();
  return { child, connection, exited };
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  ]);

describe('language server protocol: edges', function () {
  this.timeout(60000);
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
  });
  after(async () => client?.stop());

  const MESSAGES = [
    // The first edit is past its line's end: the editor puts it before the line break.
    [
      { range: { start: { line: 6, character: 40 }, end: { line: 6, character: 40 } }, text: ' # c' },
      { range: { start: { line: 10, character: 13 }, end: { line: 10, character: 13 } }, text: 'x' },
    ],
    // Past the last line, and a reversed range.
    [
      { range: { start: { line: 99, character: 0 }, end: { line: 99, character: 5 } }, text: '# tail\n' },
      { range: { start: { line: 3, character: 13 }, end: { line: 3, character: 7 } }, text: 'answer' },
    ],
  ];
  MESSAGES.forEach((contentChanges, k) => {
    it(`checks the text the editor has after a message of hostile edits (${k + 1})`, async () => {
      const uri = uniqueUri();
      await client.open(uri, SCENARIO, 1);
      await client.diagnosticsFor(uri, 1);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges,
      });
      const editorText = TextDocument.update(
        TextDocument.create(uri, 'callflow', 1, SCENARIO),
        contentChanges,
        2,
      ).getText();
      const fresh = uniqueUri();
      await client.open(fresh, editorText, 1);
      assert.deepEqual(
        seen(await client.diagnosticsFor(uri, 2)),
        seen(await client.diagnosticsFor(fresh, 1)),
      );
    });
  });

  it('answers requests at line 2³¹−1 as at the end of the document (clamped before the service sees them)', async function () {
    // Unclamped, these took 15–31 s (a walk down every line to 0): the test's own timeout catches that.
    this.timeout(10000);
    const uri = uniqueUri();
    const text = SCENARIO.replace('next: done', 'next: ');
    await client.open(uri, text, 1);
    await client.diagnosticsFor(uri, 1);
    const lines = text.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/definition']) {
      const far = await client.request(method, {
        textDocument: { uri },
        position: { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      });
      const atEnd = await client.request(method, { textDocument: { uri }, position: end });
      assert.deepEqual(far, atEnd, method);
    }
  });

  it('never serves the older parse when a version number comes again', async () => {
    const uri = uniqueUri();
    await client.open(uri, SCENARIO, 1);
    await client.diagnosticsFor(uri, 1);
    const renamed = SCENARIO.replace(/answer/g, 'greet');
    await client.change(uri, renamed, 1);
    const symbols = await client.request<
      { name: string; children?: { name: string; children?: { name: string }[] }[] }[]
    >('textDocument/documentSymbol', { textDocument: { uri } });
    assert.match(JSON.stringify(symbols), /greet/);
    assert.doesNotMatch(JSON.stringify(symbols), /answer/);
  });

  it('answers missing or ill-typed params with InvalidParams, and logs no internal error', async () => {
    const uri = uniqueUri();
    await client.open(uri, SCENARIO, 1);
    const logsBefore = client.logs.length;
    const bad: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 'a', character: 0 } }],
      ['textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['callflow/graph', {}],
      ['textDocument/documentSymbol', null],
    ];
    for (const [method, params] of bad) {
      await assert.rejects(
        client.request(method, params),
        (e: { code?: number }) => e.code === -32602,
        method,
      );
    }
    const failures = client.logs.slice(logsBefore).filter((l) => /failed|internal|TypeError/.test(l));
    assert.deepEqual(failures, []);
  });

  it('refuses requests before initialize (ServerNotInitialized) and after shutdown (InvalidRequest)', async () => {
    const { child, connection, exited } = rawServer();
    try {
      const params = {
        textDocument: { uri: 'file:///x.scenario.yaml' },
        position: { line: 0, character: 0 },
      };
      await assert.rejects(
        connection.sendRequest('textDocument/hover', params),
        (e: { code?: number }) => e.code === -32002,
      );
      // A notification before initialize is dropped: this document is not open afterwards.
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: params.textDocument.uri, languageId: 'callflow', version: 1, text: SCENARIO },
      });
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      assert.equal(await connection.sendRequest('textDocument/hover', params), null);
      assert.deepEqual(await connection.sendRequest('textDocument/documentSymbol', params), []);
      await connection.sendRequest('shutdown');
      await assert.rejects(
        connection.sendRequest('textDocument/hover', params),
        (e: { code?: number }) => e.code === -32600,
      );
      await connection.sendNotification('exit');
      assert.equal(await within(exited, 5000, 'exit'), 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  for (const [name, bytes] of [
    [
      'a missing Content-Length',
      'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}',
    ],
    [
      'a Content-Length shorter than the body',
      'Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}',
    ],
  ] as const) {
    it(`exits after ${name} (so the client restarts it)`, async () => {
      const { child, connection, exited } = rawServer();
      try {
        await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
        child.stdin!.write(bytes);
        assert.equal(await within(exited, 5000, 'exit after a framing error'), 1);
      } finally {
        connection.dispose();
        child.kill();
      }
    });
  }
});
