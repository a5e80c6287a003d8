/**
 * `callflow graph --layout print`: a long flow printed by Chromium (page.pdf at zero margins) fills
 * exactly the pages the SVG draws, each step whole on one page and inside that page's box, with a
 * continuation line on every page but the last. Samples 09 (35 steps) and 01 (42 steps). Page 2 of
 * sample 01 goes to test-results/print-page.png (with UPDATE_SCREENSHOTS=1 also to docs/images/).
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlowGraph } from '../../server/src/shared/graph';
import { CHROMIUM_ARGS } from '../webview/harness';
import { ROOT, buildOnce, runCli } from './helpers';

const CASES = [
  {
    file: 'samples/09-goodbye-texts-overdose.scenario.yaml',
    paper: 'a4',
    size: { width: '210mm', height: '297mm' },
  },
  {
    file: 'samples/01-silent-999-domestic.scenario.yaml',
    paper: 'a4',
    size: { width: '210mm', height: '297mm' },
  },
  {
    file: 'samples/09-goodbye-texts-overdose.scenario.yaml',
    paper: 'letter',
    size: { width: '8.5in', height: '11in' },
  },
];

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

interface Measured {
  pages: { top: number; bottom: number; left: number; right: number; footer: string; header: string }[];
  nodes: { id: string; page: number; top: number; bottom: number; left: number; right: number }[];
  labels: { from: string; page: number }[];
}

async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => ({
    pages: Array.from(document.querySelectorAll('g.cf-page')).map((g) => {
      const r = g.querySelector('rect.cf-page-box')!.getBoundingClientRect();
      return {
        top: r.top + window.scrollY,
        bottom: r.bottom + window.scrollY,
        left: r.left,
        right: r.right,
        footer: g.querySelector('.cf-continues')?.textContent ?? '',
        header: g.querySelector('.cf-page-header')?.textContent ?? '',
      };
    }),
    labels: Array.from(document.querySelectorAll('g.cf-page g.cf-edge'))
      .filter((e) => e.querySelector('rect.cf-edge-label'))
      .map((e) => ({
        from: e.getAttribute('data-from') ?? '',
        page: Number(e.closest('g.cf-page')!.getAttribute('data-page')),
      })),
    nodes: Array.from(document.querySelectorAll('g.cf-page g.cf-node')).map((n) => {
      const r = n.getBoundingClientRect();
      return {
        id: n.getAttribute('data-id') ?? '',
        page: Number(n.closest('g.cf-page')!.getAttribute('data-page')),
        top: r.top + window.scrollY,
        bottom: r.bottom + window.scrollY,
        left: r.left,
        right: r.right,
      };
    }),
  }));
}

describe('cli: graph --layout print', function () {
  this.timeout(120_000);
  let browser: Browser;
  let dir: string;

  before(async () => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), 'callflow-print-'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const { file, paper, size } of CASES) {
    it(`prints ${file} on ${paper} pages, every step whole inside its page`, async () => {
      const graph = JSON.parse(runCli(['graph', file, '-f', 'json']).stdout) as FlowGraph;
      const r = runCli(['graph', file, '--layout', 'print', '--paper', paper]);
      assert.equal(r.status, 0, r.stderr);
      const svgFile = join(dir, `${paper}.svg`);
      writeFileSync(svgFile, r.stdout);
      const declared = Number(/data-pages="(\d+)"/.exec(r.stdout)?.[1]);
      assert.ok(declared >= 2, 'a long flow takes more than one page');

      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      await page.goto(`file://${svgFile}`);
      const pdf = await page.pdf({ ...size, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
      assert.equal(pdfPages(pdf), declared, 'the printer makes exactly the pages the drawing declares');

      const m = await measure(page);
      if (file.includes('/01-') && paper === 'a4') {
        // The README's picture of a printed page (page 2: markers at its head and foot).
        mkdirSync(join(ROOT, 'test-results'), { recursive: true });
        const shot = join(ROOT, 'test-results', 'print-page.png');
        const p2 = m.pages[1];
        await page.setViewportSize({ width: 900, height: Math.ceil(p2.bottom) + 10 });
        await page.screenshot({
          path: shot,
          clip: { x: p2.left, y: p2.top, width: p2.right - p2.left, height: p2.bottom - p2.top },
        });
        if (process.env.UPDATE_SCREENSHOTS) copyFileSync(shot, join(ROOT, 'docs/images/print-page.png'));
      }
      await page.close();
      assert.equal(m.pages.length, declared);
      // Every step is drawn once, on one page, inside that page's box.
      assert.deepEqual(m.nodes.map((n) => n.id).sort(), graph.nodes.map((n) => n.id).sort());
      for (const n of m.nodes) {
        const p = m.pages[n.page - 1];
        assert.ok(
          n.top >= p.top && n.bottom <= p.bottom && n.left >= p.left && n.right <= p.right,
          `step ${n.id} lies inside page ${n.page}: ${JSON.stringify({ n, p })}`,
        );
      }
      // Each option's words are printed once, on the page of the choice they leave.
      const options = graph.edges.filter((e) => e.label);
      assert.equal(m.labels.length, options.length);
      for (const l of m.labels)
        assert.equal(l.page, m.nodes.find((n) => n.id === l.from)?.page, `the options of ${l.from}`);
      // Pages are stacked one paper height apart, so the printer's page breaks fall between them.
      for (let k = 1; k < m.pages.length; k++)
        assert.ok(Math.abs(m.pages[k].top - m.pages[k - 1].bottom) < 1, `page ${k + 1} follows page ${k}`);
      m.pages.forEach((p, k) => {
        assert.match(p.header, new RegExp(`page ${k + 1} of ${declared}$`));
        assert.equal(p.footer, k < declared - 1 ? `continues on page ${k + 2} →` : '');
      });
    });
  }

  it('refuses --layout print with a text format', () => {
    const r = runCli([
      'graph',
      'samples/01-silent-999-domestic.scenario.yaml',
      '-f',
      'mermaid',
      '--layout',
      'print',
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format svg/);
  });
});
