/**
 * `callflow test --format json`: the whole report, versioned (`version`), with 1-based lines and columns.
 * Stable field names; a change that removes or renames one bumps TEST_REPORT_VERSION.
 */
import type { RunFailure } from '../../service';
import { TEST_REPORT_VERSION, type TestReport } from './model';

function failure(f: RunFailure) {
  return {
    ruleId: f.ruleId,
    what: f.what,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
  };
}

/** The JSON report. */
export function jsonTest(report: TestReport, version: string): string {
  const out = {
    version: TEST_REPORT_VERSION,
    tool: { name: 'callflow', version },
    summary: report.summary,
    files: report.files.map((f) => ({
      file: f.display,
      scenario: f.scenario.display,
      ...(f.error !== undefined ? { error: f.error } : {}),
      problems: f.problems.map((p) => ({
        ruleId: p.ruleId,
        severity: p.severity,
        message: p.message,
        line: p.range.start.line + 1,
        column: p.range.start.character + 1,
      })),
      runs: f.runs.map((r) => ({ ...r, failures: r.failures.map(failure) })),
    })),
    unreadable: report.unreadable,
    ...(report.coverage ? { coverage: report.coverage } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
