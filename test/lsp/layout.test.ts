/**
 * `callflow/layout` over the real stdio language server: the graph with the positions its warm layout
 * thread made (the same as elkjs makes in-process, which is what the webview runs), none for a layout
 * the preview holds, none laid out again for a text-only edit, stale requests dropped, diagnostics
 * answered while a 2,000-step layout runs, and a thread that cannot load leaving the preview to lay
 * out itself without an error.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { generate } from '../../bench/generate';
import { layoutGraph, structureId, toWire, prepareLayout } from '../../server/src/shared/layout';
import { LayoutRequest, WarmLayoutNotification, type LayoutResult } from '../../server/src/shared/protocol';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const uriOf = (name: string) => `file:///tmp/callflow-layout-test/${name}.scenario.yaml`;
const laidOut = (client: LspTestClient) => client.logs.filter((l) => l.startsWith('[layout] ')).length;

async function startWith(env: string | undefined): Promise<LspTestClient> {
  const before = process.env.CALLFLOW_LAYOUT_THREAD;
  if (env === undefined) delete process.env.CALLFLOW_LAYOUT_THREAD;
  else process.env.CALLFLOW_LAYOUT_THREAD = env;
  try {
    return await LspTestClient.start();
  } finally {
    if (before === undefined) delete process.env.CALLFLOW_LAYOUT_THREAD;
    else process.env.CALLFLOW_LAYOUT_THREAD = before;
  }
}

describe('language server protocol: callflow/layout', function () {
  this.timeout(120000);
  let client: LspTestClient;
  const small = generate({ steps: 60, seed: 3 }).text;
  const layout = (params: unknown) => client.request<LayoutResult | null>(LayoutRequest.method, params);

  before(async () => {
    ensureBuilt();
    client = await startWith(undefined);
  });
  after(async () => client?.stop());

  it('answers the graph with the layout elkjs makes for it, and none for a layout the preview holds', async () => {
    const uri = uriOf('small');
    await client.open(uri, small);
    await client.diagnosticsFor(uri, 1);
    const r = (await layout({ uri }))!;
    assert.ok(r.layout, 'a layout came with the graph');
    const expected = toWire(await layoutGraph(r.graph, new ELK()));
    assert.deepEqual(r.layout, expected);
    assert.equal(r.id, structureId(prepareLayout(r.graph).key));
    const right = (await layout({ uri, direction: 'RIGHT' }))!;
    assert.equal(right.layout?.direction, 'RIGHT');
    assert.deepEqual(right.layout, toWire(await layoutGraph(right.graph, new ELK(), 'RIGHT')));
    const held = (await layout({ uri, have: [r.id] }))!;
    assert.equal(held.id, r.id);
    assert.equal(held.layout, undefined, 'the preview holds it: only the graph');
    assert.equal(held.graph.nodes.length, r.graph.nodes.length);
    assert.equal(await layout({ uri: uriOf('not-open') }), null);
  });

  it('lays out nothing again for an edit that changes no box (from the cache)', async () => {
    const uri = uriOf('text-only');
    await client.open(uri, small);
    await client.diagnosticsFor(uri, 1);
    const first = (await layout({ uri }))!;
    const count = laidOut(client);
    await client.change(uri, `# reviewed by the training lead\n${small}`, 2);
    await client.diagnosticsFor(uri, 2);
    const again = (await layout({ uri }))!;
    assert.equal(again.id, first.id);
    assert.deepEqual(again.layout, first.layout);
    assert.notDeepEqual(again.graph.nodes[0].range, first.graph.nodes[0].range, 'the new text was read');
    assert.equal(laidOut(client), count, 'no layout ran');
  });

  it('drops a queued layout when a newer version is asked for, and lays out the newest', async () => {
    const uri = uriOf('stale');
    const texts = [2000, 1990, 1980].map((steps, i) => generate({ steps, seed: 10 + i }).text);
    await client.open(uri, texts[0]);
    await client.diagnosticsFor(uri, 1);
    const count = laidOut(client);
    const a = layout({ uri });
    await new Promise((r) => setTimeout(r, 50)); // A is running
    await client.change(uri, texts[1], 2);
    const b = layout({ uri });
    await client.change(uri, texts[2], 3);
    const c = layout({ uri });
    const [, rb, rc] = await Promise.all([a, b, c]);
    assert.equal(rb, null, 'the middle version is not laid out');
    assert.ok(rc?.layout, 'the newest is');
    assert.equal(rc.graph.nodes.length, 1980);
    assert.ok(laidOut(client) - count <= 2, `at most A and C ran (${laidOut(client) - count})`);
  });

  it('keeps publishing diagnostics while a 2,000-step layout runs', async () => {
    const big = uriOf('big');
    await client.open(big, generate({ steps: 2000, seed: 21 }).text);
    await client.diagnosticsFor(big, 1);
    const other = uriOf('other');
    await client.open(other, small);
    await client.diagnosticsFor(other, 1);
    let layoutDone = 0;
    const t0 = Date.now();
    const pending = layout({ uri: big }).then((r) => {
      layoutDone = Date.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    const since = client.published(other);
    await client.change(other, small.replace('caller', 'Caller'), 2);
    await client.diagnosticsFor(other, 2, since);
    const diagnosticsAt = Date.now();
    const r = await pending;
    assert.ok(r?.layout);
    assert.ok(
      layoutDone === 0 || diagnosticsAt < layoutDone,
      `diagnostics after ${diagnosticsAt - t0} ms, layout after ${layoutDone - t0} ms`,
    );
  });

  it('warms up once the client wants the preview and diagnostics are out, and lays out ahead', async () => {
    const fresh = await startWith(undefined);
    try {
      const uri = uriOf('ahead');
      await fresh.open(uri, small);
      await fresh.diagnosticsFor(uri, 1);
      await new Promise((r) => setTimeout(r, 1500));
      const ready = () => fresh.logs.some((l) => l.startsWith('layout process ready'));
      assert.equal(ready(), false, 'no preview wanted: no process');
      await fresh.connection.sendNotification(WarmLayoutNotification.method, {});
      await fresh.waitFor(ready, 'the layout process to start', 30000);
      // A structural change: laid out in the background, before the preview asks.
      await fresh.change(uri, generate({ steps: 80, seed: 4 }).text, 2);
      await fresh.waitFor(
        () => fresh.logs.some((l) => l.startsWith('[layout] 80 steps')),
        'the layout made ahead',
        60000,
      );
      const count = laidOut(fresh);
      const r = (await fresh.request<LayoutResult | null>(LayoutRequest.method, { uri }))!;
      assert.equal(r.graph.nodes.length, 80);
      assert.ok(r.layout, 'from the cache');
      assert.equal(laidOut(fresh), count, 'nothing laid out when the preview asked');
    } finally {
      await fresh.stop();
    }
  });

  describe('a layout process that cannot load', () => {
    let broken: LspTestClient;
    const dir = mkdtempSync(path.join(tmpdir(), 'callflow-layout-'));
    const script = path.join(dir, 'broken-worker.js');
    writeFileSync(script, "throw new Error('ELK is not here');\n");
    before(async () => {
      broken = await startWith(script);
    });
    after(async () => {
      await broken?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers the graph without a layout (the preview lays out itself), twice, with no error', async () => {
      const uri = uriOf('broken');
      await broken.open(uri, small);
      await broken.diagnosticsFor(uri, 1);
      for (let i = 0; i < 3; i++) {
        const r = (await broken.request<LayoutResult | null>(LayoutRequest.method, { uri }))!;
        assert.equal(r.layout, undefined);
        assert.equal(r.graph.nodes.length, 60);
        assert.equal(r.id, structureId(prepareLayout(r.graph).key));
      }
      assert.ok(broken.alive);
      assert.ok(
        broken.logs.some((l) => /layout process ended: .*ELK is not here/.test(l)),
        broken.logs.join('\n'),
      );
    });

    it('runs without the thread when CALLFLOW_LAYOUT_THREAD=off', async () => {
      const off = await startWith('off');
      try {
        const uri = uriOf('off');
        await off.open(uri, small);
        await off.diagnosticsFor(uri, 1);
        const r = (await off.request<LayoutResult | null>(LayoutRequest.method, { uri }))!;
        assert.equal(r.layout, undefined);
        assert.equal(r.graph.nodes.length, 60);
      } finally {
        await off.stop();
      }
    });
  });
});
