/** SARIF against the official 2.1.0 schema, JUnit through an XML parser, JSON shape, and the rules command. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { XMLParser } from 'fast-xml-parser';
import { buildOnce, ROOT, runCli } from './helpers';
import { ALL_RULE_INFO } from '../../server/src/service';

const FIXTURES = [
  'test/fixtures/encoding',
  'test/fixtures/hostile',
  'test/fixtures/cli/minimal.scenario.yaml',
];

/** The official schema (test/data/sarif-2.1.0.json, from @microsoft/sarif-multitool-linux 5.7.0). */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-2.1.0.json'), 'utf8'));
  // Formats (uri, date-time) are not checked here; uris are checked by hand below.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { markdown: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
    }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
}

describe('cli: formats', function () {
  this.timeout(120_000);
  before(buildOnce);

  for (const [name, args, status] of [
    ['samples', ['samples'], 0],
    ['fixtures', FIXTURES, 1],
    ['a broken config', ['test/fixtures/cli/broken-config'], 2],
    ['a broken catalogue', ['test/fixtures/cli/broken-catalogue'], 2],
  ] as const) {
    it(`SARIF for ${name} is valid SARIF 2.1.0`, () => {
      const r = runCli(['check', ...args, '--format', 'sarif']);
      assert.equal(r.status, status, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const run = log.runs[0];
      assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
      for (const res of run.results) {
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|file:)/, 'artifact uris are relative');
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1, '1-based regions');
        assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      }
      assert.equal(run.invocations[0].executionSuccessful, status !== 2);
      if (status === 2)
        assert.ok(run.invocations[0].toolExecutionNotifications?.some((n) => n.level === 'error'));
    });
  }

  it('SARIF rule metadata comes from the rule documentation, with bad and good examples', () => {
    const log = JSON.parse(runCli(['check', 'samples', '-f', 'sarif']).stdout) as SarifLog;
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.id),
      ALL_RULE_INFO.map((r) => r.id),
    );
    for (const [i, r] of rules.entries()) {
      assert.ok(r.help.markdown.includes(ALL_RULE_INFO[i].bad), `${r.id} help shows the bad example`);
      assert.ok(r.help.markdown.includes(ALL_RULE_INFO[i].good), `${r.id} help shows the good example`);
    }
  });

  it('JUnit parses as XML: one test case per file, one failure per failing file listing its problems', () => {
    const r = runCli(['check', ...FIXTURES, '--format', 'junit']);
    const json = JSON.parse(runCli(['check', ...FIXTURES, '--format', 'json']).stdout) as {
      files: { path: string; errorCount: number }[];
    };
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      htmlEntities: true, // character references (&#10;) decoded, as any XML reader does
      isArray: (n) => n === 'testcase' || n === 'failure',
    }).parse(r.stdout) as {
      testsuites: {
        testsuite: {
          tests: string;
          testcase: { name: string; failure?: { type: string; message: string; '#text': string }[] }[];
        };
      };
    };
    const suite = xml.testsuites.testsuite;
    assert.equal(Number(suite.tests), json.files.length);
    for (const file of json.files) {
      const tc = suite.testcase.find((t) => t.name === file.path);
      assert.ok(tc, `a test case for ${file.path}`);
      // One failure per failing case; its body lists every failing problem of the file.
      assert.equal(tc.failure?.length ?? 0, file.errorCount ? 1 : 0);
      if (tc.failure) {
        const starts = tc.failure[0]['#text'].split(`${file.path}:`).length - 1;
        assert.equal(starts, file.errorCount, tc.failure[0]['#text']);
      }
    }
  });

  it('JSON has a stable, versioned shape with 1-based and 0-based positions', () => {
    const out = JSON.parse(runCli(['check', 'test/fixtures/encoding/lf.scenario.yaml', '-f', 'json']).stdout);
    assert.equal(out.version, 1);
    assert.equal(out.tool.name, 'callflow');
    const p = out.files[0].problems[0];
    assert.deepEqual(Object.keys(p).slice(0, 8), [
      'ruleId',
      'severity',
      'message',
      'line',
      'column',
      'endLine',
      'endColumn',
      'range',
    ]);
    assert.equal(p.line, p.range.start.line + 1);
    assert.equal(p.column, p.range.start.character + 1);
    assert.deepEqual(Object.keys(out.summary), [
      'files',
      'filesWithProblems',
      'errors',
      'warnings',
      'infos',
      'fixable',
      'cached',
      'exitCode',
      'failOn',
      'reasons',
    ]);
    assert.deepEqual(
      out.summary.reasons.map((r: { kind: string }) => r.kind),
      ['problems'],
    );
    assert.equal(out.summary.exitCode, 1);
  });

  it('rules prints every rule as markdown and JSON', () => {
    const md = runCli(['rules']);
    assert.equal(md.status, 0);
    for (const r of ALL_RULE_INFO) assert.ok(md.stdout.includes(`## \`${r.id}\``), r.id);
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.rules, JSON.parse(JSON.stringify(ALL_RULE_INFO)));
  });
});
