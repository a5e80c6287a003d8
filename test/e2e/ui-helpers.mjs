// Helpers for UI tests (test/e2e/ui/*.ui.mjs, run by `node test/e2e/run.mjs --ui`): playwright-core
// driving the code-server workbench in headless Chromium. Selectors are VS Code 1.100's DOM.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// test-results/, or CALLFLOW_UI_RESULTS (run.mjs --web keeps the browser build's screenshots apart).
export const RESULTS_DIR = process.env.CALLFLOW_UI_RESULTS ?? join(ROOT, 'test-results');

/**
 * The workbench URL for `folder`; with `extensionDevelopmentPath` the extension is loaded from the
 * project (development mode, no VSIX needed).
 */
export function workbenchUrl(base, port, { folder, extensionDevelopmentPath } = {}) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (extensionDevelopmentPath) {
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionDevelopmentPath}`],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    q.set('payload', JSON.stringify(payload));
  }
  return `${base}/?${q}`;
}

/** Opens the workbench and waits until the Explorer shows the workspace's files. */
export async function openWorkbench(page, url, { timeout = 60_000 } = {}) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
}

/** Makes sure the Explorer view is showing (Ctrl+Shift+E toggles focus, not visibility). */
export async function showExplorer(page) {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  if (
    !(await rows
      .first()
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press('Control+Shift+E');
    await rows.first().waitFor();
  }
}

/**
 * Opens a top-level file of the workspace by double-clicking it in the Explorer (Quick Open was
 * unreliable in code-server), then waits for its editor tab and text.
 */
export async function openFileFromExplorer(page, name, { timeout = 30_000 } = {}) {
  await showExplorer(page);
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
  await row.waitFor({ timeout });
  await row.dblclick();
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first().waitFor({ timeout });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout });
}

/** Runs a command from the command palette (F1) by its label, e.g. 'View: Toggle Word Wrap'. */
export async function runCommand(page, label, { timeout = 15_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
}

/** Waits for an error squiggle in the visible editor (the language server's diagnostics arrived). */
export async function waitForSquiggle(page, { kind = 'error', timeout = 30_000 } = {}) {
  await page.locator(`.monaco-editor .squiggly-${kind}`).first().waitFor({ state: 'attached', timeout });
  return page.locator(`.monaco-editor .squiggly-${kind}`).count();
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' texts (aria labels). */
export async function readProblems(page, { timeout = 15_000 } = {}) {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout });
  const rows = panel.locator('.monaco-list-row');
  await rows
    .first()
    .waitFor({ timeout })
    .catch(() => {});
  return rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
}

/** The visible editor's text as rendered (only the lines currently in view). */
export async function visibleEditorText(page) {
  return page
    .locator('.editor-instance .monaco-editor .view-lines')
    .first()
    .evaluate((el) => [...el.querySelectorAll('.view-line')].map((l) => l.textContent ?? '').join('\n'));
}

/** Screenshot of the whole page (or of `locator`) into test-results/<name>.png; returns the path. */
export async function screenshot(page, name, { locator } = {}) {
  const path = isAbsolute(name) ? name : join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await (locator ?? page).screenshot({ path });
  return path;
}

/** Polls `fn` until it returns a truthy value (returned) or `timeout` passes (throws with `what`). */
export async function until(what, fn, { timeout = 20_000, interval = 150 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
