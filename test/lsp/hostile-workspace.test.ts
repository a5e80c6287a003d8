import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';
import { MINIMAL_SCENARIO } from '../support/scenarios';

// A cloned repository whose config names a FIFO or /dev/zero as its catalogue, or a callflow.configPath
// setting that names one: the server must keep answering (it blocked forever, or grew to 8 GB).

const SCENARIO = MINIMAL_SCENARIO;

describe('language server: hostile workspaces', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'callflow-lsp-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function checkWith(folder: string, settings: Record<string, unknown> = {}) {
    const client = await LspTestClient.start({ rootUri: pathToFileURL(folder).href, settings });
    try {
      const uri = pathToFileURL(join(folder, 'a.scenario.yaml')).href;
      await client.open(uri, SCENARIO, 1);
      const diagnostics = await client.diagnosticsFor(uri, 1);
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: 6, character: 6 },
      });
      return { diagnostics, hover, client };
    } finally {
      await client.stop();
    }
  }

  it('keeps answering when the catalogue is /dev/zero or a FIFO, and says it cannot read it', async function () {
    for (const [name, catalogue] of [
      ['zero', '/dev/zero'],
      ['fifo', 'codes.yaml'],
    ]) {
      const folder = join(dir, name);
      mkdirSync(folder);
      writeFileSync(join(folder, 'callflow.config.yaml'), `callflow: 1\ncatalogue: ${catalogue}\n`);
      if (name === 'fifo' && spawnSync('mkfifo', [join(folder, 'codes.yaml')]).status !== 0) continue;
      const { hover, client } = await checkWith(folder);
      assert.ok(hover, `${name}: hover answered`);
      const configUri = pathToFileURL(join(folder, 'callflow.config.yaml')).href;
      const config = client.diagnostics.get(configUri)?.at(-1);
      assert.match(JSON.stringify(config?.diagnostics ?? []), /cannot be read/, name);
    }
  });

  it('keeps answering when callflow.configPath names a FIFO, and reports the config', async function () {
    const folder = join(dir, 'setting');
    mkdirSync(folder);
    if (spawnSync('mkfifo', [join(folder, 'pipe.yaml')]).status !== 0) this.skip();
    const { hover, client } = await checkWith(folder, { configPath: 'pipe.yaml' });
    assert.ok(hover);
    assert.ok(
      client.statuses.some((s) => s.state === 'error' && /config/.test(s.message)),
      JSON.stringify(client.statuses),
    );
  });
});
