/** Golden output of every format over the samples and the CLI's fixtures (UPDATE_GOLDEN=1 to accept changes). */
import * as assert from 'node:assert/strict';
import { assertGolden, buildOnce, runCli } from './helpers';

const FORMATS: Record<string, string> = {
  stylish: 'txt',
  json: 'json',
  sarif: 'sarif',
  junit: 'xml',
  github: 'txt',
};

const SETS: { name: string; args: string[]; status: number }[] = [
  { name: 'samples', args: ['samples'], status: 0 },
  {
    name: 'fixtures',
    args: ['test/fixtures/encoding', 'test/fixtures/hostile', 'test/fixtures/cli/minimal.scenario.yaml'],
    status: 1,
  },
  { name: 'broken-config', args: ['test/fixtures/cli/broken-config'], status: 2 },
  { name: 'broken-catalogue', args: ['test/fixtures/cli/broken-catalogue'], status: 2 },
];

describe('cli: golden output', function () {
  this.timeout(120_000);
  before(buildOnce);

  for (const set of SETS) {
    for (const [format, ext] of Object.entries(FORMATS)) {
      it(`check ${set.name} --format ${format}`, () => {
        const r = runCli(['check', ...set.args, '--format', format]);
        assert.equal(r.status, set.status, r.stderr);
        assertGolden(`check-${set.name}.${format}.${ext}`, r.stdout);
      });
    }
  }

  for (const format of ['mermaid', 'dot', 'json']) {
    it(`graph --format ${format}`, () => {
      const r = runCli(['graph', 'samples/01-silent-999-domestic.scenario.yaml', '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assertGolden(`graph-sample-01.${format}`, r.stdout);
      const h = runCli(['graph', 'test/fixtures/hostile/hostile,100%.scenario.yaml', '--format', format]);
      assert.equal(h.status, 0, h.stderr);
      assertGolden(`graph-hostile.${format}`, h.stdout);
    });
  }
});
