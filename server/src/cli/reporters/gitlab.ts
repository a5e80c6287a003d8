/**
 * `--format gitlab`: a GitLab Code Quality report (a JSON array of issues, as GitLab documents it:
 * `description`, `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`), for
 * `artifacts: reports: codequality:`. Severities: error → major, warning → minor, info → info. The
 * fingerprint hashes the file, rule, message and the occurrence of that message in the file, not the
 * line: an issue keeps its identity when lines are inserted above it, and two issues never share one.
 * Paths that could not be read are issues of their own (`callflow/unreadable-input`).
 */
import { createHash } from 'node:crypto';
import { allFiles, type Reporter } from './report';
import type { Severity } from '../../service';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

export const gitlab: Reporter = ({ run, verdict }) => {
  const issues: object[] = [];
  for (const f of allFiles(run)) {
    const seen = new Map<string, number>();
    for (const p of f.problems) {
      const key = `${p.ruleId}\0${p.message}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      issues.push({
        type: 'issue',
        description: p.message,
        check_name: p.ruleId,
        fingerprint: fingerprint([f.display, p.ruleId, p.message, String(n)]),
        severity: SEVERITY[p.severity],
        location: {
          path: f.display,
          lines: { begin: p.range.start.line + 1, end: p.range.end.line + 1 },
        },
      });
    }
  }
  for (const u of verdict.unreadable)
    issues.push({
      type: 'issue',
      description: u.message,
      check_name: 'callflow/unreadable-input',
      fingerprint: fingerprint([u.display, 'callflow/unreadable-input']),
      severity: 'blocker',
      location: { path: u.display, lines: { begin: 1 } },
    });
  return JSON.stringify(issues, null, 2) + '\n';
};
