/**
 * The rehearsal panel in real headless Chromium, under the same strict nonce-only CSP as in VS Code. The
 * test is the panel's host: every run it sends is computed by the real run engine (the core's
 * `rehearse`), from the sample scenarios or short inline ones, exactly as the language server does.
 * Also the preview's part: the route a run has taken, and "Rehearse from Here" from a step.
 * Run: `npx mocha test/webview/rehearsal.test.ts`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScenarioService, type ScenarioDocument } from '../../server/src/service';
import type { RunInput, RunOption, RunStart, RunView } from '../../server/src/shared/rehearsal';
import {
  isRehearsalHostMessage,
  isRehearsalWebviewMessage,
  isRunView,
  type RehearsalOptions,
  type RehearsalWebviewMessage,
  type RunReason,
  type ShownMessage,
} from '../../server/src/shared/rehearsal-protocol';
import { startFromHere } from '../../client/src/rehearsal-start';
import { isHostMessage, isWebviewMessage } from '../../server/src/shared/preview-protocol';
import { openPreview, type PreviewSession } from './harness';
import { buildWebviews, openRehearsal, type RehearsalSession } from './rehearsal-harness';

const ROOT = resolve(__dirname, '../..');
const service = createScenarioService({ readFile: () => undefined, resolve: (_b, p) => p });
const project = service.loadProject(undefined, undefined);
const sample = (file: string) => readFileSync(join(ROOT, 'samples', file), 'utf8');
const BURGLARY = '04-burglary-in-progress.scenario.yaml';
const PUB = '05-pub-fight-knife.scenario.yaml';
const TRAINEE: RehearsalOptions = { mode: 'trainee', realTime: false, readAloud: false };

/** The panel's host, played by the test: every run comes from the engine. */
class EngineHost {
  private doc!: ScenarioDocument;
  private version = 0;
  inputs: RunInput[] = [];
  readonly plays: RunInput[][] = [];
  private readies = 0;

  constructor(
    private readonly s: RehearsalSession,
    text: string,
    private readonly options: RehearsalOptions = TRAINEE,
    private readonly start?: RunStart,
  ) {
    this.parse(text);
    s.host = (m) => this.receive(m);
  }

  private parse(text: string): void {
    this.doc = service.parse('file:///work/test.scenario.yaml', text, ++this.version);
  }

  view(): RunView {
    return service.rehearse(this.doc, project, { start: this.start, inputs: this.inputs });
  }

  private async send(reason: RunReason): Promise<void> {
    const message = {
      type: 'run',
      view: this.view(),
      inputs: this.inputs,
      title: 'test.scenario.yaml',
      from: this.start?.step,
      reason,
    };
    assert.ok(isRehearsalHostMessage(message), 'the engine’s run passes the panel’s validation');
    await this.s.send(message);
  }

  /** Failures while answering the page (they happen inside the page's call, so they are kept here). */
  readonly errors: unknown[] = [];

  private async receive(m: RehearsalWebviewMessage): Promise<void> {
    try {
      await this.answer(m);
    } catch (e) {
      this.errors.push(e);
      throw e;
    }
  }

  private async answer(m: RehearsalWebviewMessage): Promise<void> {
    assert.ok(isRehearsalWebviewMessage(m), `valid message from the page: ${JSON.stringify(m)}`);
    if (m.type === 'ready') {
      // As the panel's host: a page loaded again gets the same run back (`restore`).
      await this.s.send({ type: 'options', options: this.options });
      await this.send(this.readies++ === 0 ? 'open' : 'restore');
    } else if (m.type === 'play') {
      this.inputs = m.inputs;
      this.plays.push(m.inputs);
      await this.send('play');
    }
  }

  /** The trainer edits the scenario: the host replays the same inputs on the new version. */
  async edit(text: string): Promise<void> {
    this.parse(text);
    await this.send('edit');
  }
}

/** Presses `key` and waits for the page's next `shown` report. */
async function pressAndWait(s: RehearsalSession, key: string): Promise<ShownMessage> {
  const since = (await s.sent()).length;
  await s.press(key);
  try {
    return await s.waitFor('shown', () => true, since);
  } catch (e) {
    const last = (await s.sent()).slice(since - 3);
    throw new Error(
      `${(e as Error).message} after ${key}; last messages: ${JSON.stringify(last).slice(0, 1500)}`,
    );
  }
}

const bestOption = (options: RunOption[]) =>
  options.reduce((b, o, i) => ((o.score ?? 0) > (options[b].score ?? 0) ? i : b), 0);

/**
 * Plays to an end with the keyboard only: Enter while lines remain (or to take the one option), the
 * option's number key at a choice (`pick` chooses it from the engine's options). Returns the last report
 * and the keys pressed.
 */
async function playByKeyboard(
  s: RehearsalSession,
  host: EngineHost,
  pick: (options: RunOption[], step: string) => number = bestOption,
): Promise<{ shown: ShownMessage; keys: string[] }> {
  const keys: string[] = [];
  let shown = (await s.shown())!;
  for (let i = 0; i < 500; i++) {
    if (shown.waiting === 'end' && shown.shown === shown.of) return { shown, keys };
    assert.notEqual(shown.waiting, 'stopped', 'the run does not stop');
    const w = host.view().waiting;
    let key = 'Enter';
    if (shown.shown === shown.of && w.kind === 'choice' && w.options.length > 1)
      key = String(pick(w.options, w.step) + 1);
    keys.push(key);
    shown = await pressAndWait(s, key);
  }
  throw new Error('no end after 500 keys');
}

const text = (s: RehearsalSession, selector: string) =>
  s.page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? '').join('\n'));
const clock = (n: number) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;

describe('rehearsal panel in headless Chromium', function () {
  this.timeout(120_000);
  let s: RehearsalSession;

  before(async () => {
    await buildWebviews();
    s = await openRehearsal();
  });
  after(async () => s?.close());

  it('plays the burglary sample to a pass by keyboard, and the debrief shows the engine’s figures', async () => {
    const host = new EngineHost(s, sample(BURGLARY));
    await s.load();
    const first = await s.waitFor('shown');
    assert.deepEqual([first.shown, first.waiting], [1, 'choice'], 'the first line, paced');
    const { shown, keys } = await playByKeyboard(s, host);
    const view = host.view();
    const d = view.debrief!;
    assert.equal(d.result, 'pass');
    assert.equal(d.score, d.best, 'the best route reaches the best score');
    assert.deepEqual(
      keys.filter((k) => k !== 'Enter'),
      ['1', '1'],
      'two choices with number keys (the waiting step continues with Enter)',
    );
    assert.ok(keys.filter((k) => k === 'Enter').length >= 20, `${keys.length} keys`);
    assert.deepEqual(
      host.inputs,
      view.transcript.flatMap((e) => (e.choice ? [{ choose: e.choice.label }] : [])),
    );
    // The debrief, as shown, carries the engine's figures.
    const shownText = shown.debrief ?? '';
    assert.match(shownText, /^Debrief\s+Pass/);
    assert.ok(shownText.includes(`${d.score} of ${d.best}`), shownText);
    assert.ok(shownText.includes(clock(d.seconds)), `call time ${clock(d.seconds)}`);
    for (const t of d.targets) {
      const sentence = await s.page.locator(`#debrief ul.targets li`).nth(d.targets.indexOf(t)).textContent();
      assert.ok(sentence?.includes(`met at ${clock(t.at!)}, ${Math.abs(t.by!)} s inside`), sentence ?? '');
    }
    for (const o of d.obligations) assert.ok(shownText.includes(o.title), o.title);
    for (const n of d.notes) assert.ok(shownText.includes(n.text), 'notes revealed at the debrief');
    assert.ok(shownText.includes(d.truth!), 'truth revealed at the debrief');
    assert.equal(await s.page.locator('#transcript > li').count(), view.transcript.length);
    assert.deepEqual(await s.violations(), []);
  });

  it('plays the pub-fight sample into a critical failure, steps back, finishes with a pass, restarts', async () => {
    const host = new EngineHost(s, sample(PUB));
    await s.load();
    await s.waitFor('shown');
    const critical = (options: RunOption[]) => options.findIndex((o) => o.critical);
    const failed = await playByKeyboard(s, host, (o) => (critical(o) >= 0 ? critical(o) : bestOption(o)));
    const d = host.view().debrief!;
    assert.equal(d.result, 'critical-failure');
    assert.ok(d.critical.length > 0);
    assert.match(failed.shown.debrief ?? '', /Critical failure/);
    for (const c of d.critical) assert.ok(failed.shown.debrief?.includes(c.reason), c.reason);
    // Backspace: back to the choice, every line shown; then the best route.
    const back = await pressAndWait(s, 'Backspace');
    assert.equal(back.waiting, 'choice');
    assert.equal(back.shown, back.of);
    assert.equal(host.inputs.length, failed.keys.filter((k) => /^\d$/.test(k)).length - 1);
    const passed = await playByKeyboard(s, host);
    assert.equal(host.view().debrief?.result, 'pass');
    assert.match(passed.shown.debrief ?? '', /^Debrief\s+Pass/);
    // R: from the start again.
    const again = await pressAndWait(s, 'r');
    assert.deepEqual(host.inputs, []);
    assert.deepEqual([again.shown, again.waiting], [1, 'choice']);
    assert.equal(await s.page.locator('#transcript > li').count(), 1);
    assert.deepEqual(await s.violations(), []);
  });

  it('trainee view hides scores, critical markers, risks, notes and the truth; trainer view shows them', async () => {
    const host = new EngineHost(s, sample(BURGLARY));
    await s.load();
    await s.waitFor('shown');
    // First choice: the worse option (its follow-up step has a trainer's note).
    await playUntilChoice(s, 'advice-choice', host, (o) => (o.length === 2 ? 1 : 0));
    const view = host.view();
    const w = view.waiting as Extract<RunView['waiting'], { kind: 'choice' }>;
    const note = view.transcript.find((e) => e.notes)!.notes!;
    const risky = w.options.find((o) => o.critical && o.risk)!;
    const page = await s.page.locator('body').innerText();
    for (const hidden of [
      note,
      risky.critical!,
      risky.risk!,
      'Score',
      'Critical',
      view.debrief?.truth ?? 'Audi',
    ])
      assert.ok(!page.includes(hidden), `trainee view hides “${hidden}”`);
    assert.equal(await s.page.locator('#state').isVisible(), false);
    const labels = await s.page.locator('#waiting ol.options button').allInnerTexts();
    assert.deepEqual(
      labels.map((l) => l.replace(/^\d\s*/, '').trim()),
      w.options.map((o) => o.label),
    );
    // T switches to the trainer view.
    const trainer = await pressAndWait(s, 't');
    assert.equal(trainer.mode, 'trainer');
    const options = await s.page.locator('#waiting ol.options button').allInnerTexts();
    assert.ok(options.some((t) => t.includes(`Critical failure: ${risky.critical}`)));
    assert.ok(options.some((t) => t.includes(`Risky: ${risky.risk}`)));
    assert.ok(options.some((t) => t.includes('Score +3')));
    assert.ok((await text(s, '#transcript')).includes(note), 'notes shown to the trainer');
    const state = await s.page.locator('#state').innerText();
    assert.match(state, new RegExp(`Grade\\s+${view.state.grade!.value} at ${clock(view.state.grade!.at)}`));
    assert.match(state, new RegExp(`Score\\s+${view.state.score}`));
    await pressAndWait(s, 't');
    assert.equal(await s.page.locator('#state').isVisible(), false);
  });

  it('renders scenario text literally: an XSS payload in a caller line runs nothing and breaks no CSP', async () => {
    const payload = `<img src=x onerror="window.__xss=1"> & <script>window.__xss=2</script>`;
    const yaml = [
      'callflow: 1',
      'id: xss',
      `title: "Fire <svg onload=window.__xss=3>"`,
      'start: hello',
      'steps:',
      '  hello:',
      '    kind: caller',
      `    say: '${payload}'`,
      `    notes: '<b onmouseover="window.__xss=4">note</b>'`,
      '    next: pick',
      '  pick:',
      '    kind: choice',
      `    prompt: '<iframe src="javascript:window.__xss=5"></iframe>'`,
      '    choices:',
      `      - label: '<a href="javascript:window.__xss=6">go</a>'`,
      '        next: done',
      '  done:',
      '    kind: end',
      '    outcome: {result: pass}',
    ].join('\n');
    new EngineHost(s, yaml, { ...TRAINEE, mode: 'trainer' });
    await s.load();
    await s.waitFor('shown', (m) => m.options === 1);
    assert.equal(await s.page.locator('#transcript .text').first().textContent(), payload);
    const prompt = await s.page.locator('#waiting .prompt').textContent();
    assert.equal(prompt, '<iframe src="javascript:window.__xss=5"></iframe>');
    assert.equal(await s.page.locator('body img, body iframe, body a, #transcript b, #title svg').count(), 0);
    await pressAndWait(s, '1');
    assert.equal(await s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.deepEqual(await s.violations(), []);
  });

  it('real-time mode: a timeout fires when the trainee does not act in time, not otherwise', async () => {
    const yaml = [
      'callflow: 1',
      'id: quiet-line',
      'title: The line goes quiet',
      'start: hello',
      'steps:',
      '  hello:',
      '    kind: caller',
      '    say: "Hello? He is back..."',
      '    seconds: 3',
      '    next: wait',
      '  wait:',
      '    kind: choice',
      '    prompt: The caller goes quiet.',
      '    seconds: 2',
      '    timeout: {seconds: 1, next: silence}',
      '    choices:',
      '      - label: Ask if she can talk',
      '        next: done',
      '      - label: Wait',
      '        next: done',
      '  silence:',
      '    kind: timer',
      '    seconds: 10',
      '    event: silence',
      '    say: "(Nothing on the line.)"',
      '    next: lost',
      '  done:',
      '    kind: end',
      '    outcome: {result: pass}',
      '  lost:',
      '    kind: end',
      '    outcome: {result: fail}',
    ].join('\n');
    // Scripted time: nothing fires on its own.
    const calm = new EngineHost(s, yaml);
    await s.load();
    await s.waitFor('shown', (m) => m.options === 2);
    await s.page.waitForTimeout(1500);
    assert.equal(calm.plays.length, 0, 'no timeout in scripted time');
    assert.equal(await s.page.locator('#countdown').isVisible(), false);
    // Real time: the countdown shows and the timeout fires after its second.
    const host = new EngineHost(s, yaml, { ...TRAINEE, realTime: true });
    await s.load();
    await s.waitFor('shown', (m) => m.options === 2);
    const t0 = Date.now();
    assert.match((await s.page.locator('#countdown').textContent()) ?? '', /Timeout in 1 s/);
    const fired = await s.waitFor('play');
    const waited = Date.now() - t0;
    assert.deepEqual(fired.inputs, [{ timeout: true }]);
    assert.ok(waited >= 800 && waited < 5000, `fired after ${waited} ms`);
    await s.waitFor('shown', (m) => m.waiting === 'end' && m.shown >= 2);
    assert.equal(host.view().waiting.kind, 'end');
    assert.match(await text(s, '#transcript'), /No action in time — the timeout fired after 1 s/);
    // The trainee's Enter shows the silence with its event cue, then the debrief: a fail.
    const end = await playByKeyboard(s, host);
    assert.match(end.shown.debrief ?? '', /^Debrief\s+Fail/);
    assert.match(await text(s, '#transcript .cue'), /silence/);
  });

  it('follows edits: the same choices replay on the new version and the panel says where they diverged', async () => {
    const source = sample(BURGLARY);
    const host = new EngineHost(s, source);
    await s.load();
    await s.waitFor('shown');
    await playUntilChoice(s, 'advice-choice', host);
    const label = host.inputs[0];
    assert.ok(label && 'choose' in label);
    // Lines the edit does not change stay the same elements (the log announces only what is new).
    await s.page.evaluate(
      () => ((document.querySelector('#transcript > li') as HTMLElement).dataset.kept = '1'),
    );
    const since = (await s.sent()).length;
    await host.edit(source.replace(label.choose, 'Grade EMERGENCY at once'));
    const after = await s.waitFor('shown', () => true, since);
    assert.equal(after.step, 'grade-timing', 'the run waits again where the old choice no longer fits');
    assert.equal(await s.page.locator('#diverged').isVisible(), true);
    assert.match(
      (await s.page.locator('#diverged').textContent()) ?? '',
      /choice 1 \(“Grade EMERGENCY and dispatch now.*”\) no longer fits/,
    );
    assert.equal(after.shown, after.of, 'the lines seen before stay shown');
    assert.equal(await s.page.locator('#transcript > li').first().getAttribute('data-kept'), '1');
  });

  it('keeps the run when the page is loaded again (every line shown), and appends lines as they come', async () => {
    const host = new EngineHost(s, sample(PUB));
    await s.load();
    await s.waitFor('shown');
    await s.page.evaluate(
      () => ((document.querySelector('#transcript > li') as HTMLElement).dataset.kept = '1'),
    );
    const next = await pressAndWait(s, 'Enter');
    assert.equal(next.shown, 2);
    assert.equal(await s.page.locator('#transcript > li').first().getAttribute('data-kept'), '1');
    await playUntilChoice(s, 'ambulance-timing', host);
    const inputs = host.inputs;
    await s.load();
    const restored = await s.waitFor('shown');
    assert.equal(restored.step, 'ambulance-timing');
    assert.equal(restored.shown, restored.of);
    assert.deepEqual(host.inputs, inputs);
  });

  it('says when no voice can read caller lines aloud; works at narrow widths in both themes', async () => {
    new EngineHost(s, sample(BURGLARY), { mode: 'trainer', realTime: false, readAloud: true });
    await s.load();
    await s.waitFor('shown');
    const voices = await s.page.evaluate(() =>
      typeof speechSynthesis === 'object' ? speechSynthesis.getVoices().length : 0,
    );
    const toggle = s.page.locator('#read-aloud');
    const label = (await s.page.locator('#speech-label').textContent()) ?? '';
    if (voices === 0) {
      assert.match(label, /Read aloud \(no (voice on this system|speech synthesis in this window)\)/);
      assert.equal(await toggle.isDisabled(), true);
      assert.equal(await toggle.isChecked(), false);
    } else assert.equal(await toggle.isDisabled(), false);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await s.page.setViewportSize({ width: 340, height: 700 });
    for (const theme of ['light', 'dark'] as const) {
      await s.setTheme(theme);
      const wide = await s.page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((e) => e.getClientRects().length > 0)
          .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
          .map((e) => `${e.tagName}#${e.id}.${e.className}`),
      );
      assert.deepEqual(wide, [], `nothing wider than 340 px (${theme})`);
      await s.page.screenshot({ path: join(ROOT, 'test-results', `rehearsal-narrow-${theme}.png`) });
    }
    const run = await s.page.locator('#run').boundingBox();
    const state = await s.page.locator('#state').boundingBox();
    assert.ok(run && state && state.y >= run.y + run.height - 1, 'the state panel goes below the call');
    await s.page.setViewportSize({ width: 1100, height: 800 });
    assert.deepEqual(await s.violations(), []);
  });

  it('says where and why a broken scenario stops', async () => {
    const yaml = [
      'callflow: 1',
      'id: broken',
      'start: hello',
      'steps:',
      '  hello:',
      '    kind: caller',
      '    say: "Hello?"',
      '    next: gone-missing',
    ].join('\n');
    const host = new EngineHost(s, yaml);
    await s.load();
    const shown = await s.waitFor('shown');
    const w = host.view().waiting;
    assert.equal(w.kind, 'stopped');
    assert.equal(shown.waiting, 'stopped');
    const alert = (await s.page.getByRole('alert').textContent()) ?? '';
    assert.ok(alert.startsWith('The run stopped') && alert.includes(w.reason), alert);
  });

  it('validates messages both ways', () => {
    const v = service.rehearse(service.parse('file:///x.scenario.yaml', sample(PUB), 1), project, {
      inputs: [],
    });
    assert.ok(isRunView(v));
    assert.ok(!isRunView({ ...v, transcript: [{ ...v.transcript[0], text: 42 }] }));
    assert.ok(!isRunView({ ...v, waiting: { kind: 'choice', step: 'x', options: [{ label: 1 }] } }));
    assert.ok(
      !isRehearsalHostMessage({ type: 'run', view: v, inputs: [{ choose: 1 }], title: 't', reason: 'play' }),
    );
    assert.ok(!isRehearsalHostMessage({ type: 'press', key: '' }));
    assert.ok(isRehearsalWebviewMessage({ type: 'play', inputs: [{ choose: 'a' }, { timeout: true }] }));
    assert.ok(!isRehearsalWebviewMessage({ type: 'play', inputs: [{ choose: 'a', timeout: true }] }));
  });

  it('answers an invalid host message with an error and keeps working', async () => {
    new EngineHost(s, sample(PUB));
    await s.load();
    await s.waitFor('shown');
    await s.send({ type: 'run', view: { version: 1 }, inputs: [], title: 'x', reason: 'play' });
    const error = await s.waitFor('error');
    assert.match(error.message, /ignored an invalid message/);
    assert.equal((await pressAndWait(s, 'Enter')).shown, 2);
  });
});

/** Plays by keyboard until the run waits at `step` with every line shown. */
async function playUntilChoice(
  s: RehearsalSession,
  step: string,
  host: EngineHost,
  pick: (options: RunOption[]) => number = bestOption,
): Promise<void> {
  let shown = (await s.shown())!;
  for (let i = 0; i < 200; i++) {
    if (shown.step === step && shown.shown === shown.of) return;
    const w = host.view().waiting;
    const key =
      shown.shown === shown.of && w.kind === 'choice' && w.options.length > 1
        ? String(pick(w.options) + 1)
        : 'Enter';
    shown = await pressAndWait(s, key);
  }
  throw new Error(`never reached ${step}`);
}

describe('preview: the route of a rehearsal, and Rehearse from Here', function () {
  this.timeout(120_000);
  let p: PreviewSession;

  before(async () => {
    await buildWebviews();
    p = await openPreview({ width: 1200, height: 900 });
  });
  after(async () => p?.close());

  it('draws the steps and transitions a run has taken, clears them, and offers the steps a context menu', async () => {
    const text = sample(BURGLARY);
    const doc = service.parse('file:///work/b.scenario.yaml', text, 1);
    const graph = service.graph(doc, project, service.validate(doc, project));
    const since = (await p.sent()).length;
    await p.send({ type: 'graph', graph });
    await p.waitFor('rendered', since);
    // The first two choices, best options: the route so far, in order.
    const inputs: RunInput[] = [];
    let view = service.rehearse(doc, project, { inputs });
    for (let i = 0; i < 2 && view.waiting.kind === 'choice'; i++) {
      inputs.push({ choose: view.waiting.options[bestOption(view.waiting.options)].label });
      view = service.rehearse(doc, project, { inputs });
    }
    const steps = view.transcript.map((e) => e.step);
    await p.send({ type: 'route', steps });
    const onPath = () =>
      p.page
        .locator('#nodes .cf-node.cf-on-path')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await p.page.waitForFunction(
      (n) => document.querySelectorAll('#nodes .cf-on-path').length === n,
      new Set(steps).size,
    );
    assert.deepEqual((await onPath()).sort(), [...new Set(steps)].sort());
    const pairs = new Set(steps.slice(1).map((to, i) => `${steps[i]}->${to}`));
    const edges = graph.edges.filter((e) => pairs.has(`${e.from}->${e.to}`));
    assert.equal(edges.length, pairs.size, 'every step of the route follows a transition of the graph');
    assert.equal(await p.page.locator('#edges .cf-edge.cf-on-path').count(), edges.length);
    const context = await p.page
      .locator(`#nodes .cf-node[data-id="${steps[3]}"]`)
      .getAttribute('data-vscode-context');
    assert.deepEqual(JSON.parse(context ?? '{}'), {
      webviewSection: 'step',
      stepId: steps[3],
      preventDefaultContextMenuItems: true,
    });
    await p.send({ type: 'route', steps: null });
    await p.page.waitForFunction(() => document.querySelectorAll('#nodes .cf-on-path').length === 0);
    assert.deepEqual(await p.violations(), []);
  });

  it('asks the host to rehearse from the focused step (R) or the selected one (the Rehearse button)', async () => {
    const since = (await p.sent()).length;
    await p.send({ type: 'highlight', stepId: 'advice-choice', pathToHere: false, reveal: true });
    await p.page.locator('#rehearse').click();
    assert.equal((await p.waitFor('rehearseFrom', since)).stepId, 'advice-choice');
    // Keyboard: into the graph, an arrow key focuses a step, R rehearses from it.
    await p.page.locator('#graph').focus();
    await p.page.keyboard.press('ArrowDown');
    const focused = await p.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    assert.ok(focused, 'a step has the focus');
    const n = (await p.sent()).length;
    await p.page.keyboard.press('r');
    assert.equal((await p.waitFor('rehearseFrom', n)).stepId, focused);
    assert.ok(isWebviewMessage({ type: 'rehearseFrom', stepId: 'x' }));
    assert.ok(!isWebviewMessage({ type: 'rehearseFrom' }));
    assert.ok(
      isHostMessage({ type: 'route', steps: ['a', 'b'] }) && isHostMessage({ type: 'route', steps: null }),
    );
    assert.ok(!isHostMessage({ type: 'route', steps: [1] }));
  });
});

describe('Rehearse from Here: the state a run has when it reaches the step', () => {
  const text = sample(BURGLARY);
  const doc = service.parse('file:///work/b.scenario.yaml', text, 1);
  const graph = service.graph(doc, project, service.validate(doc, project));
  const play = async (inputs: RunInput[]) => service.rehearse(doc, project, { inputs });

  /** The full run along the best options, to the end. */
  function bestRun(start?: RunStart): RunView {
    const inputs: RunInput[] = [];
    let view = service.rehearse(doc, project, { start, inputs });
    while (view.waiting.kind === 'choice') {
      inputs.push({ choose: view.waiting.options[bestOption(view.waiting.options)].label });
      view = service.rehearse(doc, project, { start, inputs });
    }
    return view;
  }

  it('starts with the clock, facts, questions, codes, dispatches and score of the route to the step', async () => {
    const start = await startFromHere('advice-choice', graph, play);
    const full = bestRun();
    const here = full.transcript.findIndex((e) => e.step === 'advice-choice');
    assert.equal(start.step, 'advice-choice');
    assert.equal(start.state?.seconds, full.transcript[here].at);
    assert.equal(start.state?.grade, 'EMERGENCY');
    assert.equal(start.state?.category, '003');
    assert.deepEqual(start.state?.qualifiers, ['667']);
    assert.deepEqual(start.state?.dispatched, ['police']);
    assert.deepEqual(start.state?.facts, ['suspect-on-premises', 'child-present']);
    assert.ok(start.state?.asked?.includes('location') && start.state.asked.includes('weapons'));
    assert.equal(start.state?.score, 3);
    // From there, the best options end where the full run ends: same clock, score and result.
    const fromHere = bestRun(start);
    assert.equal(fromHere.transcript[0].step, 'advice-choice');
    assert.equal(fromHere.transcript[0].at, start.state?.seconds);
    assert.equal(fromHere.debrief?.seconds, full.debrief?.seconds);
    assert.equal(fromHere.debrief?.score, full.debrief?.score);
    assert.equal(fromHere.debrief?.result, 'pass');
  });

  it('takes the timeout when only it leads to the step, and starts alone where no route helps', async () => {
    const silence = await startFromHere('line-silent', graph, play);
    assert.ok(silence.state, 'a state for a step behind a timeout');
    assert.ok((silence.state.seconds ?? 0) > 60);
    assert.deepEqual(await startFromHere(graph.start!, graph, play), { step: graph.start });
    assert.deepEqual(await startFromHere('no-such-step', graph, play), { step: 'no-such-step' });
    assert.deepEqual(await startFromHere('advice-choice', graph, async () => null), {
      step: 'advice-choice',
    });
  });
});
