// The rehearsal panel in a real VS Code: "Callflow: Rehearse Scenario" opens it beside a sample, the
// panel is played to its end with the keys a trainee presses (delivered into the webview, which asks the
// host, which asks the language server), and the debrief the webview shows is read back. Then an edit of
// the scenario replays the run and shows where the old choice no longer fits, and "Rehearse from Here"
// starts at the step under the cursor with the state of a run that reached it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallflowApi } from '../../../client/src/extension';
import type { RehearsalProbe } from '../../../client/src/rehearsal';
import type { ShownMessage } from '../../../server/src/shared/rehearsal-protocol';
import { until } from '../until';

const EXTENSION_ID = 'callflow-studio.callflow-studio';
const SAMPLE = '04-burglary-in-progress.scenario.yaml';

/** Plays to an end: Enter while lines remain (or for the one option), the best option's number key. */
async function playToEnd(probe: RehearsalProbe): Promise<{ shown: ShownMessage; keys: string[] }> {
  let shown = await probe.waitForShown(() => true);
  const keys: string[] = [];
  for (let i = 0; i < 300; i++) {
    if (shown.waiting === 'end' && shown.shown === shown.of) return { shown, keys };
    assert.notEqual(shown.waiting, 'stopped');
    const w = probe.view()?.waiting;
    let key = 'Enter';
    if (shown.shown === shown.of && w?.kind === 'choice' && w.options.length > 1) {
      const best = w.options.reduce((b, o, j) => ((o.score ?? 0) > (w.options[b].score ?? 0) ? j : b), 0);
      key = String(best + 1);
    }
    keys.push(key);
    shown = await probe.press(key);
  }
  throw new Error('no end after 300 keys');
}

describe('Rehearsal panel', function () {
  this.timeout(120_000); // a cold webview and some thirty key presses on a busy machine
  let api: CallflowApi;
  let doc: vscode.TextDocument;

  before(async () => {
    const ext = vscode.extensions.getExtension<CallflowApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID}`);
    // A copy of a sample in the (temporary) workspace: the test edits it.
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const target = vscode.Uri.joinPath(folder, SAMPLE);
    const source = vscode.Uri.joinPath(ext.extensionUri, 'samples', SAMPLE);
    await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(source));
    doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc);
    api = ext.isActive ? ext.exports : await ext.activate();
    await api.ready;
  });

  it('opens beside the sample, plays to the end by keyboard and shows the debrief', async () => {
    await vscode.commands.executeCommand('callflow.rehearse');
    const probe = await until('the rehearsal panel', () => api.rehearsal());
    assert.equal(probe.uri.toString(), doc.uri.toString());
    const first = await probe.waitForShown(() => true);
    assert.equal(first.mode, 'trainee');
    assert.equal(first.shown, 1, 'the trainee view paces the lines');
    const { shown, keys } = await playToEnd(probe);
    const debrief = probe.view()?.debrief;
    assert.ok(debrief, 'the server’s run ended');
    assert.equal(debrief.result, 'pass');
    assert.deepEqual(
      keys.filter((k) => k !== 'Enter'),
      ['1', '1'],
    );
    const text = shown.debrief ?? '';
    assert.match(text, /^Debrief\s+Pass/);
    assert.ok(text.includes(`${debrief.score} of ${debrief.best}`), text);
    for (const t of debrief.targets) assert.ok(text.includes(`${Math.abs(t.by ?? 0)} s inside`), t.key);
    assert.ok(debrief.truth && text.includes(debrief.truth), 'the truth, revealed at the debrief');
  });

  it('replays the run after an edit and says where the old choice no longer fits', async () => {
    const probe = api.rehearsal()!;
    const first = probe.view()!.transcript.find((e) => e.choice)!.choice!.label;
    const at = doc.getText().indexOf(first);
    assert.ok(at > 0);
    const replace = async (start: number, length: number, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const renamed = 'Grade EMERGENCY at once';
    await replace(at, first.length, renamed);
    const after = await probe.waitForShown((m) => m.waiting === 'choice' && m.step === 'grade-timing');
    assert.equal(probe.view()?.diverged?.index, 0);
    assert.equal(after.shown, after.of, 'the lines seen stay shown');
    // Back as it was (the copy is saved: no unsaved editor is left behind): the old choices fit again.
    await replace(at, renamed.length, first);
    await doc.save();
    await probe.waitForShown((m) => m.waiting === 'end');
    assert.equal(probe.view()?.diverged, undefined);
  });

  it('rehearses from the step under the cursor', async () => {
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => /^ {2}advice-choice:$/.test(l));
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line + 2, 4, line + 2, 4);
    await vscode.commands.executeCommand('callflow.rehearseFromHere');
    const probe = api.rehearsal()!;
    const shown = await probe.waitForShown((m) => m.step === 'advice-choice' && m.waiting === 'choice');
    assert.equal(probe.view()?.start, 'advice-choice');
    assert.equal(probe.view()?.transcript[0].step, 'advice-choice');
    // With what a run that reached the step knows: the clock runs on, the grade is given.
    assert.ok((probe.view()?.transcript[0].at ?? 0) > 60, 'the clock of the route to the step');
    assert.equal(probe.view()?.state.grade?.value, 'EMERGENCY');
    assert.equal(shown.of, 1);
  });
});
