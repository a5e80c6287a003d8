/**
 * The preview draws the layout the language server sends with a graph (`callflow/layout`), in headless
 * Chromium: as it is, without loading ELK at all; a text-only edit redraws from the cache; a layout that
 * was made for another structure is not drawn, and the webview lays out itself instead — to the same
 * positions elkjs gives in Node (so server and webview agree).
 */
import * as assert from 'node:assert/strict';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutGraph, toWire, type WireLayout } from '../../server/src/shared/layout';
import { ensureBuilt } from '../support/build-once';
import { generateGraph, houseFireScenario } from './fixtures';
import { openPreview, type PreviewSession } from './harness';

describe('preview: layouts supplied by the language server', function () {
  this.timeout(120000);
  let s: PreviewSession;
  const graph = houseFireScenario();
  let wire: WireLayout;

  before(async function () {
    ensureBuilt();
    wire = toWire(await layoutGraph(graph, new ELK()));
    s = await openPreview({ serverLayout: true });
  });
  after(async () => s?.close());

  const elkLoaded = () =>
    s.page.evaluate(() =>
      performance.getEntriesByType('resource').some((r) => r.name.endsWith('/elk.bundled.js')),
    );
  const positions = () =>
    s.page.$$eval('#nodes .cf-node', (nodes) =>
      Object.fromEntries(nodes.map((n) => [n.getAttribute('data-id'), n.getAttribute('transform')])),
    );
  const expected = (w: WireLayout) =>
    Object.fromEntries(w.nodes.map(([id, b]) => [id, `translate(${b.x},${b.y})`]));

  it('draws a supplied layout as it is, without loading ELK', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph, layout: wire });
    const r = await s.waitFor('rendered', since);
    assert.equal(r.layoutMode, 'server');
    assert.equal(r.cached, false);
    assert.deepEqual(await positions(), expected(wire));
    assert.equal(await elkLoaded(), false, 'the page never fetched ELK');
  });

  it('redraws a text-only edit from its cache (no layout sent, none made)', async () => {
    const edited = structuredClone(graph);
    const node = edited.nodes.find((n) => n.problems.length === 0)!;
    node.problems = [{ ruleId: 'style/example', severity: 'info', message: 'A note.' }];
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph: edited });
    const r = await s.waitFor('rendered', since);
    assert.equal(r.layoutMode, 'cache');
    assert.deepEqual(await positions(), expected(wire));
    assert.equal(await elkLoaded(), false);
  });

  it('does not draw a layout made for another structure: lays out itself, as elkjs does in Node', async () => {
    const other = generateGraph(24, 5);
    other.nodes = other.nodes.map((n) => ({ ...n, text: `${n.text} (changed)` }));
    const own = toWire(await layoutGraph(other, new ELK()));
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph: other, layout: wire });
    const r = await s.waitFor('rendered', since);
    assert.equal(r.layoutMode, 'worker');
    assert.deepEqual(await positions(), expected(own));
    assert.equal(await elkLoaded(), true);
    assert.deepEqual(
      (await s.sent()).slice(since).filter((m) => m.type === 'error'),
      [],
      'no error reaches the user',
    );
  });

  it('drops a malformed layout with the message (nothing drawn from it)', async () => {
    const since = (await s.sent()).length;
    await s.send({ type: 'graph', graph, layout: { ...wire, nodes: [['x', { x: 'a' }]] } });
    const e = await s.waitFor('error', since);
    assert.match(e.message, /invalid message/);
  });
});
