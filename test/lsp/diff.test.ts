/**
 * `callflow/diff` over the real stdio language server: the open document compared with an older text of
 * it (the diff and the drawing "Compare Flow with…" shows), null for a document that is not open, and
 * InvalidParams for a malformed request.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiffRequest, type DiffResult } from '../../server/src/shared/diff-protocol';
import { pathToUri } from '../../server/src/node/project';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const FIX = path.resolve(__dirname, '../fixtures/diff');

describe('language server protocol: callflow/diff', function () {
  this.timeout(60000);
  let client: LspTestClient;
  const file = path.join(FIX, 'review.scenario.yaml');
  const uri = pathToUri(file);
  const oldText = readFileSync(path.join(FIX, 'base.scenario.yaml'), 'utf8');

  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
    await client.open(uri, readFileSync(file, 'utf8'));
  });
  after(async () => client?.stop());

  const diff = (params: unknown) => client.request<DiffResult | null>(DiffRequest.method, params);

  it('compares the open document with an older text and draws the change', async () => {
    const r = (await diff({ uri, oldText }))!;
    assert.deepEqual(r.diff.steps, {
      approach: 'changed',
      'keeps-distance': 'renamed',
      reassure: 'added',
      'end-caller-hurt': 'changed',
      talks: 'removed',
    });
    assert.match(r.svg, /^<svg /);
    assert.equal(r.noDrawing, undefined, 'drawn, so no reason for a missing drawing');
    assert.match(r.svg, /class="cf-node cf-kind-caller cf-diff cf-diff-removed" data-id="talks"/);
    assert.deepEqual(r.steps.reassure.start, { line: 87, character: 2 });
    const dark = (await diff({ uri, oldText, dark: true }))!;
    assert.notEqual(dark.svg, r.svg);
  });

  it('answers null for a document that is not open, and rejects malformed requests', async () => {
    assert.equal(await diff({ uri: pathToUri(path.join(FIX, 'base.scenario.yaml')), oldText }), null);
    await assert.rejects(diff({ uri }), /oldText must be a string/);
    await assert.rejects(diff({ uri, oldText: 3 }), /oldText must be a string/);
  });
});
