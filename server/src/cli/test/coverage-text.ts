/** Coverage as text (stylish): per scenario the share of options and ends the runs take, and what they miss. */
import { printable, type styles } from '../reporters/ansi';
import type { TestReport } from './model';

const SHOWN = 6;

/** The coverage lines of the stylish report. */
export function coverageText(
  coverage: NonNullable<TestReport['coverage']>,
  c: ReturnType<typeof styles>,
): string[] {
  const lines = [c.bold('Coverage') + c.dim(' (options and ends the runs take)')];
  const width = Math.max(...coverage.scenarios.map((s) => s.scenario.length), 5);
  for (const { scenario, coverage: cov, withoutRuns } of coverage.scenarios) {
    const pct = `${cov.percent.toFixed(1)}%`.padStart(6);
    const paint = cov.percent >= 100 ? c.green : cov.percent >= 80 ? (s: string) => s : c.yellow;
    const none = withoutRuns ? c.yellow('  no recorded runs') : '';
    lines.push(
      `  ${printable(scenario).padEnd(width)}  ${paint(pct)}  ${c.dim(`${cov.covered}/${cov.total}`)}${none}`,
    );
    if (withoutRuns) continue;
    const missed = [
      ...cov.options
        .filter((o) => !o.runs.length)
        .map((o) => `\`${o.step}\` → ${o.label === 'timeout' ? 'timeout' : `"${o.label}"`}`),
      ...cov.ends.filter((e) => !e.runs.length).map((e) => `end \`${e.step}\``),
    ];
    if (missed.length) {
      const shown = missed.slice(0, SHOWN).map((m) => printable(m.length > 90 ? m.slice(0, 88) + '…"' : m));
      const rest = missed.length > SHOWN ? `, … ${missed.length - SHOWN} more` : '';
      lines.push(c.dim(`    not taken: ${shown.join('; ')}${rest}`));
    }
  }
  const pct = `${coverage.percent.toFixed(1)}%`.padStart(6);
  const min = coverage.min !== undefined ? c.dim(`  (--min-coverage ${coverage.min}%)`) : '';
  lines.push(
    `  ${'total'.padEnd(width)}  ${c.bold(pct)}  ${c.dim(`${coverage.covered}/${coverage.total}`)}${min}`,
  );
  return lines;
}
