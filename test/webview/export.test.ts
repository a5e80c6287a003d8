/**
 * The exported trainee page in headless Chromium, opened from disk with the network off: played to its
 * end by keyboard (a pass and a critical failure), the debrief read; Download my result; a page exported
 * with `--no-answers` holds no trainer note, truth or score (view-source) and ends with what it can show;
 * hostile scenario text renders literally; no CSP violation, script error or request in any of it; the
 * page fits a phone; T does not open a trainer view; the index page links the pages.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../cli/helpers';
import { ExportBrowser, playByKeyboard, until, type PageTrouble } from './export-harness';

const KNIFE = join(ROOT, 'samples/05-pub-fight-knife.scenario.yaml');
const LMS = join(ROOT, 'test/fixtures/export/lms-check.scenario.yaml');
const KNIFE_TRUTH = 'the suspect is found by the dog unit on the towpath';
const KNIFE_NOTE = 'Record the threat verbatim';

const clean = (t: PageTrouble) => {
  assert.deepEqual(t.csp, [], 'no CSP violation');
  assert.deepEqual(t.errors, [], 'no script error');
  assert.deepEqual(t.network, [], 'no request left the machine');
  assert.deepEqual(t.dialogs, [], 'no dialog');
};

describe('trainee page (exported HTML) in Chromium', function () {
  this.timeout(120_000);
  const browser = new ExportBrowser();
  before(() => browser.start());
  after(() => browser.close());

  it('plays the knife sample to its end by keyboard and shows the whole debrief', async () => {
    const file = browser.exportTo('knife.html', [KNIFE]);
    const { page, trouble } = await browser.open(file);
    assert.equal(
      await page.locator('#title').innerText(),
      'Fight outside a pub — knife seen, one man bleeding',
    );
    // Before the end nothing of the answers is on the page.
    assert.ok(!(await page.content()).includes(KNIFE_TRUTH));
    const debrief = await playByKeyboard(page);
    assert.match(debrief, /^Debrief\s+Pass/);
    assert.match(debrief, /Score\s+9 of 9 \(the best score reachable\)/);
    assert.match(debrief, /Location: met at 0:04, 11 s inside the target 15 s/);
    assert.match(debrief, /Grade: EMERGENCY at 0:47 — expected EMERGENCY/);
    assert.ok(debrief.includes(KNIFE_NOTE), "the trainer's notes at the debrief");
    assert.ok(debrief.includes(KNIFE_TRUTH), 'what really happened at the debrief');
    assert.equal(await page.locator('#clock').innerText(), '4:08');
    clean(trouble);
  });

  it('ends a critical-failure route with the reason, and downloads the result as JSON', async () => {
    const file = browser.exportTo('lms.html', [LMS]);
    const { page, trouble } = await browser.open(file);
    const debrief = await playByKeyboard(page, [3]);
    assert.match(debrief, /Critical failure/);
    assert.match(debrief, /Closed a possible domestic without asking about danger/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), 'lms-check-result.json');
    const result = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      kind: string;
      answered: boolean;
      inputs: { choose: string }[];
      debrief: { result: string; score: number; best: number };
      transcript: { who: string; text: string }[];
    };
    assert.equal(result.kind, 'callflow-result');
    assert.equal(result.answered, true);
    assert.deepEqual(result.inputs, [{ choose: 'End the call as a noise complaint' }]);
    assert.equal(result.debrief.result, 'critical-failure');
    assert.deepEqual([result.debrief.score, result.debrief.best], [-2, 2]);
    assert.deepEqual(
      result.transcript.map((e) => e.who),
      ['handler', 'caller', 'trainee', 'end'],
    );
    assert.equal(await page.locator('#print').innerText(), 'Print summary');
    clean(trouble);
  });

  it('with --no-answers: view-source holds no note, truth or score, and the end shows what it can', async () => {
    const file = browser.exportTo('knife-plain.html', [KNIFE, '--no-answers']);
    const { page, trouble } = await browser.open(file);
    const source = await page.context().newPage();
    await source.goto(`view-source:${pathToFileURL(file).href}`);
    const text = await source.locator('body').innerText();
    assert.ok(text.includes('Station Road, Harbury'), 'view-source shows the page (caller lines are there)');
    for (const secret of [KNIFE_NOTE, KNIFE_TRUTH, 'Sends an unarmed caller into a knife fight'])
      assert.ok(!text.includes(secret), `not in the source: ${secret}`);
    assert.doesNotMatch(text, /\\"score\\"|\\"critical\\"|\\"truth\\"|\\"notes\\"/);
    const debrief = await playByKeyboard(page);
    assert.match(debrief, /End of the call/);
    assert.match(debrief, /your trainer marks the run from your result file/);
    assert.match(debrief, /Call time\s+4:08/);
    assert.match(debrief, /Location: met at 0:04/);
    assert.doesNotMatch(debrief, /Pass|Score|Trainer's notes/);
    clean(trouble);
  });

  it('renders hostile scenario text literally', async () => {
    const hostile = join(browser.dir, 'hostile.scenario.yaml');
    const title = `<img src=x onerror="window.__pwned=1"> & "quotes" </title>`;
    const line = `</script><script>window.__pwned=2</script> <b>not bold</b> \u202eRLO`;
    const label = `<button onclick="window.__pwned=3">Ask</button> {{constructor}} \${x}`;
    const text = readFileSync(LMS, 'utf8')
      .replace('title: Shouting in the flat upstairs', `title: ${JSON.stringify(title)}`)
      .replace(`say: "Flat 2, 14 Canal Street. There's shouting upstairs."`, `say: ${JSON.stringify(line)}`)
      .replace('label: Ask whether anyone is hurt or in danger', `label: ${JSON.stringify(label)}`);
    writeFileSync(hostile, text);
    const file = browser.exportTo('hostile.html', [hostile, '--force']);
    const { page, trouble } = await browser.open(file);
    assert.equal(await page.title(), title);
    assert.equal(await page.locator('#title').innerText(), title);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#transcript li.caller .text').innerText(), line);
    assert.equal(await page.locator('ol.options button').first().locator('.label').innerText(), label);
    assert.equal(await page.locator('img, b, #waiting button button').count(), 0, 'no markup from the text');
    await playByKeyboard(page);
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    clean(trouble);
  });

  it('is keyboard and screen-reader friendly, offers no trainer view, and fits a phone', async () => {
    const file = browser.exportTo('lms-phone.html', [LMS]);
    const { page, trouble } = await browser.open(file, { width: 360, height: 740 });
    assert.equal(await page.locator('#transcript').getAttribute('role'), 'log');
    await page.keyboard.press('t');
    assert.equal(await page.locator('body.trainer').count(), 0, 'T does not switch to a trainer view');
    assert.equal(await page.locator('#mode-trainer').isVisible(), false);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const option = page.getByRole('button', { name: /Ask whether anyone is hurt or in danger/ });
    assert.equal(await option.count(), 1, 'options are buttons named by their label');
    assert.equal(await option.getAttribute('aria-keyshortcuts'), '1');
    const box = (await option.boundingBox())!;
    assert.ok(box.height >= 44, `a touch target (${box.height} px high)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px)`);
    const debrief = await playByKeyboard(page, [1]);
    assert.match(debrief, /Pass/);
    // Tab reaches Download my result.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'download');
    }
    assert.ok(reached, 'Download my result is reached with Tab');
    clean(trouble);
  });

  it('real time: with the toggle on, a step whose timeout runs out moves on by itself', async () => {
    const timed = join(browser.dir, 'timed.scenario.yaml');
    writeFileSync(
      timed,
      readFileSync(LMS, 'utf8').replace(
        '    prompt: What do you do next?\n',
        '    prompt: What do you do next?\n    timeout: {seconds: 2, next: closed-end}\n',
      ),
    );
    const file = browser.exportTo('timed.html', [timed]);
    const { page, trouble } = await browser.open(file);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('ol.options button').count(), 3);
    // Off by default: nothing happens while the trainee thinks.
    await page.waitForTimeout(2500);
    assert.equal(await page.locator('#debrief').count(), 0, 'no timeout without real time');
    await page.locator('#real-time').check();
    await until(page, async () => (await page.locator('#countdown').isVisible()) === true);
    assert.match(await page.locator('#countdown').innerText(), /Timeout in [0-2] s/);
    await until(page, async () => (await page.locator('#transcript li').count()) >= 4, 8000);
    const debrief = await playByKeyboard(page);
    assert.match(await page.locator('#transcript').innerText(), /No action in time/);
    assert.match(debrief, /Critical failure/);
    clean(trouble);
  });

  it('read aloud: off by default; on, it speaks each caller line once, without stage directions', async () => {
    const whispered = join(browser.dir, 'whispered.scenario.yaml');
    writeFileSync(
      whispered,
      readFileSync(LMS, 'utf8').replace('say: "Flat 2,', 'say: "(whispering) Flat 2,'),
    );
    const file = browser.exportTo('spoken.html', [whispered]);
    // A browser with one English voice that records what it is asked to say.
    const { page, trouble } = await browser.open(
      file,
      undefined,
      undefined,
      `
      const spoken = [];
      const voice = { lang: 'en-GB', name: 'Test voice', default: true, localService: true, voiceURI: 'test' };
      const synth = {
        getVoices: () => [voice],
        speak: (u) => spoken.push(u.text),
        cancel: () => undefined,
        addEventListener: () => undefined,
      };
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
      window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
      window.spoken = spoken;
    `,
    );
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    assert.equal(await page.locator('#read-aloud').isEnabled(), true);
    assert.equal(await page.locator('#read-aloud').isChecked(), false);
    await page.keyboard.press('Enter');
    assert.deepEqual(await spoken(), [], 'nothing is read aloud by default');
    assert.equal(await page.locator('ol.options button').count(), 3, 'the caller line was shown');
    await page.locator('#read-aloud').check();
    await page.locator('#run').focus();
    await page.keyboard.press('r');
    await until(page, async () => (await page.locator('#transcript > li').count()) === 1);
    await playByKeyboard(page, [3]);
    assert.deepEqual(await spoken(), ["Flat 2, 14 Canal Street. There's shouting upstairs."]);
    clean(trouble);
  });

  it('prints a summary: the call and the debrief, without the controls', async () => {
    const file = browser.exportTo('print.html', [LMS]);
    const { page, trouble } = await browser.open(file);
    await playByKeyboard(page, [1]);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#restart', '#back', '#takeaway', '#keys', '#real-time'])
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    for (const shown of ['#title', '#transcript', '#debrief'])
      assert.equal(await page.locator(shown).isVisible(), true, `${shown} is printed`);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length >= 1);
    clean(trouble);
  });

  it('enforces its CSP: an injected style or script is refused and reported (the check above is not blind)', async () => {
    const file = browser.exportTo('csp.html', [LMS]);
    const { page, trouble } = await browser.open(file);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { background: red; }';
      document.head.append(style);
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true;';
      document.head.append(script);
    });
    await until(page, async () => trouble.csp.length >= 2);
    assert.equal(await page.evaluate(() => (window as { __ran?: boolean }).__ran), undefined);
    assert.match(trouble.csp.join('\n'), /style-src/);
    assert.match(trouble.csp.join('\n'), /script-src/);
  });

  it('takes the README screenshots (test-results/; with UPDATE_SCREENSHOTS=1 also docs/images/)', async () => {
    const file = browser.exportTo('knife-shots.html', [KNIFE]);
    const save = (name: string, png: Buffer) => {
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      writeFileSync(join(ROOT, 'test-results', name), png);
      if (process.env.UPDATE_SCREENSHOTS) writeFileSync(join(ROOT, 'docs/images', name), png);
    };
    const wide = await browser.open(file, { width: 900, height: 640 });
    // Into the call: the weapon question answered, the trainee at a choice.
    for (let i = 0; i < 12 && !(await wide.page.locator('ol.options button').count()); i++)
      await wide.page.keyboard.press('Enter');
    await wide.page.keyboard.press('1');
    await until(wide.page, async () => (await wide.page.locator('ol.options button').count()) === 0);
    for (let i = 0; i < 12 && !(await wide.page.locator('ol.options button').count()); i++)
      await wide.page.keyboard.press('Enter');
    assert.ok((await wide.page.locator('ol.options button').count()) >= 2, 'at a choice');
    save('trainee-page.png', await wide.page.screenshot());
    const phone = await browser.open(file, { width: 390, height: 780 });
    await playByKeyboard(phone.page);
    await phone.page.evaluate(() => document.getElementById('debrief')?.scrollIntoView({ block: 'start' }));
    save('trainee-phone.png', await phone.page.screenshot());
    clean(wide.trouble);
    clean(phone.trouble);
  });

  it('exports a folder with an index page whose links open the pages', async () => {
    const out = browser.exportTo('pack', [join(ROOT, 'samples')]);
    const { page, trouble } = await browser.open(join(out, 'index.html'));
    const links = page.locator('a');
    assert.ok((await links.count()) >= 12);
    await page.getByRole('link', { name: 'Fight outside a pub — knife seen, one man bleeding' }).click();
    await until(page, async () => (await page.locator('#transcript > li').count()) > 0);
    assert.match(page.url(), /05-pub-fight-knife\.html$/);
    clean(trouble);
  });
});
