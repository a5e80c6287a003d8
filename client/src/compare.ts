/**
 * "Callflow: Compare Flow with…": the flow diff of the active scenario against its git HEAD, the commit
 * before the last one that touched it, or another file. The old text is read through the built-in git
 * extension's API (no git needed for "another file"); the language server compares and draws
 * (`callflow/diff`); the panel lists the changes, a click reveals one in the editor, and the diff follows
 * edits of the file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DiffRequest, type DiffResult } from '../../server/src/shared/diff-protocol';
import type { Range } from '../../server/src/shared/graph';
import { diffPageHtml } from './diff-page';
import { randomNonce } from './preview';

/** The part of the git extension's API this uses (extensions/git/src/api/git.d.ts). */
interface GitRepository {
  rootUri: vscode.Uri;
  show(ref: string, path: string): Promise<string>;
  log(options?: { maxEntries?: number; path?: string }): Promise<{ hash: string; message: string }[]>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/** What to compare with, when the command is run with arguments (tests, other commands). */
export interface CompareTarget {
  file?: vscode.Uri;
  ref?: string;
}

async function gitRepository(uri: vscode.Uri): Promise<GitRepository | undefined> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  if (!ext) return undefined;
  try {
    const git = ext.isActive ? ext.exports : await ext.activate();
    return git.getAPI(1).getRepository(uri) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Asks what to compare with: HEAD, the previous commit of the file, or another file. */
async function pickTarget(uri: vscode.Uri): Promise<CompareTarget | undefined> {
  const repo = await gitRepository(uri);
  type Item = vscode.QuickPickItem & { target?: CompareTarget };
  const items: Item[] = [];
  if (repo) {
    const log = await repo.log({ maxEntries: 2, path: uri.fsPath }).catch(() => []);
    if (log[0])
      items.push({ label: '$(git-commit) HEAD', description: 'the last commit', target: { ref: 'HEAD' } });
    if (log[1])
      items.push({
        label: '$(history) Previous commit',
        description: `${log[1].hash.slice(0, 8)} ${log[1].message.split('\n')[0]}`,
        target: { ref: log[1].hash },
      });
  }
  items.push({ label: '$(file) Another file…', description: 'any scenario file' });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Compare the flow with…' });
  if (!picked) return undefined;
  if (picked.target) return picked.target;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.Uri.joinPath(uri, '..'),
    filters: { Scenarios: ['yaml', 'yml'] },
    openLabel: 'Compare',
  });
  return files?.[0] ? { file: files[0] } : undefined;
}

/** The old text and its name in words. */
async function oldVersion(uri: vscode.Uri, target: CompareTarget): Promise<{ text: string; label: string }> {
  if (target.file) {
    const bytes = await vscode.workspace.fs.readFile(target.file);
    return { text: new TextDecoder().decode(bytes), label: vscode.workspace.asRelativePath(target.file) };
  }
  const repo = await gitRepository(uri);
  if (!repo) throw new Error('This file is not in a git repository: compare it with another file instead.');
  const ref = target.ref ?? 'HEAD';
  const text = await repo.show(ref, uri.fsPath);
  return { text, label: ref === 'HEAD' ? 'HEAD' : ref.slice(0, 8) };
}

/** Opens the editor at a range and selects it. */
async function reveal(uri: vscode.Uri, r: Range): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
  });
  const selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
  editor.selection = selection;
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Registers the command; it resolves with the diff shown (undefined when cancelled). */
export function registerCompare(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: vscode.WebviewPanel | undefined;
  let shown: { uri: vscode.Uri; result: DiffResult; old: { text: string; label: string } } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const open = () => {
    if (panel) return panel;
    panel = vscode.window.createWebviewPanel(
      'callflow.diff',
      'Flow diff',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      },
    );
    panel.onDidDispose(() => (panel = shown = undefined));
    panel.webview.onDidReceiveMessage((m: unknown) => {
      const index = (m as { type?: unknown; index?: unknown })?.index;
      if ((m as { type?: unknown })?.type !== 'reveal' || typeof index !== 'number' || !shown) return;
      const change = shown.result.diff.changes[index];
      if (!change) return;
      const r = change.side === 'new' && change.range ? change.range : shown.result.steps[change.step];
      if (r) void reveal(shown.uri, r);
    });
    return panel;
  };
  /** Asks the server for the diff of the document's current text against `old` and shows it. */
  const draw = async (uri: vscode.Uri, old: { text: string; label: string }) => {
    const kind = vscode.window.activeColorTheme.kind;
    const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
    const result = await client.sendRequest(DiffRequest.type, {
      uri: uri.toString(),
      oldText: old.text,
      dark,
    });
    if (!result) throw new Error('The language server has not opened this file.');
    const p = open();
    shown = { uri, result, old };
    p.title = `Flow diff: ${uri.path.split('/').pop() ?? 'scenario'}`;
    p.webview.html = diffPageHtml({
      diff: result.diff,
      svg: result.svg,
      noDrawing: result.noDrawing,
      file: vscode.workspace.asRelativePath(uri),
      oldLabel: old.label,
      scriptUri: p.webview
        .asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'diff.js'))
        .toString(),
      cspSource: p.webview.cspSource,
      nonce: randomNonce(),
    });
    return result;
  };
  const compare = async (arg?: unknown, against?: CompareTarget): Promise<DiffResult | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a scenario (*.scenario.yaml) to compare its flow.');
      return undefined;
    }
    try {
      await vscode.workspace.openTextDocument(uri);
      const target = against ?? (await pickTarget(uri));
      if (!target) return undefined;
      const old = await oldVersion(uri, target);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Comparing flows…' },
        () => draw(uri, old),
      );
      panel?.reveal(undefined, true);
      return result;
    } catch (e) {
      void vscode.window.showErrorMessage(`Compare Flow: ${(e as Error).message}`);
      return undefined;
    }
  };
  // The diff follows edits of the compared file (the old version stays as it was read).
  const onEdit = vscode.workspace.onDidChangeTextDocument((e) => {
    if (!shown || e.document.uri.toString() !== shown.uri.toString()) return;
    if (timer) clearTimeout(timer);
    const { uri, old } = shown;
    timer = setTimeout(() => void draw(uri, old).catch(() => undefined), 400);
  });
  context.subscriptions.push(vscode.commands.registerCommand('callflow.compareFlow', compare), onEdit, {
    dispose: () => {
      if (timer) clearTimeout(timer);
      panel?.dispose();
    },
  });
}
