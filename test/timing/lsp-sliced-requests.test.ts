/**
 * Code actions and the graph need the problems of the current version: on a 10,000-step scenario they
 * wait for the check running in slices (or run one the same way) instead of checking in one go, so a
 * hover asked after them is answered before they are. Real server over stdio.
 */
import * as assert from 'node:assert/strict';
import { generate } from '../../bench/generate';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const URI = 'file:///work/big-requests.scenario.yaml';

describe('lsp: code actions and the graph use the sliced check', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let text: string;
  let version = 1;
  before(async () => {
    ensureBuilt();
    client = await LspTestClient.start();
    text = generate({ steps: 10_000, seed: 9 }).text;
    await client.open(URI, text, version);
    await client.diagnosticsFor(URI, version);
  });
  after(() => client?.stop());

  for (const method of ['textDocument/codeAction', 'callflow/graph'])
    it(`${method} after a next: edit does not hold up a hover sent after it`, async () => {
      const lines = text.split('\n');
      const line = lines.findIndex((l, i) => i > lines.length / 2 && /^ {4}next: \S/.test(l));
      const character = lines[line].length;
      const hoverAt = { line: lines.findIndex((l) => /^ {4}kind: /.test(l)), character: 6 };
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version: ++version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'z' }],
      });
      text = `${lines.slice(0, line).join('\n')}\n${lines[line]}z\n${lines.slice(line + 1).join('\n')}`;
      const order: string[] = [];
      const params =
        method === 'callflow/graph'
          ? { uri: URI }
          : {
              textDocument: { uri: URI },
              range: { start: { line, character }, end: { line, character } },
              context: { diagnostics: [] },
            };
      const slow = client.request(method, params).then((r) => {
        order.push(method);
        return r;
      });
      const hover = client
        .request('textDocument/hover', { textDocument: { uri: URI }, position: hoverAt })
        .then(() => order.push('hover'));
      const [answer] = await Promise.all([slow, hover]);
      if (method === 'callflow/graph') assert.ok(answer, 'the graph answered');
      else assert.ok(Array.isArray(answer) && answer.length > 0, 'a quick fix for the dangling next');
      assert.deepEqual(order, ['hover', method]);
    });
});
