/**
 * The call-flow preview panel (host side). The graph comes from the language server (`callflow/layout`),
 * so the client never parses YAML; with it come the positions, laid out by the server's warm layout
 * process, and the webview (client/src/webview/) draws them. The first request leaves with the command,
 * while the webview is still loading. Where the server sends no layout (the browser build), the webview
 * lays out itself.
 *
 * - "Callflow: Open Preview" opens a panel beside the editor that follows the active scenario editor;
 *   "Callflow: Toggle Preview Lock" pins it to one file, like the Markdown preview.
 * - Live: text changes (debounced) and diagnostics changes send a new graph; the webview keeps zoom,
 *   pan and selection, and an edit that changes no structure moves no node.
 * - Two-way sync: a click on a step reveals and selects its YAML; moving the cursor highlights the step
 *   and the path to it.
 * - Export as SVG or PNG for handbooks.
 * - A rehearsal's route is drawn on the graph; a step's "Rehearse from Here" starts one.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { FlowGraph, GraphNode } from '../../server/src/shared/graph';
import {
  isWebviewMessage,
  type HostMessage,
  type WebviewMessage,
} from '../../server/src/shared/preview-protocol';
import { LayoutRequest, WarmLayoutNotification, type LayoutResult } from '../../server/src/shared/protocol';
import { previewHtml } from './webview/html';

const LANGUAGE_ID = 'callflow';
const UPDATE_DELAY_MS = 120;
/**
 * Layouts the webview is known to hold (it keeps its last 8): the server sends no layout for these.
 * Fewer than the webview keeps, so none of them has been dropped there.
 */
const HELD_LAYOUTS = 6;
/** Set once the user has opened the preview: the server then warms its layout process at start. */
const PREVIEW_USED = 'callflow.previewUsed';

/** The open preview, if any (one panel per window, like the Markdown preview's default). */
class PreviewPanel implements vscode.Disposable {
  private uri: vscode.Uri;
  private locked = false;
  private graph: FlowGraph | undefined;
  private timer: NodeJS.Timeout | undefined;
  private requestSeq = 0;
  private ready = false;
  /** Structure ids of the layouts sent to the webview, oldest first. */
  private held: string[] = [];
  /** An answer that came before the webview was ready. */
  private early: { seq: number; result: LayoutResult } | undefined;
  /** Requests on their way. */
  private inflight = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private pendingExport: ((m: WebviewMessage & { type: 'exported' }) => void) | undefined;
  /** The route of the running rehearsal, and the document it plays. */
  private route: { uri: string; steps: string[] } | undefined;
  private unplayed: { uri: string; steps: string[] } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    uri: vscode.Uri,
    private readonly onDispose: () => void,
    private readonly rehearseFrom: (uri: vscode.Uri, stepId: string) => void,
  ) {
    this.uri = uri;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    panel.webview.html = this.html();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'client', 'images', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString()) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === this.uri.toString())) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || this.locked || editor.document.languageId !== LANGUAGE_ID) return;
        if (editor.document.uri.toString() === this.uri.toString()) return;
        this.uri = editor.document.uri;
        this.updateTitle();
        void this.refresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.uri.toString())
          this.highlightAt(e.selections[0].active);
      }),
    );
    this.updateTitle();
  }

  /** Shows another document (unless locked). */
  show(uri: vscode.Uri): void {
    if (!this.locked && uri.toString() !== this.uri.toString()) {
      this.uri = uri;
      this.updateTitle();
      void this.refresh();
    }
    this.panel.reveal(undefined, true);
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
  }

  /** Asks the webview for an export and resolves with its data. */
  export(format: 'svg' | 'png', paper?: 'a4' | 'letter'): Promise<string> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.pendingExport = undefined;
        reject(new Error('The preview did not answer the export request.'));
      }, 10_000);
      this.pendingExport = (m) => {
        clearTimeout(timeout);
        resolve(m.data);
      };
      this.post({ type: format === 'svg' ? 'exportSvg' : 'exportPng', ...(paper ? { paper } : {}) });
    });
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  /** Draws a rehearsal's route (the steps played, in order) when it plays this document; null clears it. */
  setRoute(uri: vscode.Uri, steps: string[] | null): void {
    if (steps) this.route = { uri: uri.toString(), steps };
    else if (this.route?.uri === uri.toString()) this.route = undefined;
    else return;
    this.postRoute();
  }

  /** Shades the steps of this document no recorded run reaches; null stops. */
  setUnplayed(uri: vscode.Uri, steps: string[] | null): void {
    if (steps) this.unplayed = { uri: uri.toString(), steps };
    else if (this.unplayed?.uri === uri.toString()) this.unplayed = undefined;
    else return;
    this.postUnplayed();
  }

  private postUnplayed(): void {
    const steps = this.unplayed?.uri === this.uri.toString() ? this.unplayed.steps : null;
    if (this.ready) this.post({ type: 'unplayed', steps });
  }

  private postRoute(): void {
    const steps = this.route?.uri === this.uri.toString() ? this.route.steps : null;
    if (this.ready) this.post({ type: 'route', steps });
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomNonce();
    return previewHtml({
      scriptUri: webview
        .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'))
        .toString(),
      elkUri: webview
        .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'elk.bundled.js'))
        .toString(),
      cspSource: webview.cspSource,
      nonce,
      title: 'Call flow preview',
      // The desktop server lays out (the browser build's server does not: the webview's ELK starts at once).
      serverLayout: vscode.env.uiKind !== vscode.UIKind.Web,
    });
  }

  private updateTitle(): void {
    const name = this.uri.path.split('/').pop() ?? 'scenario';
    this.panel.title = `${this.locked ? '[Locked] ' : ''}Flow: ${name}`;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), UPDATE_DELAY_MS);
  }

  /**
   * Fetches the graph (and its layout) for the current document; an answer older than the latest
   * request is dropped. Before the webview is ready the answer waits for it.
   */
  async refresh(): Promise<void> {
    const seq = ++this.requestSeq;
    const direction =
      vscode.workspace.getConfiguration('callflow').get<string>('preview.direction') === 'RIGHT'
        ? 'RIGHT'
        : 'DOWN';
    this.inflight++;
    try {
      const result = await this.client.sendRequest(LayoutRequest.type, {
        uri: this.uri.toString(),
        direction,
        have: this.ready ? this.held : [],
      });
      if (seq !== this.requestSeq || !result) return;
      if (this.ready) this.present(result);
      else this.early = { seq, result };
    } catch (e) {
      this.client.outputChannel.appendLine(`[preview] could not get the graph: ${(e as Error).message}`);
    } finally {
      this.inflight--;
    }
  }

  private present({ graph, id, layout }: LayoutResult): void {
    this.graph = graph;
    this.held = [...this.held.filter((h) => h !== id), ...(layout || this.held.includes(id) ? [id] : [])];
    this.held = this.held.slice(-HELD_LAYOUTS);
    const options = {
      direction:
        vscode.workspace.getConfiguration('callflow').get<string>('preview.direction') === 'RIGHT'
          ? ('RIGHT' as const)
          : ('DOWN' as const),
    };
    this.post({ type: 'graph', graph, options, ...(layout ? { layout } : {}) });
    this.postRoute();
    this.postUnplayed();
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === this.uri.toString())
      this.highlightAt(editor.selection.active, false);
  }

  private highlightAt(pos: vscode.Position, reveal = true): void {
    if (!this.graph) return;
    if (!vscode.workspace.getConfiguration('callflow').get<boolean>('preview.followCursor', true)) return;
    const node = stepAt(this.graph.nodes, pos);
    this.post({ type: 'highlight', stepId: node?.id ?? null, pathToHere: true, reveal });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) return;
    switch (raw.type) {
      case 'ready': {
        this.ready = true;
        this.held = [];
        const early = this.early;
        this.early = undefined;
        if (early && early.seq === this.requestSeq) this.present(early.result);
        else if (!this.inflight) void this.refresh(); // else the answer on its way is shown
        break;
      }
      case 'reveal':
        void this.reveal(raw.stepId);
        break;
      case 'rehearseFrom':
        this.rehearseFrom(this.uri, raw.stepId);
        break;
      case 'exported':
        this.pendingExport?.(raw);
        this.pendingExport = undefined;
        break;
      case 'error':
        this.client.outputChannel.appendLine(`[preview] ${raw.message}`);
        break;
      case 'rendered':
        break;
    }
  }

  /** Opens the document at the step's id and selects it. */
  private async reveal(stepId: string): Promise<void> {
    const node = this.graph?.nodes.find((n) => n.id === stepId);
    if (!node) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const visible = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === this.uri.toString(),
    );
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
    });
    const r = node.range;
    const selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

/** The step whose text contains a position (the innermost is the only one: steps do not nest). */
export function stepAt(nodes: GraphNode[], pos: vscode.Position): GraphNode | undefined {
  for (const n of nodes) {
    const { start, end } = n.fullRange;
    const after = pos.line > start.line || (pos.line === start.line && pos.character >= start.character);
    const before = pos.line < end.line || (pos.line === end.line && pos.character <= end.character);
    if (after && before) return n;
  }
  return undefined;
}

/** A fresh nonce for a webview page's Content-Security-Policy. */
export function randomNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** What the rehearsal reaches of the preview. */
export interface PreviewAccess {
  /** Draws the route a rehearsal of `uri` has taken (null clears it). */
  setRoute(uri: vscode.Uri, steps: string[] | null): void;
  /** Shades the steps of `uri` no recorded run reaches (null stops). */
  setUnplayed(uri: vscode.Uri, steps: string[] | null): void;
  /** The document the open preview shows, if one is open. */
  documentUri(): vscode.Uri | undefined;
}

/** Registers the preview commands; `rehearseFrom` starts a rehearsal at a step of the preview. */
export function registerPreview(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  rehearseFrom: (uri: vscode.Uri, stepId: string) => void,
): PreviewAccess {
  let current: PreviewPanel | undefined;
  let route: { uri: vscode.Uri; steps: string[] } | undefined;
  let unplayed: { uri: vscode.Uri; steps: string[] } | undefined;
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running && context.globalState.get<boolean>(PREVIEW_USED))
        void client.sendNotification(WarmLayoutNotification.type, {}).catch(() => undefined);
    }),
  );

  const open = (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage(
        'Open a scenario (*.scenario.yaml) to preview its call flow.',
      );
      return undefined;
    }
    if (current) {
      current.show(target);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(
      'callflow.preview',
      'Call flow',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      },
    );
    current = new PreviewPanel(
      panel,
      client,
      context.extensionUri,
      target,
      () => (current = undefined),
      rehearseFrom,
    );
    // The graph and its layout are asked for now, while the webview loads.
    void current.refresh();
    if (!context.globalState.get<boolean>(PREVIEW_USED)) void context.globalState.update(PREVIEW_USED, true);
    if (route) current.setRoute(route.uri, route.steps);
    if (unplayed) current.setUnplayed(unplayed.uri, unplayed.steps);
    return current;
  };

  const exportAs = async (format: 'svg' | 'png', paper?: 'a4' | 'letter') => {
    const preview = current ?? open();
    if (!preview) return;
    try {
      const data = await preview.export(format, paper);
      const base =
        preview.documentUri.path
          .replace(/\.scenario\.ya?ml$/, '')
          .split('/')
          .pop() ?? 'call-flow';
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(
          preview.documentUri,
          '..',
          `${base}${paper ? '-print' : ''}.${format}`,
        ),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      });
      if (!target) return;
      // TextEncoder and atob, not Buffer: the same code runs in the browser's extension host.
      const bytes =
        format === 'svg'
          ? new TextEncoder().encode(data)
          : Uint8Array.from(atob(data.replace(/^data:image\/png;base64,/, '')), (c) => c.charCodeAt(0));
      await vscode.workspace.fs.writeFile(target, bytes);
      void vscode.window.showInformationMessage(
        `Call flow saved to ${vscode.workspace.asRelativePath(target)}.`,
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Export failed: ${(e as Error).message}`);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'callflow.openPreview',
      (uri?: vscode.Uri) => void open(uri instanceof vscode.Uri ? uri : undefined),
    ),
    vscode.commands.registerCommand('callflow.togglePreviewLock', () => current?.toggleLock()),
    vscode.commands.registerCommand('callflow.exportPreviewSvg', () => exportAs('svg')),
    vscode.commands.registerCommand('callflow.exportPreviewPng', () => exportAs('png')),
    vscode.commands.registerCommand('callflow.exportPreviewPrint', async () => {
      const papers = [
        { label: 'A4', paper: 'a4' as const },
        { label: 'Letter', paper: 'letter' as const },
      ];
      const pick = await vscode.window.showQuickPick(papers, {
        placeHolder: 'Paper for the printed call flow',
      });
      if (pick) await exportAs('svg', pick.paper);
    }),
    { dispose: () => current?.dispose() },
  );
  return {
    setRoute(uri, steps) {
      if (steps) route = { uri, steps };
      else if (route?.uri.toString() === uri.toString()) route = undefined;
      current?.setRoute(uri, steps);
    },
    setUnplayed(uri, steps) {
      if (steps) unplayed = { uri, steps };
      else if (unplayed?.uri.toString() === uri.toString()) unplayed = undefined;
      current?.setUnplayed(uri, steps);
    },
    documentUri: () => current?.documentUri,
  };
}
