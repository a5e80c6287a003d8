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
    let publishedAt = Infinity;
    void client.diagnosticsFor(URI, 2, published).then((d) => {
      publishedAt = performance.now();
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
    // The check starts after a delay of at most half its own last duration, so it fills the second half
    // of the time to the diagnostics: a server that checks in one go answers nothing there.
    const total = publishedAt - t0;
    const late = replies.filter((t) => t > t0 + total / 2 && t < publishedAt);
    assert.ok(
      late.length >= 1,
      `hovers answered at ${replies.map((t) => (t - t0).toFixed(0)).join(', ')} ms; diagnostics at ${total.toFixed(0)} ms`,
    );
    const dangling = done!.diagnostics.filter((d) => d.code === 'flow/dangling-next');
    assert.deepEqual(
      dangling.map((d) => d.range.start.line),
      [line],
      'the dangling next is reported where it was written',
    );
  });
});
