/**
 * `callflow test --format tap`: TAP version 14. One test point per run (`run file › run name`), a run
 * file that cannot be replayed or has errors of its own as a failed point, coverage under
 * `--min-coverage` likewise. A failed point carries a YAML diagnostic block (message, rule, place,
 * expected, actual) whose strings are JSON (valid YAML), so no label can break out of it; descriptions
 * escape `#` and `\` as TAP 14 says and show line breaks as `\n`.
 */
import type { RunFailure } from '../../service';
import type { TestReport } from './model';

/** A test point's description, safe on one line. */
export function tapDescription(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/#/g, '\\#')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

function block(fields: Record<string, string | number | undefined>): string[] {
  const lines = ['  ---'];
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  lines.push('  ...');
  return lines;
}

function failureBlock(file: string, f: RunFailure, more: number): string[] {
  return block({
    message: f.message,
    rule: f.ruleId,
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    expected: f.expected,
    actual: f.actual,
    more: more || undefined,
  });
}

/** The TAP report. */
export function tapTest(report: TestReport): string {
  const points: string[][] = [];
  const point = (ok: boolean, description: string, diag: string[] = []) =>
    points.push([`${ok ? 'ok' : 'not ok'} ${points.length + 1} - ${tapDescription(description)}`, ...diag]);
  for (const u of report.unreadable) point(false, u.display, block({ message: u.message }));
  for (const f of report.files) {
    const own = f.problems.filter((p) => p.severity === 'error');
    if (f.error) point(false, `${f.display} › scenario`, block({ message: f.error, file: f.display }));
    if (own.length)
      point(
        false,
        `${f.display} › run file`,
        block({
          message: own[0].message,
          rule: own[0].ruleId,
          file: f.display,
          line: own[0].range.start.line + 1,
          more: own.length - 1 || undefined,
        }),
      );
    for (const r of f.runs)
      point(
        r.passed,
        `${f.display} › ${r.name}`,
        r.passed ? [] : failureBlock(f.display, r.failures[0], r.failures.length - 1),
      );
  }
  const c = report.coverage;
  if (c?.min !== undefined)
    point(
      c.percent >= c.min,
      `coverage ${c.percent}% at least ${c.min}%`,
      c.percent >= c.min
        ? []
        : block({ message: `${c.covered} of ${c.total} options and ends are taken by a run.` }),
    );
  const s = report.summary;
  return [
    'TAP version 14',
    `1..${points.length}`,
    ...points.flat(),
    `# runs ${s.runs}, passed ${s.passed}, failed ${s.failed}`,
    '',
  ].join('\n');
}
