/**
 * Every sample scenario, taken through the language service exactly as the editor does (parse →
 * validate → graph), rendered by the real preview in headless Chromium: every step and transition is
 * drawn, with no CSP violation. Screenshots of two samples (light and dark) go to test-results/; with
 * UPDATE_SCREENSHOTS=1 they also replace the README's images in docs/images/.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../support/build-once';
import type { FlowGraph } from '../../server/src/shared/graph';
import { openPreview, type PreviewSession } from './harness';
import { createScenarioService } from '../../server/src/service';

const ROOT = resolve(__dirname, '../..');
const SAMPLES = join(ROOT, 'samples');

function sampleGraph(file: string): FlowGraph {
  const service = createScenarioService({ readFile: () => undefined, resolve: (_b, p) => p });
  const project = service.loadProject(undefined, undefined);
  const uri = `file://${join(SAMPLES, file)}`;
  const doc = service.parse(uri, readFileSync(join(SAMPLES, file), 'utf8'), 1);
  return service.graph(doc, project, service.validate(doc, project));
}

describe('preview: every sample in headless Chromium', function () {
  this.timeout(300000);
  let s: PreviewSession;
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.scenario.yaml'));

  before(async function () {
    ensureBuilt();
    s = await openPreview({ width: 1400, height: 900 });
  });
  after(async () => s?.close());

  it('has the twelve samples to draw', () => assert.equal(files.length, 12));

  for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.scenario.yaml'))) {
    it(`draws every step and transition of ${file}`, async () => {
      const graph = sampleGraph(file);
      assert.ok(graph.nodes.length >= 20, 'a realistic sample');
      const since = (await s.sent()).length;
      await s.send({ type: 'graph', graph });
      const rendered = await s.waitFor('rendered', since);
      assert.equal(rendered.nodes, graph.nodes.length);
      assert.equal(rendered.edges, graph.edges.length);
      assert.equal(await s.page.locator('#nodes .cf-node').count(), graph.nodes.length);
      assert.equal(await s.page.locator('#edges .cf-edge').count(), graph.edges.length);
      const critical = graph.edges.filter((e) => e.critical).length;
      assert.equal(await s.page.locator('.cf-edge.cf-critical').count(), critical);
      assert.deepEqual(await s.violations(), []);
    });
  }

  it('saves light and dark screenshots of two samples', async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    for (const [file, name] of [
      ['05-pub-fight-knife.scenario.yaml', 'sample-knife'],
      ['01-silent-999-domestic.scenario.yaml', 'sample-silent'],
    ]) {
      const graph = sampleGraph(file);
      const since = (await s.sent()).length;
      await s.send({ type: 'graph', graph });
      await s.waitFor('rendered', since);
      await s.send({ type: 'highlight', stepId: graph.nodes[6].id, pathToHere: true });
      for (const theme of ['light', 'dark'] as const) {
        await s.setTheme(theme);
        await s.page.waitForFunction(
          (bg) => getComputedStyle(document.body).backgroundColor === bg,
          theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)',
        );
        const out = join(ROOT, 'test-results', `${name}-${theme}.png`);
        await s.page.screenshot({ path: out });
        if (process.env.UPDATE_SCREENSHOTS)
          copyFileSync(out, join(ROOT, 'docs/images', `${name}-${theme}.png`));
      }
    }
  });
});
