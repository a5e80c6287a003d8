// UI test of "Callflow: Compare Flow with…" in a real VS Code (code-server + headless Chromium), as a
// reviewer would use it: on an edited scenario, the command, "Another file…", the approved version
// picked in the file dialog; the diff panel lists the changes and draws the flow; a click on a change
// moves the editor's selection to it. The screenshot goes to test-results/, and with
// UPDATE_SCREENSHOTS=1 to docs/images/flow-diff-vscode.png (the README's).
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../ui-helpers.mjs';

const LONG = 120_000; // first activation of the extension and the language server in a cold workbench

export default {
  name: 'compare a scenario with its approved version: the diff panel, a change revealed in the editor',
  async run({ page, url, root, workspace, helpers }) {
    const fixtures = join(root, 'test/fixtures/diff');
    copyFileSync(join(fixtures, 'review.scenario.yaml'), join(workspace, 'bridge.scenario.yaml'));
    copyFileSync(join(fixtures, 'base.scenario.yaml'), join(workspace, 'bridge-approved.scenario.yaml'));
    const reassureLine =
      readFileSync(join(fixtures, 'review.scenario.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l === '  reassure:') + 1;
    await helpers.openWorkbench(page, url, { timeout: LONG });
    await helpers.openFileFromExplorer(page, 'bridge.scenario.yaml');
    await helpers.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });

    await helpers.runCommand(page, 'Callflow: Compare Flow with…', { timeout: LONG });
    const another = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Another file' });
    await another.waitFor({ timeout: LONG });
    await another.click();
    // code-server's file dialog is a quick input holding a path: type the approved version's.
    const approved = page.locator('.quick-input-list .monaco-list-row', {
      hasText: 'bridge-approved.scenario.yaml',
    });
    await approved.waitFor({ timeout: LONG });
    const input = page.locator('.quick-input-widget input');
    await input.fill(join(workspace, 'bridge-approved.scenario.yaml'));
    await until('the path typed', async () =>
      (await input.inputValue()).endsWith('bridge-approved.scenario.yaml'),
    );
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: LONG });

    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const changes = view.locator('button.change');
    await until('the list of changes', async () => (await changes.count()) === 6, { timeout: LONG });
    assert.equal(await view.locator('#canvas g.cf-node.cf-diff-removed[data-id="talks"]').count(), 1);
    assert.match(await view.locator('#summary').innerText(), /1 added/);

    await changes.filter({ hasText: 'handler step added' }).click();
    const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
    await until(`the editor's selection on line ${reassureLine}`, async () =>
      new RegExp(`Ln ${reassureLine},`).test(await selection.innerText()),
    );
    await page.mouse.move(5, 5);
    const out = await helpers.screenshot(page, 'flow-diff-vscode');
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(root, 'docs/images'), { recursive: true });
      copyFileSync(out, join(root, 'docs/images/flow-diff-vscode.png'));
    }
  },
};
