import * as assert from 'node:assert/strict';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { FlowGraph } from '../../server/src/shared/graph';
import { GraphRequest } from '../../server/src/shared/protocol';
import { ensureBuilt } from '../support/build-once';
import { at, dedent } from '../support/cursor';
import { LspTestClient } from '../support/lsp-client';

const SCENARIO = dedent(`
  callflow: 1
  id: t
  title: T
  start: answer
  expected:
    grade: EMERGENCY
  steps:
    answer:
      kind: handler
      say: Police emergency, what is the address?
      asks: [location]
      next: give-address
    give-address:
      kind: caller
      say: 14 Elm Road
      next: done
    done:
      kind: end
`);

let n = 0;
const uniqueUri = () => `file:///virtual/test-${++n}.scenario.yaml`;

describe('language server protocol: features', function () {
  this.timeout(60000);
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
  });
  after(async () => client?.stop());

  async function openMarked(
    marked: string,
  ): Promise<{ uri: string; position: { line: number; character: number } }> {
    const { text, position } = at(marked, { keepIndent: true });
    const uri = uniqueUri();
    await client.open(uri, text);
    return { uri, position };
  }
  async function completion(marked: string): Promise<CompletionItem[]> {
    const { uri, position } = await openMarked(marked);
    const r = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  it('initializes and registers its file watchers', async () => {
    const regs = await client.waitFor(
      () =>
        client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles') &&
        client.registrations,
      'registrations',
    );
    const watch = regs.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    assert.match(JSON.stringify(watch.registerOptions), /callflow\.config/);
  });

  it('publishes diagnostics on open and after each change, with the version', async () => {
    const uri = uniqueUri();
    await client.open(uri, SCENARIO.replace('next: done', 'next: dne'), 1);
    const d1 = await client.diagnosticsFor(uri, 1);
    assert.ok(d1.diagnostics.some((d) => d.code === 'flow/dangling-next' && d.source === 'callflow'));
    await client.change(uri, SCENARIO, 2);
    const d2 = await client.diagnosticsFor(uri, 2);
    assert.ok(!d2.diagnostics.some((d) => d.code === 'flow/dangling-next'), JSON.stringify(d2.diagnostics));
  });

  it('lets the latest version win when changes come quickly', async () => {
    const uri = uniqueUri();
    await client.open(uri, SCENARIO, 1);
    await client.diagnosticsFor(uri, 1);
    for (let v = 2; v <= 6; v++)
      await client.change(uri, SCENARIO.replace('title: T', `title: T${v}\nfoo${v}: 1`), v);
    const last = await client.diagnosticsFor(uri, 6);
    assert.ok(last.diagnostics.some((d) => /foo6/.test(d.message)));
    const versions = client.diagnostics.get(uri)!.map((p) => p.version!);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'published in version order',
    );
  });

  it('completes keys, enum values and step ids', async () => {
    const keys = await completion(SCENARIO.replace('    asks: [location]', '    |'));
    assert.ok(keys.some((i) => i.label === 'asks'));
    assert.ok(!keys.some((i) => i.label === 'prompt'));
    const kinds = await completion(SCENARIO.replace('kind: end', 'kind: |'));
    assert.deepEqual(kinds.map((i) => i.label).sort(), [
      'action',
      'caller',
      'choice',
      'end',
      'handler',
      'timer',
    ]);
    const next = await completion(SCENARIO.replace('next: done', 'next: d|'));
    const done = next.find((i) => i.label === 'done')!;
    assert.ok(done && done.textEdit, 'a text edit replacing the typed word');
    assert.match(next.find((i) => i.label === 'answer')!.detail ?? '', /handler · Police emergency/);
  });

  it('completes grade codes with aliases and category codes', async () => {
    const grades = await completion(SCENARIO.replace('grade: EMERGENCY', 'grade: G|'));
    const emergency = grades.find((i) => i.label === 'EMERGENCY')!;
    assert.match(emergency.filterText ?? '', /G1/);
    assert.equal((emergency.documentation as { kind: string }).kind, 'markdown');
    const categories = await completion(SCENARIO.replace('grade: EMERGENCY', 'category: 3|'));
    const dom = categories.find((i) => i.label === '304')!;
    assert.equal((dom.textEdit as { newText: string }).newText, '"304"');
  });

  it('hovers a key, a code and a next target', async () => {
    const hover = async (marked: string) => {
      const { uri, position } = await openMarked(marked);
      return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    };
    const value = (h: Hover | null) => (h?.contents as { value: string }).value;
    assert.match(value(await hover(SCENARIO.replace('start:', 'st|art:'))), /First step/);
    assert.match(value(await hover(SCENARIO.replace('EMERGENCY', 'EMER|GENCY'))), /Emergency/);
    assert.match(
      value(await hover(SCENARIO.replace('next: give-address', 'next: give-|address'))),
      /caller step/,
    );
  });

  it('outlines the document', async () => {
    const { uri } = await openMarked(SCENARIO + '|');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    const steps = symbols.find((s) => s.name === 'steps')!;
    assert.deepEqual(
      steps.children!.map((s) => s.name),
      ['answer', 'give-address', 'done'],
    );
    assert.equal(steps.children![0].detail?.split(' ')[0], 'handler');
  });

  it('goes to definition and finds references', async () => {
    const { uri, position } = await openMarked(SCENARIO.replace('next: done', 'next: do|ne'));
    const def = await client.request<Location | null>('textDocument/definition', {
      textDocument: { uri },
      position,
    });
    assert.equal(def!.range.start.line, 16);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    });
    assert.equal(refs.length, 2);
    const highlights = await client.request<unknown[]>('textDocument/documentHighlight', {
      textDocument: { uri },
      position,
    });
    assert.equal(highlights.length, 2);
  });

  it('renames a step as a workspace edit and rejects taken or invalid ids', async () => {
    const { uri, position } = await openMarked(SCENARIO.replace('  answer:', '  ans|wer:'));
    const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri },
      position,
    });
    assert.equal(prep.placeholder, 'answer');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position,
      newName: 'pick-up',
    });
    assert.equal(edit.changes![uri].length, 2);
    assert.ok(edit.changes![uri].every((e) => e.newText === 'pick-up'));
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'done' }),
      /already a step/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position, newName: '9 lives' }),
      /not a valid step id/,
    );
  });

  it('offers each kind of code action', async () => {
    const actionsFor = async (text: string, ruleId: string) => {
      const uri = uniqueUri();
      await client.open(uri, text);
      const diags = await client.diagnosticsFor(uri, 1);
      const d = diags.diagnostics.find((x) => x.code === ruleId);
      assert.ok(d, `${ruleId} in ${JSON.stringify(diags.diagnostics.map((x) => x.code))}`);
      return client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d!.range,
        context: { diagnostics: [d] },
      });
    };
    const dangling = await actionsFor(SCENARIO.replace('next: done', 'next: dne'), 'flow/dangling-next');
    const titles = dangling.map((a) => a.title);
    assert.ok(
      titles.some((t) => /done/.test(t) && !/Create/.test(t)),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => /Create step/.test(t)),
      titles.join(' | '),
    );
    const suppress = dangling.find((a) => /Suppress/.test(a.title))!;
    assert.match(
      Object.values(suppress.edit!.changes!)[0][0].newText,
      /^ {4}# callflow-disable-next-line flow\/dangling-next\n$/,
    );
    assert.equal(suppress.diagnostics?.[0].code, 'flow/dangling-next');
    const required = await actionsFor(SCENARIO.replace(/ *say: Police emergency.*\n/, ''), 'schema/required');
    assert.ok(
      required.some((a) => /Add missing property 'say'/.test(a.title) && a.isPreferred),
      required.map((a) => a.title).join(' | '),
    );
    const typo = await actionsFor(
      SCENARIO.replace('asks: [location]', 'asks: [location]\n    sey: x'),
      'schema/unknown-property',
    );
    assert.ok(
      typo.some((a) => /Change to 'say'/.test(a.title)),
      typo.map((a) => a.title).join(' | '),
    );
  });

  it('answers callflow/graph with the document problems on steps', async () => {
    const uri = uniqueUri();
    await client.open(uri, SCENARIO.replace('next: done', 'next: dne'));
    const graph = await client.request<FlowGraph | null>(GraphRequest.method, { uri });
    assert.deepEqual(
      graph!.nodes.map((s) => s.id),
      ['answer', 'give-address', 'done'],
    );
    assert.ok(graph!.edges.some((e) => e.to === 'dne' && e.missing));
    assert.ok(
      graph!.nodes
        .find((s) => s.id === 'give-address')!
        .problems.some((p) => p.ruleId === 'flow/dangling-next'),
    );
    assert.equal(await client.request(GraphRequest.method, { uri: 'file:///not/open.scenario.yaml' }), null);
  });

  it('reports its status with the active catalogue', async () => {
    const status = await client.waitFor(() => client.statuses[client.statuses.length - 1], 'a status');
    assert.equal(status.state, 'ok');
    assert.ok(status.catalogue);
  });
});
