/**
 * The rehearsal panel (host side). The run comes from the language server (`callflow/rehearse`), so the
 * client never parses YAML; the webview (client/src/webview/rehearsal/) shows it and asks for the inputs
 * the trainee plays.
 *
 * - "Callflow: Rehearse Scenario" plays the active scenario from its start; "Callflow: Rehearse from
 *   Here" from the step at the cursor (editor context menu) or a step of the preview (its context menu,
 *   its Rehearse button or R), in a panel beside the editor.
 * - Runs are stateless: the panel keeps the document, the start and the inputs; after every edit
 *   (debounced) it asks again with the same inputs, so the run follows the scenario and says where the
 *   old choices no longer fit.
 * - The preview draws the route taken so far.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GraphRequest, RehearseRequest } from '../../server/src/shared/protocol';
import type { RunInput, RunStart, RunView } from '../../server/src/shared/rehearsal';
import {
  isRehearsalWebviewMessage,
  type RehearsalHostMessage,
  type RunReason,
  type ShownMessage,
} from '../../server/src/shared/rehearsal-protocol';
import { randomNonce, stepAt, type PreviewAccess } from './preview';
import { startFromHere } from './rehearsal-start';
import { settings } from './settings';
import { rehearsalHtml } from './webview/rehearsal/html';

const UPDATE_DELAY_MS = 250;
const VIEW_TYPE = 'callflow.rehearsal';

/** What tests (and other modules) can reach of the open rehearsal. */
export interface RehearsalProbe {
  /** The document being rehearsed. */
  readonly uri: vscode.Uri;
  /** Where the run starts (undefined: the scenario's start). */
  runStart(): RunStart | undefined;
  /** The last run sent to the panel. */
  view(): RunView | undefined;
  /** The panel's last report of what it shows. */
  shown(): ShownMessage | undefined;
  /** Resolves with the last report, or the first one to come, that satisfies `pred`. */
  waitForShown(pred: (m: ShownMessage) => boolean, timeoutMs?: number): Promise<ShownMessage>;
  /** The panel acts as if the user pressed `key` in it; resolves with its next report. */
  press(key: string, timeoutMs?: number): Promise<ShownMessage>;
}

/** The open rehearsal panel (one per window). */
class RehearsalPanel implements vscode.Disposable, RehearsalProbe {
  private start: RunStart | undefined;
  private inputs: RunInput[] = [];
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private last: RunView | undefined;
  private lastShown: ShownMessage | undefined;
  private readonly watchers = new Set<(m: ShownMessage) => void>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    public uri: vscode.Uri,
    start: RunStart | undefined,
    private readonly preview: PreviewAccess,
    private readonly onDispose: () => void,
    inputs: RunInput[] = [],
    private readonly onSave: (save: RunToSave) => void = () => undefined,
  ) {
    this.start = start;
    this.inputs = inputs;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'client', 'images', 'icon.png');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule();
      }),
      // Closed and opened again: the server knows the document again.
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.toString() === this.uri.toString()) this.schedule('restore');
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('callflow.rehearsal')) this.postOptions();
      }),
    );
    this.updateTitle();
  }

  /** Plays another document or start from the beginning (or, with inputs, shows that run whole). */
  open(uri: vscode.Uri, start: RunStart | undefined, inputs: RunInput[] = []): void {
    if (uri.toString() !== this.uri.toString()) this.preview.setRoute(this.uri, null);
    this.uri = uri;
    this.start = start;
    this.inputs = inputs;
    this.lastShown = undefined;
    this.updateTitle();
    this.panel.reveal(undefined, false);
    void this.run(inputs.length ? 'restore' : 'open');
  }

  runStart(): RunStart | undefined {
    return this.start;
  }

  view(): RunView | undefined {
    return this.last;
  }

  shown(): ShownMessage | undefined {
    return this.lastShown;
  }

  waitForShown(pred: (m: ShownMessage) => boolean, timeoutMs = 20_000): Promise<ShownMessage> {
    if (this.lastShown && pred(this.lastShown)) return Promise.resolve(this.lastShown);
    return this.nextShown(pred, timeoutMs);
  }

  press(key: string, timeoutMs = 20_000): Promise<ShownMessage> {
    const next = this.nextShown(() => true, timeoutMs);
    this.post({ type: 'press', key });
    return next;
  }

  private nextShown(pred: (m: ShownMessage) => boolean, timeoutMs: number): Promise<ShownMessage> {
    return new Promise((resolve, reject) => {
      const watcher = (m: ShownMessage) => {
        if (!pred(m)) return;
        clearTimeout(timer);
        this.watchers.delete(watcher);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new Error('The rehearsal panel did not show what was expected in time.'));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  private html(): string {
    return rehearsalHtml({
      scriptUri: this.panel.webview
        .asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'rehearsal.js'))
        .toString(),
      cspSource: this.panel.webview.cspSource,
      nonce: randomNonce(),
    });
  }

  private get fileName(): string {
    return this.uri.path.split('/').pop() ?? 'scenario';
  }

  private updateTitle(): void {
    this.panel.title = `Rehearse: ${this.fileName}${this.start?.step ? ` from ${this.start.step}` : ''}`;
  }

  private schedule(reason: RunReason = 'edit'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(reason), UPDATE_DELAY_MS);
  }

  /** Asks the server for the run and sends it; an answer older than the latest request is dropped. */
  private async run(reason: RunReason): Promise<void> {
    if (!this.ready) return;
    const seq = ++this.seq;
    const params = { uri: this.uri.toString(), start: this.start, inputs: this.inputs };
    try {
      const view = await this.client.sendRequest(RehearseRequest.type, params);
      if (seq !== this.seq) return;
      if (!view) {
        this.post({ type: 'unavailable', message: `Open ${this.fileName} in an editor to rehearse it.` });
        return;
      }
      this.last = view;
      this.post({
        type: 'run',
        view,
        inputs: this.inputs,
        title: this.fileName,
        from: this.start?.step,
        reason,
      });
      this.preview.setRoute(
        this.uri,
        view.transcript.map((e) => e.step),
      );
    } catch (e) {
      if (seq !== this.seq) return;
      const message = (e as Error).message;
      this.client.outputChannel.appendLine(`[rehearsal] could not play ${this.fileName}: ${message}`);
      this.post({ type: 'unavailable', message: `The run could not be played: ${message}` });
    }
  }

  private postOptions(): void {
    this.post({
      type: 'options',
      options: {
        mode: settings.rehearsalView(),
        realTime: settings.rehearsalRealTime(),
        readAloud: settings.rehearsalReadAloud(),
      },
    });
  }

  private post(message: RehearsalHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    if (!isRehearsalWebviewMessage(raw)) return;
    switch (raw.type) {
      case 'ready': {
        // A page loaded again (a reloaded webview) keeps the run, with every line shown.
        const reason = this.ready || this.inputs.length ? 'restore' : 'open';
        this.ready = true;
        this.postOptions();
        void this.run(reason);
        break;
      }
      case 'play':
        this.inputs = raw.inputs;
        void this.run('play');
        break;
      case 'reveal':
        void revealStep(this.client, this.uri, raw.stepId);
        break;
      case 'save-run':
        this.onSave({ uri: this.uri, start: this.start, inputs: raw.inputs });
        break;
      case 'shown':
        this.lastShown = raw;
        for (const w of [...this.watchers]) w(raw);
        break;
      case 'error':
        this.client.outputChannel.appendLine(`[rehearsal] ${raw.message}`);
        break;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.seq++;
    this.preview.setRoute(this.uri, null);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

/** Opens the document at a step's id and selects it. */
async function revealStep(client: LanguageClient, uri: vscode.Uri, stepId: string): Promise<void> {
  const graph = await client.sendRequest(GraphRequest.type, { uri: uri.toString() });
  const node = graph?.nodes.find((n) => n.id === stepId);
  if (!node) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
  });
  const r = node.range;
  editor.selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** What "Rehearse from Here" may be given: a file (editor menus), the preview's step context, or nothing. */
type FromHereArg = vscode.Uri | { webviewSection?: string; stepId?: string } | undefined;

/** A run the panel asks to save as a test: the document, the start and the inputs it used. */
export interface RunToSave {
  uri: vscode.Uri;
  start?: RunStart;
  inputs: RunInput[];
}

/** What the extension and its tests reach of the rehearsal. */
export interface RehearsalAccess {
  /** Opens (or reuses) the panel on `uri` from `start`; with inputs, at the end of that run. */
  open(uri: vscode.Uri, start?: RunStart, inputs?: RunInput[]): void;
  /** Who saves a run when the panel's "Save as test" is clicked. */
  onSaveRun(save: (run: RunToSave) => void): void;
  /** Opens it from a step, with the state of a run that reached the step. */
  openFrom(uri: vscode.Uri, step: string): Promise<void>;
  /** The open panel, for tests. */
  probe(): RehearsalProbe | undefined;
}

/** Registers the rehearsal commands. */
export function registerRehearsal(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  preview: PreviewAccess,
): RehearsalAccess {
  let current: RehearsalPanel | undefined;
  let saveRun: (run: RunToSave) => void = () => undefined;

  const open = (uri: vscode.Uri, start?: RunStart, inputs: RunInput[] = []) => {
    if (current) return current.open(uri, start, inputs);
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Rehearse',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
        // A call goes on while its tab is in the background (the real-time clock keeps running).
        retainContextWhenHidden: true,
      },
    );
    current = new RehearsalPanel(
      panel,
      client,
      context.extensionUri,
      uri,
      start,
      preview,
      () => {
        current = undefined;
      },
      inputs,
      (run) => saveRun(run),
    );
  };

  const scenarioUri = (uri?: unknown): vscode.Uri | undefined => {
    if (uri instanceof vscode.Uri) return uri;
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'callflow' ? editor.document.uri : undefined;
  };

  const rehearse = (uri?: unknown) => {
    const target = scenarioUri(uri);
    if (!target) {
      void vscode.window.showInformationMessage('Open a scenario (*.scenario.yaml) to rehearse it.');
      return;
    }
    open(target);
  };

  const openFrom = async (uri: vscode.Uri, step: string) => {
    const params = { uri: uri.toString() };
    let start: RunStart = { step };
    try {
      const graph = await client.sendRequest(GraphRequest.type, params);
      if (graph)
        start = await startFromHere(step, graph, (inputs) =>
          client.sendRequest(RehearseRequest.type, { ...params, inputs }),
        );
    } catch (e) {
      client.outputChannel.appendLine(`[rehearsal] no starting state for ${step}: ${(e as Error).message}`);
    }
    open(uri, start);
  };

  const fromHere = async (arg: FromHereArg) => {
    if (arg && !(arg instanceof vscode.Uri) && arg.stepId) {
      const uri = preview.documentUri();
      if (uri) await openFrom(uri, arg.stepId);
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'callflow') {
      void vscode.window.showInformationMessage(
        'Put the cursor in a step of a scenario to rehearse from it.',
      );
      return;
    }
    const uri = editor.document.uri;
    const graph = await client.sendRequest(GraphRequest.type, { uri: uri.toString() });
    const step = graph ? stepAt(graph.nodes, editor.selection.active)?.id : undefined;
    if (!step) {
      void vscode.window.showInformationMessage(
        'Put the cursor in a step (under `steps:`) to rehearse from it.',
      );
      return;
    }
    await openFrom(uri, step);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('callflow.rehearse', rehearse),
    vscode.commands.registerCommand('callflow.rehearseFromHere', fromHere),
    { dispose: () => current?.dispose() },
  );
  return {
    open,
    openFrom,
    probe: () => current,
    onSaveRun: (save) => {
      saveRun = save;
    },
  };
}
