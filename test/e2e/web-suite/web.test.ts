// The browser build in code-server's web worker extension host: the extension runs there (no Node), its
// language server runs in a web worker and reads the force's config and catalogue through the editor's
// workspace file system, and the preview's graph request is answered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallflowApi } from '../../../client/src/extension';
import type { FlowGraph } from '../../../server/src/shared/graph';
import { GraphRequest } from '../../../server/src/shared/protocol';
import { until } from '../until';

const EXTENSION_ID = 'callflow-studio.callflow-studio';
const FORCE_SCENARIO = 'force/opening-category.scenario.yaml';

const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function open(path: string): Promise<vscode.TextDocument> {
  const [uri] = await vscode.workspace.findFiles(path, undefined, 1);
  assert.ok(uri, `test/e2e/workspace/${path}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('Callflow in the browser (web worker extension host)', () => {
  let api: CallflowApi;
  before(async () => {
    const ext = vscode.extensions.getExtension<CallflowApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID}`);
    await open(FORCE_SCENARIO);
    api = ext.isActive ? ext.exports : await ext.activate();
    await api.ready;
  });

  it('runs in the web worker host, without Node', () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.UI);
  });

  it("checks against the force's catalogue read from the workspace", async () => {
    const doc = await open(FORCE_SCENARIO);
    const diags = await until('code/unknown on "003"', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.some((x) => ruleOf(x) === 'code/unknown') ? d : undefined;
    });
    // The CLI's problem, word for word (`callflow check` on the same file).
    assert.equal(diags.length, 1, JSON.stringify(diags.map((d) => d.message)));
    assert.equal(doc.getText(diags[0].range), '"003"');
    assert.equal(diags[0].range.start.line, 17);
    assert.equal(
      diags[0].message,
      '`003` is not a code of harbury opening category in the catalogue (Harbury Constabulary codes). Did you mean `A03`?',
    );
  });

  it("completes the force's own categories", async () => {
    const doc = await open(FORCE_SCENARIO);
    const at = doc.positionAt(doc.getText().indexOf('category: P04') + 'category: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      at,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('P04') && labels.includes('C01'), labels.slice(0, 20).join(', '));
  });

  it('restarts the language server in its worker and checks again', async () => {
    const doc = await open(FORCE_SCENARIO);
    await vscode.commands.executeCommand('callflow.restartServer');
    const client = api.client();
    assert.ok(client, 'a language client');
    await until('the restarted server', () => (client.isRunning() ? true : undefined));
    // The restarted server answers requests against the force's catalogue.
    const at = doc.positionAt(doc.getText().indexOf('category: P04') + 'category: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      at,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('P04'), labels.slice(0, 20).join(', '));
  });

  it("answers the preview's graph request and opens the preview", async () => {
    const doc = await open(FORCE_SCENARIO);
    const client = api.client();
    assert.ok(client, 'a language client');
    // By method name: this bundle's RequestType is not the extension's (another copy of vscode-jsonrpc).
    const graph = await client.sendRequest<FlowGraph | null>(GraphRequest.method, {
      uri: doc.uri.toString(),
    });
    assert.ok(graph, 'a graph');
    assert.deepEqual(
      graph.nodes.map((n) => n.id),
      ['answer', 'open-incident', 'done'],
    );
    assert.equal(graph.start, 'answer');
    await vscode.commands.executeCommand('callflow.openPreview');
    await until('the preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /callflow\.preview/.test(t.input.viewType)),
    );
  });
});
