/**
 * A seeded storm against the built server: thousands of `didChange` messages (several edits each,
 * positions past line ends, past the last line, reversed ranges, hostile fragments, whole-text resets)
 * and requests at random positions (many outside the document), with checkpoints where the server's
 * diagnostics of each document must equal those of a fresh open of the editor's text (the editor's own
 * text model, `vscode-languageserver-textdocument`, is the truth). The server's RSS is sampled at each
 * checkpoint. Used by the short form in the mocha suite (test/lsp/storm.test.ts) and the long form
 * (`npm run fuzz`, test/fuzz/storm.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from './lsp-client';
import { rng } from './rng';

export interface StormOptions {
  seed: number;
  /** didChange messages in all. */
  messages: number;
  /** A checkpoint after this many messages. */
  checkpointEvery: number;
  /** Documents edited at once. */
  documents?: number;
}

export interface StormResult {
  messages: number;
  edits: number;
  requests: number;
  checkpoints: number;
  /** Checkpoints whose diagnostics differed from a fresh open, with the first difference. */
  mismatches: string[];
  /** Requests rejected with anything but a deliberate answer (a refused rename). */
  badAnswers: string[];
  /** Server RSS at each checkpoint, in MB. */
  rssMb: number[];
  stderr: string;
  /** Log lines of handlers or checks that failed (bugs). */
  failures: string[];
  alive: boolean;
  ms: number;
}

const FRAGMENTS = [
  'a',
  'x',
  ' ',
  '  ',
  '\n',
  '\r\n',
  ':',
  '- ',
  '#',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  'next: ',
  'next: done',
  'kind: choice',
  '&a ',
  '*a',
  '\t',
  '€😀',
  '\u202e',
  '\u0000',
  '\n    say: hello',
  '\n  extra:\n    kind: end',
  '%%{init}%%',
];

const REQUESTS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/documentHighlight',
  'textDocument/prepareRename',
  'textDocument/references',
  'textDocument/codeAction',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'callflow/graph',
] as const;

function samples(): string[] {
  const dir = join(__dirname, '../../samples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.yaml'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

type Position = { line: number; character: number };

function position(td: TextDocument, r: () => number): Position {
  const roll = r();
  const line = Math.floor(r() * td.lineCount);
  const length = td.getText({ start: { line, character: 0 }, end: { line, character: 1e9 } }).length;
  if (roll < 0.15) return { line, character: length + 1 + Math.floor(r() * 5) }; // past the line end
  if (roll < 0.2) return { line: td.lineCount + Math.floor(r() * 4), character: Math.floor(r() * 4) };
  if (roll < 0.22) return { line: 2 ** 31 - 1, character: 2 ** 31 - 1 };
  return { line, character: Math.floor(r() * (length + 1)) };
}

/** One didChange message against the editor's model, applied to it. */
function message(td: TextDocument, r: () => number, base: string): { changes: object[]; edits: number } {
  if (td.getText().length > 40_000 || r() < 0.01) {
    TextDocument.update(td, [{ text: base }], td.version + 1);
    return { changes: [{ text: base }], edits: 1 };
  }
  const count = r() < 0.6 ? 1 : 2 + Math.floor(r() * 3);
  const changes: object[] = [];
  for (let k = 0; k < count; k++) {
    const a = position(td, r);
    const b = r() < 0.5 ? a : position(td, r); // often a deletion, sometimes reversed
    const text = r() < 0.25 ? '' : FRAGMENTS[Math.floor(r() * FRAGMENTS.length)];
    const change = { range: { start: a, end: b }, text };
    changes.push(change);
    TextDocument.update(td, [change], td.version); // each change applies to the text the last left
  }
  TextDocument.update(td, [], td.version + 1);
  return { changes, edits: count };
}

function requestParams(method: string, uri: string, at: Position): unknown {
  if (method === 'callflow/graph') return { uri };
  if (method === 'textDocument/documentSymbol' || method === 'textDocument/foldingRange')
    return { textDocument: { uri } };
  if (method === 'textDocument/references')
    return { textDocument: { uri }, position: at, context: { includeDeclaration: true } };
  if (method === 'textDocument/codeAction')
    return { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } };
  return { textDocument: { uri }, position: at };
}

const seen = (d: PublishDiagnosticsParams) =>
  d.diagnostics
    .map(
      (x) =>
        `${x.code} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`,
    )
    .join('\n');

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Runs a storm and reports what it saw (the caller asserts). */
export async function runStorm(options: StormOptions): Promise<StormResult> {
  const started = Date.now();
  const r = rng(options.seed);
  const bases = samples();
  const client = await LspTestClient.start();
  const result: StormResult = {
    messages: 0,
    edits: 0,
    requests: 0,
    checkpoints: 0,
    mismatches: [],
    badAnswers: [],
    rssMb: [],
    stderr: '',
    failures: [],
    alive: true,
    ms: 0,
  };
  try {
    const docs = Array.from({ length: options.documents ?? 3 }, (_, i) => {
      const base = bases[(options.seed + i) % bases.length];
      return {
        uri: `file:///storm/doc-${i}.scenario.yaml`,
        base,
        td: TextDocument.create(`d${i}`, 'callflow', 1, base),
      };
    });
    for (const d of docs) await client.open(d.uri, d.base, 1);
    let pending: Promise<unknown>[] = [];
    let fresh = 0;
    while (result.messages < options.messages) {
      const d = docs[Math.floor(r() * docs.length)];
      const { changes, edits } = message(d.td, r, d.base);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: d.uri, version: d.td.version },
        contentChanges: changes,
      });
      result.messages++;
      result.edits += edits;
      for (let q = r() < 0.5 ? 1 : 0; q > 0; q--) {
        const method = REQUESTS[Math.floor(r() * REQUESTS.length)];
        result.requests++;
        pending.push(
          client.request(method, requestParams(method, d.uri, position(d.td, r))).catch((e: Error) => {
            if (!/step id|rename|already a step|cancelled|content modified/i.test(e.message))
              result.badAnswers.push(`${method}: ${e.message}`);
          }),
        );
      }
      if (pending.length >= 50) {
        await Promise.all(pending);
        pending = [];
      }
      if (result.messages % options.checkpointEvery === 0) {
        await Promise.all(pending);
        pending = [];
        result.checkpoints++;
        for (const doc of docs) {
          const mine = await client.diagnosticsFor(doc.uri, doc.td.version);
          const uri = `file:///storm/fresh-${++fresh}.scenario.yaml`;
          await client.open(uri, doc.td.getText(), 1);
          const theirs = await client.diagnosticsFor(uri, 1);
          await client.close(uri);
          if (seen(mine) !== seen(theirs) && result.mismatches.length < 5)
            result.mismatches.push(
              `${doc.uri} after message ${result.messages}:\n${seen(mine)}\n---\n${seen(theirs)}`,
            );
        }
        result.rssMb.push(rssMb(client.process.pid));
      }
    }
    await Promise.all(pending);
  } finally {
    result.alive = client.alive;
    result.stderr = client.stderrText;
    result.failures = client.logs.filter((l) => /failed:|Uncaught|Unhandled/.test(l));
    await client.stop();
    result.ms = Date.now() - started;
  }
  return result;
}
