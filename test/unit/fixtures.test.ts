/**
 * Golden fixtures: every `test/fixtures/X/Y.scenario.yaml` with a golden `test/golden/fixtures/X/Y.txt`
 * is checked through the full pipeline (parse, schema, flow, code and domain rules, config levels,
 * suppressions) and must raise exactly the problems listed there, one per line:
 * `line:col severity rule-id message` (1-based). `UPDATE_GOLDEN=1` rewrites the goldens, and that run
 * fails (test/support/golden.ts).
 *
 * Fixtures under the golden folders (`domain/`, `core/`) must have a golden (UPDATE_GOLDEN=1 creates it);
 * fixtures elsewhere (cli, e2e, encoding, hostile…) belong to other suites and are checked only when
 * someone gives them a golden. The nearest `callflow.config.yaml` inside test/fixtures applies.
 *
 * A fixture is named for the rule it shows, and its golden must raise that rule: the file's name or a
 * folder's starts with the rule id written with a dash (`flow-dead-end…` for `flow/dead-end`,
 * `code-deprecated/…`), or a folder is named for a group of rules (`domain/…`: some `domain/` rule).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createNodeHost, loadProjectFor, pathToUri } from '../../server/src/node/project';
import { ALL_RULE_INFO, createScenarioService, type Problem } from '../../server/src/service';
import { assertGolden } from '../support/golden';

const root = join(__dirname, '..', '..');
const fixturesDir = join(root, 'test', 'fixtures');
const goldenDir = join(root, 'test', 'golden', 'fixtures');
const GOLDEN_FOLDERS = ['domain', 'core'];
const service = createScenarioService(createNodeHost());

/** Every scenario fixture, relative to test/fixtures, in a stable order. */
function fixtures(dir = fixturesDir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...fixtures(path));
    else if (/\.scenario\.ya?ml$/.test(entry.name)) out.push(relative(fixturesDir, path));
  }
  return out;
}

/** The nearest config between the fixture's folder and test/fixtures (never above it). */
function configFor(file: string): string | undefined {
  for (let dir = dirname(file); dir.startsWith(fixturesDir); dir = dirname(dir)) {
    for (const name of ['callflow.config.yaml', 'callflow.config.yml'])
      if (existsSync(join(dir, name))) return join(dir, name);
    if (dir === fixturesDir) break;
  }
  return undefined;
}

/** One golden line per problem. */
export function goldenLine(p: Problem): string {
  const { line, character } = p.range.start;
  return `${line + 1}:${character + 1} ${p.severity} ${p.ruleId} ${p.message.replace(/\s*\n\s*/g, ' ')}`;
}

const RULE_IDS = ALL_RULE_INFO.map((r) => r.id);
const GROUPS = new Set(RULE_IDS.map((id) => id.split('/')[0]));

/**
 * The rule (`flow/dead-end`) or group of rules (`domain/`) a fixture is named for: its file name first,
 * then its folders upwards; the longest rule id that a name starts with wins.
 */
function namedFor(rel: string): string | undefined {
  const names = rel
    .replace(/\.scenario\.ya?ml$/, '')
    .split(/[\\/]/)
    .reverse();
  for (const name of names) {
    const rule = RULE_IDS.filter((id) => {
      const dashed = id.replace('/', '-');
      return name === dashed || name.startsWith(`${dashed}-`);
    }).sort((a, b) => b.length - a.length)[0];
    if (rule) return rule;
    if (GROUPS.has(name)) return `${name}/`;
  }
  return undefined;
}

function check(file: string): string {
  const uri = pathToUri(file);
  const config = configFor(file);
  const project = config
    ? loadProjectFor(service, uri, { configPath: config })
    : service.loadProject(undefined, undefined);
  const doc = service.parse(uri, readFileSync(file, 'utf8'));
  const problems = service.validate(doc, project);
  return problems.map(goldenLine).join('\n') + (problems.length ? '\n' : '');
}

describe('golden fixtures', () => {
  const all = fixtures();
  it('finds the domain fixtures', () => {
    assert.ok(all.filter((f) => f.startsWith('domain' + sep)).length >= 12);
  });
  it('reads the rule a fixture is named for from its name, then its folders', () => {
    assert.equal(namedFor('core/flow-dead-end.scenario.yaml'), 'flow/dead-end');
    assert.equal(namedFor('core/schema-enum-type.scenario.yaml'), 'schema/enum');
    assert.equal(namedFor('core/code-deprecated/old-category.scenario.yaml'), 'code/deprecated');
    assert.equal(namedFor('domain/force/harbury-07-minor-collision.scenario.yaml'), 'domain/');
    assert.equal(namedFor('core/flow-dangling.scenario.yaml'), undefined);
  });
  for (const rel of all) {
    const golden = join(goldenDir, rel.replace(/\.scenario\.ya?ml$/, '.txt'));
    const required = GOLDEN_FOLDERS.includes(rel.split(sep)[0]);
    if (!required && !existsSync(golden)) continue;
    it(rel.split(sep).join('/'), () => {
      const actual = check(join(fixturesDir, rel));
      assertGolden(golden, actual);
      const rule = namedFor(rel);
      assert.ok(rule, `${rel} is named for no rule: start its name with one, e.g. flow-dead-end-…`);
      const raised = new Set(actual.split('\n').map((l) => l.split(' ')[2]));
      assert.ok(
        [...raised].some((id) => (rule.endsWith('/') ? id?.startsWith(rule) : id === rule)),
        `${rel} is named for ${rule}, but its golden raises only ${[...raised].filter(Boolean).join(', ')}`,
      );
    });
  }
});

describe('samples', () => {
  const samplesDir = join(root, 'samples');
  const list = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? list(join(dir, e.name))
        : /\.scenario\.ya?ml$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );
  const samples = existsSync(samplesDir) ? list(samplesDir).sort() : [];
  it('has the twelve premises', () => assert.ok(samples.length >= 12));
  for (const file of samples) {
    it(`${relative(root, file).split(sep).join('/')} passes the domain rules`, () => {
      const uri = pathToUri(file);
      const doc = service.parse(uri, readFileSync(file, 'utf8'));
      const problems = service.validate(doc, loadProjectFor(service, uri));
      assert.deepEqual(problems.filter((p) => p.ruleId.startsWith('domain/')).map(goldenLine), []);
    });
  }
});
