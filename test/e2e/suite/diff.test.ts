// "Callflow: Compare Flow with…" in a real VS Code: the flow diff of an open scenario against another
// file (no git needed) and against its git HEAD read through the built-in git extension's API. The
// command answers the diff the panel shows; the panel is found among the editor's tabs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { DiffResult } from '../../../server/src/shared/diff-protocol';
import { until } from '../until';

const EXTENSION_ID = 'callflow-studio.callflow-studio';

const BASE = `callflow: 1
id: compare-me
title: Compare me
start: answer
steps:
  answer:
    kind: handler
    say: "Police emergency. Where are you exactly?"
    asks: [location]
    seconds: 5
    next: where
  where:
    kind: caller
    event: speech
    say: "Kingsway Bridge, by the station."
    seconds: 8
    next: done
  done:
    kind: end
    say: Officers arrive.
    outcome:
      result: pass
`;

/** The new version: \`where\` renamed \`location\`, a step added before the end. */
const NEW = BASE.replace('next: where', 'next: location')
  .replace('  where:\n', '  location:\n')
  .replace(
    '    seconds: 8\n    next: done\n',
    '    seconds: 8\n    next: reassure\n  reassure:\n    kind: handler\n    say: Stay on the line.\n    seconds: 3\n    next: done\n',
  );

function diffTab(): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all)
    for (const tab of group.tabs)
      if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('callflow.diff'))
        return tab;
  return undefined;
}

describe('Compare Flow with…', function () {
  this.timeout(120_000);
  let folder: vscode.Uri;
  let current: vscode.Uri;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    folder = vscode.workspace.workspaceFolders![0].uri;
    current = vscode.Uri.joinPath(folder, 'compare', 'flow.scenario.yaml');
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'compare', 'old.scenario.yaml'),
      Buffer.from(BASE),
    );
    await vscode.workspace.fs.writeFile(current, Buffer.from(NEW));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(current));
    if (!ext.isActive) await ext.activate();
  });

  it('against another file: the rename and the added step, shown in the diff panel', async () => {
    const old = vscode.Uri.joinPath(folder, 'compare', 'old.scenario.yaml');
    const result = await until('the diff', () =>
      vscode.commands.executeCommand<DiffResult | undefined>('callflow.compareFlow', current, { file: old }),
    );
    assert.deepEqual(
      result.diff.changes.map((c) => `${c.kind} ${c.step}`),
      ['step-renamed location', 'transition-repointed location', 'step-added reassure'],
    );
    assert.deepEqual(result.diff.renames, { where: 'location' });
    assert.match(result.svg, /cf-diff-added" data-id="reassure"/);
    const tab = await until('the diff panel', diffTab);
    assert.equal(tab.label, 'Flow diff: flow.scenario.yaml');
  });

  it("against the file's git HEAD, read through the git extension", async function () {
    const cwd = vscode.Uri.joinPath(folder, 'compare').fsPath;
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], {
        cwd,
        encoding: 'utf8',
      });
    if (git('--version').status !== 0) this.skip();
    await vscode.workspace.fs.writeFile(current, Buffer.from(BASE));
    assert.equal(git('init', '-q').status, 0);
    assert.equal(git('add', 'flow.scenario.yaml').status, 0);
    assert.equal(git('commit', '-q', '-m', 'base').status, 0);
    await vscode.workspace.fs.writeFile(current, Buffer.from(NEW));
    const doc = await vscode.workspace.openTextDocument(current);
    await until('the editor to see the new text', () =>
      doc.getText().includes('reassure') ? true : undefined,
    );
    // The test workspace turns git off (a faster workbench): turn it on there, as a user has it.
    await vscode.workspace
      .getConfiguration('git')
      .update('enabled', true, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('git.openRepository', cwd).then(undefined, () => undefined);
    // The git extension finds the new repository (what the command reads the old version through).
    type Repo = { show(ref: string, path: string): Promise<string> };
    const gitExt = vscode.extensions.getExtension<{
      getAPI(v: 1): { getRepository(u: vscode.Uri): Repo | null };
    }>('vscode.git');
    assert.ok(gitExt, 'the built-in git extension');
    const exports = gitExt.isActive ? gitExt.exports : await gitExt.activate();
    assert.equal(
      vscode.workspace.getConfiguration('git').get('enabled'),
      true,
      'git.enabled after the update',
    );
    const api = await until(
      'the git model',
      () => {
        try {
          return exports.getAPI(1);
        } catch {
          return undefined; // "Git model not found" until git is enabled and found
        }
      },
      90_000,
    );
    await vscode.commands.executeCommand('git.openRepository', cwd).then(undefined, () => undefined);
    const repo = await until(
      'the git extension to open the repository',
      () => api.getRepository(current) ?? undefined,
    );
    assert.match(await repo.show('HEAD', current.fsPath), /next: where/);
    const result = await until('the diff against HEAD', () =>
      vscode.commands.executeCommand<DiffResult | undefined>('callflow.compareFlow', current, {
        ref: 'HEAD',
      }),
    );
    assert.deepEqual(Object.values(result.diff.steps).sort(), ['added', 'renamed']);
  });
});
