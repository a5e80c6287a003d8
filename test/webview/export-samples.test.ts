/**
 * Every sample's trainee page, exported as `npm start` does, played in Chromium to an end by keyboard
 * (the first option at each choice) with the network off: no CSP violation or script error, and the
 * debrief the page shows is the one `callflow play` gives for the same choices (the page's engine and
 * the CLI's agree on the result, the score and the call time).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../cli/helpers';
import { ExportBrowser, playByKeyboard } from './export-harness';

interface PageResult {
  answered: boolean;
  inputs: ({ choose: string } | { timeout: true })[];
  debrief: { result: string; score: number; seconds: number; end: string };
}

describe('trainee pages of every sample in Chromium', function () {
  this.timeout(300_000);
  const browser = new ExportBrowser();
  let pages = '';
  before(async () => {
    await browser.start();
    pages = browser.exportTo('pack', [join(ROOT, 'samples')]);
  });
  after(() => browser.close());

  const samples = (readdirSync(join(ROOT, 'samples'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.scenario.yaml'))
    .sort();
  for (const sample of samples) {
    it(`${sample}: plays to an end by keyboard, and its debrief is callflow play's`, async () => {
      const name = sample.replace(/^.*[\\/]/, '').replace('.scenario.yaml', '.html');
      const { page, trouble } = await browser.open(join(pages, name));
      await playByKeyboard(page);
      const result = (await page.evaluate(() =>
        (window as unknown as { __callflowTrainee: { result(): unknown } }).__callflowTrainee.result(),
      )) as PageResult;
      assert.equal(result.answered, true);
      const typed = result.inputs.map((i) => ('choose' in i ? i.choose : 't')).join('\n') + '\n';
      const cli = runCli(['play', join('samples', sample), '--format', 'json'], { input: typed });
      assert.ok(
        cli.stdout.trim(),
        `callflow play printed nothing (exit ${cli.status}): ${cli.stderr} for ${typed}`,
      );
      const run = JSON.parse(cli.stdout) as { debrief: PageResult['debrief'] };
      const pick = (d: PageResult['debrief']) => [d.result, d.score, d.seconds, d.end];
      assert.deepEqual(pick(result.debrief), pick(run.debrief));
      assert.deepEqual(trouble, { csp: [], errors: [], network: [], dialogs: [] });
    });
  }
});
