/**
 * The layout as it travels from the language server to the preview: the structure id names a
 * structure key (not its text), and a wire layout is drawn only for the structure and direction it was
 * made for, with a box for every step.
 */
import * as assert from 'node:assert/strict';
import ELK from 'elkjs/lib/elk.bundled.js';
import { fromWire, layoutGraph, prepareLayout, structureId, toWire } from '../../server/src/shared/layout';
import { isHostMessage } from '../../server/src/shared/preview-protocol';
import { generateGraph, houseFireScenario } from '../webview/fixtures';

describe('preview layouts on the wire', () => {
  const graph = houseFireScenario();

  it('names a structure key by a short id that changes with the key', () => {
    const key = prepareLayout(graph).key;
    assert.equal(structureId(key), structureId(`${key}`));
    assert.notEqual(structureId(key), structureId(prepareLayout(graph, 'RIGHT').key));
    assert.notEqual(structureId(key), structureId(`${key.slice(0, -1)}x`));
    assert.ok(structureId(key).length < 24, structureId(key));
  });

  it('round-trips a layout through JSON for the structure it was made for', async () => {
    const layout = await layoutGraph(graph, new ELK());
    const wire = JSON.parse(JSON.stringify(toWire(layout)));
    assert.ok(isHostMessage({ type: 'graph', graph, layout: wire }));
    assert.deepEqual(fromWire(wire, prepareLayout(graph)), layout);
  });

  it('refuses a layout of another structure, direction, or one missing a step', async () => {
    const wire = toWire(await layoutGraph(graph, new ELK()));
    assert.equal(fromWire(wire, prepareLayout(generateGraph(30, 2))), undefined);
    assert.equal(fromWire(wire, prepareLayout(graph, 'RIGHT')), undefined);
    const missing = { ...wire, nodes: wire.nodes.slice(1) };
    assert.equal(fromWire(missing, prepareLayout(graph)), undefined);
    assert.ok(!isHostMessage({ type: 'graph', graph, layout: { ...wire, edges: [['e', { points: 3 }]] } }));
  });
});
