// The extension in a real VS Code: activation, diagnostics, completion, rename and a quick fix, through
// VS Code's own command API (the same providers the editor uses).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'callflow-studio.callflow-studio';

async function openScenario(name: string): Promise<vscode.TextDocument> {
  const [uri] = await vscode.workspace.findFiles(`lsp/${name}`, undefined, 1);
  assert.ok(uri, `test/e2e/workspace/lsp/${name}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Resolves when `probe` holds, re-checked on every diagnostics change (no fixed sleeps). */
function diagnosticsWhere(
  uri: vscode.Uri,
  probe: (d: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (probe(d)) {
        done();
        resolve(d);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `Timed out waiting for ${what}: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`,
        ),
      );
    }, 20000);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

const positionOf = (doc: vscode.TextDocument, text: string, delta = 0) =>
  doc.positionAt(doc.getText().indexOf(text) + delta);
const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** The `flow/dangling-next` problem of a document, once the server has reported it. */
async function danglingNext(doc: vscode.TextDocument): Promise<vscode.Diagnostic> {
  const diags = await diagnosticsWhere(
    doc.uri,
    (d) => d.some((x) => ruleOf(x) === 'flow/dangling-next'),
    'flow/dangling-next',
  );
  return diags.find((x) => ruleOf(x) === 'flow/dangling-next')!;
}

describe('Callflow extension', () => {
  before(async () => {
    const doc = await openScenario('rename.scenario.yaml');
    assert.equal(doc.languageId, 'callflow');
    const ext = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID}`);
    const api = ext.isActive ? ext.exports : await ext.activate();
    await api.ready;
  });

  it('activates on a scenario and starts the language server', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(ext.isActive);
  });

  it('shows diagnostics for a broken scenario', async () => {
    const doc = await openScenario('broken.scenario.yaml');
    const dangling = await danglingNext(doc);
    assert.equal(dangling.source, 'callflow');
    assert.equal(doc.getText(dangling.range), 'give-adress');
  });

  it('completes grade codes', async () => {
    const doc = await openScenario('rename.scenario.yaml');
    const position = positionOf(doc, 'grade: EMERGENCY', 'grade: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      position,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('EMERGENCY') && labels.includes('PRIORITY'), labels.join(', '));
  });

  it('renames a step everywhere', async () => {
    const doc = await openScenario('rename.scenario.yaml');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      positionOf(doc, 'give-address:', 2),
      'caller-gives-address',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(!doc.getText().includes('give-address'));
    assert.equal(doc.getText().split('caller-gives-address').length - 1, 2);
  });

  it('applies a quick fix', async () => {
    const doc = await openScenario('broken.scenario.yaml');
    const dangling = await danglingNext(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      dangling.range,
    );
    const fix = actions.find((a) => /give-address/.test(a.title) && !/Create/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhere(
      doc.uri,
      (d) => !d.some((x) => ruleOf(x) === 'flow/dangling-next'),
      'the fix to clear the problem',
    );
  });
});
