/**
 * The rehearsal panel's "Save as test" button in headless Chromium, under the panel's strict CSP: the
 * test is the host and every run comes from the real engine. The button is enabled only while the run
 * shown has reached an end, and a click posts exactly the inputs that run used (not inputs that no
 * longer fit after an edit). The message passes the host's validation; malformed ones do not.
 * Run: `npx mocha test/webview/rehearsal-save.test.ts`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScenarioService } from '../../server/src/service';
import type { RunInput, RunView } from '../../server/src/shared/rehearsal';
import {
  isRehearsalHostMessage,
  isRehearsalWebviewMessage,
  type RehearsalOptions,
} from '../../server/src/shared/rehearsal-protocol';
import { buildWebviews, openRehearsal, type RehearsalSession } from './rehearsal-harness';

const ROOT = resolve(__dirname, '../..');
const service = createScenarioService({ readFile: () => undefined, resolve: (_b, p) => p });
const project = service.loadProject(undefined, undefined);
const TEXT = readFileSync(join(ROOT, 'samples', '05-pub-fight-knife.scenario.yaml'), 'utf8');
const doc = service.parse('file:///work/pub.scenario.yaml', TEXT, 1);
const TRAINER: RehearsalOptions = { mode: 'trainer', realTime: false, readAloud: false };

const play = (inputs: RunInput[]): RunView => service.rehearse(doc, project, { inputs });

/** The best-scoring route to an end, as the inputs a trainee would play. */
function bestRoute(): RunInput[] {
  const inputs: RunInput[] = [];
  for (let view = play(inputs); view.waiting.kind === 'choice'; view = play(inputs)) {
    const best = [...view.waiting.options].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
    inputs.push({ choose: best.label });
    assert.ok(inputs.length < 50, 'the sample ends');
  }
  return inputs;
}

describe('rehearsal panel: Save as test (headless Chromium)', function () {
  this.timeout(120_000);
  let s: RehearsalSession;

  const sendRun = async (inputs: RunInput[]) => {
    const message = { type: 'run', view: play(inputs), inputs, title: 'pub.scenario.yaml', reason: 'play' };
    assert.ok(isRehearsalHostMessage(message));
    await s.send(message);
  };
  const disabled = () => s.page.locator('#save-run').isDisabled();

  before(async () => {
    await buildWebviews();
    s = await openRehearsal();
    s.host = async (m) => {
      if (m.type === 'ready') {
        await s.send({ type: 'options', options: TRAINER });
        await sendRun([]);
      }
    };
    await s.load();
    await s.waitFor('shown');
  });
  after(async () => s?.close());

  it('is disabled until the run reaches an end, then posts the inputs that run used', async () => {
    assert.equal(await disabled(), true, 'at the first choice nothing can be saved');
    const route = bestRoute();
    await sendRun(route);
    await s.page.waitForFunction(() => !(document.getElementById('save-run') as HTMLButtonElement).disabled);
    const since = (await s.sent()).length;
    await s.page.click('#save-run');
    const saved = await s.waitFor('save-run', () => true, since);
    assert.ok(isRehearsalWebviewMessage(saved));
    assert.deepEqual(saved.inputs, route);
    assert.deepEqual(await s.violations(), []);
  });

  it('posts only the inputs used when later ones no longer fit', async () => {
    const route = bestRoute();
    const extra: RunInput[] = [...route, { choose: 'A choice the scenario never had' }];
    const view = play(extra);
    assert.equal(view.used, route.length, 'the engine stops using inputs at the end');
    await sendRun(extra);
    await s.page.waitForFunction(() => !(document.getElementById('save-run') as HTMLButtonElement).disabled);
    const since = (await s.sent()).length;
    await s.page.click('#save-run');
    const saved = await s.waitFor('save-run', () => true, since);
    assert.deepEqual(saved.inputs, route);
  });

  it('S saves as the button does, and only at an end', async () => {
    await sendRun([]);
    await s.page.waitForFunction(() => (document.getElementById('save-run') as HTMLButtonElement).disabled);
    let since = (await s.sent()).length;
    await s.press('s');
    await s.press('1'); // a choice: the page answers it, so its messages after the S are known
    await s.waitFor('play', () => true, since);
    assert.ok(!(await s.sent()).slice(since).some((m) => m.type === 'save-run'), 'nothing to save mid-call');
    const route = bestRoute();
    await sendRun(route);
    await s.page.waitForFunction(() => !(document.getElementById('save-run') as HTMLButtonElement).disabled);
    since = (await s.sent()).length;
    await s.press('S');
    assert.deepEqual((await s.waitFor('save-run', () => true, since)).inputs, route);
    since = (await s.sent()).length;
    await s.send({ type: 'press', key: 's' });
    assert.deepEqual((await s.waitFor('save-run', () => true, since)).inputs, route);
    assert.match((await s.page.locator('#keys').textContent()) ?? '', /S save as test/);
  });

  it('is disabled again after a restart and when no run can be shown', async () => {
    await sendRun(bestRoute());
    await s.page.waitForFunction(() => !(document.getElementById('save-run') as HTMLButtonElement).disabled);
    await sendRun([]);
    await s.page.waitForFunction(() => (document.getElementById('save-run') as HTMLButtonElement).disabled);
    await sendRun(bestRoute());
    await s.page.waitForFunction(() => !(document.getElementById('save-run') as HTMLButtonElement).disabled);
    await s.send({ type: 'unavailable', message: 'Open pub.scenario.yaml in an editor to rehearse it.' });
    await s.page.waitForFunction(() => (document.getElementById('save-run') as HTMLButtonElement).disabled);
  });

  it('the host accepts only well-formed save requests', () => {
    assert.equal(isRehearsalWebviewMessage({ type: 'save-run', inputs: [{ choose: 'Yes' }] }), true);
    assert.equal(isRehearsalWebviewMessage({ type: 'save-run', inputs: [{ timeout: true }] }), true);
    for (const bad of [
      { type: 'save-run' },
      { type: 'save-run', inputs: 'all' },
      { type: 'save-run', inputs: [{ choose: 3 }] },
      { type: 'save-run', inputs: [{ choose: 'a', timeout: true }] },
      { type: 'save-run', inputs: Array.from({ length: 10_001 }, () => ({ timeout: true })) },
    ])
      assert.equal(isRehearsalWebviewMessage(bad), false, JSON.stringify(bad).slice(0, 80));
  });
});
