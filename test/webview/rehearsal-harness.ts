/**
 * Serves the built rehearsal page (dist/rehearsal.js and the page from `rehearsalHtml`, with the same
 * strict CSP as in VS Code) from 127.0.0.1 and drives it in headless Chromium via playwright-core. The
 * test plays the host: every message the page posts reaches `session.host` (through the page's
 * `__callflowRehearsalHost` hook), and `send` delivers host messages as VS Code would.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { rehearsalHtml } from '../../client/src/webview/rehearsal/html';
import type {
  RehearsalHostMessage,
  RehearsalWebviewMessage,
  ShownMessage,
} from '../../server/src/shared/rehearsal-protocol';
import { CHROMIUM_ARGS, VSCODE_THEMES } from './harness';

const ROOT = resolve(__dirname, '../..');

/** The page in a browser, with the test as its host. */
export interface RehearsalSession {
  page: Page;
  /** Receives every message the page posts (set it before `load`). */
  host: (m: RehearsalWebviewMessage) => void | Promise<void>;
  /** Loads (or reloads) the page and waits for its `ready`. */
  load(): Promise<void>;
  /** Sends a host message the way the VS Code host would (a `message` event). */
  send(message: RehearsalHostMessage | Record<string, unknown>): Promise<void>;
  /** All messages the page posted since it was loaded. */
  sent(): Promise<RehearsalWebviewMessage[]>;
  /** Waits for a posted message of `type` matching `pred`, among those from index `since` on. */
  waitFor<T extends RehearsalWebviewMessage['type']>(
    type: T,
    pred?: (m: Extract<RehearsalWebviewMessage, { type: T }>) => boolean,
    since?: number,
  ): Promise<Extract<RehearsalWebviewMessage, { type: T }>>;
  /** The last `shown` report. */
  shown(): Promise<ShownMessage | undefined>;
  /** Presses a key in the page (real keyboard events). */
  press(key: string): Promise<void>;
  /** CSP violations reported by the page. */
  violations(): Promise<string[]>;
  setTheme(theme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the two webview bundles alone (dist/rehearsal.js and dist/webview.js, as scripts/build.mjs
 * does), and copies ELK beside them when missing: the pages need no other bundle.
 */
export async function buildWebviews(): Promise<void> {
  const page = (entry: string, out: string) =>
    esbuild.build({
      entryPoints: [join(ROOT, entry)],
      outfile: join(ROOT, out),
      bundle: true,
      sourcemap: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome114',
      logLevel: 'warning',
    });
  await Promise.all([
    page('client/src/webview/rehearsal/main.ts', 'dist/rehearsal.js'),
    page('client/src/webview/main.ts', 'dist/webview.js'),
  ]);
  const elk = join(ROOT, 'dist/elk.bundled.js');
  if (!existsSync(elk)) copyFileSync(join(ROOT, 'node_modules/elkjs/lib/elk.bundled.js'), elk);
}

function serve(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      const html = rehearsalHtml({
        scriptUri: `${origin}/rehearsal.js`,
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/rehearsal.js') {
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(readFileSync(join(ROOT, 'dist/rehearsal.js')));
    } else res.writeHead(404).end();
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as AddressInfo).port })),
  );
}

/** Starts a server and a headless Chromium; `load()` opens the page. */
export async function openRehearsal(
  opts: { width?: number; height?: number } = {},
): Promise<RehearsalSession> {
  const { server, port } = await serve();
  const userDataDir = mkdtempSync(join(tmpdir(), 'callflow-rehearsal-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1100, height: opts.height ?? 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const session: RehearsalSession = {
    page,
    host: () => undefined,
    async load() {
      await page.goto(`http://127.0.0.1:${port}/`);
      await session.waitFor('ready');
    },
    send: (message) =>
      page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message)),
    sent: () =>
      page.evaluate(
        () =>
          (window as unknown as { __callflowRehearsal: { sent: RehearsalWebviewMessage[] } })
            .__callflowRehearsal.sent,
      ),
    async waitFor(type, pred = () => true, since = 0) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const all = (await session.sent()).slice(since) as Extract<
          RehearsalWebviewMessage,
          { type: typeof type }
        >[];
        const found = all.find((m) => m.type === type && pred(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`timed out waiting for a '${type}' message`);
    },
    async shown() {
      const all = await session.sent();
      return all.filter((m): m is ShownMessage => m.type === 'shown').at(-1);
    },
    press: (key) => page.keyboard.press(key),
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async setTheme(theme) {
      const t = VSCODE_THEMES[theme];
      await page.evaluate(({ bodyClass, vars }) => {
        document.body.classList.remove('vscode-light', 'vscode-dark');
        document.body.classList.add(bodyClass);
        for (const [k, v] of Object.entries(vars))
          document.documentElement.style.setProperty(`--vscode-${k}`, v);
      }, t);
    },
    async close() {
      await context.close();
      server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  await page.exposeFunction('__callflowRehearsalHost', (m: RehearsalWebviewMessage) => session.host(m));
  return session;
}
