/**
 * `callflow diff` as a user runs it (the built dist/cli.js): two files, the git revision forms in a
 * temporary repository, each format, the `--fail-on-problems` gate, and hostile step text kept inert in
 * Markdown, Mermaid and SVG.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildOnce, ROOT, runCli } from './helpers';

const FIX = 'test/fixtures/diff';
const pair = (name: string) => [`${FIX}/base.scenario.yaml`, `${FIX}/${name}.scenario.yaml`];

describe('callflow diff', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('two files, stylish: the changes by step, then the effects; exit 0', () => {
    const r = runCli(['diff', ...pair('step-added')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /stays-back\n {4}~ next: end-pass → reassure {2}transition-repointed/);
    assert.match(r.stdout, /reassure\n {4}\+ handler step added {2}step-added/);
    assert.match(r.stdout, /Best route {3}score 3, 51 s, ends at end-pass \(pass\) → score 3, 56 s/);
  });

  it('colour as the other commands: FORCE_COLOR and --color turn it on, NO_COLOR and --no-color off', () => {
    const ansi = /\u001b\[/;
    assert.doesNotMatch(runCli(['diff', ...pair('step-added')]).stdout, ansi);
    assert.match(runCli(['diff', ...pair('step-added')], { env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.match(runCli(['diff', ...pair('step-added'), '--color']).stdout, ansi);
    const off = runCli(['diff', ...pair('step-added'), '--no-color'], { env: { FORCE_COLOR: '1' } });
    assert.doesNotMatch(off.stdout, ansi);
    assert.doesNotMatch(
      runCli(['diff', ...pair('step-added')], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout,
      ansi,
    );
  });

  it('--fail-on-problems: exit 1 when the change adds a problem, 0 when it does not', () => {
    const worse = runCli(['diff', ...pair('grade-changed'), '--fail-on-problems']);
    assert.equal(worse.status, 1, worse.stderr);
    assert.match(worse.stdout, /1 new \(domain\/grade-floor\)/);
    assert.equal(runCli(['diff', ...pair('grade-changed')]).status, 0);
    assert.equal(runCli(['diff', ...pair('text-changed'), '--fail-on-problems']).status, 0);
    const better = runCli([
      'diff',
      `${FIX}/unreachable.scenario.yaml`,
      `${FIX}/base.scenario.yaml`,
      '--fail-on-problems',
    ]);
    assert.equal(better.status, 0);
    assert.match(better.stdout, /0 new, 1 fixed \(flow\/unreachable-step\)/);
  });

  it('json: versioned, one entry per file with its changes and effects', () => {
    const r = runCli(['diff', ...pair('renamed'), '-f', 'json']);
    const out = JSON.parse(r.stdout) as {
      version: number;
      files: { changes: { kind: string }[]; renames: object }[];
    };
    assert.equal(out.version, 1);
    assert.deepEqual(
      out.files[0].changes.map((c) => c.kind),
      ['step-renamed'],
    );
    assert.deepEqual(out.files[0].renames, { 'stays-back': 'keeps-distance' });
  });

  it('a file restyled (indentation, comments, key order, quoting) reports no flow change', () => {
    const r = runCli(['diff', ...pair('no-flow-change'), '-f', 'markdown']);
    assert.match(r.stdout, /No flow change\./);
    assert.doesNotMatch(r.stdout, /```mermaid/);
  });

  it('markdown: hostile step text is escaped in the Markdown and in the Mermaid graph', () => {
    const r = runCli(['diff', ...pair('hostile'), '-f', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    const [prose, rest] = r.stdout.split('```mermaid\n');
    const [graph, after] = rest.split('\n```\n');
    // Markdown: no tag, link, code span or table cell comes from the scenario.
    assert.doesNotMatch(prose, /<script|<img|\]\(javascript|`code`|\*\*bold\*\*/);
    assert.match(prose, /&lt;script&gt;alert\\\(1\\\)&lt;\/script&gt;/);
    for (const row of prose.split('\n').filter((l) => l.startsWith('| ')))
      assert.equal(row.replace(/\\\|/g, '').split('|').length, 4, row);
    // Mermaid: no quote, bracket, directive or fence from the text; the fence closes where it should.
    const label = graph.split('\n').find((l) => l.includes('#60;script#62;'));
    assert.ok(label, graph);
    assert.equal((label.match(/"/g) ?? []).length, 2, label);
    assert.doesNotMatch(graph, /%%|`|<script|<img/);
    assert.doesNotMatch(after ?? '', /```/);
    assert.match(graph, /class s\d+ changed/);
  });

  it('svg: the new drawing with changes marked and removed steps as ghosts; hostile text stays text', () => {
    const r = runCli(['diff', ...pair('step-removed'), '-f', 'svg']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(XMLValidator.validate(r.stdout), true);
    assert.match(r.stdout, /class="cf-node cf-kind-caller cf-diff cf-diff-removed" data-id="talks"/);
    assert.match(r.stdout, /class="[^"]*cf-diff-changed" data-id="approach"/);
    assert.match(r.stdout, /data-id="removed:approach-&gt;talks#choice#0"/);
    const hostile = runCli(['diff', ...pair('hostile'), '-f', 'svg']);
    assert.equal(XMLValidator.validate(hostile.stdout), true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(hostile.stdout) as object;
    const tags = new Set<string>();
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      for (const [k, c] of Object.entries(v)) {
        if (!k.startsWith('@_') && k !== '#text') tags.add(k);
        walk(c);
      }
    };
    walk(doc);
    assert.ok(!tags.has('script') && !tags.has('img'), [...tags].join(','));
    assert.match(hostile.stdout, /&lt;script&gt;alert\(1\)/);
  });
});

describe('callflow diff: recorded runs', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('a recorded run that passed before the change and fails after it is reported, and fails the gate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-diff-runs-'));
    try {
      copyFileSync(join(ROOT, FIX, 'base.scenario.yaml'), join(dir, 'old.scenario.yaml'));
      copyFileSync(join(ROOT, FIX, 'repointed.scenario.yaml'), join(dir, 'bridge.scenario.yaml'));
      writeFileSync(
        join(dir, 'bridge.runs.yaml'),
        [
          'callflow-runs: 1',
          'runs:',
          '  - name: talks him down',
          '    choices: ["Ask her to talk to him calmly from where she stands until officers arrive"]',
          '    expect: { end: end-pass, result: pass }',
          '  - name: stays back',
          '    choices: ["Ask her to stay where she is, a few metres back, and tell you what he is doing"]',
          '    expect: { end: end-pass, result: pass }',
          '',
        ].join('\n'),
      );
      const r = runCli(['diff', 'old.scenario.yaml', 'bridge.scenario.yaml', '--fail-on-problems'], {
        cwd: dir,
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Runs {9}run "talks him down" \(line 3\) now fails: .*end-caller-hurt/);
      assert.doesNotMatch(r.stdout, /stays back/);
      const json = JSON.parse(
        runCli(['diff', 'old.scenario.yaml', 'bridge.scenario.yaml', '-f', 'json'], { cwd: dir }).stdout,
      ) as {
        files: { effects: { runsNowFailing: { name: string }[] } }[];
      };
      assert.deepEqual(
        json.files[0].effects.runsNowFailing.map((x) => x.name),
        ['talks him down'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('callflow diff: git revisions', function () {
  this.timeout(60_000);
  let repo = '';
  const git = (...args: string[]) => {
    const r = spawnSync(
      'git',
      ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const fixture = (name: string) => readFileSync(join(ROOT, FIX, `${name}.scenario.yaml`), 'utf8');

  before(() => {
    buildOnce();
    repo = mkdtempSync(join(tmpdir(), 'callflow-diff-'));
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'bridge.scenario.yaml'), fixture('base'));
    writeFileSync(join(repo, 'other.scenario.yaml'), fixture('base'));
    writeFileSync(join(repo, 'notes.md'), 'not a scenario\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('REV -- path: the committed version against the work tree', () => {
    writeFileSync(join(repo, 'bridge.scenario.yaml'), fixture('rescored'));
    const r = runCli(['diff', 'HEAD', '-f', 'json', '--', 'bridge.scenario.yaml'], { cwd: repo });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; old: string; new: string; changes: { kind: string }[] }[];
    };
    assert.deepEqual(
      out.files.map((f) => [f.file, f.old, f.new, f.changes.map((c) => c.kind).join()]),
      [['bridge.scenario.yaml', 'HEAD', 'work tree', 'option-rescored']],
    );
    git('commit', '-q', '-am', 'rescore');
  });

  it('HEAD~1 -- path, and A..B, read the old version through git', () => {
    const r = runCli(['diff', 'HEAD~1', '--', 'bridge.scenario.yaml'], { cwd: repo });
    assert.match(r.stdout, /option "Ask her to talk to him calmly[^"]*" score 1 → 2/);
    const range = runCli(['diff', 'HEAD~1..HEAD', '-f', 'json'], { cwd: repo });
    assert.deepEqual(
      (JSON.parse(range.stdout) as { files: { file: string }[] }).files.map((f) => f.file),
      ['bridge.scenario.yaml'],
    );
  });

  it('main...HEAD: every scenario changed on the branch, added and removed files included', () => {
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'bridge.scenario.yaml'), fixture('renamed'));
    copyFileSync(join(ROOT, FIX, 'base.scenario.yaml'), join(repo, 'new.scenario.yaml'));
    unlinkSync(join(repo, 'other.scenario.yaml'));
    writeFileSync(join(repo, 'notes.md'), 'changed, still not a scenario\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'feature');
    git('checkout', '-q', 'main');
    writeFileSync(join(repo, 'notes.md'), 'main moved on\n');
    git('commit', '-q', '-am', 'main moves');
    git('checkout', '-q', 'feature');
    const r = runCli(['diff', 'main...HEAD', '-f', 'json'], { cwd: repo });
    assert.equal(r.status, 0, r.stderr);
    const files = (
      JSON.parse(r.stdout) as {
        files: { file: string; status: string; steps: object; changes: { kind: string }[] }[];
      }
    ).files;
    assert.deepEqual(
      files.map((f) => [f.file, f.status]),
      [
        ['bridge.scenario.yaml', 'modified'],
        ['new.scenario.yaml', 'added'],
        ['other.scenario.yaml', 'removed'],
      ],
    );
    assert.deepEqual(
      files[0].changes.map((c) => c.kind),
      ['option-rescored', 'step-renamed'], // main had re-scored the option; the branch renames a step
    );
    assert.equal((files[0] as unknown as { old: string }).old, 'merge base of main and HEAD');
    assert.ok(Object.values(files[1].steps).every((s) => s === 'added'));
    assert.ok(Object.values(files[2].steps).every((s) => s === 'removed'));
    const md = runCli(['diff', 'main...HEAD', '-f', 'markdown'], { cwd: repo });
    assert.match(md.stdout, /### `bridge\.scenario\.yaml`/);
    assert.match(md.stdout, /\(file added\)/);
  });

  it('a revision that does not exist, or a missing file outside git, is a usage error (exit 2)', () => {
    const r = runCli(['diff', 'no-such-branch', '--', 'bridge.scenario.yaml'], { cwd: repo });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"no-such-branch" is neither a file nor a git revision/);
    const outside = mkdtempSync(join(tmpdir(), 'callflow-nogit-'));
    try {
      const o = runCli(['diff', 'a.scenario.yaml', 'b.scenario.yaml'], { cwd: outside });
      assert.equal(o.status, 2);
      assert.match(o.stderr, /not a git work tree/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
