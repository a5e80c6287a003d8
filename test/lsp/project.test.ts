import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../support/build-once';
import { LspTestClient } from '../support/lsp-client';

const SCENARIO = `callflow: 1
id: t
title: T
start: answer
expected:
  grade: LOCAL2
steps:
  answer:
    kind: handler
    say: Police emergency, what is the address?
    asks: [location]
    next: done
  done:
    kind: end
  orphan:
    kind: end
`;

const catalogue = (codes: string[]) =>
  `catalogue: 1
name: Test codes
families:
  grade:
    codes:
${codes.map((c, i) => `      - {code: ${c}, label: Local ${c}, rank: ${5 + i}}`).join('\n')}
`;

describe('language server protocol: projects', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'callflow-lsp-'));
    mkdirSync(path.join(dir, 'proj'));
    mkdirSync(path.join(dir, 'alt'));
    writeFileSync(
      path.join(dir, 'proj', 'callflow.config.yaml'),
      'callflow: 1\ncatalogue: local.codes.yaml\n',
    );
    writeFileSync(path.join(dir, 'proj', 'local.codes.yaml'), catalogue(['LOCAL1']));
    writeFileSync(
      path.join(dir, 'alt', 'callflow.config.yaml'),
      'callflow: 1\ncatalogue: ../proj/local.codes.yaml\nrules:\n  flow/unreachable-step: off\n',
    );
    client = await LspTestClient.start({ rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const uri = () => pathToFileURL(path.join(dir, 'proj', 'a.scenario.yaml')).href;
  const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);
  /** Waits until the latest diagnostics of the scenario satisfy `ok` (re-checks are asynchronous). */
  const latestWhere = (ok: (c: (string | number | undefined)[]) => boolean, what: string) =>
    client.waitFor(() => {
      const list = client.diagnostics.get(uri()) ?? [];
      const last = list[list.length - 1];
      return last && ok(codes(last)) ? last : undefined;
    }, what);

  it('finds the config above the file and uses its catalogue', async () => {
    await client.open(uri(), SCENARIO);
    const d = await client.diagnosticsFor(uri(), 1);
    assert.ok(codes(d).includes('code/unknown'), JSON.stringify(codes(d)));
    assert.ok(codes(d).includes('flow/unreachable-step'));
    const status = await client.waitFor(
      () => client.statuses.find((s) => s.catalogue === 'Test codes'),
      'status naming the catalogue',
    );
    assert.match(status.configUri ?? '', /proj\/callflow\.config\.yaml$/);
  });

  it('re-checks open files when a catalogue changes on disk', async () => {
    writeFileSync(path.join(dir, 'proj', 'local.codes.yaml'), catalogue(['LOCAL1', 'LOCAL2']));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, 'proj', 'local.codes.yaml')).href, type: 2 }],
    });
    const d = await latestWhere((c) => !c.includes('code/unknown'), 'a re-check without code/unknown');
    assert.ok(codes(d).includes('flow/unreachable-step'));
  });

  it('applies callflow.configPath when the configuration changes', async () => {
    client.settings = { configPath: 'alt/callflow.config.yaml' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await latestWhere(
      (c) => !c.includes('flow/unreachable-step'),
      'a re-check without flow/unreachable-step',
    );
    await client.waitFor(
      () => client.statuses.some((s) => /alt\/callflow\.config\.yaml$/.test(s.configUri ?? '')),
      'status naming the configured config',
    );
  });

  it('publishes problems of a broken config on the config file', async () => {
    writeFileSync(path.join(dir, 'alt', 'callflow.config.yaml'), 'callflow: 1\nrules: [oops]\n');
    const configUri = pathToFileURL(path.join(dir, 'alt', 'callflow.config.yaml')).href;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: configUri, type: 2 }],
    });
    const configDiags = await client.waitFor(
      () => client.diagnostics.get(configUri)?.find((p) => p.diagnostics.length > 0),
      'diagnostics on the config file',
    );
    assert.ok(
      configDiags.diagnostics.some((d) => d.code === 'config/invalid'),
      JSON.stringify(configDiags),
    );
  });
});
