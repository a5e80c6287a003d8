/**
 * The role-player's script and marking sheet (`--format script --with-graph`) in headless Chromium: it
 * opens from disk with the network off and no CSP violation, the flow picture is drawn, it fits the
 * printable width of A4 and Letter, and printing it to PDF gives A4 and Letter pages the test counts (the
 * marking sheet on a page of its own). Takes the README's screenshot of a script page.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers';
import { ExportBrowser } from './export-harness';

const KNIFE = join(ROOT, 'samples/05-pub-fight-knife.scenario.yaml');
const LMS = join(ROOT, 'test/fixtures/export/lms-check.scenario.yaml');

/** The pages of a PDF (its `/Type /Page` objects). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe("role-player's script (exported HTML) in Chromium", function () {
  this.timeout(120_000);
  const browser = new ExportBrowser();
  before(() => browser.start());
  after(() => browser.close());

  it('opens offline under its CSP with the flow picture drawn', async () => {
    const file = browser.exportTo('knife-script.html', [KNIFE, '--format', 'script', '--with-graph']);
    const { page, trouble } = await browser.open(file);
    const img = page.locator('#flow img');
    assert.equal(await img.count(), 1);
    const size = await img.evaluate((i: HTMLImageElement) => [i.complete, i.naturalWidth, i.naturalHeight]);
    assert.equal(size[0], true);
    assert.ok((size[1] as number) > 200 && (size[2] as number) > 200, `the picture is drawn (${size})`);
    assert.equal(await page.locator('script').count(), 0, 'no script at all');
    assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
    const save = (name: string, png: Buffer) => {
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      writeFileSync(join(ROOT, 'test-results', name), png);
      if (process.env.UPDATE_SCREENSHOTS) writeFileSync(join(ROOT, 'docs/images', name), png);
    };
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.locator('#branch-2').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('branch-2')?.scrollIntoView({ block: 'start' }));
    save('script-page.png', await page.screenshot());
    await page.evaluate(() => document.getElementById('marking')?.scrollIntoView({ block: 'start' }));
    save('marking-sheet.png', await page.screenshot());
  });

  for (const [format, widthMm] of [
    ['A4', 210],
    ['Letter', 215.9],
  ] as const) {
    it(`prints to ${format}: pages the test counts, nothing wider than the page, the marking sheet from a new page`, async () => {
      const small = browser.exportTo(`lms-${format}.html`, [LMS, '--format', 'script']);
      const big = browser.exportTo(`knife-${format}.html`, [KNIFE, '--format', 'script', '--with-graph']);
      const counts: number[] = [];
      for (const file of [small, big]) {
        const { page, trouble } = await browser.open(file);
        await page.emulateMedia({ media: 'print' });
        // The printable width at 15 mm / 14 mm margins, in CSS pixels (96 per inch).
        const printable = Math.floor(((widthMm - 28) / 25.4) * 96);
        await page.setViewportSize({ width: printable, height: 1000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${file}: nothing wider than the printable width (${overflow} px over)`);
        const breaks = await page.evaluate(() =>
          ['script', 'marking'].map((id) => getComputedStyle(document.getElementById(id)!).breakBefore),
        );
        assert.deepEqual(breaks, ['auto', 'page'], 'the marking sheet starts a new page');
        const whole = pageCount(await page.pdf({ format }));
        // Without the marking sheet (and the picture after it) the document is shorter by whole pages.
        await page.evaluate(() => {
          document.getElementById('marking')?.remove();
          document.getElementById('flow')?.remove();
        });
        const scriptOnly = pageCount(await page.pdf({ format }));
        assert.ok(scriptOnly >= 1 && scriptOnly < whole, `${file}: the script alone takes fewer pages`);
        counts.push(whole);
        assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
      }
      const [smallPages, bigPages] = counts;
      assert.ok(smallPages >= 2 && smallPages <= 4, `the short scenario: ${smallPages} pages`);
      assert.ok(bigPages > smallPages && bigPages <= 30, `the knife sample: ${bigPages} pages`);
      console.log(
        `      ${format}: ${smallPages} pages (lms-check), ${bigPages} pages (knife sample, with the graph)`,
      );
    });
  }
});
