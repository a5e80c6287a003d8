/**
 * `callflow graph -f mermaid` rendered by Mermaid itself (the `mermaid` package in headless Chromium):
 * scenario text with `%%{init …}%%` directives, `%`, `{`, `}` and `'` must stay text — it switched the
 * diagram's theme, and a label that was only a directive broke the whole diagram.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../webview/harness';
import { buildOnce, runCli } from './helpers';

const INIT = "%%{init: {'theme':'dark', 'themeVariables': {'primaryColor':'#ff0000'}}}%%";

const HOSTILE = [
  'callflow: 1',
  'id: t',
  'title: T',
  'start: answer',
  'steps:',
  '  answer:',
  '    kind: handler',
  `    say: "${INIT.replace(/"/g, '\\"')}"`,
  '    next: decide',
  '  decide:',
  '    kind: choice',
  "    prompt: 100% {sure} it's fine?",
  '    choices:',
  `      - label: "${INIT}"`,
  '        next: done',
  "      - label: \"%%{init: {'securityLevel':'loose'}}%% 50% {x} 'y'\"",
  '        next: done',
  '  done:',
  '    kind: end',
  '',
].join('\n');

const BENIGN = HOSTILE.replace(/"%%\{init[^\n]*"/g, '"Plain text"').replace(
  "100% {sure} it's fine?",
  'Sure?',
);

interface Rendered {
  error?: string;
  svg?: string;
  text?: string;
}

async function render(page: Page, diagram: string, id: string): Promise<Rendered> {
  return page.evaluate(
    async ({ diagram, id }) => {
      const m = (
        window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }
      ).mermaid;
      try {
        const { svg } = await m.render(id, diagram);
        const holder = document.createElement('div');
        holder.innerHTML = svg;
        return { svg, text: holder.textContent ?? '' };
      } catch (e) {
        return { error: String((e as Error)?.message ?? e) };
      }
    },
    { diagram, id },
  );
}

describe('cli: mermaid output rendered by Mermaid', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let dir: string;

  before(async () => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), 'callflow-mermaid-'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() =>
      (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
        startOnLoad: false,
        theme: 'default',
      }),
    );
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function graphOf(text: string, name: string): string {
    const file = join(dir, `${name}.scenario.yaml`);
    writeFileSync(file, text);
    const r = runCli(['graph', file, '-f', 'mermaid']);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  }

  it('renders directives and %, {, }, quotes as text, with the theme unchanged', async () => {
    const hostile = await render(page, graphOf(HOSTILE, 'hostile'), 'hostile');
    assert.equal(hostile.error, undefined, `the diagram broke: ${hostile.error}`);
    const benign = await render(page, graphOf(BENIGN, 'benign'), 'benign');
    assert.equal(benign.error, undefined);
    // The theme lives in the SVG's <style>: the same as without the directives (ids aside).
    const style = (r: Rendered, id: string) =>
      (/<style>([\s\S]*?)<\/style>/.exec(r.svg ?? '')?.[1] ?? '').split(`#${id}`).join('#ID');
    assert.ok(style(hostile, 'hostile').length > 0);
    assert.equal(style(hostile, 'hostile'), style(benign, 'benign'), 'the directive changed the theme');
    assert.doesNotMatch(style(hostile, 'hostile'), /#ff0000/i);
    // And the scenario's words are shown as written.
    assert.ok(hostile.text?.includes("%%{init: {'theme':'dark'"), hostile.text);
    assert.ok(hostile.text?.includes("100% {sure} it's fine?"), hostile.text);
  });
});
