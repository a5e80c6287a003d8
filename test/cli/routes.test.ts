/**
 * `callflow routes` on the built CLI: stylish, json, markdown (rendered by a real Markdown parser: a table
 * per end, nothing from the scenario becomes HTML) and run (the model route as a recorded run that the
 * run-file core replays and passes); stdin, --output, colour; bad input with its message and exit code
 * (missing file, a YAML slip, no start, no model route, usage errors); hostile text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildOnce, ROOT, runCli } from './helpers';
import { createScenarioService, type RouteReport } from '../../server/src/service';
import { createNodeHost, pathToUri } from '../../server/src/node/project';
import { generate } from '../../bench/generate';

const KNIFE = 'samples/05-pub-fight-knife.scenario.yaml';
const ANSI = /\u001b\[/;
/** markdown-it (CommonMark with GitHub's tables), installed with @vscode/vsce. */
const MarkdownIt = createRequire(__filename)('markdown-it') as new () => { render(md: string): string };

const LOOPY = `callflow: 1
id: loopy
title: Loopy
expected: {grade: EMERGENCY, targets: {location: 10, grade: 60}}
start: answer
steps:
  answer:
    kind: handler
    say: Police, where are you?
    asks: [location]
    seconds: 5
    next: listen
  listen:
    kind: choice
    prompt: The caller is hard to hear.
    seconds: 10
    choices:
      - {label: Ask again, next: repeat, score: -1}
      - {label: Grade it, next: grade, score: 2}
      - {label: Hang up, next: dropped, critical: Ended a live 999 call}
  repeat:
    kind: caller
    say: I said the bridge!
    seconds: 8
    next: listen
  grade:
    kind: action
    action: grade
    grade: EMERGENCY
    rationale: Threat to life
    seconds: 4
    next: done
  done: {kind: end, outcome: {result: pass}}
  dropped: {kind: end, outcome: {result: critical-failure}}
`;

describe('cli: callflow routes', () => {
  let dir: string;
  before(() => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), 'callflow-routes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('stylish: each end with its routes, scores and times against the targets, and the model route', () => {
    const r = runCli(['routes', KNIFE]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, ANSI);
    assert.match(r.stdout, /^samples\/05-pub-fight-knife\.scenario\.yaml — /);
    assert.match(r.stdout, /13 routes to 3 ends · all 30 steps reachable · no loops/);
    assert.match(r.stdout, /end-pass {2}pass {2}8 routes\n {4}score {5}-4 … 9\n/);
    assert.match(r.stdout, /grade {5}0:47 … 0:57 +target 1:15 {2}met/);
    assert.match(r.stdout, /end-sent-in {2}critical-failure {2}1 route · only through a critical option/);
    assert.match(r.stdout, /dispatch {2}never +target 1:30 {2}missed/);
    assert.match(
      r.stdout,
      /Model route: score 9, 4:08, ends at end-pass \(3 choices\)\n {4}1\. Ask about the knife/,
    );
    assert.match(runCli(['routes', KNIFE, '--color']).stdout, ANSI);
  });

  it('json: versioned, the same figures as the core, and the model route as a recorded run', () => {
    const r = runCli(['routes', KNIFE, '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as RouteReport & { file: string };
    assert.equal(report.version, 1);
    assert.equal(report.file, KNIFE);
    const service = createScenarioService(createNodeHost());
    const doc = service.parse(pathToUri(join(ROOT, KNIFE)), readFileSync(join(ROOT, KNIFE), 'utf8'));
    const core = JSON.parse(JSON.stringify(service.routes(doc, service.loadProject(undefined, undefined))));
    assert.deepEqual({ ...report, file: undefined }, { ...core, file: undefined });
    const sum = report.ends.reduce((n, e) => n + e.routes.count, 0);
    assert.deepEqual(report.routes, { count: sum, over: false });
    assert.equal(report.model?.run?.name, 'model answer');
  });

  it('run: a recorded run the runs file accepts, and that passes when replayed', () => {
    const r = runCli(['routes', KNIFE, '--format', 'run']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^# The model route of samples\/05-pub-fight-knife\.scenario\.yaml as a recorded run/,
    );
    const text = r.stdout;
    const service = createScenarioService(createNodeHost());
    const runs = service.parseRuns('mem:/x.runs.yaml', text);
    assert.deepEqual(runs.problems, []);
    assert.equal(runs.runs.length, 1);
    const doc = service.parse(pathToUri(join(ROOT, KNIFE)), readFileSync(join(ROOT, KNIFE), 'utf8'));
    const [outcome] = service.replayRuns(runs, doc, service.loadProject(undefined, undefined));
    assert.equal(outcome.passed, true, JSON.stringify(outcome.failures));
    assert.equal(outcome.view.debrief?.result, 'pass');
  });

  it('markdown: a table per end in a pull-request comment, the recorded run in a details block', () => {
    const r = runCli(['routes', 'samples/01-silent-999-domestic.scenario.yaml', '-f', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    const html = new MarkdownIt().render(r.stdout);
    assert.equal((html.match(/<table>/g) ?? []).length, 3, 'one table per end');
    assert.equal((html.match(/<h4>/g) ?? []).length, 4, 'three ends and the model route');
    assert.match(
      html,
      /<td>grade<\/td>\s*<td[^>]*>2:19<\/td>\s*<td[^>]*>2:27<\/td>\s*<td[^>]*>3:00<\/td>\s*<td>✅ met<\/td>/,
    );
    const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(r.stdout)![1];
    const [run] = parseYaml(yamlBlock) as { name: string; expect: { end: string } }[];
    assert.equal(run.expect.end, 'end-pass');
  });

  it('markdown of a scenario with many ends: one table, a row per end, within the 65,536 characters of a comment', () => {
    const path = file('big.scenario.yaml', generate({ steps: 2000, seed: 2000 }).text);
    const json = JSON.parse(runCli(['routes', path, '-f', 'json']).stdout) as RouteReport;
    assert.ok(json.ends.length > 100, `${json.ends.length} ends`);
    const r = runCli(['routes', path, '-f', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.length < 65_536, `${r.stdout.length} characters`);
    const html = new MarkdownIt().render(r.stdout);
    assert.equal((html.match(/<table>/g) ?? []).length, 1);
    assert.equal((html.match(/<tr>/g) ?? []).length, 1 + Math.min(150, json.ends.length));
    assert.equal(
      /more ends: `callflow routes --format json` lists them all/.test(r.stdout),
      json.ends.length > 150,
    );
  });

  it('markdown cuts what would not fit: ends past 150, model-route choices past 40', () => {
    const lines = ['callflow: 1', 'id: wide', 'title: Wide', 'start: c0', 'steps:'];
    for (let i = 0; i < 50; i++)
      lines.push(
        `  c${i}:`,
        '    kind: choice',
        '    prompt: Go?',
        '    choices:',
        `      - {label: On ${i}, next: ${i < 49 ? `c${i + 1}` : 'pick'}}`,
      );
    lines.push('  pick:', '    kind: choice', '    prompt: Which end?', '    choices:');
    for (let i = 0; i < 200; i++) lines.push(`      - {label: End ${i}, next: e${i}}`);
    for (let i = 0; i < 200; i++) lines.push(`  e${i}: {kind: end, outcome: {result: pass}}`);
    const r = runCli(['routes', file('wide.scenario.yaml', lines.join('\n') + '\n'), '-f', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    const html = new MarkdownIt().render(r.stdout);
    assert.equal((html.match(/<tr>/g) ?? []).length, 151);
    assert.match(r.stdout, /…and 50 more ends: `callflow routes --format json` lists them all\./);
    assert.match(
      r.stdout,
      /\n40\. On 39\n\n…and 11 more choices: `callflow routes --format run` prints them all\./,
    );
    assert.doesNotMatch(r.stdout, /<details>/);
  });

  it('a loop: counted once, marked on the end, and going round it once priced in the worst score', () => {
    const path = file('loopy.scenario.yaml', LOOPY);
    const r = runCli(['routes', path, '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as RouteReport;
    assert.equal(report.loops, 1);
    const done = report.ends.find((e) => e.step === 'done')!;
    assert.deepEqual(done.routes, { count: 1, over: false });
    assert.equal(done.loops, true);
    assert.deepEqual(done.score, { worst: 1, best: 2 });
    assert.equal(report.ends.find((e) => e.step === 'dropped')!.criticalOnly, true);
    assert.match(
      runCli(['routes', path]).stdout,
      /done {2}pass {2}1 route · through a loop: can take longer/,
    );
  });

  it('lists the options no run can pick with file:line:column', () => {
    const twice = LOOPY.replace(
      '      - {label: Hang up, next: dropped, critical: Ended a live 999 call}\n',
      '      - {label: Hang up, next: dropped, critical: Ended a live 999 call}\n      - {label: Grade it, next: done}\n',
    );
    const r = runCli(['routes', file('twice.scenario.yaml', twice)]);
    assert.match(
      r.stdout,
      /Options no run can pick:\n {4}\S*twice\.scenario\.yaml:21:33 {2}"Grade it" cannot be picked by its label: option 2 of the same step has the same label/,
    );
  });

  it('reads stdin and writes --output', () => {
    const out = join(dir, 'routes.md');
    const r = runCli(
      ['routes', '-', '--stdin-filename', 'loopy.scenario.yaml', '-f', 'markdown', '-o', out],
      {
        input: LOOPY,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^### Routes: Loopy \(`loopy\.scenario\.yaml`\)/);
  });

  it('bad input: a clear message with the place, and the exit codes of check', () => {
    const missing = runCli(['routes', 'nope.scenario.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Cannot read the scenario nope\.scenario\.yaml: no such file\./);
    const slip = file(
      'slip.scenario.yaml',
      LOOPY.replace('    seconds: 8\n', '    seconds: 8\n   oops: [\n'),
    );
    const broken = runCli(['routes', slip]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /slip\.scenario\.yaml:\d+:\d+: .+ \(yaml\/[a-z-]+\)/);
    assert.match(broken.stderr, /the scenario has \d+ errors?/);
    assert.notEqual(broken.stdout, '', 'the analysis is printed all the same');
    const nostart = runCli([
      'routes',
      file('nostart.scenario.yaml', LOOPY.replace('start: answer', 'start: nowhere')),
    ]);
    assert.equal(nostart.status, 1);
    assert.match(nostart.stdout, /There is no step `nowhere` to start from/);
    for (const args of [
      ['routes'],
      ['routes', KNIFE, KNIFE],
      ['routes', KNIFE, '-f', 'sarif'],
      ['routes', ''],
    ])
      assert.equal(runCli(args).status, 2, args.join(' '));
  });

  it('--format run without a model route says why, exit 1', () => {
    const path = file('nomodel.scenario.yaml', LOOPY.replace('{result: pass}', '{result: fail}'));
    const r = runCli(['routes', path, '-f', 'run']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /has no model route: no route reaches a pass or acceptable end without a critical option/,
    );
  });

  it('hostile text stays text: no escape sequences on the terminal, no HTML in markdown', () => {
    const evil = LOOPY.replace('title: Loopy', 'title: "<script>alert(1)</script> \\u001b[31mred"').replace(
      'label: Grade it',
      'label: "Grade <img src=x onerror=alert(1)> \\u202e it"',
    );
    const path = file('evil.scenario.yaml', evil);
    const stylish = runCli(['routes', path]);
    assert.doesNotMatch(stylish.stdout, /[\u001b\u202e]/);
    assert.match(stylish.stdout, /\\u001b\[31mred/);
    const html = new MarkdownIt().render(runCli(['routes', path, '-f', 'markdown']).stdout);
    assert.doesNotMatch(html, /<script|<img/);
  });
});
