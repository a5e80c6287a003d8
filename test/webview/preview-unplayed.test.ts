/**
 * The preview's shading of the steps no recorded run reaches, in headless Chromium under the preview's
 * CSP: the steps come from the core's coverage of a run file replayed through a sample (as the language
 * server answers `callflow/runCoverage`); exactly those steps are shaded, a new graph keeps the shading,
 * and `null` clears it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScenarioService, parseRunFile } from '../../server/src/service';
import { isHostMessage } from '../../server/src/shared/preview-protocol';
import { openPreview, type PreviewSession } from './harness';
import { buildWebviews } from './rehearsal-harness';

const ROOT = resolve(__dirname, '../..');
const service = createScenarioService({ readFile: () => undefined, resolve: (_b, p) => p });
const project = service.loadProject(undefined, undefined);

const RUNS = `callflow-runs: 1
runs:
  - name: model answer
    choices: [ask-knife, conference-ambulance, first-aid]
  - name: sends the caller in
    choices: [end-sent-in]
`;

describe('preview: steps no recorded run reaches', function () {
  this.timeout(120_000);
  let p: PreviewSession;

  before(async () => {
    await buildWebviews();
    p = await openPreview({ width: 1200, height: 900 });
  });
  after(async () => p?.close());

  it('shades exactly the steps the runs never reach, through a new graph, until cleared', async () => {
    const text = readFileSync(join(ROOT, 'samples/05-pub-fight-knife.scenario.yaml'), 'utf8');
    const doc = service.parse('file:///work/pub.scenario.yaml', text, 1);
    const graph = service.graph(doc, project, service.validate(doc, project));
    const outcomes = service.replayRuns(parseRunFile('file:///work/pub.runs.yaml', RUNS), doc, project);
    assert.ok(outcomes.every((o) => o.failures.every((f) => f.ruleId !== 'runs/unknown-choice')));
    const { unplayed } = service.runCoverage(doc, outcomes);
    assert.ok(unplayed.includes('ask-everyone') && !unplayed.includes('ask-knife'), unplayed.join(' '));
    const since = (await p.sent()).length;
    await p.send({ type: 'graph', graph });
    await p.waitFor('rendered', since);
    const message = { type: 'unplayed', steps: unplayed };
    assert.ok(isHostMessage(message));
    await p.send(message);
    const shaded = () =>
      p.page
        .locator('#nodes .cf-node.cf-unplayed')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await p.page.waitForFunction(
      (n) => document.querySelectorAll('#nodes .cf-unplayed').length === n,
      unplayed.length,
    );
    assert.deepEqual((await shaded()).sort(), [...unplayed].sort());
    const opacity = await p.page
      .locator(`#nodes .cf-node[data-id="${unplayed[0]}"]`)
      .evaluate((e) => getComputedStyle(e).opacity);
    assert.equal(opacity, '0.4');
    // The scenario is edited: the new graph keeps the shading the host sent.
    const again = (await p.sent()).length;
    await p.send({ type: 'graph', graph });
    await p.waitFor('rendered', again);
    assert.deepEqual((await shaded()).sort(), [...unplayed].sort());
    await p.send({ type: 'unplayed', steps: null });
    await p.page.waitForFunction(() => document.querySelectorAll('#nodes .cf-unplayed').length === 0);
    assert.deepEqual(await p.violations(), []);
    assert.ok(!isHostMessage({ type: 'unplayed', steps: [1] }));
    assert.ok(!isHostMessage({ type: 'unplayed' }));
  });
});
