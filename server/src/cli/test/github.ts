/**
 * `callflow test --format github`: GitHub Actions workflow commands. A failed run is an `::error` on the
 * run file's line of the first difference (the choice or expectation), titled with the run's name; a run
 * file's own problems and an unreadable scenario likewise; coverage under `--min-coverage` an `::error`
 * without a file. Escaped as the runner expects (reporters/github.ts).
 */
import { escapeData, escapeProperty } from '../reporters/github';
import type { Range } from '../../service';
import type { TestReport } from './model';

function annotation(
  kind: 'error' | 'warning' | 'notice',
  file: string | undefined,
  range: Range | undefined,
  title: string,
  message: string,
): string {
  const props: string[] = [];
  if (file !== undefined) props.push(`file=${escapeProperty(file)}`);
  if (range)
    props.push(
      `line=${range.start.line + 1}`,
      `col=${range.start.character + 1}`,
      `endLine=${range.end.line + 1}`,
      `endColumn=${range.end.character + 1}`,
    );
  props.push(`title=${escapeProperty(title)}`);
  return `::${kind} ${props.join(',')}::${escapeData(message)}`;
}

/** The GitHub annotations. */
export function githubTest(report: TestReport): string {
  const lines: string[] = [];
  for (const u of report.unreadable)
    lines.push(annotation('error', u.display, undefined, 'callflow test', u.message));
  for (const f of report.files) {
    if (f.error) lines.push(annotation('error', f.display, undefined, 'callflow test', f.error));
    for (const p of f.problems)
      lines.push(
        annotation(p.severity === 'info' ? 'notice' : p.severity, f.display, p.range, p.ruleId, p.message),
      );
    for (const r of f.runs)
      if (!r.passed) {
        const first = r.failures[0];
        lines.push(annotation('error', f.display, first.range, `Run "${r.name}" failed`, first.message));
      }
  }
  const c = report.coverage;
  if (c?.min !== undefined && c.percent < c.min)
    lines.push(
      annotation(
        'error',
        undefined,
        undefined,
        'callflow test --min-coverage',
        `Coverage ${c.percent}% is under ${c.min}% (${c.covered} of ${c.total} options and ends).`,
      ),
    );
  return lines.length ? lines.join('\n') + '\n' : '';
}
