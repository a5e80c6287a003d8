/**
 * Every command of the extension, from one table: id, title (as in package.json) and handler. The
 * preview and rehearsal commands are implemented by ./preview and ./rehearsal (`registerPreview`,
 * `registerRehearsal`); they are listed here so the table is complete and package.json can be checked
 * against it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STEP_SNIPPETS } from '../../server/src/shared/snippets';

/** What command handlers need from the extension. */
export interface CommandContext {
  client(): LanguageClient | undefined;
  restart(): Promise<void>;
}

export interface CommandSpec {
  id: string;
  title: string;
  /** Absent for commands another module registers (the preview). */
  run?: (ctx: CommandContext) => unknown;
}

const NEW_SCENARIO = `callflow: 1
id: \${1:new-scenario}
title: \${2:A short title for trainers and trainees}
version: "1.0"
level: \${3|foundation,intermediate,advanced|}
audience: [call-handler]
summary: \${4:What the call is about and what it drills.}
call:
  line: 999
  device: mobile
caller:
  who: \${5:Who is calling}
expected:
  grade: \${6:EMERGENCY}
start: answer
steps:
  answer:
    kind: handler
    say: "Police emergency, what is the address of your emergency?"
    asks: [location]
    next: give-address
  give-address:
    kind: caller
    say: "\${7:The caller gives the address.}"
    next: done
  done:
    kind: end
    say: \${8:Officers arrive.}
    outcome:
      result: pass
`;

/** The command table. */
export const COMMANDS: readonly CommandSpec[] = [
  { id: 'callflow.restartServer', title: 'Restart Language Server', run: (ctx) => ctx.restart() },
  { id: 'callflow.showOutput', title: 'Show Output', run: (ctx) => ctx.client()?.outputChannel.show(true) },
  { id: 'callflow.newScenario', title: 'New Scenario', run: () => newScenario() },
  { id: 'callflow.insertStep', title: 'Insert Step…', run: () => insertStep() },
  { id: 'callflow.openPreview', title: 'Open Preview' },
  { id: 'callflow.togglePreviewLock', title: 'Toggle Preview Lock' },
  { id: 'callflow.exportPreviewSvg', title: 'Export Preview as SVG' },
  { id: 'callflow.exportPreviewPng', title: 'Export Preview as PNG' },
  { id: 'callflow.exportPreviewPrint', title: 'Export Preview for Print (A4 or Letter pages, SVG)' },
  { id: 'callflow.rehearse', title: 'Rehearse Scenario' },
  { id: 'callflow.rehearseFromHere', title: 'Rehearse from Here' },
];

/** Registers every command that has a handler here. */
export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  for (const c of COMMANDS)
    if (c.run) context.subscriptions.push(vscode.commands.registerCommand(c.id, () => c.run!(ctx)));
}

/** Opens a new untitled scenario filled from the template (a snippet: Tab moves through the fields). */
async function newScenario(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'callflow', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(NEW_SCENARIO), new vscode.Position(0, 0));
}

/** Asks for a step kind and inserts its snippet at the cursor. */
async function insertStep(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'callflow') {
    void vscode.window.showInformationMessage('Open a scenario (*.scenario.yaml) to insert a step.');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    STEP_SNIPPETS.map((s) => ({ label: s.kind, description: s.description, snippet: s })),
    { placeHolder: 'Which kind of step?' },
  );
  if (!pick) return;
  await editor.insertSnippet(new vscode.SnippetString(pick.snippet.body));
}
