/**
 * `callflow check`: reads the command line, gathers the inputs (paths, folders, globs, stdin), runs the
 * check (check.ts), writes the report and decides the exit code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { version as VERSION } from '../../../package.json';
import { createNodeHost } from '../node/project';
import { intOption, parseArgs, stringOption, type OptionSpec, type OptionValues } from './args';
import { ResultCache } from './cache';
import { displayPath, runCheck, type CheckRun, type Input } from './check';
import { EXIT, UsageError } from './errors';
import { resolveFiles } from './files';
import { CHECK_HELP } from './help';
import { nonEmptyPaths, optionFile, readStdin, useColor, write } from './io';
import { progressBar } from './progress';
import { CliProjects, type ProjectOptions } from './projects';
import { REPORTERS, REPORT_FORMATS } from './reporters';
import { allFiles, countProblems, isFailing } from './reporters/report';
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
}

/** The projects' overrides given on the command line (`--config`, `--codes`). */
export function projectOptionsOf(values: Values, cwd: string): ProjectOptions {
  return {
    configPath: optionFile(stringOption(values, 'config'), 'config', cwd),
    codesPath: optionFile(stringOption(values, 'codes'), 'catalogue', cwd),
  };
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
    maxWarnings: intOption(values, 'max-warnings'),
    threads: intOption(values, 'threads'),
    failOn: (stringOption(values, 'fail-on') ?? 'error') as Severity,
    format: stringOption(values, 'format') ?? 'stylish',
    paths: args.filter((a) => a !== '-'),
    ...(stdinCount ? { stdin: { name: stdinName } } : {}),
    projectOptions: projectOptionsOf(values, cwd),
  };
}

async function collectInputs(settings: CheckSettings, projects: CliProjects): Promise<Input[]> {
  const { cwd, stdin } = settings;
  const inputs: Input[] = (await resolveFiles(settings.paths, cwd, projects)).map((path) => ({ path }));
  if (stdin) {
    const path = resolve(cwd, stdin.name ?? '<stdin>');
    inputs.push({ path, text: await readStdin(), display: stdin.name ? displayPath(path, cwd) : '<stdin>' });
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
  const threads =
    settings.threads ??
    (inputs.length > 50 && existsSync(workerScript) ? Math.min(availableParallelism(), 8) : 0);
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

function exitCodeOf(run: CheckRun, settings: CheckSettings): number {
  const everything = allFiles(run).flatMap((f) => f.problems);
  const { warnings } = countProblems(everything);
  if (run.projectFiles.some((f) => f.problems.some((p) => p.severity === 'error'))) return EXIT.fatal;
  if (everything.some((p) => isFailing(p.severity, settings.failOn))) return EXIT.problems;
  if (settings.maxWarnings !== undefined && warnings > settings.maxWarnings) return EXIT.problems;
  return EXIT.ok;
}

function report(run: CheckRun, settings: CheckSettings, service: ScenarioService, values: Values): number {
  const exitCode = exitCodeOf(run, settings);
  const { warnings } = countProblems(allFiles(run).flatMap((f) => f.problems));
  if (values.quiet)
    for (const f of allFiles(run)) f.problems = f.problems.filter((p) => p.severity === 'error');
  const text = REPORTERS[settings.format]({
    run,
    version: VERSION,
    color: useColor(values, settings.output),
    failOn: settings.failOn,
    rules: service.rules,
    exitCode,
  });
  write(text, settings.output);
  const { maxWarnings } = settings;
  if (maxWarnings !== undefined && warnings > maxWarnings && exitCode === EXIT.problems)
    if (settings.format === 'stylish')
      process.stderr.write(`callflow: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
  if (exitCode === EXIT.fatal)
    process.stderr.write('callflow: the config or catalogue has errors (reported above); fix them first.\n');
  return exitCode;
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
  const inputs = await collectInputs(settings, projects);
  const cache = openCache(values, settings.cwd);
  const run = await checkInputs(inputs, service, projects, settings, cache);
  return report(run, settings, service, values);
}
