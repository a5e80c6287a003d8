// The harness itself: the right VS Code, the test workspace open, a scenario file opens in an editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('VS Code e2e harness', () => {
  it('runs in VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `VS Code ${vscode.version}`);
  });

  it('has the test workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder');
  });

  it('opens a .scenario.yaml file from the workspace in an editor', async () => {
    const [uri] = await vscode.workspace.findFiles('**/*.scenario.yaml', undefined, 1);
    assert.ok(uri, 'a *.scenario.yaml in the workspace');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(vscode.window.activeTextEditor, editor);
    assert.ok(editor.document.uri.path.endsWith('.scenario.yaml'));
    assert.match(editor.document.getText(), /^callflow: 1$/m);
  });
});
