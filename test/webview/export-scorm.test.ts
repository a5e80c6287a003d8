/**
 * SCORM packages against a real SCORM run-time: scorm-again (1.2 and 2004) is the learning platform's
 * side in headless Chromium, the package's page runs in an iframe of the platform's page (both served
 * from 127.0.0.1, the zip unpacked as a platform would). Every value the page sets goes through
 * scorm-again's validation; the test records what the platform receives (and whether it accepted it)
 * for a pass and a critical failure, in both versions. Without a platform the page still plays.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from '../cli/helpers';
import { ExportBrowser, playByKeyboard, until, type PageTrouble } from './export-harness';

const LMS = join(ROOT, 'test/fixtures/export/lms-check.scenario.yaml');
type Version = '1.2' | '2004';

/** The platform's page: scorm-again's API on the window, the package's page in a frame. */
function platformPage(version: Version): string {
  const [file, name, global, set, commit, finish] =
    version === '1.2'
      ? ['scorm12.js', 'Scorm12API', 'API', 'LMSSetValue', 'LMSCommit', 'LMSFinish']
      : ['scorm2004.js', 'Scorm2004API', 'API_1484_11', 'SetValue', 'Commit', 'Terminate'];
  const error = version === '1.2' ? 'LMSGetLastError' : 'GetLastError';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/${file}"></script>
<script>
  const api = new ${name}({ autocommit: false, logLevel: 5 });
  window.${global} = api;
  window.received = { sets: [], commits: 0, finished: 0 };
  const set = api.${set}.bind(api);
  api.${set} = (k, v) => {
    const ok = String(set(k, v));
    window.received.sets.push([k, v, ok, ok === 'true' ? '' : String(api.${error}())]);
    return ok;
  };
  const commit = api.${commit}.bind(api);
  api.${commit} = (x) => { window.received.commits++; return commit(x); };
  const finish = api.${finish}.bind(api);
  api.${finish} = (x) => { window.received.finished++; return finish(x); };
</script></head>
<body><iframe id="sco" src="/pkg/index.html" width="900" height="700" title="Package"></iframe></body></html>`;
}

interface Received {
  sets: [string, string, string, string][];
  commits: number;
  finished: number;
}

describe('SCORM packages against scorm-again in Chromium', function () {
  this.timeout(120_000);
  const browser = new ExportBrowser();
  let server: Server;
  let origin = '';
  const files = new Map<string, { type: string; body: string }>();
  before(async () => {
    await browser.start();
    server = createServer((req, res) => {
      const f = files.get((req.url ?? '').split('?')[0]);
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f.type }).end(f.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const f of ['scorm12.js', 'scorm2004.js'])
      files.set(`/scorm-again/${f}`, {
        type: 'text/javascript',
        body: readFileSync(join(ROOT, 'node_modules/scorm-again/dist', f), 'utf8'),
      });
  });
  after(async () => {
    await browser.close();
    await new Promise((r) => server.close(r));
  });

  /** Exports the fixture as a package of `version`, unpacks it on the server and opens the platform. */
  async function launch(version: Version): Promise<{ page: Page; frame: Frame; trouble: PageTrouble }> {
    const zip = browser.exportTo(`lms-${version}.zip`, [
      LMS,
      '--format',
      'scorm',
      '--scorm-version',
      version,
    ]);
    const entries = unzipSync(readFileSync(zip));
    files.set('/pkg/index.html', { type: 'text/html', body: strFromU8(entries['index.html']) });
    files.set('/pkg/imsmanifest.xml', {
      type: 'application/xml',
      body: strFromU8(entries['imsmanifest.xml']),
    });
    files.set('/lms.html', { type: 'text/html', body: platformPage(version) });
    const { page, trouble } = await browser.open(`${origin}/lms.html`, undefined, origin);
    const frame = page.frame({ url: /\/pkg\/index\.html$/ })!;
    await until(frame, async () => (await frame.locator('#transcript > li').count()) > 0);
    await frame.locator('#title').click();
    return { page, frame, trouble };
  }

  const received = (page: Page) =>
    page.evaluate(() => (window as unknown as { received: Received }).received);
  /** The last value the page set for each element, after checking the platform accepted every one. */
  function lastValues(r: Received): Record<string, string> {
    const refused = r.sets.filter(([, , ok]) => ok !== 'true');
    assert.deepEqual(refused, [], 'the platform accepted every value');
    return Object.fromEntries(r.sets.map(([k, v]) => [k, v]));
  }

  it('1.2: a pass reports passed, the score against the best, the session time and the choice', async () => {
    const { page, frame, trouble } = await launch('1.2');
    assert.match(await playByKeyboard(page, [1], frame), /Pass/);
    await until(page, async () => (await received(page)).commits > 0);
    const v = lastValues(await received(page));
    assert.equal(v['cmi.core.lesson_status'], 'passed');
    assert.deepEqual(
      [v['cmi.core.score.raw'], v['cmi.core.score.min'], v['cmi.core.score.max']],
      ['100', '0', '100'],
    );
    assert.match(v['cmi.core.session_time'], /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    assert.equal(v['cmi.interactions.0.student_response'], 'Ask whether anyone is hurt or in danger');
    assert.equal(v['cmi.interactions.0.result'], 'correct');
    assert.deepEqual(JSON.parse(v['cmi.suspend_data']), {
      v: 1,
      inputs: [{ choose: 'Ask whether anyone is hurt or in danger' }],
      result: 'pass',
    });
    // What the platform stores, read back from its side.
    const stored = await page.evaluate(() => {
      const api = (window as unknown as { API: { LMSGetValue(k: string): string } }).API;
      return [api.LMSGetValue('cmi.core.lesson_status'), api.LMSGetValue('cmi.core.score.raw')];
    });
    assert.deepEqual(stored, ['passed', '100']);
    await frame.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    assert.equal((await received(page)).finished, 1, 'LMSFinish when the page goes away');
    assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
  });

  it('1.2: a critical failure reports failed with a zero score and a wrong choice', async () => {
    const { page, frame, trouble } = await launch('1.2');
    assert.match(await playByKeyboard(page, [3], frame), /Critical failure/);
    await until(page, async () => (await received(page)).commits > 0);
    const v = lastValues(await received(page));
    assert.equal(v['cmi.core.lesson_status'], 'failed');
    assert.equal(v['cmi.core.score.raw'], '0');
    assert.equal(v['cmi.interactions.0.result'], 'wrong');
    assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
  });

  it('2004: a pass reports completed and passed, the scaled score and an ISO 8601 session time', async () => {
    const { page, frame, trouble } = await launch('2004');
    assert.match(await playByKeyboard(page, [1], frame), /Pass/);
    await until(page, async () => (await received(page)).commits > 0);
    const v = lastValues(await received(page));
    assert.equal(v['cmi.completion_status'], 'completed');
    assert.equal(v['cmi.success_status'], 'passed');
    assert.equal(v['cmi.score.scaled'], '1');
    assert.equal(v['cmi.score.raw'], '100');
    assert.match(v['cmi.session_time'], /^PT(\d+H)?(\d+M)?[\d.]+S$/);
    assert.equal(v['cmi.interactions.0.learner_response'], 'Ask whether anyone is hurt or in danger');
    assert.equal(v['cmi.interactions.0.result'], 'correct');
    assert.equal(v['cmi.exit'], 'normal');
    await frame.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    assert.equal((await received(page)).finished, 1, 'Terminate when the page goes away');
    assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
  });

  it('2004: a fail still scales the score; after a restart a critical failure reports failed', async () => {
    const { page, frame } = await launch('2004');
    assert.match(await playByKeyboard(page, [2], frame), /Fail/);
    await until(page, async () => (await received(page)).commits > 0);
    let v = lastValues(await received(page));
    assert.deepEqual([v['cmi.success_status'], v['cmi.score.scaled']], ['failed', '0.5']);
    // Restart (R) and take the critical option: the platform gets the new result.
    await page.keyboard.press('r');
    assert.match(await playByKeyboard(page, [3], frame), /Critical failure/);
    await until(page, async () => (await received(page)).commits > 1);
    v = lastValues(await received(page));
    assert.deepEqual(
      [v['cmi.completion_status'], v['cmi.success_status'], v['cmi.score.scaled']],
      ['completed', 'failed', '0'],
    );
    assert.equal(v['cmi.interactions.1.result'], undefined, 'one interaction per choice of the last run');
    assert.equal(v['cmi.interactions.0.result'], 'incorrect');
  });

  it('plays without a platform: the package page opened on its own reaches its debrief', async () => {
    await launch('1.2');
    const { page, trouble } = await browser.open(`${origin}/pkg/index.html`, undefined, origin);
    assert.match(await playByKeyboard(page, [1]), /Pass/);
    assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
  });
});
