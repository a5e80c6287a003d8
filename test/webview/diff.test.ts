/**
 * The flow diff page ("Callflow: Compare Flow with…") in headless Chromium: the page the extension shows,
 * built from a real diff and the drawing the language server makes (same core, same layout, same
 * scene), with its strict CSP and the bundled dist/diff.js. Stepping through changes marks the step on
 * the drawing and asks the host to reveal it; hostile step text stays text. Saves the README's
 * screenshot (replaced in docs/images only with UPDATE_SCREENSHOTS=1).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { diffPageHtml } from '../../client/src/diff-page';
import { createScenarioService, diffFlows, diffGraph, type FlowDiff } from '../../server/src/service';
import { diffScene } from '../../server/src/shared/diff-marks';
import { layoutGraph, type ElkLike } from '../../server/src/shared/layout';
import { serializeScene } from '../../server/src/shared/svg';
import { LIGHT_THEME } from '../../server/src/shared/theme';
import { memoryHost } from '../support/core';
import { CHROMIUM_ARGS } from './harness';

const ROOT = resolve(__dirname, '../..');
const FIX = join(ROOT, 'test/fixtures/diff');
const NONCE = 'dGVzdC1ub25jZS1mb3ItZGlmZg==';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ELK = require('elkjs/lib/elk.bundled.js') as new () => ElkLike;

/** The diff and drawing of base → `name`, as the language server answers `callflow/diff`. */
async function diffOf(name: string): Promise<{ diff: FlowDiff; svg: string }> {
  const service = createScenarioService(memoryHost());
  const project = service.loadProject(undefined, undefined);
  const load = (n: string) => {
    const doc = service.parse(
      `mem:/ws/${n}.scenario.yaml`,
      readFileSync(join(FIX, `${n}.scenario.yaml`), 'utf8'),
    );
    const problems = service.validate(doc, project);
    return { doc, problems, graph: service.graph(doc, project, problems) };
  };
  const [before, after] = [load('base'), load(name)];
  const diff = diffFlows(before, after, project);
  const { graph, marks } = diffGraph(before.graph, after.graph, diff);
  const layout = await layoutGraph(graph, new ELK());
  return { diff, svg: serializeScene(diffScene(graph, layout, LIGHT_THEME, marks)) };
}

describe('flow diff page (Chromium)', function () {
  this.timeout(120_000);
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let userDir = '';
  let html = '';
  let script = '';

  before(async () => {
    const out = await esbuild.build({
      entryPoints: [join(ROOT, 'client/src/webview/diff/main.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'chrome114',
    });
    script = out.outputFiles[0].text;
    server = createServer((req, res) => {
      if (req.url === '/diff.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    userDir = mkdtempSync(join(tmpdir(), 'callflow-diff-page-'));
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 760 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  });
  after(async () => {
    await context?.close();
    server?.close();
    rmSync(userDir, { recursive: true, force: true });
  });

  async function show(name: string): Promise<FlowDiff> {
    const { diff, svg } = await diffOf(name);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    html = diffPageHtml({
      diff,
      svg,
      file: `${name}.scenario.yaml`,
      oldLabel: 'HEAD',
      scriptUri: `${origin}/diff.js`,
      cspSource: origin,
      nonce: NONCE,
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(
      () => (window as unknown as { __diffPosted?: unknown[] }).__diffPosted?.length === 1,
    );
    return diff;
  }
  const posted = () => page.evaluate(() => (window as unknown as { __diffPosted: unknown[] }).__diffPosted);
  const current = () =>
    page.evaluate(() => document.querySelector('#canvas .cf-current')?.getAttribute('data-id') ?? null);

  it('lists every change, draws the new flow with the changes marked and removed steps as ghosts', async () => {
    const diff = await show('review');
    assert.equal(await page.locator('button.change').count(), diff.changes.length);
    assert.equal(await page.locator('#canvas g.cf-node.cf-diff-removed[data-id="talks"]').count(), 1);
    assert.equal(await page.locator('#canvas g.cf-node.cf-diff-added[data-id="reassure"]').count(), 1);
    assert.equal(
      await page.locator('#canvas g.cf-node.cf-diff-renamed[data-id="keeps-distance"]').count(),
      1,
    );
    assert.match(
      (await page.locator('#canvas g.cf-diff-renamed .cf-diff-tag').textContent()) ?? '',
      /was stays-back/,
    );
    assert.match(
      (await page.locator('#summary').textContent()) ?? '',
      /51 s, ends at end-pass \(pass\) → score 3, 56 s/,
    );
    assert.equal(await page.locator('ins').first().textContent(), ', however close they are');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
  });

  it('a click on a change marks its step and asks the host to reveal it; n and p step through', async () => {
    const diff = await show('review');
    const i = diff.changes.findIndex((c) => c.kind === 'step-added');
    await page.locator('button.change').nth(i).click();
    assert.deepEqual((await posted()).at(-1), { type: 'reveal', index: i });
    assert.equal(await current(), 'reassure');
    assert.equal(await page.locator('button.change[aria-current="true"]').count(), 1);
    await page.keyboard.press('n');
    assert.deepEqual((await posted()).at(-1), { type: 'reveal', index: i + 1 });
    assert.equal(await current(), diff.changes[i + 1].step);
    await page.keyboard.press('p');
    await page.keyboard.press('p');
    assert.deepEqual((await posted()).at(-1), { type: 'reveal', index: i - 1 });
    await page.locator('#canvas g.cf-node[data-id="talks"]').click();
    assert.equal(await current(), 'talks');
    assert.equal(diff.changes[((await posted()).at(-1) as { index: number }).index].step, 'talks');
  });

  it('hostile step text stays text: no element, script or handler comes from the scenario', async () => {
    await show('hostile');
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 1);
    assert.equal(
      await page.evaluate(
        () => document.querySelectorAll('#canvas svg script, #canvas svg foreignObject').length,
      ),
      0,
    );
    assert.match(
      (await page.locator('button.change').first().textContent()) ?? '',
      /<script>alert\(1\)<\/script>/,
    );
    assert.match((await page.locator('#canvas').textContent()) ?? '', /<script>alert\(1\)/);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
  });

  it('a flow too big to draw: the changes are listed and the page says why there is no drawing', async () => {
    const { diff } = await diffOf('review');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    html = diffPageHtml({
      diff,
      svg: '',
      noDrawing:
        'The flow has 2,400 steps, too many to draw here (up to 2,000): the changes are listed on the left.',
      file: 'big.scenario.yaml',
      oldLabel: 'HEAD',
      scriptUri: `${origin}/diff.js`,
      cspSource: origin,
      nonce: NONCE,
    });
    await page.goto(`${origin}/`);
    assert.equal(await page.locator('button.change').count(), diff.changes.length);
    assert.match((await page.locator('#canvas').textContent()) ?? '', /2,400 steps, too many to draw here/);
    await page.locator('button.change').first().click();
    assert.deepEqual((await posted()).at(-1), { type: 'reveal', index: 0 });
  });

  it('saves the screenshot of a review', async () => {
    await show('review');
    await page.locator('button.change').nth(2).click();
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const file = join(ROOT, 'test-results', 'flow-diff.png');
    await page.screenshot({ path: file });
    if (process.env.UPDATE_SCREENSHOTS) copyFileSync(file, join(ROOT, 'docs/images/flow-diff.png'));
  });
});
