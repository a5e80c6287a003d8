/**
 * Recorded runs in the editor (the language server does the reading and the checking):
 *
 * - "▶ Replay" (the code lens the server puts on each run of a `*.runs.yaml`) opens the rehearsal panel
 *   on the scenario at the end of that run, every line shown, ready to step back or play on.
 * - "Save this run as a test" (the panel's button, or the command while a panel is open) asks for a name
 *   and adds the run the panel shows, with today's results as its expectations, to the scenario's run
 *   file through one WorkspaceEdit: the file is created when missing, else the run is appended. The
 *   edit is the user's to keep (save) or undo.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunInput, RunView } from '../../server/src/shared/rehearsal';
import {
  RecordRunRequest,
  REPLAY_COMMAND,
  RunCoverageRequest,
  RUN_NAME_LIMIT,
  isReplayArgs,
} from '../../server/src/shared/runs-protocol';
import type { PreviewAccess } from './preview';
import type { RehearsalAccess, RunToSave } from './rehearsal';

const SAVE_COMMAND = 'callflow.saveRunAsTest';
const COVERAGE_COMMAND = 'callflow.togglePreviewCoverage';
const COVERAGE_DELAY_MS = 300;

/** The inputs that play a run again: its choices (and timeouts) in order. */
export function inputsOf(view: RunView): RunInput[] {
  return view.transcript
    .flatMap((e) => (e.choice ? [e.choice] : []))
    .sort((a, b) => a.input - b.input)
    .map((c): RunInput => (c.timeout ? { timeout: true } : { choose: c.label }));
}

/** A name to propose: how the run ends. */
function proposedName(view: RunView | undefined): string {
  const d = view?.debrief;
  if (!d) return '';
  return `${d.result.replace('-', ' ')} at ${d.end}`;
}

const fileName = (uri: string) => decodeURIComponent(uri.split('/').pop() ?? uri);

/** Asks for a run's name; undefined when the user cancels. */
function askName(value: string, problem?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Save this run as a test',
    prompt: problem ?? 'A name for the run: `callflow test` and the editor refer to it by name.',
    value,
    validateInput: (v) =>
      !v.trim()
        ? 'The run needs a name.'
        : v.length > RUN_NAME_LIMIT
          ? `At most ${RUN_NAME_LIMIT} characters.`
          : undefined,
  });
}

/** Records `run` in its scenario's run file; `name` skips the input box (tests, automation). */
async function save(client: LanguageClient, run: RunToSave, view: RunView | undefined, name?: string) {
  const ask = name === undefined;
  let chosen = name ?? proposedName(view);
  let problem: string | undefined;
  for (let tries = 0; tries < 5; tries++) {
    if (ask) {
      const answer = await askName(chosen, problem);
      if (answer === undefined) return;
      chosen = answer.trim();
    }
    const params = { uri: run.uri.toString(), start: run.start, inputs: run.inputs, name: chosen };
    const result = await client.sendRequest(RecordRunRequest.type, params);
    if (!result) {
      void vscode.window.showWarningMessage(
        `Open ${fileName(run.uri.toString())} in an editor to save its runs.`,
      );
      return;
    }
    if ('error' in result) {
      if (!/already in the file/.test(result.error) || !ask) {
        void vscode.window.showWarningMessage(`The run was not saved: ${result.error}`);
        return;
      }
      problem = `${result.error} Choose another name.`;
      continue;
    }
    const target = vscode.Uri.parse(result.uri);
    const edit = new vscode.WorkspaceEdit();
    if (result.create) edit.createFile(target, { ignoreIfExists: true });
    for (const e of result.edits) {
      const r = e.range;
      edit.replace(
        target,
        new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
        e.newText,
      );
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(`The run could not be written to ${fileName(result.uri)}.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.One,
      preserveFocus: true,
      preview: false,
    });
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.revealRange(new vscode.Range(end, end));
    void vscode.window.showInformationMessage(
      `Saved “${chosen}” in ${fileName(result.uri)} (unsaved: save the file to keep it, undo to drop it).`,
    );
    return;
  }
}

/**
 * The preview's shading of the steps no recorded run reaches: toggled by a command, kept up to date as
 * the scenario or its run file changes. Resolves with what it showed (for tests and the status bar).
 */
function coverageShading(client: LanguageClient, preview: PreviewAccess) {
  let on = false;
  let shaded: vscode.Uri | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = () => {
    if (shaded) preview.setUnplayed(shaded, null);
    shaded = undefined;
  };
  const refresh = async (quiet: boolean) => {
    const uri = preview.documentUri();
    if (!uri) {
      if (!quiet)
        void vscode.window.showInformationMessage('Open the preview (Callflow: Open Preview) to shade it.');
      return undefined;
    }
    const result = await client.sendRequest(RunCoverageRequest.type, { uri: uri.toString() });
    if (!on) return undefined;
    if (shaded && shaded.toString() !== uri.toString()) clear();
    if (!result) {
      preview.setUnplayed(uri, null);
      if (!quiet)
        void vscode.window.showInformationMessage(
          `${fileName(uri.toString())} has no recorded runs yet: save one from the rehearsal panel.`,
        );
      return result;
    }
    shaded = uri;
    preview.setUnplayed(uri, result.unplayed);
    vscode.window.setStatusBarMessage(
      `Recorded runs: ${result.covered} of ${result.total} options and ends (${result.percent}%), ${result.unplayed.length} step${result.unplayed.length === 1 ? '' : 's'} never reached`,
      8000,
    );
    return result;
  };
  const later = () => {
    if (!on) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(true), COVERAGE_DELAY_MS);
  };
  return {
    toggle: async () => {
      on = !on;
      if (!on) return clear();
      return refresh(false);
    },
    listeners: [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && /\.(scenario|runs)\.yaml$/.test(e.document.uri.path)) later();
      }),
      vscode.workspace.onDidSaveTextDocument(later),
      vscode.window.onDidChangeActiveTextEditor(later),
      { dispose: () => clearTimeout(timer) },
    ],
  };
}

/** Registers the replay, save and coverage commands. */
export function registerRuns(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  rehearsal: RehearsalAccess,
  preview: PreviewAccess,
): void {
  const shading = coverageShading(client, preview);
  const saveFromPanel = async (name?: unknown) => {
    const probe = rehearsal.probe();
    const view = probe?.view();
    if (!probe || view?.waiting.kind !== 'end') {
      void vscode.window.showInformationMessage(
        'Play a run to its end in the rehearsal panel to save it as a test.',
      );
      return;
    }
    const run = { uri: probe.uri, start: probe.runStart(), inputs: inputsOf(view) };
    await save(client, run, view, typeof name === 'string' && name.trim() ? name.trim() : undefined);
  };
  rehearsal.onSaveRun((run) => void save(client, run, rehearsal.probe()?.view()));
  context.subscriptions.push(
    vscode.commands.registerCommand(REPLAY_COMMAND, async (args: unknown) => {
      if (!isReplayArgs(args)) return;
      const uri = vscode.Uri.parse(args.uri);
      try {
        // The server plays open documents only: open it (without showing it) if it is not.
        await vscode.workspace.openTextDocument(uri);
      } catch (e) {
        void vscode.window.showWarningMessage(`Cannot open ${fileName(args.uri)}: ${(e as Error).message}`);
        return;
      }
      rehearsal.open(uri, args.start, args.inputs);
    }),
    vscode.commands.registerCommand(SAVE_COMMAND, saveFromPanel),
    vscode.commands.registerCommand(COVERAGE_COMMAND, shading.toggle),
    ...shading.listeners,
  );
}
