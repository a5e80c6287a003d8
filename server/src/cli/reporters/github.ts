/**
 * `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on the diff:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. Escaping as the runner expects:
 * in the message `%`, `\r`, `\n`; in properties also `:` and `,`.
 */
import { allFiles, oneBased, type Reporter } from './report';
import type { Severity } from '../../service';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escapes the message part of a workflow command: `%`, `\r` and `\n` as the runner requires; other
 * control characters (which a log viewer would act on) are shown as `\uXXXX`.
 */
export function escapeData(text: string): string {
  return text
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/** Escapes a property value of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Reporter = ({ run, verdict }) => {
  const lines: string[] = [];
  for (const u of verdict.unreadable)
    lines.push(`::error file=${escapeProperty(u.display)},title=callflow::${escapeData(u.message)}`);
  for (const r of verdict.reasons)
    if (r.kind === 'max-warnings' || r.kind === 'project')
      lines.push(`::error title=callflow::${escapeData(r.message)}`);
  for (const f of allFiles(run)) {
    for (const p of f.problems) {
      const o = oneBased(p);
      const props = [
        `file=${escapeProperty(f.display)}`,
        `line=${o.line}`,
        `col=${o.column}`,
        `endLine=${o.endLine}`,
        `endColumn=${o.endColumn}`,
        `title=${escapeProperty(p.ruleId)}`,
      ];
      lines.push(`::${COMMAND[p.severity]} ${props.join(',')}::${escapeData(p.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
