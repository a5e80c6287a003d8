// UI tests of the packaged extension in a real VS Code (code-server + headless Chromium), as a trainer
// would use it: problems of a broken scenario in the Problems panel, triage-code completion, a quick
// fix, the call-flow preview and click-to-reveal. Run with `node test/e2e/run.mjs --ui --vsix` (installs
// out/callflow-studio.vsix first); without --vsix the extension loads from the project (development).
//
// The workspace is a copy of samples/ plus test/fixtures/e2e/broken-burglary.scenario.yaml. Every wait
// polls for a condition with a timeout; no fixed sleeps. Screenshots land in test-results/ (the best
// ones are copied by hand to docs/images/ for the README).
import { strict as assert } from 'node:assert';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { until } from '../ui-helpers.mjs';

const BROKEN = 'broken-burglary.scenario.yaml';
const SAMPLE = '04-burglary-in-progress.scenario.yaml';
const LONG = 120_000; // first activation of the extension and the language server in a cold workbench
const t0 = Date.now();
/** Progress lines with seconds since the file loaded, when CALLFLOW_UI_TRACE is set. */
const trace = (what) => {
  if (process.env.CALLFLOW_UI_TRACE)
    process.stdout.write(`      [${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);
};

/** The workspace: the samples (with their callflow.config.yaml) and the broken fixture, top level. */
function prepareWorkspace(root, workspace) {
  cpSync(join(root, 'samples'), workspace, { recursive: true });
  cpSync(join(root, 'test/fixtures/e2e', BROKEN), join(workspace, BROKEN));
}

/** 1-based line of the first line of `text` matching `re`. */
function lineOf(text, re) {
  const i = text.split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `no line matches ${re}`);
  return i + 1;
}

/** Rows of the Problems panel: `{ message, source, code, line, col }` (file rows are skipped). */
async function problemRows(page) {
  const texts = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return texts
    .map((t) => {
      const m = /^([\s\S]*?)\n(\S+)\n(\S+)\n\[Ln (\d+), Col (\d+)\]$/.exec(t.trim());
      return m && { message: m[1], source: m[2], code: m[3], line: Number(m[4]), col: Number(m[5]) };
    })
    .filter(Boolean);
}

/** Opens the Problems panel and waits until its rows satisfy `ok(rows)`; returns the rows. */
async function waitForProblems(page, what, ok, timeout = 20_000) {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout });
  return until(
    what,
    async () => {
      const rows = await problemRows(page);
      return ok(rows) ? rows : false;
    },
    { timeout },
  );
}

/** The cursor position from the status bar item "Ln X, Col Y". */
async function cursor(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  assert.ok(m, `status bar selection item reads "${text}"`);
  return { line: Number(m[1]), col: Number(m[2]) };
}

/** Moves the cursor with Go to Line (Ctrl+G) to `line`:`col` (1-based) in the active editor. */
async function goTo(page, line, col = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${col}`);
  await input.press('Enter');
  await until(`the cursor at Ln ${line}, Col ${col}`, async () => {
    const c = await cursor(page);
    return c.line === line && c.col === col;
  });
}

/** Text of line `line` (1-based) of the active editor model, read through the rendered view. */
async function editorLine(page, line) {
  await goTo(page, line, 1);
  return page
    .locator('.editor-instance .monaco-editor .view-line')
    .filter({ has: page.locator('span') })
    .evaluateAll((els, want) => {
      const lines = document.querySelectorAll('.editor-instance .margin-view-overlays .line-numbers');
      for (const n of lines) {
        if (n.textContent?.trim() !== String(want)) continue;
        const top = n.parentElement?.style.top;
        const hit = els.find((el) => el.style.top === top);
        if (hit) return hit.textContent?.replace(/\u00a0/g, ' ') ?? '';
      }
      return null;
    }, line);
}

export default [
  {
    name: 'problems in the Problems panel, triage-code completion and a quick fix',
    async run({ page, url, root, workspace, helpers }) {
      prepareWorkspace(root, workspace);
      const source = readFileSync(join(workspace, BROKEN), 'utf8');
      const gradeLine = lineOf(source, /^\s+grade: EMERGNCY$/);
      const typoLine = lineOf(source, /next: officers-arive$/);
      const forgottenLine = lineOf(source, /^ {2}forgotten:$/);

      await helpers.openWorkbench(page, url, { timeout: LONG });
      await helpers.openFileFromExplorer(page, BROKEN);
      trace('workbench + file open');
      await helpers.waitForSquiggle(page, { timeout: LONG });
      trace('squiggles');

      // Problems: rule ids and lines, as the trainer sees them.
      const expected = [
        { code: 'code/unknown', line: gradeLine, says: /`EMERGNCY`.*Did you mean `EMERGENCY`\?/ },
        {
          code: 'flow/dangling-next',
          line: typoLine,
          says: /`officers-arive`.*Did you mean `officers-arrive`\?/,
        },
        { code: 'flow/unreachable-step', line: forgottenLine, says: /Step `forgotten` cannot be reached/ },
      ];
      const has = (rows, e) =>
        rows.some(
          (r) => r.code === e.code && r.line === e.line && r.source === 'callflow' && e.says.test(r.message),
        );
      const rows = await waitForProblems(page, 'the three problems of the broken scenario', (rs) =>
        expected.every((e) => has(rs, e)),
      );
      assert.equal(
        rows.length,
        3,
        `exactly three problems:\n${rows.map((r) => JSON.stringify(r)).join('\n')}`,
      );
      await helpers.screenshot(page, 'diagnostics');
      trace('problems read');

      // Quick fix: Ctrl+. on the did-you-mean problem, apply "Change to `officers-arrive`".
      const typoCol = source.split('\n')[typoLine - 1].indexOf('officers-arive') + 1;
      await goTo(page, typoLine, typoCol + 2);
      const fix = /^Change to [`'"]officers-arrive[`'"]$/;
      // If the editor asks for actions before it has attached this version's diagnostics, it shows
      // "No code actions available"; like a user, close it and ask again.
      await until(
        'the quick-fix menu with the did-you-mean fix',
        async () => {
          await page.keyboard.press('Control+.');
          try {
            await page
              .locator('.action-widget .monaco-list-row', { hasText: fix })
              .first()
              .waitFor({ timeout: 4_000 });
            return true;
          } catch {
            await page.keyboard.press('Escape');
            return false;
          }
        },
        { timeout: 30_000, interval: 500 },
      );
      await helpers.screenshot(page, 'quickfix');
      trace('quick-fix menu');
      // Keyboard, as a user would (the widget's pointer block swallows synthetic clicks).
      await until(`${fix} focused in the quick-fix menu`, async () => {
        const focused = await page
          .locator('.action-widget .monaco-list-row.focused')
          .getAttribute('aria-label');
        if (fix.test(focused ?? '')) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      });
      await page.keyboard.press('Enter');
      await until('the fixed next in the editor', async () =>
        /next: officers-arrive$/.test((await editorLine(page, typoLine)) ?? ''),
      );
      await waitForProblems(
        page,
        'the dangling-next problem to go',
        (rs) => rs.length === 2 && !rs.some((r) => r.code === 'flow/dangling-next'),
      );

      // Completion at a `grade:` value: the grade family of the catalogue, with labels.
      const gradeCol = source.split('\n')[gradeLine - 1].length + 1;
      await goTo(page, gradeLine, gradeCol);
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await page.keyboard.press('Backspace');
      await until('the grade value deleted', async () =>
        /grade: ?$/.test((await editorLine(page, gradeLine)) ?? ''),
      );
      await goTo(page, gradeLine, gradeCol - 'EMERGNCY'.length);
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.editor-widget.suggest-widget');
      await suggest.waitFor({ state: 'visible', timeout: 20_000 });
      const labels = await until('the triage codes in the suggestions', async () => {
        const l = await suggest.locator('.monaco-list-row').allInnerTexts();
        return (
          ['EMERGENCY', 'PRIORITY', 'SCHEDULED', 'RWD'].every((c) => l.some((x) => x.startsWith(c))) && l
        );
      });
      assert.ok(labels.length <= 6, `only grade codes are offered: ${labels.join(' | ')}`);
      // The focused proposal shows its label (the code's detail) in the widget.
      const focused = await until('a focused proposal with its detail', async () => {
        const t = await suggest.locator('.monaco-list-row.focused').innerText();
        return /Emergency|Priority|Scheduled|Resolution without deployment/.test(t) && t;
      });
      assert.match(focused, /^EMERGENCY[\s\S]*Emergency/);
      // Ctrl+Space again opens the proposal's documentation beside the list.
      await page.keyboard.press('Control+Space');
      await until('the documentation of EMERGENCY', async () =>
        /Emergency/.test(await page.locator('.suggest-details').innerText()),
      );
      await helpers.screenshot(page, 'completion');
      trace('completion');
      await page.keyboard.press('Enter');
      await until('the accepted grade', async () =>
        /grade: EMERGENCY$/.test((await editorLine(page, gradeLine)) ?? ''),
      );
      await waitForProblems(
        page,
        'only the unreachable step left',
        (rs) => rs.length === 1 && rs[0].code === 'flow/unreachable-step',
      );
    },
  },
  {
    name: 'preview draws the call flow, a click on a step selects it in the editor',
    async run({ page, url, root, workspace, helpers }) {
      prepareWorkspace(root, workspace);
      const source = readFileSync(join(workspace, SAMPLE), 'utf8');
      const steps = parseDocument(source).toJS().steps;
      const stepIds = Object.keys(steps);

      await helpers.openWorkbench(page, url, { timeout: LONG });
      await helpers.openFileFromExplorer(page, SAMPLE);
      trace('workbench + sample open');
      await helpers.runCommand(page, 'Callflow: Open Preview');
      trace('preview command');

      // The webview: an iframe (.webview) holding the content iframe (#active-frame).
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const nodes = view.locator('g.cf-node');
      await until(
        `${stepIds.length} steps drawn in the preview`,
        async () => (await nodes.count()) === stepIds.length,
        { timeout: LONG },
      );
      const drawn = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      assert.deepEqual([...drawn].sort(), [...stepIds].sort());
      trace('graph drawn');
      assert.ok((await view.locator('g.cf-edge').count()) >= stepIds.length - 1, 'edges between the steps');

      // Find the choice point with the preview's search box (it scrolls the step into view), then
      // click it: the editor selects its YAML (the cursor moves to its id).
      const target = 'grade-timing';
      const targetLine = lineOf(source, new RegExp(`^ {2}${target}:$`));
      await goTo(page, 1, 1);
      await view.locator('#search').fill(target);
      const frameBox = await page.locator('iframe.webview.ready').boundingBox();
      const box = await until(`step ${target} scrolled into view`, async () => {
        const b = await view.locator(`g.cf-node[data-id="${target}"]`).boundingBox();
        const inside =
          b &&
          b.x >= frameBox.x &&
          b.y >= frameBox.y + 40 && // below the toolbar
          b.x + b.width <= frameBox.x + frameBox.width &&
          b.y + b.height <= frameBox.y + frameBox.height;
        return inside && b;
      });
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await until(`the cursor on step ${target} (line ${targetLine})`, async () => {
        const c = await cursor(page);
        return c.line === targetLine;
      });
      await until('the step selected in the preview', async () =>
        /cf-selected/.test(
          (await view.locator(`g.cf-node[data-id="${target}"]`).getAttribute('class')) ?? '',
        ),
      );
      // More room for the editor and the graph in the screenshot.
      await helpers.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
      await view.locator(`g.cf-node[data-id="${target}"]`).waitFor({ state: 'visible' });
      // The pointer rests on the preview's empty background: no hover or tooltip in the picture.
      const frame = await page.locator('iframe.webview.ready').boundingBox();
      await page.mouse.move(frame.x + frame.width - 12, frame.y + frame.height / 2);
      await until(
        'no hover or tooltip showing',
        async () => (await page.locator('.workbench-hover:visible, .monaco-hover:visible').count()) === 0,
      );
      await helpers.screenshot(page, 'editor-with-preview');
      trace('click-to-reveal');
    },
  },
];
