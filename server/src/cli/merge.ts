/**
 * `callflow merge-reports <report>...`: the JSON or SARIF reports of the shards of one run (`--shard i/n`)
 * merged into the report the whole run would have written: files (or results) in path order, config and
 * catalogue problems and unreadable paths once, counts, exit code and reasons decided again over the
 * whole (a `--max-warnings` limit applies to the total, not to each shard).
 */
import { readTextFileSync } from '../node/read';
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS } from './check-command';
import { EXIT, InputError, UsageError } from './errors';
import { MERGE_HELP } from './help';
import { write } from './io';
import { decide } from './verdict';
import type { Severity } from '../service';

interface JsonFile {
  path: string;
  kind: 'scenario' | 'project';
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableCount: number;
  problems: { severity: Severity }[];
}

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  files: JsonFile[];
  unreadable: { path: string; message: string }[];
  summary: {
    cached: number;
    failOn: Severity;
    maxWarnings?: { limit: number };
    [key: string]: unknown;
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Merges JSON reports (`--format json`, version 1). */
export function mergeJson(reports: JsonReport[]): string {
  const [first] = reports;
  const all = reports.flatMap((r) => r.files);
  const projects = uniqueBy(
    all.filter((f) => f.kind === 'project'),
    (f) => f.path,
  ).sort((a, b) => byText(a.path, b.path));
  const scenarios = all.filter((f) => f.kind === 'scenario').sort((a, b) => byText(a.path, b.path));
  const files = [...projects, ...scenarios];
  const unreadable = uniqueBy(
    reports.flatMap((r) => r.unreadable ?? []),
    (u) => `${u.path}\0${u.message}`,
  );
  const sum = (get: (f: JsonFile) => number) => files.reduce((n, f) => n + get(f), 0);
  const failOn = first.summary.failOn;
  const rank = { error: 0, warning: 1, info: 2 }[failOn];
  const [errors, warnings, infos] = [
    sum((f) => f.errorCount),
    sum((f) => f.warningCount),
    sum((f) => f.infoCount),
  ];
  const verdict = decide({
    projectErrors: projects.some((f) => f.errorCount > 0),
    unreadable: unreadable.map((u) => ({ display: u.path, message: u.message })),
    failing: errors + (rank >= 1 ? warnings : 0) + (rank >= 2 ? infos : 0),
    warnings,
    failOn,
    maxWarnings: first.summary.maxWarnings?.limit,
  });
  const merged = {
    version: first.version,
    tool: first.tool,
    files,
    unreadable,
    summary: {
      files: scenarios.length,
      filesWithProblems: files.filter((f) => f.problems.length).length,
      errors,
      warnings,
      infos,
      fixable: sum((f) => f.fixableCount),
      cached: reports.reduce((n, r) => n + (r.summary.cached ?? 0), 0),
      exitCode: verdict.exitCode,
      failOn,
      reasons: verdict.reasons,
      ...(verdict.maxWarnings ? { maxWarnings: verdict.maxWarnings } : {}),
    },
  };
  return JSON.stringify(merged, null, 2) + '\n';
}

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is handled as the JSON it is */
type Sarif = any;

/** A location's artifact uri (what results are ordered and artifacts indexed by). */
function uriOfLocation(loc: Sarif): string | undefined {
  return loc?.physicalLocation?.artifactLocation?.uri;
}

/** Merges SARIF logs written by `callflow check --format sarif` (one run each). */
export function mergeSarif(logs: Sarif[]): string {
  const runs = logs.map((l) => l.runs[0]);
  const base = runs[0];
  // Rules: the driver's documented rules, then any other rule a shard named, each once.
  const rules: Sarif[] = uniqueBy(
    runs.flatMap((r) => r.tool.driver.rules as Sarif[]),
    (r) => r.id,
  );
  const ruleIndex = new Map(rules.map((r, i) => [r.id as string, i]));
  const order = (u: string | undefined) => decodeURIComponent(u ?? '');
  const results: Sarif[] = runs
    .flatMap((r) => r.results as Sarif[])
    .map((res, i) => ({ res, i }))
    .sort(
      (a, b) =>
        byText(order(uriOfLocation(a.res.locations?.[0])), order(uriOfLocation(b.res.locations?.[0]))) ||
        a.i - b.i,
    )
    .map(({ res }) => ({ ...res, ruleIndex: ruleIndex.get(res.ruleId) }));
  const warnings = results.filter((r) => r.level === 'warning').length;
  const notes = runs.flatMap((r) => (r.invocations?.[0]?.toolExecutionNotifications ?? []) as Sarif[]);
  const limitNote = notes.find((n) => n.descriptor?.id === 'callflow/max-warnings');
  const limit = limitNote?.properties?.limit as number | undefined;
  const kept = uniqueBy(
    notes.filter((n) => n.descriptor?.id !== 'callflow/max-warnings'),
    (n) => JSON.stringify({ ...n, locations: n.locations?.map(uriOfLocation) }),
  );
  if (limit !== undefined && warnings > limit)
    kept.push({
      ...limitNote,
      message: { text: `${warnings} warnings, more than --max-warnings ${limit} allows.` },
      properties: { limit, warnings },
    });
  // Artifacts indexed again in the order results, then notifications, first name them.
  const artifacts: Sarif[] = [];
  const index = new Map<string, number>();
  const reindex = (loc: Sarif) => {
    const al = loc?.physicalLocation?.artifactLocation;
    if (!al || al.index === undefined) return loc;
    let i = index.get(al.uri);
    if (i === undefined) {
      i = artifacts.length;
      index.set(al.uri, i);
      artifacts.push({ location: { uri: al.uri, uriBaseId: al.uriBaseId } });
    }
    return { ...loc, physicalLocation: { ...loc.physicalLocation, artifactLocation: { ...al, index: i } } };
  };
  const finalResults = results.map((r) => ({ ...r, locations: r.locations.map(reindex) }));
  const finalNotes = kept.map((n) => (n.locations ? { ...n, locations: n.locations.map(reindex) } : n));
  const successful = runs.every((r) => r.invocations?.[0]?.executionSuccessful !== false);
  const run = {
    ...base,
    tool: { driver: { ...base.tool.driver, rules } },
    invocations: [
      {
        executionSuccessful: successful,
        ...(finalNotes.length ? { toolExecutionNotifications: finalNotes } : {}),
      },
    ],
    artifacts,
    results: finalResults,
  };
  return JSON.stringify({ ...logs[0], runs: [run] }, null, 2) + '\n';
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function readReport(path: string): { kind: 'json' | 'sarif'; data: Sarif } {
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read the report ${path}: ${read.error}.`);
  let data: Sarif;
  try {
    data = JSON.parse(read.text);
  } catch {
    throw new InputError(`The report ${path} is not JSON: give reports written with --format json or sarif.`);
  }
  if (data?.version === '2.1.0' && Array.isArray(data.runs) && data.runs.length === 1)
    return { kind: 'sarif', data };
  if (data?.version === 1 && Array.isArray(data.files) && data.summary) return { kind: 'json', data };
  throw new InputError(`The report ${path} is neither a callflow JSON report nor a callflow SARIF log.`);
}

/** `callflow merge-reports <report>... [-o FILE]` */
export function mergeReports(argv: string[]): number {
  const { values, positionals } = parseArgs(argv, { ...COMMON_OPTIONS }, 'merge-reports');
  if (values.help) {
    process.stdout.write(MERGE_HELP);
    return EXIT.ok;
  }
  if (!positionals.length) throw new UsageError('`callflow merge-reports` needs the reports to merge.');
  const reports = positionals.map(readReport);
  const kind = reports[0].kind;
  if (reports.some((r) => r.kind !== kind))
    throw new UsageError('The reports to merge must all be JSON or all SARIF.');
  const text =
    kind === 'json' ? mergeJson(reports.map((r) => r.data)) : mergeSarif(reports.map((r) => r.data));
  write(text, stringOption(values, 'output'));
  return kind === 'json' ? (JSON.parse(text).summary.exitCode as number) : EXIT.ok;
}
