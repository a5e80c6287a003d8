/**
 * callflow check --fix, --fix-dry-run and --baseline on the built CLI: every fixture with a fixable
 * problem (LF and CRLF copies) checks better after --fix and only the lines the fixes name change
 * (comments and line endings kept); the dry run's diff is exactly what --fix writes; SARIF carries the
 * fixes; a baseline survives lines inserted above its problems and lets new ones through.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { applyPatch, diffLines, parsePatch } from 'diff';
import Ajv2020 from 'ajv/dist/2020';
import { buildOnce, ROOT, runCli } from './helpers';

interface JsonProblem {
  ruleId: string;
  severity: string;
  fixable?: boolean;
  range: { start: { line: number }; end: { line: number } };
  fixes?: { preferred?: boolean; edits: { range: { start: { line: number }; end: { line: number } } }[] }[];
}
interface JsonFile {
  path: string;
  kind: string;
  problems: JsonProblem[];
}

const FIXTURE_DIRS = ['core', 'domain', 'cli', 'e2e'];

function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scenarioFiles(path));
    else if (name.endsWith('.scenario.yaml')) out.push(path);
  }
  return out;
}

function report(args: string[], cwd: string): JsonFile[] {
  const r = runCli(['check', ...args, '-f', 'json'], { cwd });
  return (JSON.parse(r.stdout) as { files: JsonFile[] }).files.filter((f) => f.kind === 'scenario');
}

function weight(problems: JsonProblem[]): number {
  return problems.reduce(
    (w, p) => w + (p.severity === 'error' ? 1e6 : p.severity === 'warning' ? 1e3 : 1),
    0,
  );
}

/** A copy of the fixture folders; with `crlf`, every scenario's line endings made CRLF. */
function copyFixtures(crlf: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `callflow-fix-${crlf ? 'crlf' : 'lf'}-`));
  for (const d of FIXTURE_DIRS) cpSync(join(ROOT, 'test/fixtures', d), join(dir, d), { recursive: true });
  if (crlf)
    for (const f of scenarioFiles(dir)) writeFileSync(f, readFileSync(f, 'utf8').replace(/\r?\n/g, '\r\n'));
  return dir;
}

const comments = (text: string) => text.split(/\r?\n/).filter((l) => /^\s*#/.test(l));

describe('cli: --fix, --fix-dry-run and --baseline', function () {
  this.timeout(300_000);
  before(buildOnce);

  for (const crlf of [false, true]) {
    it(`--fix on every fixable fixture (${crlf ? 'CRLF' : 'LF'}): fewer problems, only the fixed lines change`, () => {
      const dir = copyFixtures(crlf);
      const before = report(FIXTURE_DIRS, dir);
      const fixable = before.filter((f) => f.problems.some((p) => p.fixable));
      assert.ok(fixable.length >= 8, `fixable fixtures: ${fixable.map((f) => f.path).join(', ')}`);
      const texts = new Map(fixable.map((f) => [f.path, readFileSync(join(dir, f.path), 'utf8')]));
      // The dry run changes nothing, and its diff is what --fix then writes.
      const dry = runCli(['check', ...FIXTURE_DIRS, '--fix-dry-run'], { cwd: dir });
      for (const [path, text] of texts) assert.equal(readFileSync(join(dir, path), 'utf8'), text, path);
      const patches = parsePatch(dry.stdout);
      assert.ok(patches.length >= 8, dry.stderr);
      const fix = runCli(['check', ...FIXTURE_DIRS, '--fix'], { cwd: dir });
      assert.match(fix.stderr, /^callflow: --fix applied \d+ fixes in \d+ files:$/m);
      const after = new Map(report(FIXTURE_DIRS, dir).map((f) => [f.path, f]));
      let changed = 0;
      for (const f of fixable) {
        const old = texts.get(f.path)!;
        const now = readFileSync(join(dir, f.path), 'utf8');
        const patch = patches.find((p) => p.newFileName === `b/${f.path}`);
        assert.equal(
          patch ? applyPatch(old, patch) : old,
          now,
          `the dry run's diff of ${f.path} is what --fix wrote`,
        );
        if (now === old) continue;
        changed++;
        assert.ok(weight(after.get(f.path)!.problems) < weight(f.problems), `${f.path} checks better`);
        assert.deepEqual(comments(now), comments(old), `${f.path} keeps its comments`);
        if (crlf) assert.doesNotMatch(now, /(?<!\r)\n/, `${f.path} keeps CRLF`);
        else assert.doesNotMatch(now, /\r/, `${f.path} stays LF`);
        // Lines removed are lines a fix names; lines only added come from "add the missing property".
        const named = new Set<number>();
        for (const p of f.problems.filter((q) => q.fixable))
          for (const x of p.fixes ?? [])
            for (const e of x.edits)
              for (let l = e.range.start.line; l <= e.range.end.line; l++) named.add(l);
        let line = 0;
        let replacing = false;
        for (const part of diffLines(old, now)) {
          const count = part.count ?? 0;
          if (part.removed)
            for (let l = line; l < line + count; l++)
              assert.ok(named.has(l), `${f.path}: line ${l + 1} changed`);
          // Added lines replace the removed ones just before them, or add a missing property.
          else if (
            part.added &&
            !replacing &&
            !f.problems.some((p) => p.fixable && p.ruleId === 'schema/required')
          )
            assert.fail(`${f.path}: lines added without a missing property to add`);
          replacing = !!part.removed;
          if (!part.added) line += count;
        }
      }
      assert.ok(changed >= 8, `files changed: ${changed}`);
    });
  }

  it('--fix on stdin is refused; --fix-dry-run on stdin prints the diff', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/core/flow-unknown-start.scenario.yaml'), 'utf8');
    const refused = runCli(['check', '-', '--fix'], { input: text });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--fix cannot write stdin back/);
    const dry = runCli(['check', '-', '--fix-dry-run'], { input: text });
    assert.match(dry.stdout, /^-start: greting\n\+start: greeting$/m);
  });

  it('stylish marks fixable problems and counts them; SARIF carries the fixes as artifactChanges', () => {
    const file = 'test/fixtures/core/flow-unknown-start.scenario.yaml';
    const stylish = runCli(['check', file]);
    assert.match(stylish.stdout, /flow\/unknown-start {2}\(fixable\)/);
    assert.match(stylish.stdout, /1 problem potentially fixable with `callflow check --fix`\./);
    const log = JSON.parse(runCli(['check', file, '-f', 'sarif']).stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-2.1.0.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    assert.ok(validate(log as unknown), JSON.stringify(validate.errors));
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'flow/unknown-start');
    const change = result.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, file);
    assert.equal(change.replacements[0].insertedContent.text, 'greeting');
    assert.equal(change.replacements[0].deletedRegion.startLine, 23);
    assert.equal(result.properties.fixable, true);
  });

  it('a baseline hides known problems, survives lines inserted above them, and lets new ones through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-baseline-'));
    const source = readFileSync(join(ROOT, 'test/fixtures/e2e/broken-burglary.scenario.yaml'), 'utf8');
    writeFileSync(join(dir, 'a.scenario.yaml'), source);
    const first = report(['.'], dir)[0].problems.length;
    assert.ok(first >= 2);
    const update = runCli(['check', '.', '--baseline', 'ci/baseline.json', '--update-baseline'], {
      cwd: dir,
    });
    assert.equal(update.status, 2, 'the folder ci/ does not exist yet: the baseline cannot be written');
    const made = runCli(['check', '.', '--baseline', 'baseline.json', '--update-baseline'], { cwd: dir });
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stderr, new RegExp(`records ${first} problems`));
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    assert.deepEqual(Object.keys(baseline.files), ['a.scenario.yaml']);
    const quiet = runCli(['check', '.', '--baseline', 'baseline.json', '-f', 'json'], { cwd: dir });
    assert.equal(quiet.status, 0);
    assert.equal(JSON.parse(quiet.stdout).summary.errors, 0);
    // Lines inserted above every problem (and inside the steps): still known.
    const shifted = source
      .replace(/^callflow: 1/m, '# Reviewed 2026-12-01\n# by the training team\ncallflow: 1')
      .replace(/^steps:\n/m, 'steps:\n  # the call starts here\n\n');
    writeFileSync(join(dir, 'a.scenario.yaml'), shifted);
    const afterShift = runCli(['check', '.', '--baseline', 'baseline.json', '-f', 'json'], { cwd: dir });
    assert.equal(afterShift.status, 0, afterShift.stdout);
    // A new problem is reported, and only it.
    writeFileSync(join(dir, 'a.scenario.yaml'), shifted.replace(/^start: (\S+)/m, 'start: nowhere-at-all'));
    const added = JSON.parse(
      runCli(['check', '.', '--baseline', 'baseline.json', '-f', 'json'], { cwd: dir }).stdout,
    );
    const ids = added.files.flatMap((f: JsonFile) => f.problems.map((p) => p.ruleId));
    assert.ok(ids.includes('flow/unknown-start'), ids.join(', '));
    assert.ok(ids.length <= 3, `only what the new start spoils: ${ids.join(', ')}`);
    assert.equal(relative(dir, join(dir, 'baseline.json')), 'baseline.json');
  });

  it('a missing or malformed baseline is a one-line error (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-baseline-'));
    cpSync(join(ROOT, 'test/fixtures/cli/minimal.scenario.yaml'), join(dir, 'm.scenario.yaml'));
    const missing = runCli(['check', '.', '--baseline', 'none.json'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^callflow: Cannot read the baseline .*none\.json: ENOENT\.\n$/);
    writeFileSync(join(dir, 'bad.json'), '{"files": 3}');
    const bad = runCli(['check', '.', '--baseline', 'bad.json'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /is not a callflow baseline/);
    const alone = runCli(['check', '.', '--update-baseline'], { cwd: dir });
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--update-baseline needs --baseline FILE/);
  });
});
