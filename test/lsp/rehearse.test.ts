/**
 * `callflow/rehearse` over the real stdio language server: a sample played to its end one choice at a
 * time (the highest-scoring option each time, as a panel would send them), the same run followed across
 * an edit (divergence reported at the input that no longer fits), null for a document that is not open,
 * and InvalidParams for malformed requests.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RehearseRequest } from '../../server/src/shared/protocol';
import type { RunInput, RunView } from '../../server/src/shared/rehearsal';
import { pathToUri } from '../../server/src/node/project';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const SAMPLE = path.resolve(__dirname, '../../samples/05-pub-fight-knife.scenario.yaml');

describe('language server protocol: callflow/rehearse', function () {
  this.timeout(60000);
  let client: LspTestClient;
  const uri = pathToUri(SAMPLE);
  const text = readFileSync(SAMPLE, 'utf8');

  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
    await client.open(uri, text);
  });
  after(async () => client?.stop());

  const rehearse = (params: unknown) => client.request<RunView | null>(RehearseRequest.method, params);

  it('plays a sample to its end, one choice per request', async () => {
    const inputs: RunInput[] = [];
    let view = (await rehearse({ uri, inputs }))!;
    while (view.waiting.kind === 'choice') {
      const best = [...view.waiting.options].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
      inputs.push({ choose: best.label });
      view = (await rehearse({ uri, inputs }))!;
      assert.ok(inputs.length < 20, 'the run should end');
    }
    assert.equal(view.waiting.kind, 'end');
    const d = view.debrief!;
    assert.equal(d.result, 'pass');
    assert.equal(d.score, view.best);
    assert.equal(d.end, 'end-pass');
    assert.deepEqual(
      d.targets.map((t) => [t.key, t.status]),
      [
        ['location', 'met'],
        ['grade', 'met'],
        ['dispatch', 'met'],
      ],
    );
    assert.ok(d.truth?.includes('towpath'));
    assert.equal(view.transcript[0].step, 'answer');
    assert.equal(inputs.length, 3);
  });

  it('follows an edit and reports where the old inputs no longer fit', async () => {
    const inputs = [
      { choose: 'Ask about the knife — who has it and where is it now' },
      { choose: 'Conference the ambulance service now, while Gary is on the line' },
    ];
    assert.equal((await rehearse({ uri, inputs }))!.diverged, undefined);
    await client.change(
      uri,
      text.replace('Conference the ambulance service now,', 'Call the ambulance service now,'),
      2,
    );
    const view = (await rehearse({ uri, inputs }))!;
    assert.equal(view.diverged?.index, 1);
    assert.equal(view.waiting.kind, 'choice');
    await client.change(uri, text, 3);
    assert.equal((await rehearse({ uri, inputs }))!.diverged, undefined);
  });

  it('plays from a step with a starting state', async () => {
    const view = (await rehearse({
      uri,
      start: { step: 'first-aid', state: { seconds: 100, grade: 'EMERGENCY' } },
      inputs: [],
    }))!;
    assert.equal(view.transcript[0].at, 100);
    assert.equal(view.debrief?.end, 'end-pass');
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await rehearse({ uri: 'file:///not/open.scenario.yaml', inputs: [] }), null);
  });

  it('rejects malformed params with InvalidParams', async () => {
    const bad: unknown[] = [
      null,
      {},
      { uri },
      { uri, inputs: 'all' },
      { uri, inputs: [{ choose: 3 }] },
      { uri, inputs: [], start: { step: 5 } },
      { uri, inputs: [], start: { state: { seconds: 'soon' } } },
      { uri, inputs: new Array(10_001).fill({ timeout: true }) },
    ];
    for (const params of bad)
      await assert.rejects(
        rehearse(params),
        (e: { code?: number }) => e.code === -32602,
        JSON.stringify(params)?.slice(0, 80),
      );
  });
});
