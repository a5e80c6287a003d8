/**
 * Rule documentation links, the same in the editor and the CLI: SARIF `helpUri` from
 * `callflow check --rules-docs-url`, the diagnostic's code link (`codeDescription.href`) from the
 * `callflow.rulesDocsBaseUrl` setting over the real language server, both pointing at the rule's
 * section of the rule reference (whose headings `callflow rules` writes with the same anchors).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOnce, runCli } from './helpers';
import { LspTestClient } from '../support/lsp-client';
import { ALL_RULE_INFO } from '../../server/src/service';

const BASE = 'https://docs.example.org/callflow/rules.html';
const BROKEN =
  'callflow: 1\nid: t\ntitle: T\nstart: answer\nsteps:\n  answer: {kind: handler, say: "Police, what is the address?", asks: [location], next: nowhere}\n';

describe('rule documentation links (CLI and editor)', function () {
  this.timeout(120_000);
  before(buildOnce);

  it('SARIF: every rule has a helpUri at its section of the rule reference', () => {
    const log = JSON.parse(runCli(['check', 'samples', '-f', 'sarif', '--rules-docs-url', BASE]).stdout);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    // The anchors are those of the headings `callflow rules` writes (GitHub's slugs of `## \`id\``).
    const markdown = runCli(['rules']).stdout;
    for (const rule of ALL_RULE_INFO) {
      const entry = rules.find((r) => r.id === rule.id);
      const anchor = entry?.helpUri?.split('#')[1];
      assert.ok(anchor && entry!.helpUri!.startsWith(`${BASE}#`), `${rule.id}: ${entry?.helpUri}`);
      assert.ok(markdown.includes(`](#${anchor})`), `the rule reference links ${rule.id} as #${anchor}`);
    }
    const perRule = JSON.parse(
      runCli(['check', 'samples', '-f', 'sarif', '--rules-docs-url', 'https://x.example/rules/{rule}'])
        .stdout,
    );
    assert.equal(
      perRule.runs[0].tool.driver.rules[0].helpUri,
      `https://x.example/rules/${encodeURIComponent(ALL_RULE_INFO[0].id)}`,
    );
    const none = JSON.parse(runCli(['check', 'samples', '-f', 'sarif']).stdout);
    assert.ok(none.runs[0].tool.driver.rules.every((r: { helpUri?: string }) => r.helpUri === undefined));
    const bad = runCli(['check', 'samples', '--rules-docs-url', 'javascript:alert(1)']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--rules-docs-url needs an http\(s\) or file URL/);
  });

  it('editor: a diagnostic code links to the same place as the SARIF helpUri', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-docs-'));
    const file = join(dir, 'a.scenario.yaml');
    writeFileSync(file, BROKEN);
    const sarif = JSON.parse(runCli(['check', file, '-f', 'sarif', '--rules-docs-url', BASE]).stdout);
    const helpUri = (sarif.runs[0].tool.driver.rules as { id: string; helpUri: string }[]).find(
      (r) => r.id === 'flow/dangling-next',
    )!.helpUri;
    const client = await LspTestClient.start({
      rootUri: pathToFileURL(dir).href,
      settings: { rulesDocsBaseUrl: BASE },
    });
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, BROKEN);
      const published = await client.diagnosticsFor(uri, 1);
      const d = published.diagnostics.find((x) => x.code === 'flow/dangling-next');
      assert.equal(d?.codeDescription?.href, helpUri);
    } finally {
      await client.stop();
    }
  });
});
