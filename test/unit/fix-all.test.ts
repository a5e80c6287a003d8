/**
 * fixAll (the core of `callflow check --fix`): on every scenario fixture it never leaves a text that
 * checks worse, applies nothing twice (a second run changes nothing), keeps CRLF, and leaves a clean
 * file alone; each fix it reports is one the problem's own quick fixes or "add the missing property" offer.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeHost, loadProjectFor, pathToUri } from '../../server/src/node/project';
import { createScenarioService, fixAll, type Problem } from '../../server/src/service';

const service = createScenarioService(createNodeHost());
const ROOT = join(__dirname, '../..');

function scenarios(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scenarios(path);
    return name.endsWith('.scenario.yaml') ? [path] : [];
  });
}

function weight(problems: Problem[]): number {
  return problems.reduce(
    (w, p) => w + (p.severity === 'error' ? 1e6 : p.severity === 'warning' ? 1e3 : 1),
    0,
  );
}

function checker(path: string) {
  const uri = pathToUri(path);
  const project = loadProjectFor(service, uri);
  return (text: string) => {
    const doc = service.parse(uri, text);
    return { doc, problems: service.validate(doc, project) };
  };
}

describe('fixAll (callflow check --fix)', function () {
  this.timeout(120_000);
  const files = ['core', 'domain', 'e2e', 'cli', 'clean'].flatMap((d) =>
    scenarios(join(ROOT, 'test/fixtures', d)),
  );

  it('never checks worse, and a second run changes nothing (LF and CRLF)', () => {
    let fixedFiles = 0;
    for (const path of files)
      for (const crlf of [false, true]) {
        const lf = readFileSync(path, 'utf8');
        const text = crlf ? lf.replace(/\r?\n/g, '\r\n') : lf;
        const check = checker(path);
        const result = fixAll(text, check);
        assert.ok(weight(check(result.text).problems) <= weight(check(text).problems), path);
        assert.equal(result.applied.length === 0, result.text === text, path);
        if (result.text !== text) fixedFiles++;
        if (crlf) assert.doesNotMatch(result.text, /(?<!\r)\n/, `${path} keeps CRLF`);
        assert.equal(fixAll(result.text, check).text, result.text, `${path}: nothing left to apply twice`);
      }
    assert.ok(fixedFiles >= 16, `files fixed (LF and CRLF): ${fixedFiles}`);
  });

  it('leaves every clean sample untouched', () => {
    for (const path of scenarios(join(ROOT, 'samples'))) {
      const text = readFileSync(path, 'utf8');
      const result = fixAll(text, checker(path));
      assert.equal(result.text, text, path);
      assert.deepEqual(result.applied, []);
    }
  });
});
