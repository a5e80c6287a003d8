// UI smoke test: the workbench loads the test workspace, a scenario file opens from the Explorer,
// and a screenshot lands in test-results/. A UI test file exports `default` one test or an array of
// tests `{ name, run(ctx) }`; ctx = { page, url, workspace, root, resultsDir, helpers, base, port }.
import { strict as assert } from 'node:assert';

export default {
  name: 'workbench opens the workspace and a scenario file',
  async run({ page, url, helpers }) {
    await helpers.openWorkbench(page, url);
    await helpers.screenshot(page, 'ui-smoke-workbench');
    await helpers.openFileFromExplorer(page, 'example.scenario.yaml');
    const text = await helpers.visibleEditorText(page);
    assert.match(text, /callflow:\s*1/);
    await helpers.screenshot(page, 'ui-smoke-scenario');
  },
};
