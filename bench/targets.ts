/**
 * The speed and memory targets Callflow Studio holds itself to, read from one benchmark run's rows: each
 * with its limit, our figure, the anchor measured in the same run and whether it is met. bench/run.ts
 * prints them after the full table and writes them into bench/results/latest.md.
 */

/** One row of the benchmark table (see bench/run.ts). */
export interface BenchRow {
  measure: string;
  size: string;
  ours: number | undefined;
  anchor: number | undefined;
  ratio: number | undefined;
}

/** A target: the row it reads, and the limit on our figure (`ms`/`MiB`) or on the ratio to the anchor. */
interface Target {
  what: string;
  measure: string;
  size: string;
  limit: { ours: number; unit: string } | { ratio: number };
}

const PICTURE = 'preview: command → pixels, first picture in a new panel (ms; anchor: the webview lays out)';
const WARM = 'preview: structural change → pixels, open panel (ms; anchor: the webview lays out)';
const NEXT_EDIT = 'editor: edit of a `next:` target → diagnostics, median, raw (ms)';
const RSS = 'editor: server peak RSS (MiB)';
const CLI = 'CLI: `callflow check` vs ajv-cli, whole process (ms)';

export const TARGETS: readonly Target[] = [
  { what: 'preview: first picture', measure: PICTURE, size: '200 steps', limit: { ours: 300, unit: 'ms' } },
  { what: 'preview: first picture', measure: PICTURE, size: '500 steps', limit: { ours: 500, unit: 'ms' } },
  { what: 'preview: warm picture', measure: WARM, size: '2,000 steps', limit: { ours: 500, unit: 'ms' } },
  {
    what: '`next:` edit → diagnostics',
    measure: NEXT_EDIT,
    size: '2,000 steps',
    limit: { ours: 40, unit: 'ms' },
  },
  {
    what: '`next:` edit → diagnostics',
    measure: NEXT_EDIT,
    size: '10,000 steps',
    limit: { ours: 100, unit: 'ms' },
  },
  { what: 'cold `callflow check`', measure: CLI, size: '500 files × 200 steps', limit: { ratio: 0.6 } },
  { what: 'cold `callflow check`', measure: CLI, size: '10,000-step file', limit: { ratio: 0.6 } },
  { what: 'server peak RSS', measure: RSS, size: '10,000 steps', limit: { ours: 150, unit: 'MiB' } },
];

/** Each target with the run's figures: the cells of its table (a header row first). */
export function targetCells(
  rows: readonly BenchRow[],
  fmt: (x: number | undefined, ratio?: boolean) => string,
): string[][] {
  const cells = [['target', 'size', 'limit', 'ours', 'anchor', 'ratio', 'met']];
  for (const t of TARGETS) {
    const row = rows.find((r) => r.measure === t.measure && r.size === t.size);
    const limit = 'ratio' in t.limit ? `≤ ${t.limit.ratio}× anchor` : `≤ ${t.limit.ours} ${t.limit.unit}`;
    let met = 'not measured';
    if (row?.ours !== undefined) {
      const value = 'ratio' in t.limit ? row.ratio : row.ours;
      const bound = 'ratio' in t.limit ? t.limit.ratio : t.limit.ours;
      met =
        value === undefined ? 'no anchor' : value <= bound ? 'yes' : `no (${fmt(value / bound)}× the limit)`;
    }
    cells.push([t.what, t.size, limit, fmt(row?.ours), fmt(row?.anchor), fmt(row?.ratio, true), met]);
  }
  return cells;
}
