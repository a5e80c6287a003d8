/**
 * `callflow play` on the built CLI: `--choices` (numbers and labels), choices piped on stdin, typed on a
 * pseudo-terminal (util-linux `script`), `--best`, `--from`, `--view`, `--format json`, colour and
 * `NO_COLOR`, broken scenarios and usage errors, and the exit codes (0 pass/acceptable, 1 fail/critical
 * failure, 2 usage/unreadable/stopped).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, buildOnce, runCli } from './helpers';

const KNIFE = 'samples/05-pub-fight-knife.scenario.yaml';
const ANSI = /\u001b\[/;

/** Runs the CLI with exactly this environment on top of the process's (NO_COLOR/FORCE_COLOR removed first). */
function runWithEnv(args: string[], env: Record<string, string>, input?: string) {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI on a pseudo-terminal (`script -qec`), answering each `> ` prompt with the next of
 * `answers` as it appears. Resolves with everything the terminal showed and the exit code.
 */
function onTerminal(
  args: string[],
  answers: string[],
  env: Record<string, string> = {},
): Promise<{ out: string; code: number | null }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...base, TERM: 'dumb', ...env },
  });
  let out = '';
  let sent = 0;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const prompts = out.split('\n> ').length - 1;
    if (prompts > sent && sent < answers.length) child.stdin.write(answers[sent++] + '\r');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no exit from the terminal run; it showed:\n${out}`));
    }, 20000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

describe('callflow play', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    buildOnce();
    tmp = mkdtempSync(join(tmpdir(), 'callflow-play-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('plays --choices by number to a pass, with the clock, the state line and the debrief (exit 0)', () => {
    const r = runCli(['play', KNIFE, '--choices', '1,1,1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\[0:00\] Handler {2}Police emergency, what's the address of your emergency\?$/m);
    assert.match(r.stdout, /^ {2}1\) Ask about the knife — who has it and where is it now$/m);
    assert.match(
      r.stdout,
      /state: clock 0:28 · grade — · location ✓ 0:04, grade open \(by 1:15\), dispatch open \(by 1:30\)/,
    );
    assert.match(r.stdout, /^\[0:28\] Choice {3}→ Ask about the knife — who has it and where is it now$/m);
    assert.match(r.stdout, /^Debrief: PASS {2}\(ended at end-pass, 4:08\)$/m);
    assert.match(r.stdout, /Score 9 of a best 9/);
    assert.match(r.stdout, /What really happened: Two groups spill out/);
    assert.doesNotMatch(r.stdout, ANSI, 'no colour when stdout is not a terminal');
  });

  it('plays --choices by label, and ends in critical failure with exit 1', () => {
    const labels = runCli([
      'play',
      KNIFE,
      '--choices',
      'ask about the knife — who has it and where is it now,2,1',
    ]);
    assert.equal(labels.status, 0, labels.stderr);
    assert.match(labels.stdout, /→ Finish the police questions first, then request an ambulance/);
    assert.match(labels.stdout, /Score 4 of a best 9/);
    const critical = runCli(['play', KNIFE, '--choices', '3,1,1']);
    assert.equal(critical.status, 1);
    assert.equal(critical.stderr, 'callflow: 2 of the choices given were not used: the run ended first.\n');
    assert.match(critical.stdout, /Debrief: CRITICAL FAILURE/);
    assert.match(
      critical.stdout,
      /Critical failure at next-question: Sends an unarmed caller into a knife fight\./,
    );
  });

  it('reads choices from piped stdin, one per line, as --choices plays them', () => {
    const piped = runCli(['play', KNIFE], { input: '1\n1\n1\n' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stdout, runCli(['play', KNIFE, '--choices', '1,1,1']).stdout);
    const retried = runCli(['play', KNIFE], { input: 'sideways\n1\nt\n1\n1\n' });
    assert.equal(retried.status, 0);
    assert.match(retried.stdout, /No option "sideways" at next-question: type 1–3 or an option's label\./);
    assert.match(retried.stdout, /There is no timeout at ambulance-timing\./);
    const short = runCli(['play', KNIFE], { input: '1\n' });
    assert.equal(short.status, 2);
    assert.match(
      short.stdout,
      /The run waits for a choice at ambulance-timing, but there are no more choices\./,
    );
  });

  it('prints the run as versioned JSON', () => {
    const r = runCli(['play', KNIFE, '--choices', '1,2,3', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const run = JSON.parse(r.stdout);
    assert.equal(run.version, 1);
    assert.equal(run.file, KNIFE);
    assert.deepEqual(run.inputs, [
      { choose: 'Ask about the knife — who has it and where is it now' },
      { choose: 'Finish the police questions first, then request an ambulance' },
      { choose: 'Say nothing more; the ambulance handler will deal with it, and leave the conference' },
    ]);
    assert.equal(run.transcript[0].step, 'answer');
    assert.equal(run.waiting.kind, 'end');
    assert.equal(run.debrief.result, 'acceptable');
    assert.equal(run.debrief.end, 'end-left-early');
    assert.equal(run.debrief.score, -1);
  });

  it('plays the best route, from a step, in the trainer view', () => {
    const best = runCli(['play', KNIFE, '--best', '--view', 'trainer']);
    assert.equal(best.status, 0, best.stderr);
    assert.match(best.stdout, /^ {2}1\) Ask about the knife — who has it and where is it now {2}\[\+3\]$/m);
    assert.match(
      best.stdout,
      /critical: Sends an unarmed caller into a knife fight\.; risk: Every way on from `end-sent-in` ends in fail or critical failure\./,
    );
    assert.match(best.stdout, /^ {8}note: Record the threat verbatim\./m);
    assert.match(best.stdout, /state: clock 0:55 · grade EMERGENCY · dispatched police · score 3 ·/);
    const trainee = runCli(['play', KNIFE, '--best']);
    assert.doesNotMatch(trainee.stdout.split('Debrief:')[0], /\[\+3\]|note:|score \d/);
    const from = runCli(['play', KNIFE, '--from', 'first-aid']);
    assert.equal(from.status, 0);
    assert.match(from.stdout, /^\[0:00\] Action +advice — "Only if it's safe/m);
    assert.match(from.stdout, /✗ grade: none given \(expected EMERGENCY\)/);
    const state = JSON.stringify({
      seconds: 40,
      grade: 'EMERGENCY',
      asked: ['location'],
      dispatched: ['police'],
    });
    const fromState = runCli(['play', KNIFE, '--from', 'first-aid', '--state', state]);
    assert.match(fromState.stdout, /^\[0:40\] Action +advice/m);
    assert.match(fromState.stdout, /✓ grade: EMERGENCY/);
    assert.match(fromState.stdout, /Targets: location ✗ 0:40 \(\+25 s\), grade ✓ 0:40, dispatch ✓ 0:40/);
    assert.equal(runCli(['play', KNIFE, '--state', '{"seconds": "soon"}']).status, 2);
    const nowhere = runCli(['play', KNIFE, '--from', 'nowhere']);
    assert.equal(nowhere.status, 2);
    assert.match(nowhere.stdout, /Stopped: There is no step `nowhere` to start from\./);
  });

  it('stops on a broken scenario with exit 2 and says where', () => {
    const file = join(tmp, 'broken.scenario.yaml');
    writeFileSync(
      file,
      'callflow: 1\nid: b\ntitle: B\nstart: a\nsteps:\n  a: {kind: handler, say: "Police?", asks: [location], next: b}\n  b: {kind: caller, say: "Hello", next: gone}\n',
    );
    const r = runCli(['play', file]);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /Stopped at b: `b` leads to `gone`, which does not exist\./);
  });

  it('prints scenario text with control characters escaped, so a scenario cannot drive the terminal', () => {
    const file = join(tmp, 'hostile.scenario.yaml');
    writeFileSync(
      file,
      'callflow: 1\nid: h\ntitle: H\nstart: a\nsteps:\n  a: {kind: caller, say: "Hi \\e[2J\\e]0;pwned\\a there\\r\\nline", next: b}\n  b: {kind: choice, prompt: "\\e[31mPick", choices: [{label: "\\e[1mGo", next: c}]}\n  c: {kind: end, outcome: {result: pass}}\n',
    );
    const r = runCli(['play', file, '--choices', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(
      r.stdout,
      /[\u0000-\u0008\u000b-\u001f\u007f]/,
      'no control character but line breaks',
    );
    assert.match(r.stdout, /Caller +Hi \\u001b\[2J\\u001b\]0;pwned\\u0007 there line/);
    assert.match(r.stdout, /1\) \\u001b\[1mGo/);
  });

  it("shows who speaks a caller line and each chosen option's feedback in the debrief", () => {
    const file = join(tmp, 'feedback.scenario.yaml');
    writeFileSync(
      file,
      'callflow: 1\nid: f\ntitle: F\nstart: a\nsteps:\n  a: {kind: caller, speaker: interpreter, say: "She says the flat is on fire.", next: b}\n  b: {kind: choice, prompt: Next?, choices: [{label: Ask for the address, next: c, feedback: Location first saves minutes.}]}\n  c: {kind: end, outcome: {result: pass}}\n',
    );
    const r = runCli(['play', file, '--choices', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Caller +\(interpreter\) She says the flat is on fire\./);
    assert.match(
      r.stdout,
      /Feedback on the choices made:\n {4}→ Ask for the address: Location first saves minutes\./,
    );
  });

  it('honours NO_COLOR and --color', () => {
    assert.match(runWithEnv(['play', KNIFE, '--choices', '1,1,1', '--color'], {}).stdout, ANSI);
    assert.doesNotMatch(runWithEnv(['play', KNIFE, '--choices', '1,1,1'], { NO_COLOR: '1' }).stdout, ANSI);
    assert.match(runWithEnv(['play', KNIFE, '--choices', '1,1,1'], { FORCE_COLOR: '1' }).stdout, ANSI);
  });

  it('rejects usage errors with exit 2', () => {
    for (const args of [
      ['play'],
      ['play', KNIFE, KNIFE],
      ['play', '-'],
      ['play', 'missing.scenario.yaml'],
      ['play', KNIFE, '--view', 'audience'],
      ['play', KNIFE, '--best', '--choices', '1'],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^callflow: /, args.join(' '));
    }
    const bad = runCli(['play', KNIFE, '--choices', '7']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--choices: No option "7" at next-question: type 1–3 or an option's label\./);
    const help = runCli(['play', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: callflow play <file> \[options\]/);
    assert.match(runCli(['--help']).stdout, /play <file> +Rehearse a scenario on the terminal/);
  });

  it('is played by typing on a terminal, in colour, and without colour under NO_COLOR', async () => {
    const typed = await onTerminal(['play', KNIFE], ['9', '1', '1', '1']);
    assert.equal(typed.code, 0, typed.out);
    assert.match(typed.out, ANSI);
    assert.match(typed.out, /No option "9" at next-question/);
    assert.match(typed.out, /\n> 1\r?\r\n/, 'the typed choice is echoed after the prompt');
    assert.match(typed.out, /Debrief: .*PASS/);
    const plain = await onTerminal(['play', KNIFE, '--view', 'trainer'], ['3'], { NO_COLOR: '1' });
    assert.equal(plain.code, 1, plain.out);
    assert.doesNotMatch(plain.out, ANSI);
    assert.match(plain.out, /Debrief: CRITICAL FAILURE/);
  });
});
