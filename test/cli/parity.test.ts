/**
 * The CLI and the language service (as the language server drives it: createScenarioService +
 * ProjectCache from server/src/node/project.ts) give identical problems for every sample and fixture,
 * including the BOM and CRLF copies.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { createNodeHost, pathToUri, ProjectCache } from '../../server/src/node/project';
import { buildOnce, ROOT, runCli } from './helpers';
import { createScenarioService } from '../../server/src/service';

interface JsonProblem {
  ruleId: string;
  severity: string;
  message: string;
  range: unknown;
}

describe('cli: same problems as the language service', function () {
  this.timeout(180_000);
  before(buildOnce);

  it('for every sample and fixture', () => {
    const files = globSync(['samples/**/*.scenario.{yaml,yml}', 'test/fixtures/**/*.scenario.{yaml,yml}'], {
      cwd: ROOT,
    })
      .sort()
      .filter((f) => !f.includes('/node_modules/'));
    assert.ok(files.some((f) => f.endsWith('encoding/bom.scenario.yaml')));
    assert.ok(files.some((f) => f.endsWith('encoding/crlf.scenario.yaml')));
    const r = runCli(['check', ...files, '-f', 'json']);
    assert.ok(r.status !== null && r.status <= 2, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { path: string; kind: string; problems: JsonProblem[] }[] };
    const cli = new Map(out.files.filter((f) => f.kind === 'scenario').map((f) => [f.path, f.problems]));

    const service = createScenarioService(createNodeHost());
    const projects = new ProjectCache(service);
    for (const file of files) {
      const path = resolve(ROOT, file);
      const uri = pathToUri(path);
      const doc = service.parse(uri, readFileSync(path, 'utf8'));
      const expected = service.validate(doc, projects.loadProjectFor(uri)).map((p) => ({
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        range: p.range,
      }));
      const actual = (cli.get(relative(ROOT, path).split('\\').join('/')) ?? []).map((p) => ({
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        range: p.range,
      }));
      assert.deepEqual(actual, expected, file);
    }
  });

  it('BOM and CRLF copies report the same lines and columns as the LF original', () => {
    const out = JSON.parse(runCli(['check', 'test/fixtures/encoding', '-f', 'json']).stdout) as {
      files: { path: string; problems: JsonProblem[] }[];
    };
    const byName = new Map(out.files.map((f) => [f.path.replace(/^.*\//, ''), f.problems]));
    const lf = byName.get('lf.scenario.yaml');
    assert.ok(lf?.length);
    for (const name of ['bom.scenario.yaml', 'crlf.scenario.yaml', 'bom-crlf.scenario.yaml'])
      assert.deepEqual(byName.get(name), lf, name);
  });
});
