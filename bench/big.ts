/**
 * One very large scenario in our server (50,000 steps, about 10 MB): open → first diagnostics, the
 * longest hover wait while the server checks an edit of a `next:` target (the check runs in slices),
 * the server's peak RSS, and its peak after five whole-text changes. Our server only: the anchor does not finish files this size in useful time.
 *
 *   tsx bench/run.ts big     (the other parts keep their last figures)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverSpecs } from './editor';
import { generate } from './generate';
import { BenchClient } from './lsp';

export const BIG_STEPS = 50_000;

export interface BigResult {
  steps: number;
  openMs: number;
  /** Hover requests answered while a `next:` edit was checked, and the longest wait among them. */
  hovers: number;
  hoverMaxMs: number;
  flowEditMs: number;
  peakRssMiB: number | undefined;
  /** After five whole-text changes (each waits for its diagnostics): no older parse is kept. */
  fullChanges: number;
  peakRssAfterFullMiB: number | undefined;
}

export const FULL_CHANGES = 5;

export async function runBig(dataDir: string, log: (s: string) => void): Promise<BigResult> {
  const text = generate({ steps: BIG_STEPS, seed: 50 }).text;
  const file = join(dataDir, `big-${BIG_STEPS}.scenario.yaml`);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const client = await BenchClient.start(serverSpecs(dataDir)[0]);
  try {
    const t0 = performance.now();
    await client.open(uri, text);
    const first = await client.nextPublish(uri, 0, 120_000, 1);
    const openMs = first.at - t0;
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /^ {4}next: \S/.test(l));
    const character = lines[line].length;
    const hoverAt = { line: lines.findIndex((l) => /^ {4}kind: /.test(l)), character: 6 };
    const since = client.published.length;
    const t1 = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'zz' }],
    });
    let done = false;
    const published = client.nextPublish(uri, since, 120_000, 2).then((p) => {
      done = true;
      return p;
    });
    const waits: number[] = [];
    while (!done) {
      const t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: hoverAt }, 60_000);
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    const flowEditMs = (await published).at - t1;
    const peakRssMiB = client.peakRssMiB();
    for (let v = 3; v < 3 + FULL_CHANGES; v++) {
      const before = client.published.length;
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ text: text.replace('title: ', `title: v${v} `) }],
      });
      await client.nextPublish(uri, before, 120_000, v);
    }
    const result: BigResult = {
      steps: BIG_STEPS,
      openMs,
      hovers: waits.length,
      hoverMaxMs: Math.max(0, ...waits),
      flowEditMs,
      peakRssMiB,
      fullChanges: FULL_CHANGES,
      peakRssAfterFullMiB: client.peakRssMiB(),
    };
    log(
      `big: ${BIG_STEPS} steps: first diagnostics ${openMs.toFixed(0)} ms, next: edit ${flowEditMs.toFixed(0)} ms, ` +
        `${waits.length} hovers meanwhile (longest ${result.hoverMaxMs.toFixed(0)} ms), peak RSS ${peakRssMiB?.toFixed(0)} MiB, ` +
        `${FULL_CHANGES} whole-text changes later ${result.peakRssAfterFullMiB?.toFixed(0)} MiB`,
    );
    return result;
  } finally {
    await client.stop();
  }
}
