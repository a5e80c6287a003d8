/**
 * Serves the built preview (dist/webview.js, dist/elk.bundled.js and the page from `previewHtml`, with
 * the same strict CSP as in VS Code) from 127.0.0.1 and drives it in headless Chromium via playwright-core.
 * Used by the webview tests and `bench/preview.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { previewHtml } from '../../client/src/webview/html';
import type { HostMessage, WebviewMessage } from '../../server/src/shared/preview-protocol';

const ROOT = resolve(__dirname, '../..');
/** Chromium flags for a quiet, sandbox-free headless run. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** VS Code "Dark Modern" and "Light Modern" values of the variables the preview reads. */
export const VSCODE_THEMES: Record<'light' | 'dark', { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      descriptionForeground: '#5f6368',
      'editorWidget-background': '#f8f8f8',
      'editorWidget-border': '#d0d7de',
      focusBorder: '#005fb8',
      'charts-blue': '#1a85ff',
      'charts-green': '#388a34',
      'charts-orange': '#d18616',
      'charts-purple': '#8250df',
      'charts-yellow': '#bf8803',
      'testing-iconPassed': '#388a34',
      'testing-iconFailed': '#e51400',
      errorForeground: '#c72e24',
      'editorError-foreground': '#e51400',
      'editorWarning-foreground': '#bf8803',
      'editorInfo-foreground': '#1a85ff',
      'editorLineNumber-foreground': '#6e7681',
      'sideBar-background': '#f8f8f8',
      'input-background': '#ffffff',
      'input-border': '#cecece',
      'font-family': "system-ui, 'Ubuntu', 'Droid Sans', sans-serif",
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      descriptionForeground: '#9d9d9d',
      'editorWidget-background': '#252526',
      'editorWidget-border': '#454545',
      focusBorder: '#0078d4',
      'charts-blue': '#3794ff',
      'charts-green': '#89d185',
      'charts-orange': '#d18616',
      'charts-purple': '#b180d7',
      'charts-yellow': '#cca700',
      'testing-iconPassed': '#73c991',
      'testing-iconFailed': '#f14c4c',
      errorForeground: '#f85149',
      'editorError-foreground': '#f14c4c',
      'editorWarning-foreground': '#cca700',
      'editorInfo-foreground': '#3794ff',
      'editorLineNumber-foreground': '#6e7681',
      'sideBar-background': '#181818',
      'input-background': '#313131',
      'input-border': '#3c3c3c',
      'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc',
      'font-family': "system-ui, 'Ubuntu', 'Droid Sans', sans-serif",
    },
  },
};

/** A served page and the browser showing it. */
export interface PreviewSession {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Sends a host message the way the VS Code host would (a `message` event). */
  send(message: HostMessage | Record<string, unknown>): Promise<void>;
  /** Waits for the next (or an existing, from `since`) posted message matching `type` and `pred`. */
  waitFor<T extends WebviewMessage['type']>(
    type: T,
    since?: number,
    pred?: (m: Extract<WebviewMessage, { type: T }>) => boolean,
  ): Promise<Extract<WebviewMessage, { type: T }>>;
  /** All messages the webview posted so far. */
  sent(): Promise<WebviewMessage[]>;
  /** CSP violations reported by the page. */
  violations(): Promise<string[]>;
  /** Applies a VS Code theme (body class + injected variables). */
  setTheme(theme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

function serve(worker: boolean, serverLayout: boolean): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    const origin = `http://127.0.0.1:${port}`;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') {
      const nonce = randomBytes(16).toString('base64');
      const html = previewHtml({
        scriptUri: `${origin}/webview.js`,
        elkUri: `${origin}/elk.bundled.js`,
        cspSource: origin,
        nonce,
        worker,
        serverLayout,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/webview.js' || path === '/elk.bundled.js') {
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(readFileSync(join(ROOT, 'dist', path.slice(1))));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as AddressInfo).port })),
  );
}

/** Starts a server and a fresh headless Chromium showing the preview page. */
export async function openPreview(
  opts: { worker?: boolean; width?: number; height?: number; serverLayout?: boolean } = {},
): Promise<PreviewSession> {
  const { server, port } = await serve(opts.worker !== false, opts.serverLayout === true);
  const userDataDir = mkdtempSync(join(tmpdir(), 'callflow-preview-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  await page.goto(baseUrl);
  await page.waitForFunction(() =>
    (window as unknown as { __callflowPreview?: { sent: { type: string }[] } }).__callflowPreview?.sent.some(
      (m) => m.type === 'ready',
    ),
  );
  const sent = () =>
    page.evaluate(
      () => (window as unknown as { __callflowPreview: { sent: WebviewMessage[] } }).__callflowPreview.sent,
    );
  const session: PreviewSession = {
    context,
    page,
    baseUrl,
    // As JSON text: Playwright's own serialisation of a large graph argument took longer than the
    // layout (0.3 s for 500 steps, 0.85 s for 2,000), and a string arrives in one piece.
    send: (message) =>
      page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message)),
    async waitFor(type, since = 0, pred = () => true) {
      const deadline = Date.now() + 60000;
      while (Date.now() < deadline) {
        const all = (await sent()).slice(since) as Extract<WebviewMessage, { type: typeof type }>[];
        const found = all.find((m) => m.type === type && pred(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`timed out waiting for a '${type}' message`);
    },
    sent,
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async setTheme(theme) {
      const t = VSCODE_THEMES[theme];
      await page.evaluate(({ bodyClass, vars }) => {
        document.body.className = bodyClass;
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
  return session;
}
