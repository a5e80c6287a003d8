/**
 * `--format json`: a stable, documented shape (docs/cli.md). `version` changes only when the shape does.
 *
 * { version: 1, tool: {name, version},
 *   files: [{ path, kind: 'scenario'|'project', errorCount, warningCount, infoCount, fixableCount,
 *             problems: [{ ruleId, severity, message, line, column, endLine, endColumn,
 *                          range: {start: {line, character}, end},
 *                          related?: [{ message, range, path? }], fixes?: [{ title, edits, preferred? }],
 *                          fixable?: true (`--fix` would fix it) }] }],
 *   unreadable: [{ path, message }],
 *   summary: { files, filesWithProblems, errors, warnings, infos, fixable, cached, exitCode, failOn,
 *              reasons: [{ kind: 'project'|'unreadable'|'problems'|'max-warnings', message }],
 *              maxWarnings?: { limit, warnings, exceeded } } }
 * `line`/`column` are 1-based; `range` is 0-based as in the editor (LSP), columns in UTF-16 units.
 */
import { uriToPath } from '../../node/project';
import { displayPath, type CheckRun, type FileResult } from '../check';
import { countProblems, fixableIn, oneBased, type Reporter } from './report';
import type { Problem } from '../../service';

/** The version of the JSON shape. */
export const JSON_FORMAT_VERSION = 1;

function problemJson(p: Problem, cwd: string, fixable: boolean) {
  return {
    ruleId: p.ruleId,
    severity: p.severity,
    message: p.message,
    ...oneBased(p),
    range: p.range,
    ...(p.related?.length
      ? {
          related: p.related.map((r) => ({
            message: r.message,
            range: r.range,
            ...(r.uri ? { path: displayPath(uriToPath(r.uri) ?? r.uri, cwd) } : {}),
          })),
        }
      : {}),
    ...(p.fixes?.length ? { fixes: p.fixes } : {}),
    ...(fixable ? { fixable } : {}),
  };
}

function fileJson(f: FileResult, kind: 'scenario' | 'project', run: CheckRun) {
  const { cwd } = run;
  const c = countProblems(f.problems);
  const fixable = kind === 'scenario' ? fixableIn(f, run) : new Set<Problem>();
  return {
    path: f.display,
    kind,
    errorCount: c.errors,
    warningCount: c.warnings,
    infoCount: c.infos,
    fixableCount: fixable.size,
    problems: f.problems.map((p) => problemJson(p, cwd, fixable.has(p))),
  };
}

export const json: Reporter = ({ run, version, exitCode, verdict, failOn }) => {
  const files = [
    ...run.projectFiles.map((f) => fileJson(f, 'project', run)),
    ...run.files.map((f) => fileJson(f, 'scenario', run)),
  ];
  const c = countProblems([...run.projectFiles, ...run.files].flatMap((f) => f.problems));
  const result = {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'callflow', version },
    files,
    unreadable: verdict.unreadable.map((u) => ({ path: u.display, message: u.message })),
    summary: {
      files: run.files.length,
      filesWithProblems: files.filter((f) => f.problems.length).length,
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      fixable: files.reduce((n, f) => n + f.fixableCount, 0),
      cached: run.cached,
      exitCode,
      failOn,
      reasons: verdict.reasons,
      ...(verdict.maxWarnings ? { maxWarnings: verdict.maxWarnings } : {}),
    },
  };
  return JSON.stringify(result, null, 2) + '\n';
};
