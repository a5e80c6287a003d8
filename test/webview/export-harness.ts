/**
 * Exported trainee pages in headless Chromium (Debian's /usr/bin/chromium via playwright-core): export
 * with the built CLI, open the page from disk with the network off (every http, https and websocket
 * request aborted and recorded), and collect what the page reports — CSP violations (the
 * `securitypolicyviolation` event and console CSP errors), script errors and dialogs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { buildOnce, runCli } from '../cli/helpers';
import { CHROMIUM_ARGS } from './harness';

/** What went wrong in a page, as the browser reported it. */
export interface PageTrouble {
  /** CSP violations (`directive blocked-uri`) and console messages about the Content Security Policy. */
  csp: string[];
  /** Uncaught errors and console errors. */
  errors: string[];
  /** Requests that tried to leave the machine. */
  network: string[];
  /** alert/confirm/prompt dialogs opened. */
  dialogs: string[];
}

/** A browser for a test file, with a scratch folder for exports. */
export class ExportBrowser {
  readonly dir = mkdtempSync(join(tmpdir(), 'callflow-export-page-'));
  private browser: Browser | undefined;
  private contexts: BrowserContext[] = [];

  async start(): Promise<void> {
    buildOnce();
    this.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }

  /** Runs `callflow export …args` (the output is under the scratch folder); throws on a non-zero exit. */
  exportTo(name: string, args: string[]): string {
    const out = join(this.dir, name);
    const r = runCli(['export', ...args, '-o', out]);
    if (r.status !== 0) throw new Error(`export failed (${r.status}): ${r.stderr}`);
    return out;
  }

  /** Opens a page from disk with the network off; `trouble` fills in as the page runs. */
  async open(
    path: string,
    viewport = { width: 1000, height: 760 },
    /** An http origin the page may reach (a test server standing in for a learning platform). */
    allow?: string,
    /**
     * A script to run in the page before its own (a stand-in for a browser feature), as source text:
     * a function would be serialised with the test runner's helpers (`__name`), which the page lacks.
     */
    init?: string,
  ): Promise<{ page: Page; trouble: PageTrouble }> {
    const context = await this.browser!.newContext({ viewport, acceptDownloads: true });
    this.contexts.push(context);
    const trouble: PageTrouble = { csp: [], errors: [], network: [], dialogs: [] };
    await context.route(/^(https?|wss?|ftp):/, (route) => {
      if (allow && route.request().url().startsWith(`${allow}/`)) return route.continue();
      trouble.network.push(route.request().url());
      return route.abort();
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    if (init) await context.addInitScript({ content: init });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy|CSP violation/i.test(m.text())) trouble.csp.push(m.text());
      else if (m.type() === 'error') trouble.errors.push(m.text());
    });
    page.on('pageerror', (e) => trouble.errors.push(e.message));
    page.on('dialog', (d) => {
      trouble.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(/^https?:/.test(path) ? path : pathToFileURL(path).href);
    return { page, trouble };
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Waits until `ready` holds, polling from the test (the page's CSP forbids eval, which Playwright's
 * waitForFunction needs).
 */
export async function until(page: Page | Frame, ready: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error('timed out waiting for the page');
    await page.waitForTimeout(20);
  }
}

/**
 * Plays the page to its end with the keyboard only: Enter for the next line, the digit of `route[i]` at
 * the i-th choice (1 after the route runs out). Returns the debrief's text.
 */
export async function playByKeyboard(
  page: Page,
  route: number[] = [],
  scope: Page | Frame = page,
): Promise<string> {
  let choice = 0;
  for (let i = 0; i < 500; i++) {
    if (await scope.locator('#debrief').count()) return scope.locator('#debrief').innerText();
    const options = await scope.locator('ol.options button').count();
    const lines = scope.locator('#transcript > li');
    const before = await lines.count();
    if (options) {
      const n = route[choice++] ?? 1;
      await page.keyboard.press(String(n));
      await until(scope, async () => (await lines.count()) > before);
    } else await page.keyboard.press('Enter');
  }
  throw new Error('the run did not reach an end in 500 key presses');
}
