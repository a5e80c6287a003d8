/**
 * `npm run bench`: generates the inputs (bench/generate.ts), then measures our editor server against
 * yaml-language-server, our CLI against ajv-cli, the YAML parsing floors, and the preview (by running
 * bench/preview.ts), and prints one table: measure, size, ours, anchor, ratio (ours / anchor, lower is
 * better for us). Writes bench/results/bench.json and bench/results/latest.md (both git-ignored).
 *
 *   tsx bench/run.ts [editor] [cli] [floors] [preview] [big]   (default: all; parts run alone keep the
 *                                                         other parts' last figures in the outputs)
 * Figures, not assertions: nothing here fails on a slow result. Build first (the npm scripts do).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { runBig, type BigResult } from './big';
import { runCli, type CliResult } from './cli';
import { ANCHOR_DELAY_MS, runEditor, type EditorResult } from './editor';
import { runFloors, type FloorResult } from './floors';
import { SIZES, writeDataSet } from './generate';
import { targetCells } from './targets';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
const PARTS = ['editor', 'cli', 'floors', 'preview', 'big'] as const;
type Part = (typeof PARTS)[number];
const PREVIEW_SIZES = [200, 500, 2000];

interface PreviewRow {
  steps: number;
  mode: string;
  run: string;
  layoutMs: number;
  renderMs: number;
  totalMs: number;
}
/** bench/preview.ts's "command to pixels": ours (server layout) and the anchor (the webview's ELK). */
interface PictureRow {
  steps: number;
  run: 'cold' | 'warm';
  path: 'server' | 'webview';
  medianMs: number;
}
interface PreviewPart {
  date: string;
  rows: PreviewRow[];
  pictures?: PictureRow[];
  /** Set when this run's preview bench failed and the figures are from an earlier run. */
  stale?: string;
}

interface Machine {
  date: string;
  node: string;
  cores: number;
  cpu: string | undefined;
  memoryGiB: number;
  uptime: string;
  loadavg: number[];
}

interface BenchJson {
  machine: Machine;
  machineAtEnd?: Machine;
  durationS: Record<string, number>;
  parts: {
    editor?: { date: string; results: EditorResult[]; sanity: Record<string, number | string> };
    cli?: { date: string; results: CliResult[] };
    floors?: { date: string; results: FloorResult[] };
    preview?: PreviewPart;
    big?: { date: string; result: BigResult };
  };
  rows?: Row[];
}

interface Row {
  measure: string;
  size: string;
  ours: number | undefined;
  anchor: number | undefined;
  ratio: number | undefined;
}

function machine(): Machine {
  let uptime = '';
  try {
    uptime = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  } catch {
    // no uptime(1)
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    uptime,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function log(s: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
}

function runPreview(): PreviewPart {
  const file = join(RESULTS, 'preview.json');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'bench/preview.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 30 * 60000,
  });
  const ok = r.status === 0 && !r.error;
  if (!existsSync(file))
    return { date: '', rows: [], stale: 'bench:preview failed and there is no earlier preview.json' };
  const prev = JSON.parse(readFileSync(file, 'utf8')) as { date: string; rows: PreviewRow[] };
  return ok
    ? prev
    : {
        ...prev,
        stale: `bench:preview failed (${r.error?.message ?? `exit ${r.status}`}); figures from ${prev.date}`,
      };
}

const fmtSize = (n: number) => n.toLocaleString('en-GB');

function rows(parts: BenchJson['parts']): Row[] {
  const out: Row[] = [];
  const add = (measure: string, size: string, ours: number | undefined, anchor?: number) =>
    out.push({
      measure,
      size,
      ours,
      anchor,
      ratio: ours !== undefined && anchor !== undefined && anchor > 0 ? ours / anchor : undefined,
    });
  const ed = parts.editor?.results ?? [];
  const of = (server: string, steps: number) =>
    ed.find((r) => r.server === server && r.steps === steps && !r.error);
  const net = (x: number | undefined) => (x === undefined ? undefined : x - ANCHOR_DELAY_MS);
  const editorMeasures: [string, (r: EditorResult) => number | undefined, boolean?][] = [
    ['editor: open → first diagnostics (ms)', (r) => r.openMs],
    ['editor: edit → diagnostics, median, raw (ms)', (r) => r.editMedian],
    ['editor: edit → diagnostics, p95, raw (ms)', (r) => r.editP95],
    [
      `editor: edit → diagnostics, median, net of the anchor's ${ANCHOR_DELAY_MS} ms delay (ms)`,
      (r) => r.editMedian,
      true,
    ],
    [
      `editor: edit → diagnostics, p95, net of the anchor's ${ANCHOR_DELAY_MS} ms delay (ms)`,
      (r) => r.editP95,
      true,
    ],
    ['editor: edit of a `next:` target → diagnostics, median, raw (ms)', (r) => r.flowEditMedian],
    ['editor: completion at `grade:`, median (ms)', (r) => r.gradeMedian],
    ['editor: completion at `grade:`, p95 (ms)', (r) => r.gradeP95],
    ['editor: completion after `next:`, median (ms)', (r) => r.nextMedian],
    ['editor: completion after `next:`, p95 (ms)', (r) => r.nextP95],
    ['editor: completion while a `next:` edit is checked, median (ms)', (r) => r.busyMedian],
    ['editor: completion while a `next:` edit is checked, longest (ms)', (r) => r.busyMax],
    ['editor: server peak RSS (MiB)', (r) => r.peakRssMiB],
  ];
  if (ed.length)
    for (const [measure, get, isNet] of editorMeasures)
      for (const steps of SIZES) {
        const o = of('ours', steps);
        const a = of('yaml-language-server', steps);
        const av = a ? get(a) : undefined;
        add(measure, `${fmtSize(steps)} steps`, o ? get(o) : undefined, isNet ? net(av) : av);
      }
  for (const input of [...new Set((parts.cli?.results ?? []).map((r) => r.input))]) {
    const res = parts.cli!.results.filter((r) => r.input === input);
    const ajv = res.find((r) => r.command.startsWith('ajv'))?.medianMs;
    for (const r of res.filter((x) => !x.command.startsWith('ajv')))
      add(`CLI: \`${r.command}\` vs ajv-cli, whole process (ms)`, input, r.medianMs, ajv);
  }
  for (const f of parts.floors?.results ?? [])
    add(`floor (in process): ${f.parser} (ms)`, `${fmtSize(f.steps)} steps`, f.medianMs);
  const pictures = parts.preview?.pictures ?? [];
  const picture = (steps: number, run: string, path: string) =>
    pictures.find((x) => x.steps === steps && x.run === run && x.path === path)?.medianMs;
  for (const steps of PREVIEW_SIZES)
    if (picture(steps, 'cold', 'server') !== undefined)
      add(
        'preview: command → pixels, first picture in a new panel (ms; anchor: the webview lays out)',
        `${fmtSize(steps)} steps`,
        picture(steps, 'cold', 'server'),
        picture(steps, 'cold', 'webview'),
      );
  if (picture(2000, 'warm', 'server') !== undefined)
    add(
      'preview: structural change → pixels, open panel (ms; anchor: the webview lays out)',
      `${fmtSize(2000)} steps`,
      picture(2000, 'warm', 'server'),
      picture(2000, 'warm', 'webview'),
    );
  const pv = parts.preview?.rows ?? [];
  for (const run of ['cold', 'warm', 'cached'])
    for (const steps of PREVIEW_SIZES) {
      const r = pv.find((x) => x.steps === steps && x.run === run && x.mode === 'worker');
      if (r)
        add(
          `preview (worker): layout + render, ${run} (ms)`,
          `${fmtSize(steps)} steps`,
          r.layoutMs + r.renderMs,
        );
    }
  const big = parts.big?.result;
  if (big) {
    const size = `${fmtSize(big.steps)} steps`;
    add('editor, one very large file: open → first diagnostics (ms)', size, big.openMs);
    add('editor, one very large file: edit of a `next:` target → diagnostics (ms)', size, big.flowEditMs);
    add('editor, one very large file: longest hover wait during that check (ms)', size, big.hoverMaxMs);
    add('editor, one very large file: server peak RSS (MiB)', size, big.peakRssMiB);
    add(
      `editor, one very large file: server peak RSS after ${big.fullChanges} whole-text changes (MiB)`,
      size,
      big.peakRssAfterFullMiB,
    );
  }
  return out;
}

function fmt(x: number | undefined, ratio = false): string {
  if (x === undefined || Number.isNaN(x)) return '—';
  if (ratio) return `${x < 0.1 ? x.toFixed(3) : x.toFixed(2)}×`;
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-GB');
  return x.toFixed(1);
}

function table(rs: Row[]): string[][] {
  return [
    ['measure', 'size', 'ours', 'anchor', 'ratio'],
    ...rs.map((r) => [r.measure, r.size, fmt(r.ours), fmt(r.anchor), fmt(r.ratio, true)]),
  ];
}

function printTable(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells
    .map((r, k) => {
      const line = r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
      return k === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function markdown(cells: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${cells[0].join(' | ')} |`,
    `|${cells[0].map((_, i) => (i < 2 ? '---' : '--:')).join('|')}|`,
    ...cells.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => (PARTS as readonly string[]).includes(a)) as Part[];
  const parts = new Set<Part>(asked.length ? asked : PARTS);
  const t0 = Date.now();
  const start = machine();
  log(`machine: ${start.cores} cores (${start.cpu}), Node ${start.node}; ${start.uptime}`);
  const jsonFile = join(RESULTS, 'bench.json');
  const previous: BenchJson | undefined = existsSync(jsonFile)
    ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchJson)
    : undefined;
  const out: BenchJson = { machine: start, durationS: {}, parts: { ...(previous?.parts ?? {}) } };
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    out.durationS[name] = Math.round((Date.now() - t) / 100) / 10;
    return r;
  };

  const data = await timed('generate', () => writeDataSet());
  log('inputs written to bench/.data');
  if (parts.has('floors')) {
    const files = Object.fromEntries(SIZES.map((s) => [s, data.single[s].clean]));
    out.parts.floors = {
      date: new Date().toISOString(),
      results: await timed('floors', () => runFloors(files, log)),
    };
  }
  if (parts.has('cli')) {
    const results = await timed('cli', () =>
      runCli(
        [
          { label: '500 files × 200 steps', path: data.many, glob: join(data.many, '*.scenario.yaml') },
          { label: '10,000-step file', path: data.single[10000].clean, glob: data.single[10000].clean },
        ],
        resolve(ROOT, 'bench/.data'),
        log,
      ),
    );
    out.parts.cli = { date: new Date().toISOString(), results };
  }
  if (parts.has('editor')) {
    const r = await timed('editor', () => runEditor(data.single, SIZES, log));
    out.parts.editor = { date: new Date().toISOString(), ...r };
  }
  if (parts.has('big')) {
    const result = await timed('big', () => runBig(resolve(ROOT, 'bench/.data'), log));
    out.parts.big = { date: new Date().toISOString(), result };
  }
  if (parts.has('preview')) {
    log('preview: running bench/preview.ts…');
    out.parts.preview = await timed('preview', () => runPreview());
  }
  out.machineAtEnd = machine();
  out.durationS.total = Math.round((Date.now() - t0) / 100) / 10;
  out.rows = rows(out.parts);

  const cells = table(out.rows);
  const targets = targetCells(out.rows, fmt);
  const head =
    `Callflow Studio benchmarks, ${start.date.slice(0, 10)}: ${start.cores} cores (${start.cpu}), ` +
    `${start.memoryGiB} GiB, Node ${start.node}. Load average at start ${start.loadavg.join(' / ')}, ` +
    `at end ${out.machineAtEnd.loadavg.join(' / ')}.`;
  const notes = [
    'ratio = ours / anchor (below 1: we are faster or smaller).',
    `Anchors: yaml-language-server 1.25.0 with schemas/scenario.schema.json (schema store off), which validates a fixed ${ANCHOR_DELAY_MS} ms after the last change; the "net" rows subtract that delay from the anchor only (ours includes its own adaptive delay). ajv-cli 5.0.0 (schema only, js-yaml, no positions).`,
    'Editor: one server process per size; 50 one-character edits inside a `say:` value in the middle of the file, each waiting for its diagnostics; 10 edits of a `next:` target; 20 completions each after a warm-up; then 4 more `next:` edits, asking for completion one request after another until the diagnostics of each edit arrive.',
    'CLI: `node dist/cli.js check` and `node node_modules/ajv-cli/dist/index.js validate` (no npx), one warm-up then 5 alternating runs, median of whole-process wall time.',
    parts.has('preview') || out.parts.preview
      ? `Preview: bench/preview.ts in headless Chromium (worker mode), from ${out.parts.preview?.date ?? '—'}${out.parts.preview?.stale ? ` — ${out.parts.preview.stale}` : ''}.`
      : '',
  ].filter(Boolean);
  console.log(`\n${head}\n`);
  console.log(printTable(cells));
  console.log(`\nTargets (the same run):\n${printTable(targets)}`);
  console.log(`\n${notes.join('\n')}`);
  if (out.parts.editor?.sanity)
    console.log(`Sanity (diagnostics on the errors file): ${JSON.stringify(out.parts.editor.sanity)}`);
  console.log(`Took ${out.durationS.total} s (${JSON.stringify(out.durationS)}).`);

  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(
    join(RESULTS, 'latest.md'),
    `# Benchmarks\n\n${head}\n\n${markdown(cells)}\n\n## Targets (the same run)\n\n${markdown(targets)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\nThe run took ${out.durationS.total} s.\n`,
  );
  log(`written ${jsonFile} and bench/results/latest.md`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
