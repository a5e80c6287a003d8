import * as assert from 'node:assert/strict';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';
import { rng } from '../support/rng';

const BASE = `callflow: 1
id: t
title: T
start: answer
expected:
  grade: EMERGENCY
  category: "304"
steps:
  answer:
    kind: handler
    say: Police emergency, what is the address?
    asks: [location]
    next: decide
    timeout: {seconds: 20, next: done}
  decide:
    kind: choice
    prompt: What now?
    choices:
      - label: Grade it
        next: done
  done:
    kind: end
`;

const FRAGMENTS = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\t',
  '\n',
  '  ',
  '#',
  'next: ',
  'kind: choice',
  'kind: ',
  '&a ',
  '*a',
  '<<: *a',
  '---\n',
  '€😀',
  '\r\n',
  '|',
  '>',
  '? ',
  ',',
  'steps:',
  'choices:\n  - ',
  'grade: ',
  '9-E-',
  '%YAML 1.2\n',
];

const BROKEN = [
  '',
  '\u0000\u0001binary',
  '\t- a',
  'steps: [',
  '{{{{{{',
  'a: &a [*a, *a]',
  '['.repeat(3000),
  '- '.repeat(2000) + 'x',
  'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'callflow: 1\nsteps:\n  a:\n    kind: choice\n    choices: "x"\n',
  'x'.repeat(100000),
  '---\n---\n---\n',
  '? [complex, key]\n: value\n',
  'steps:\n  1: {kind: end}\n  null: x\n  ? [a]\n  : b\n',
  BASE.replace(/\n/g, '\r\n'),
  BASE.replace(/ {2}/g, '\t'),
  'steps:\n  a:\n    next: a\n    choices:\n      - next: [a]\n      - next: {a: 1}\n    timeout: 5\n',
];

function positionIn(text: string, r: () => number): { line: number; character: number } {
  const lines = text.split('\n');
  const line = Math.floor(r() * (lines.length + 1));
  return { line, character: Math.floor(r() * ((lines[line]?.length ?? 0) + 3)) };
}

const REQUESTS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/documentHighlight',
  'textDocument/prepareRename',
] as const;

describe('language server protocol: robustness', function () {
  this.timeout(120000);
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
  });
  after(async () => client?.stop());

  async function poke(uri: string, text: string, r: () => number): Promise<void> {
    const position = positionIn(text, r);
    const method = REQUESTS[Math.floor(r() * REQUESTS.length)];
    const pending: Promise<unknown>[] = [
      client.request(method, { textDocument: { uri }, position }),
      client.request('textDocument/documentSymbol', { textDocument: { uri } }),
      client.request('textDocument/foldingRange', { textDocument: { uri } }),
      client.request('textDocument/references', {
        textDocument: { uri },
        position,
        context: { includeDeclaration: true },
      }),
      client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'renamed' }),
      client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics: [] },
      }),
      client.request('callflow/graph', { uri }),
    ];
    const results = await Promise.allSettled(pending);
    for (const res of results) {
      // Rejections are allowed only as deliberate answers (a rename that is not possible here).
      if (res.status === 'rejected')
        assert.match(String(res.reason?.message), /step id|rename|already a step/i);
    }
  }

  it('survives hundreds of random edits (seeded) and keeps answering', async () => {
    const r = rng(20240611);
    const uri = 'file:///virtual/garbage.scenario.yaml';
    let text = BASE;
    let version = 1;
    await client.open(uri, text, version);
    for (let i = 0; i < 400; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const op = r();
      if (op < 0.6) text = text.slice(0, at) + FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] + text.slice(at);
      else if (op < 0.85)
        text = text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(r() * 12)));
      else text = text.slice(0, at) + text.slice(at, at + 40) + text.slice(at);
      if (text.length > 20000 || r() < 0.03) text = BASE;
      await client.change(uri, text, ++version);
      if (i % 4 === 0) await poke(uri, text, r);
    }
    const last = await client.diagnosticsFor(uri, version);
    assert.equal(last.version, version);
    assert.ok(client.alive, 'the server is still running');
    const bugs = client.logs.filter((l) => /failed:/.test(l));
    assert.deepEqual(bugs, [], 'no handler failed');
  });

  it('survives broken documents', async () => {
    const r = rng(7);
    for (const [i, text] of BROKEN.entries()) {
      const uri = `file:///virtual/broken-${i}.scenario.yaml`;
      await client.open(uri, text);
      await client.diagnosticsFor(uri, 1);
      for (let k = 0; k < 5; k++) await poke(uri, text, r);
      await client.close(uri);
    }
    assert.ok(client.alive);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: 'file:///virtual/garbage.scenario.yaml' },
    });
    assert.ok(Array.isArray(symbols), 'still answers');
    const bugs = client.logs.filter((l) => /failed:/.test(l));
    assert.deepEqual(bugs, [], 'no handler failed');
  });
});
