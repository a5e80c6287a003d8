/**
 * `callflow test` for people: each run file with its runs (✓ passed, ✗ failed with the first difference
 * and where it is in the run file), the coverage when asked for, and a summary. Text from the files is
 * made printable (no terminal escapes from a run name or a label).
 */
import { clockText } from '../../service';
import { printable, styles } from '../reporters/ansi';
import { plural, type TestReport, type TestedFile } from './model';
import { coverageText } from './coverage-text';

type Styles = ReturnType<typeof styles>;

function fileLines(f: TestedFile, c: Styles): string[] {
  const lines = [`${c.underline(printable(f.display))} ${c.dim(`(${printable(f.scenario.display)})`)}`];
  if (f.error) lines.push(`  ${c.red('✗')} ${printable(f.error)}`);
  for (const p of f.problems) {
    const where = `${p.range.start.line + 1}:${p.range.start.character + 1}`;
    const sev = p.severity === 'error' ? c.red('error') : c.yellow(p.severity);
    lines.push(`  ${c.dim(where)}  ${sev}  ${printable(p.message)}  ${c.dim(p.ruleId)}`);
  }
  for (const r of f.runs) {
    if (r.passed) {
      const how = r.end
        ? c.dim(`  ${r.end}, ${r.result}, score ${r.score}, ${clockText(r.seconds ?? 0)}`)
        : '';
      lines.push(`  ${c.green('✓')} ${printable(r.name)}${how}`);
      continue;
    }
    const first = r.failures[0];
    const more = r.failures.length > 1 ? c.dim(` (+${r.failures.length - 1} more)`) : '';
    lines.push(`  ${c.red('✗')} ${c.bold(printable(r.name))}`);
    const where = `${f.display}:${first.range.start.line + 1}:${first.range.start.character + 1}`;
    lines.push(`    ${printable(first.message)}${more}`);
    lines.push(`    ${c.dim(`at ${printable(where)}  ${first.ruleId}`)}`);
  }
  if (!f.runs.length && !f.error) lines.push(c.dim('  (no runs)'));
  return lines;
}

/** The stylish report. */
export function stylishTest(report: TestReport, color: boolean): string {
  const c = styles(color);
  const out: string[] = [];
  for (const p of report.projectProblems)
    for (const q of p.problems)
      out.push(`${printable(p.display)}:${q.range.start.line + 1}  ${q.severity}  ${printable(q.message)}`);
  if (out.length) out.push('');
  for (const f of report.files) out.push(...fileLines(f, c), '');
  if (report.coverage) out.push(...coverageText(report.coverage, c), '');
  const s = report.summary;
  const counts = `${plural(s.files, 'run file')}, ${plural(s.runs, 'run')}: ${s.passed} passed, ${s.failed} failed`;
  out.push(s.exitCode === 0 ? c.green(counts) : c.bold(counts));
  // What cannot be used is on stderr (once); what failed is said here.
  for (const r of s.reasons)
    if (!s.fatal.includes(r) && !r.endsWith('failed.')) out.push(c.red(printable(r)));
  return out.join('\n') + '\n';
}
