/**
 * Replaying the run files: reads each run file and its scenario (with the project in force for the
 * scenario, found as `callflow check` finds it), replays the runs through the service, and gathers
 * coverage per scenario and the verdict.
 */
import { relative } from 'node:path';
import { pathToUri, uriToPath } from '../../node/project';
import { readTextFile } from '../../node/read';
import { scenarioPathOf, type RunOutcome, type ScenarioService } from '../../service';
import type { Unreadable } from '../check';
import { toPosix } from '../files';
import type { CliProjects } from '../projects';
import {
  plural,
  type ProjectProblems,
  type ScenarioCoverage,
  type TestReport,
  type TestedFile,
  type TestedRun,
} from './model';

/** How to run the tests. */
export interface TestOptions {
  cwd: string;
  coverage: boolean;
  minCoverage?: number;
  /** Scenarios in the folders searched: those no run file replays count in the coverage at 0%. */
  scenarios?: readonly string[];
}

const displayOf = (path: string, cwd: string) => toPosix(relative(cwd, path) || '.');

/** Replays every run file and returns the report. */
export async function runTests(
  runFiles: readonly string[],
  unreadable: Unreadable[],
  service: ScenarioService,
  projects: CliProjects,
  options: TestOptions,
): Promise<TestReport> {
  const files: TestedFile[] = [];
  const byScenario = new Map<
    string,
    { doc: Parameters<ScenarioService['runCoverage']>[0]; outcomes: RunOutcome[] }
  >();
  for (const path of runFiles) {
    const tested = await testFile(path, service, projects, options.cwd, unreadable, byScenario);
    if (tested) files.push(tested);
  }
  const report: TestReport = {
    files,
    unreadable,
    projectProblems: projectProblems(projects, options.cwd),
    summary: summarise(files),
  };
  if (options.coverage || options.minCoverage !== undefined) {
    const scenarios: ScenarioCoverage[] = [...byScenario].map(([path, { doc, outcomes }]) => ({
      scenario: displayOf(path, options.cwd),
      coverage: service.runCoverage(doc, outcomes),
    }));
    scenarios.push(...(await withoutRuns(options.scenarios ?? [], byScenario, service, options.cwd)));
    scenarios.sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
    const covered = scenarios.reduce((n, s) => n + s.coverage.covered, 0);
    const total = scenarios.reduce((n, s) => n + s.coverage.total, 0);
    const percent = total ? Math.floor((covered / total) * 1000) / 10 : 100;
    report.coverage = {
      scenarios,
      covered,
      total,
      percent,
      ...(options.minCoverage !== undefined ? { min: options.minCoverage } : {}),
    };
  }
  report.summary = verdict(report);
  return report;
}

/** Coverage entries (0%) for the scenarios found that no run file replays. */
async function withoutRuns(
  paths: readonly string[],
  replayed: ReadonlyMap<string, unknown>,
  service: ScenarioService,
  cwd: string,
): Promise<ScenarioCoverage[]> {
  const out: ScenarioCoverage[] = [];
  for (const path of paths) {
    if (replayed.has(toPosix(path))) continue;
    const read = await readTextFile(path);
    if ('error' in read) continue;
    const doc = service.parse(pathToUri(path), read.text);
    out.push({ scenario: displayOf(path, cwd), coverage: service.runCoverage(doc, []), withoutRuns: true });
  }
  return out;
}

async function testFile(
  path: string,
  service: ScenarioService,
  projects: CliProjects,
  cwd: string,
  unreadable: Unreadable[],
  byScenario: Map<string, { doc: Parameters<ScenarioService['runCoverage']>[0]; outcomes: RunOutcome[] }>,
): Promise<TestedFile | undefined> {
  const display = displayOf(path, cwd);
  const read = await readTextFile(path);
  if ('error' in read) {
    unreadable.push({ display, message: `Cannot read ${display}: ${read.error}.` });
    return undefined;
  }
  const file = service.parseRuns(pathToUri(path), read.text);
  const scenarioPath = scenarioPathOf(toPosix(path), file.scenario?.value);
  const scenario = { path: scenarioPath, display: displayOf(scenarioPath, cwd) };
  const tested: TestedFile = { path, display, scenario, problems: file.problems, runs: [] };
  const scenarioRead = await readTextFile(scenarioPath);
  if ('error' in scenarioRead) {
    tested.error = file.scenario
      ? `Cannot read the scenario ${scenario.display} that \`scenario:\` names: ${scenarioRead.error}.`
      : `Cannot read the scenario ${scenario.display} (a run file replays the scenario beside it, or the one its \`scenario:\` names): ${scenarioRead.error}.`;
    return tested;
  }
  const doc = service.parse(pathToUri(scenarioPath), scenarioRead.text);
  const { project } = projects.forFile(scenarioPath);
  const outcomes = service.replayRuns(file, doc, project);
  tested.runs = outcomes.map(testedRun);
  const entry = byScenario.get(scenarioPath) ?? { doc, outcomes: [] };
  entry.outcomes.push(...outcomes);
  byScenario.set(scenarioPath, entry);
  return tested;
}

function testedRun(o: RunOutcome): TestedRun {
  const run: TestedRun = {
    name: o.run.name,
    line: o.run.nameRange.start.line + 1,
    column: o.run.nameRange.start.character + 1,
    passed: o.passed,
    failures: o.failures,
  };
  const d = o.view.debrief;
  if (d) Object.assign(run, { end: d.end, result: d.result, score: d.score, seconds: d.seconds });
  return run;
}

function projectProblems(projects: CliProjects, cwd: string): ProjectProblems[] {
  const byFile = new Map<string, ProjectProblems>();
  for (const { project } of projects.all())
    for (const p of project.problems) {
      const local = uriToPath(p.uri);
      const display = local ? displayOf(local, cwd) : p.uri;
      const entry = byFile.get(display) ?? { display, problems: [] };
      if (!entry.problems.some((q) => q.message === p.message && q.range.start.line === p.range.start.line))
        entry.problems.push(p);
      byFile.set(display, entry);
    }
  return [...byFile.values()];
}

function summarise(files: TestedFile[]): TestReport['summary'] {
  const runs = files.flatMap((f) => f.runs);
  const passed = runs.filter((r) => r.passed).length;
  return {
    files: files.length,
    runs: runs.length,
    passed,
    failed: runs.length - passed,
    exitCode: 0,
    reasons: [],
    fatal: [],
  };
}

/** The exit code and its reasons: 2 for input that cannot be used, else 1 for any failure, else 0. */
function verdict(report: TestReport): TestReport['summary'] {
  const summary = summarise(report.files);
  const fatal: string[] = [];
  const failing: string[] = [];
  for (const u of report.unreadable) fatal.push(u.message);
  for (const f of report.files) if (f.error) fatal.push(f.error);
  for (const p of report.projectProblems)
    if (p.problems.some((q) => q.severity === 'error'))
      fatal.push(`The config or catalogue ${p.display} has errors.`);
  if (!report.files.length && !report.unreadable.length) fatal.push('No run files were found.');
  if (summary.failed) failing.push(`${plural(summary.failed, 'run')} failed.`);
  const broken = report.files.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
  if (broken)
    failing.push(`${plural(broken, 'run file')} ${broken === 1 ? 'has' : 'have'} errors of its own.`);
  const c = report.coverage;
  if (c?.min !== undefined && c.percent < c.min)
    failing.push(
      `Coverage ${c.percent}% is under --min-coverage ${c.min}% (${c.covered} of ${c.total} options and ends).`,
    );
  summary.reasons = [...fatal, ...failing];
  summary.fatal = fatal;
  summary.exitCode = fatal.length ? 2 : failing.length ? 1 : 0;
  return summary;
}
