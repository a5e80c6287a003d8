/**
 * `callflow check`: reads the command line, gathers the inputs (paths, folders, globs, stdin), runs the
 * check (check.ts), writes the report and decides the exit code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { version as VERSION } from '../../../package.json';
import { createNodeHost } from '../node/project';
import { intOption, parseArgs, stringOption, type OptionSpec, type OptionValues } from './args';
import { ResultCache } from './cache';
import { displayPath, runCheck, type CheckRun, type Input, type Unreadable } from './check';
import { EXIT, UsageError } from './errors';
import { applyBaseline, baselineOf, readBaseline, writeBaseline } from './baseline';
import { changedFiles, keepChanged } from './changed';
import { resolveFiles, type Unresolved } from './files';
import { describeFixes, fixInputs, type FixRun } from './fix';
import { parseShard, shardOf, type Shard } from './shard';
import { CHECK_HELP } from './help';
import { nonEmptyPaths, optionFile, readStdin, useColor, write } from './io';
import { progressBar } from './progress';
import { printable } from './reporters/ansi';
import { CliProjects, type ProjectOptions } from './projects';
import { REPORTERS, REPORT_FORMATS } from './reporters';
import { allFiles, plural } from './reporters/report';
import { defaultThreads } from './threads';
import { verdictOf } from './verdict';
import { ruleDocsUrl } from '../shared/rule-docs';
import { createScenarioService, type ScenarioService, type Severity } from '../service';

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Options of the commands that find a project. */
export const PROJECT_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', short: 'c' },
  codes: { type: 'string' },
  'stdin-filename': { type: 'string' },
};

const CHECK_OPTIONS: Record<string, OptionSpec> = {
  ...COMMON_OPTIONS,
  ...PROJECT_OPTIONS,
  format: { type: 'string', short: 'f', choices: REPORT_FORMATS },
  quiet: { type: 'boolean', short: 'q' },
  'fail-on': { type: 'string', choices: SEVERITIES },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  threads: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  shard: { type: 'string' },
  'changed-since': { type: 'string' },
  'rules-docs-url': { type: 'string' },
};

type Values = OptionValues;

/** The command line of one check, read and validated. */
interface CheckSettings {
  cwd: string;
  output?: string;
  maxWarnings?: number;
  threads?: number;
  failOn: Severity;
  format: string;
  paths: string[];
  /** Stdin is read (`-` among the paths), under this name when given. */
  stdin?: { name?: string };
  projectOptions: ProjectOptions;
  /** `--fix` (write) or `--fix-dry-run` (diff only). */
  fix?: 'write' | 'dry-run';
  /** `--baseline FILE` (absolute), and whether `--update-baseline` rewrites it. */
  baseline?: { path: string; update: boolean };
  shard?: Shard;
  changedSince?: string;
}

/** The projects' overrides given on the command line (`--config`, `--codes`). */
export function projectOptionsOf(values: Values, cwd: string): ProjectOptions {
  return {
    configPath: optionFile(stringOption(values, 'config'), 'config', cwd),
    codesPath: optionFile(stringOption(values, 'codes'), 'catalogue', cwd),
  };
}

/** `--max-warnings n`: a limit of 0 or more, or -1 for none (as ESLint). */
function maxWarningsOf(values: Values): number | undefined {
  const raw = stringOption(values, 'max-warnings');
  if (raw === '-1') return undefined;
  return intOption(values, 'max-warnings');
}

function readSettings(values: Values, positionals: string[], cwd: string): CheckSettings {
  const args = positionals.length ? positionals : ['.'];
  nonEmptyPaths(args);
  const stdinCount = args.filter((a) => a === '-').length;
  const stdinName = stringOption(values, 'stdin-filename');
  if (stdinCount > 1) throw new UsageError('Stdin (`-`) can be given only once.');
  if (stdinName !== undefined && !stdinCount)
    throw new UsageError('--stdin-filename needs `-` among the paths.');
  return {
    cwd,
    output: stringOption(values, 'output'),
    maxWarnings: maxWarningsOf(values),
    threads: intOption(values, 'threads'),
    failOn: (stringOption(values, 'fail-on') ?? 'error') as Severity,
    format: stringOption(values, 'format') ?? 'stylish',
    paths: args.filter((a) => a !== '-'),
    ...(stdinCount ? { stdin: { name: stdinName } } : {}),
    projectOptions: projectOptionsOf(values, cwd),
    ...extraSettings(values, cwd, stdinCount > 0),
  };
}

/** The settings of --fix, --baseline, --shard and --changed-since. */
function extraSettings(values: Values, cwd: string, stdin: boolean): Partial<CheckSettings> {
  if (values.fix && values['fix-dry-run']) throw new UsageError('Give --fix or --fix-dry-run, not both.');
  if (values.fix && stdin)
    throw new UsageError('--fix cannot write stdin back: use --fix-dry-run to see the fixes as a diff.');
  const base = stringOption(values, 'baseline');
  if (values['update-baseline'] && base === undefined)
    throw new UsageError('--update-baseline needs --baseline FILE (the file to write).');
  if (base === '') throw new UsageError('The --baseline path is empty.');
  const shard = stringOption(values, 'shard');
  const since = stringOption(values, 'changed-since');
  return {
    ...(values.fix ? { fix: 'write' as const } : values['fix-dry-run'] ? { fix: 'dry-run' as const } : {}),
    ...(base !== undefined
      ? { baseline: { path: resolve(cwd, base), update: !!values['update-baseline'] } }
      : {}),
    ...(shard !== undefined ? { shard: parseShard(shard) } : {}),
    ...(since !== undefined ? { changedSince: since } : {}),
  };
}

async function collectInputs(
  settings: CheckSettings,
  projects: CliProjects,
  unresolved: Unreadable[],
): Promise<Input[]> {
  const { cwd, stdin } = settings;
  const failures: Unresolved[] = [];
  let files = settings.paths.length ? await resolveFiles(settings.paths, cwd, projects, failures) : [];
  unresolved.push(...failures.map((f) => ({ display: f.arg, message: f.message })));
  if (settings.changedSince !== undefined)
    files = keepChanged(files, changedFiles(settings.changedSince, cwd), projects);
  if (settings.shard) files = shardOf(files, settings.shard);
  const inputs: Input[] = files.map((path) => ({ path }));
  if (stdin) {
    const path = resolve(cwd, stdin.name ?? '<stdin>');
    // Stdin is one more file: the first shard checks it.
    if (!settings.shard || settings.shard.index === 1)
      inputs.push({
        path,
        text: await readStdin(),
        display: stdin.name ? displayPath(path, cwd) : '<stdin>',
      });
  }
  return inputs;
}

/** The tool's identity for the cache: its version and the build itself. */
function toolKey(): string {
  let build = '';
  try {
    build = createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 16);
  } catch {
    /* bundled elsewhere: the version alone */
  }
  return `${VERSION}+${build}`;
}

function openCache(values: Values, cwd: string): ResultCache | undefined {
  if (!values.cache) return undefined;
  const given = stringOption(values, 'cache-location');
  if (given === '') throw new UsageError('The --cache-location path is empty.');
  let location = resolve(cwd, given ?? '.callflowcache');
  if (existsSync(location) && statSync(location).isDirectory()) location = join(location, '.callflowcache');
  return ResultCache.open(location, toolKey());
}

async function checkInputs(
  inputs: Input[],
  service: ScenarioService,
  projects: CliProjects,
  settings: CheckSettings,
  cache: ResultCache | undefined,
): Promise<CheckRun> {
  const workerScript = join(__dirname, 'cli-worker.js');
  const threads = settings.threads ?? (inputs.length > 50 && existsSync(workerScript) ? defaultThreads() : 0);
  const progress = progressBar(process.stderr);
  const run = await runCheck(inputs, service, projects, {
    cwd: settings.cwd,
    cache,
    threads,
    workerScript,
    projectOptions: settings.projectOptions,
    onProgress: progress?.update,
  });
  progress?.clear();
  // A cache that cannot be written costs the next run time, not this run its result.
  const unsaved = cache?.trySave();
  if (unsaved) process.stderr.write(`callflow: the cache was not saved: ${unsaved}\n`);
  return run;
}

function report(run: CheckRun, settings: CheckSettings, service: ScenarioService, values: Values): number {
  const verdict = verdictOf(run, settings.failOn, settings.maxWarnings);
  if (values.quiet)
    for (const f of allFiles(run)) f.problems = f.problems.filter((p) => p.severity === 'error');
  const text = REPORTERS[settings.format]({
    run,
    version: VERSION,
    color: useColor(values, settings.output),
    failOn: settings.failOn,
    rules: service.rules,
    exitCode: verdict.exitCode,
    verdict,
    rulesDocsUrl: rulesDocsUrlOf(values),
  });
  write(text, settings.output);
  // Every format carries the reasons; stderr says them too (once) for whoever reads the job's log.
  const shown = settings.format === 'stylish' && !settings.output;
  for (const reason of verdict.reasons)
    if (
      reason.kind === 'project' ||
      reason.kind === 'unreadable' ||
      (!shown && reason.kind === 'max-warnings')
    )
      process.stderr.write(`callflow: ${printable(reason.message)}\n`);
  return verdict.exitCode;
}

/** Writes the baseline (--update-baseline) or takes its known problems out of the run. */
function useBaseline(
  run: CheckRun,
  settings: { path: string; update: boolean },
  service: ScenarioService,
): void {
  let baseline = readBaseline(settings.path, !settings.update);
  if (settings.update) {
    baseline = baselineOf(run, baseline, settings.path, service);
    writeBaseline(settings.path, baseline);
    const count = Object.values(baseline.files)
      .flat()
      .reduce((n, e) => n + e.count, 0);
    process.stderr.write(
      `callflow: the baseline ${displayPath(settings.path, run.cwd)} now records ${plural(count, 'problem')}.\n`,
    );
  }
  const known = applyBaseline(run, baseline, settings.path, service);
  if (known)
    process.stderr.write(`callflow: ${plural(known, 'known problem')} in the baseline not reported.\n`);
}

/** `--rules-docs-url`: an http(s) or file URL (see shared/rule-docs.ts). */
function rulesDocsUrlOf(values: Values): string | undefined {
  const url = stringOption(values, 'rules-docs-url');
  if (url !== undefined && !ruleDocsUrl(url, 'yaml/syntax'))
    throw new UsageError(`--rules-docs-url needs an http(s) or file URL, not "${url}".`);
  return url;
}

/** `callflow check [paths|globs|-]...` */
export async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(argv, CHECK_OPTIONS, 'check');
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const settings = readSettings(values, positionals, process.cwd());
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, settings.projectOptions);
  const unresolved: Unreadable[] = [];
  let inputs = await collectInputs(settings, projects, unresolved);
  let fixed: FixRun | undefined;
  if (settings.fix) {
    fixed = await fixInputs(inputs, service, projects, {
      cwd: settings.cwd,
      dryRun: settings.fix === 'dry-run',
    });
    inputs = fixed.inputs;
  }
  const cache = openCache(values, settings.cwd);
  const run = await checkInputs(inputs, service, projects, settings, cache);
  run.unreadable.unshift(...unresolved);
  if (fixed) {
    process.stderr.write(describeFixes(fixed.fixed, settings.fix === 'dry-run'));
    for (const failure of fixed.failures) run.unreadable.push({ display: '--fix', message: failure });
  }
  if (settings.baseline) useBaseline(run, settings.baseline, service);
  if (settings.fix === 'dry-run') {
    // The diff is the output; the report of the fixed files goes to --output only.
    process.stdout.write(fixed?.fixed.map((f) => f.patch).join('') ?? '');
    return settings.output
      ? report(run, settings, service, values)
      : verdictOf(run, settings.failOn, settings.maxWarnings).exitCode;
  }
  return report(run, settings, service, values);
}
