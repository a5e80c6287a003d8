/**
 * The default, human format: problems grouped by file, each with its position, severity, message and
 * rule id, a code frame under it, and a summary line. Colour only when allowed (a TTY, or --color).
 */
import type { FileResult } from '../check';
import { printable, styles } from './ansi';
import { allFiles, countProblems, fixableIn, plural, type Reporter } from './report';
import { LineIndex, type Problem } from '../../service';

type Styles = ReturnType<typeof styles>;

/** The source lines around a problem, with a caret line under the range. */
export function codeFrame(lines: LineIndex, p: Problem, s: Styles): string[] {
  const first = p.range.start.line;
  if (first >= lines.lineCount) return [];
  const last = Math.min(p.range.end.line, first + 2, lines.lineCount - 1);
  const from = Math.max(0, first - 1);
  const width = String(last + 1).length;
  const out: string[] = [];
  for (let n = from; n <= last; n++) {
    const text = lines.lineText(n);
    const marker = n === first ? s.red('>') : ' ';
    out.push(
      `  ${marker} ${s.dim(`${String(n + 1).padStart(width)} |`)} ${printable(text.replace(/\t/g, ' '))}`,
    );
    if (n < first) continue;
    const startCol = n === first ? p.range.start.character : 0;
    const endCol = n === p.range.end.line ? p.range.end.character : text.length;
    const pad = printable(text.slice(0, startCol).replace(/\t/g, ' ')).length;
    const len = Math.max(1, printable(text.slice(startCol, Math.max(startCol, endCol))).length);
    if (startCol <= text.length)
      out.push(`    ${s.dim(`${' '.repeat(width)} |`)} ${' '.repeat(pad)}${s.red('^'.repeat(len))}`);
  }
  return out;
}

function fileBlock(file: FileResult, s: Styles, fixable: Set<Problem>): string[] {
  if (!file.problems.length) return [];
  const lines = new LineIndex(file.text);
  const out = [s.underline(printable(file.display))];
  const pos = file.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1}`);
  const posWidth = Math.max(...pos.map((x) => x.length));
  file.problems.forEach((p, i) => {
    const sev =
      p.severity === 'error'
        ? s.red('error  ')
        : p.severity === 'warning'
          ? s.yellow('warning')
          : s.cyan('info   ');
    const mark = fixable.has(p) ? `  ${s.green('(fixable)')}` : '';
    out.push(
      `  ${s.dim(pos[i].padEnd(posWidth))}  ${sev}  ${printable(p.message)}  ${s.dim(p.ruleId)}${mark}`,
    );
    if (file.text) out.push(...codeFrame(lines, p, s), '');
  });
  if (!file.text) out.push('');
  return out;
}

export const stylish: Reporter = ({ run, color, verdict }) => {
  const s = styles(color);
  const files = allFiles(run);
  const out: string[] = [];
  let fixableCount = 0;
  for (const f of files) {
    const fixable = fixableIn(f, run);
    fixableCount += fixable.size;
    out.push(...fileBlock(f, s, fixable));
  }
  const c = countProblems(files.flatMap((f) => f.problems));
  const total = c.errors + c.warnings + c.infos;
  const unread = verdict.unreadable.length
    ? `, ${plural(verdict.unreadable.length, 'path')} not read (named on stderr)`
    : '';
  const checked = `${plural(run.files.length, 'file')} checked${run.cached ? ` (${run.cached} from the cache)` : ''}${unread}`;
  if (total === 0)
    out.push(
      verdict.unreadable.length
        ? s.bold(s.red(`✖ ${checked}, no problems in the files read.`))
        : s.green(`✔ ${checked}, no problems.`),
    );
  else {
    const line = `✖ ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')}) in ${checked}.`;
    out.push(s.bold(c.errors || verdict.unreadable.length ? s.red(line) : s.yellow(line)));
    if (fixableCount)
      out.push(
        s.green(`  ${plural(fixableCount, 'problem')} potentially fixable with \`callflow check --fix\`.`),
      );
  }
  const limit = verdict.reasons.find((r) => r.kind === 'max-warnings');
  if (limit) out.push(s.bold(s.red(`✖ ${limit.message}`)));
  return out.join('\n') + '\n';
};
