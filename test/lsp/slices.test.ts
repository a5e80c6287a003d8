/**
 * A long check does not hold up the editor: in a 10,000-step scenario an edit of a `next:` target runs
 * every rule again (about half a second here), and the server answers other requests between its
 * slices instead of after it. Real server over stdio; the figures compared are from the same run.
 */
import * as assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generate } from '../../bench/generate';
import { SLICED_FROM_STEPS } from '../../server/src/lsp/diagnostics';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///work/big.scenario.yaml';

describe('lsp: long checks in slices', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
  });
  after(() => client?.stop());

  it('answers hover between the slices of a 10,000-step check and publishes the right problems', async () => {
    const steps = 10_000;
    assert.ok(steps >= SLICED_FROM_STEPS);
    const text = generate({ steps, seed: 5 }).text;
    await client.open(URI, text, 1);
    const first = await client.diagnosticsFor(URI, 1);
    assert.equal(first.diagnostics.filter((d) => d.severity === 1).length, 0, 'the generated file is clean');
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /^ {4}next: \S/.test(l));
    const character = lines[line].length;
    const hoverAt = { line: lines.findIndex((l) => /^ {4}kind: /.test(l)), character: 6 };
    const published = client.published(URI);
    const t0 = performance.now();
    // A dangling `next:`: the flow changes, so nothing of the last check is kept.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'zz' }],
    });
    let done: PublishDiagnosticsParams | undefined;
    void client.diagnosticsFor(URI, 2, published).then((d) => {
      done = d;
    });
    const replies: number[] = [];
    while (!done) {
      const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', {
        textDocument: { uri: URI },
        position: hoverAt,
      });
      assert.ok(hover, 'hover on a step kind answers');
      replies.push(performance.now());
      await new Promise((r) => setTimeout(r, 5));
    }
    const publishedAt = performance.now();
    const total = publishedAt - t0;
    const gaps = [...replies, publishedAt].map((t, i, all) => t - (i ? all[i - 1] : t0));
    const longest = Math.max(...gaps);
    // Without slices the check would be one gap of nearly the whole time (delay + check).
    assert.ok(
      longest < total / 2,
      `longest wait for a hover ${longest.toFixed(0)} ms, the edit's check ${total.toFixed(0)} ms`,
    );
    assert.ok(replies.length >= 4, `${replies.length} hovers answered while checking`);
    const dangling = done!.diagnostics.filter((d) => d.code === 'flow/dangling-next');
    assert.deepEqual(
      dangling.map((d) => d.range.start.line),
      [line],
      'the dangling next is reported where it was written',
    );
  });
});
