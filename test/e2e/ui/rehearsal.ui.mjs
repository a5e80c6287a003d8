// UI test of the rehearsal panel in a real VS Code (code-server + headless Chromium), as a trainer would
// use it: "Callflow: Rehearse Scenario" on the burglary sample, lines shown with Enter, options picked
// with number keys, T switches to the trainer view, the run played to its debrief. Screenshots of the
// trainee and trainer views go to test-results/, and with UPDATE_SCREENSHOTS=1 to docs/images/ (the
// README's): `UPDATE_SCREENSHOTS=1 node test/e2e/run.mjs --ui --vsix`.
import { strict as assert } from 'node:assert';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../ui-helpers.mjs';

const SAMPLE = '04-burglary-in-progress.scenario.yaml';
const LONG = 120_000; // first activation of the extension and the language server in a cold workbench

export default {
  name: 'rehearse a sample by keyboard: trainee view, trainer view, debrief',
  async run({ page, url, root, workspace, helpers }) {
    cpSync(join(root, 'samples'), workspace, { recursive: true });
    await helpers.openWorkbench(page, url, { timeout: LONG });
    await helpers.openFileFromExplorer(page, SAMPLE);
    await helpers.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await helpers.runCommand(page, 'Callflow: Rehearse Scenario');

    // The webview: an iframe (.webview) holding the content iframe (#active-frame).
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const lines = view.locator('#transcript > li');
    const options = view.locator('#waiting ol.options button');
    await until('the first line of the call', async () => (await lines.count()) === 1, { timeout: LONG });
    assert.match(await view.locator('#title').innerText(), /Burglary in progress/);
    // Keys go to the page inside the panel once it has the focus.
    await view.locator('#clock').click();

    /** Enter until the options of a choice show; returns their labels. */
    const continueToChoice = async () => {
      for (let i = 0; i < 60 && (await options.count()) === 0; i++) {
        const before = await lines.count();
        await page.keyboard.press('Enter');
        await until(
          'the next line',
          async () => (await lines.count()) > before || (await options.count()) > 0,
        );
      }
      return options.allInnerTexts();
    };

    const first = await continueToChoice();
    assert.equal(first.length, 2, first.join(' | '));
    assert.ok(!first.some((t) => /Score/.test(t)), 'the trainee sees no scores');
    await page.keyboard.press('1');
    await until('the choice played', async () => (await options.count()) === 0);
    const second = await continueToChoice();
    assert.equal(second.length, 3, second.join(' | '));
    // The pointer rests outside the panel: no hover in the picture.
    await page.mouse.move(5, 5);
    // test-results/ always; with UPDATE_SCREENSHOTS=1 also the README's images in docs/images/.
    const shot = async (name) => {
      const out = await helpers.screenshot(page, name);
      if (!process.env.UPDATE_SCREENSHOTS) return;
      mkdirSync(join(root, 'docs/images'), { recursive: true });
      copyFileSync(out, join(root, 'docs/images', `${name}.png`));
    };
    await shot('rehearsal-trainee');

    await page.keyboard.press('t');
    await until('the trainer view', async () => (await view.locator('#state').isVisible()) === true);
    const trainer = await options.allInnerTexts();
    assert.ok(
      trainer.some((t) => /Score \+3/.test(t)),
      trainer.join(' | '),
    );
    assert.ok(
      trainer.some((t) => /Critical failure: /.test(t)),
      'the critical option is marked',
    );
    assert.match(await view.locator('#state').innerText(), /Grade\s+EMERGENCY at \d+:\d\d/);
    await shot('rehearsal-trainer');

    // To the end: the best option (the first here) at each choice, Enter for the step that waits.
    const ended = async () => (await view.locator('#debrief').count()) > 0;
    for (let i = 0; i < 60 && !(await ended()); i++) {
      const before = await lines.count();
      await page.keyboard.press((await options.count()) > 1 ? '1' : 'Enter');
      await until('the run to move on', async () => (await lines.count()) !== before || (await ended()));
    }
    const debrief = await until(
      'the debrief',
      async () => (await view.locator('#debrief').count()) && view.locator('#debrief').innerText(),
    );
    assert.match(debrief, /^Debrief\s+Pass/);
    assert.match(debrief, /Score\s+6 of 6/);
    await helpers.screenshot(page, 'rehearsal-debrief');
  },
};
