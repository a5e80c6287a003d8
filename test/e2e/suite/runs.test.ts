// Recorded runs in a real VS Code: a `*.runs.yaml` beside a sample opens as a run file (its own
// language), gets a "▶ Replay" lens on each run and no problem while its runs still fit; the lens opens
// the rehearsal panel at the end of the run; "Save This Run as a Test" appends the run the panel shows
// to the run file through an edit that undo removes; a choice the scenario no longer offers is an error.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallflowApi } from '../../../client/src/extension';
import { until } from '../until';

const EXTENSION_ID = 'callflow-studio.callflow-studio';
const SAMPLE = '05-pub-fight-knife.scenario.yaml';
const RUNS_FILE = '05-pub-fight-knife.runs.yaml';
const REPLAY = 'callflow.replayRun';
const KNIFE = 'Ask about the knife — who has it and where is it now';

const RUNS = `# Recorded by hand for the editor test
callflow-runs: 1
runs:
  - name: model answer
    choices:
      - ${KNIFE}
      - conference-ambulance
      - first-aid
    expect:
      end: end-pass
      result: pass
`;

describe('Recorded runs', function () {
  this.timeout(120_000);
  let api: CallflowApi;
  let runsUri: vscode.Uri;
  let scenarioUri: vscode.Uri;

  before(async () => {
    const ext = vscode.extensions.getExtension<CallflowApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID}`);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const sub = vscode.Uri.joinPath(folder, 'runs-test');
    scenarioUri = vscode.Uri.joinPath(sub, SAMPLE);
    runsUri = vscode.Uri.joinPath(sub, RUNS_FILE);
    const source = vscode.Uri.joinPath(ext.extensionUri, 'samples', SAMPLE);
    await vscode.workspace.fs.writeFile(scenarioUri, await vscode.workspace.fs.readFile(source));
    await vscode.workspace.fs.writeFile(runsUri, Buffer.from(RUNS, 'utf8'));
    api = ext.isActive ? ext.exports : await ext.activate();
    await api.ready;
  });

  it('opens a run file as a run file, with a ▶ Replay lens on each run and no problem', async () => {
    const doc = await vscode.workspace.openTextDocument(runsUri);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.equal(doc.languageId, 'callflow-runs');
    const lenses = await until('the Replay lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        runsUri,
      );
      return found?.length ? found : undefined;
    });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, '▶ Replay · ✓ passes');
    assert.equal(lenses[0].range.start.line, 3);
    // Checked against the scenario on disk: the run fits and ends as expected.
    await until('the run file checked', () => {
      const problems = vscode.languages.getDiagnostics(runsUri);
      return problems.length === 0 ? true : undefined;
    });
  });

  it('▶ Replay opens the rehearsal panel at the end of the run', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      runsUri,
    );
    const command = lenses[0].command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const probe = await until('the rehearsal panel', () => api.rehearsal());
    assert.equal(probe.uri.toString(), scenarioUri.toString());
    const shown = await probe.waitForShown((m) => m.waiting === 'end');
    assert.equal(shown.shown, shown.of, 'every line of the replayed run is shown');
    assert.equal(probe.view()?.debrief?.end, 'end-pass');
    assert.equal(probe.view()?.debrief?.result, 'pass');
  });

  it('the panel’s Save as test (S) asks for a name and appends the run shown', async () => {
    const doc = await vscode.workspace.openTextDocument(runsUri);
    const before = doc.getText();
    const probe = api.rehearsal()!;
    await probe.waitForShown((m) => m.waiting === 'end');
    // The webview acts on S as on a click of its button: it asks the host, which asks for a name.
    void probe.press('s', 2000).catch(() => undefined); // no new report follows a save
    await until('the name asked for, accepted, and the run saved', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return doc.getText() !== before ? true : undefined;
    });
    assert.match(doc.getText(), /\n {2}- name: pass at end-pass\n {4}choices:\n/);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => (doc.getText() === before ? true : undefined));
  });

  it('Save This Run as a Test appends the run; undo removes it', async () => {
    const doc = await vscode.workspace.openTextDocument(runsUri);
    const before = doc.getText();
    await vscode.commands.executeCommand('callflow.saveRunAsTest', 'saved from the panel');
    await until('the saved run', () =>
      doc.getText().includes('- name: saved from the panel') ? true : undefined,
    );
    const text = doc.getText();
    assert.ok(text.startsWith(before.trimEnd()), 'the run is appended, the rest kept');
    assert.match(text, /- name: saved from the panel\n {4}choices:\n {6}- Ask about the knife/);
    assert.match(text, /end: end-pass\n {6}result: pass\n {6}score: \d+/);
    assert.ok(doc.isDirty, 'the edit is the user’s to save or undo');
    // The saved run fits the scenario as well as the first: no problem on the file.
    await until('the saved run checked', () =>
      vscode.languages.getDiagnostics(runsUri).length === 0 ? true : undefined,
    );
    const lenses = await until('two lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        runsUri,
      );
      return found?.length === 2 ? found : undefined;
    });
    assert.equal(lenses.length, 2);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => (doc.getText() === before ? true : undefined));
    assert.equal(doc.isDirty, false);
  });

  it('Save This Run as a Test creates the run file when there is none', async () => {
    const other = vscode.Uri.joinPath(scenarioUri, '..', 'fresh.scenario.yaml');
    const fresh = vscode.Uri.joinPath(scenarioUri, '..', 'fresh.runs.yaml');
    await vscode.workspace.fs.writeFile(other, await vscode.workspace.fs.readFile(scenarioUri));
    await vscode.commands.executeCommand(REPLAY, {
      uri: other.toString(),
      name: 'x',
      inputs: [{ choose: KNIFE }, { choose: 'conference-ambulance' }, { choose: 'first-aid' }],
    });
    const probe = await until('the panel on the copy', () =>
      api.rehearsal()?.uri.toString() === other.toString() ? api.rehearsal() : undefined,
    );
    await probe.waitForShown((m) => m.waiting === 'end');
    await vscode.commands.executeCommand('callflow.saveRunAsTest', 'model answer');
    const doc = await until('the new run file', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === fresh.toString()),
    );
    await until('its text', () => (doc.getText().includes('- name: model answer') ? true : undefined));
    assert.equal(doc.languageId, 'callflow-runs');
    assert.match(
      doc.getText(),
      /^# Recorded runs of fresh\.scenario\.yaml.*\ncallflow-runs: 1\nruns:\n {2}- name: model answer\n/,
    );
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => (doc.getText() === '' ? true : undefined));
    const exists = await vscode.workspace.fs.stat(fresh).then(
      () => true,
      () => false,
    );
    assert.equal(exists, false, 'after undo the new run file is gone');
  });

  it('shades in the preview the steps no recorded run reaches', async () => {
    const scenario = await vscode.workspace.openTextDocument(scenarioUri);
    await vscode.window.showTextDocument(scenario, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('callflow.openPreview');
    const result = await until('the coverage', async () => {
      const r = await vscode.commands.executeCommand<{ unplayed: string[]; percent: number } | undefined>(
        'callflow.togglePreviewCoverage',
      );
      if (r) return r;
      await vscode.commands.executeCommand('callflow.togglePreviewCoverage'); // back off, try again
      return undefined;
    });
    assert.ok(result.unplayed.includes('ask-everyone'), result.unplayed.join(' '));
    assert.ok(!result.unplayed.includes('ask-knife'));
    assert.ok(result.percent > 0 && result.percent < 100);
    await vscode.commands.executeCommand('callflow.togglePreviewCoverage'); // off
  });

  it('a choice the scenario no longer offers is an error with did-you-mean', async () => {
    const doc = await vscode.workspace.openTextDocument(runsUri);
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const at = doc.getText().indexOf(KNIFE);
    await editor.edit((e) =>
      e.replace(
        new vscode.Range(doc.positionAt(at), doc.positionAt(at + KNIFE.length)),
        KNIFE.replace('—', '-'),
      ),
    );
    const problem = await until('the unknown choice', () =>
      vscode.languages.getDiagnostics(runsUri).find((d) => d.code === 'runs/unknown-choice'),
    );
    assert.equal(problem.range.start.line, 5);
    assert.match(problem.message, /Did you mean "Ask about the knife — who has it and where is it now"\?/);
    await vscode.commands.executeCommand('undo');
    await until('the file as it was', () => (doc.isDirty ? undefined : true));
  });
});
