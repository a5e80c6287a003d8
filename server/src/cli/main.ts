/**
 * `callflow`: the headless front on the language service (bundled to dist/cli-main.js, run by dist/cli.js). Commands: `check`,
 * `graph`, `rules`, `play` (exit codes of its own). Exit codes: 0 no failing problems, 1 failing problems, 2 usage error, unreadable
 * input, no files matched, a bad config or catalogue, or an internal error (see docs/cli.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { version as VERSION } from '../../../package.json';
import { createNodeHost, pathToUri, uriToPath } from '../node/project';
import { intOption, parseArgs, stringOption, type OptionSpec } from './args';
import { ResultCache } from './cache';
import { displayPath, runCheck, type Input } from './check';
import { EXIT, InputError, UsageError } from './errors';
import { resolveFiles } from './files';
import { GRAPH_FORMATS } from './graph';
import { CHECK_HELP, GRAPH_HELP, MAIN_HELP, RULES_HELP } from './help';
import { play } from './play';
import { progressBar } from './progress';
import { CliProjects } from './projects';
import { REPORTERS, REPORT_FORMATS } from './reporters';
import { allFiles, countProblems, isFailing } from './reporters/report';
import { rulesJson, rulesMarkdown } from './rules';
import { createScenarioService, type Severity } from '../service';

const SEVERITIES = ['error', 'warning', 'info'] as const;
const common: Record<string, OptionSpec> = {
  output: { type: 'string', short: 'o' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const projectSpec: Record<string, OptionSpec> = {
  config: { type: 'string', short: 'c' },
  codes: { type: 'string' },
  'stdin-filename': { type: 'string' },
};

function write(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (e) {
    throw new InputError(
      `Cannot write the output file ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
}

/** Checks that a file named by an option exists and is a file; returns its absolute path. */
function optionFile(path: string | undefined, what: string, cwd: string): string | undefined {
  if (path === undefined) return undefined;
  const abs = resolve(cwd, path);
  let ok = false;
  try {
    ok = statSync(abs).isFile();
  } catch {
    throw new InputError(`Cannot read the ${what} ${path}: no such file.`);
  }
  if (!ok) throw new InputError(`Cannot read the ${what} ${path}: it is not a file.`);
  return abs;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read stdin: ${(e as Error).message}.`);
  }
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

function useColor(values: Record<string, unknown>, output: string | undefined): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !output && process.stdout.isTTY === true;
}

async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(
    argv,
    {
      ...common,
      ...projectSpec,
      format: { type: 'string', short: 'f', choices: REPORT_FORMATS },
      quiet: { type: 'boolean', short: 'q' },
      'fail-on': { type: 'string', choices: SEVERITIES },
      'max-warnings': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      threads: { type: 'string' },
    },
    'check',
  );
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const cwd = process.cwd();
  const output = stringOption(values, 'output');
  const maxWarnings = intOption(values, 'max-warnings');
  const threadsOption = intOption(values, 'threads');
  const failOn = (stringOption(values, 'fail-on') ?? 'error') as Severity;
  const stdinName = stringOption(values, 'stdin-filename');
  const args = positionals.length ? positionals : ['.'];
  const stdinCount = args.filter((a) => a === '-').length;
  if (stdinCount > 1) throw new UsageError('Stdin (`-`) can be given only once.');
  if (stdinName !== undefined && !stdinCount)
    throw new UsageError('--stdin-filename needs `-` among the paths.');
  const projectOptions = {
    configPath: optionFile(stringOption(values, 'config'), 'config', cwd),
    codesPath: optionFile(stringOption(values, 'codes'), 'catalogue', cwd),
  };
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, projectOptions);
  const inputs: Input[] = (
    await resolveFiles(
      args.filter((a) => a !== '-'),
      cwd,
      projects,
    )
  ).map((path) => ({ path }));
  if (stdinCount) {
    const path = resolve(cwd, stdinName ?? '<stdin>');
    inputs.push({ path, text: readStdin(), display: stdinName ? displayPath(path, cwd) : '<stdin>' });
  }
  let cache: ResultCache | undefined;
  if (values.cache) {
    let location = resolve(cwd, stringOption(values, 'cache-location') ?? '.callflowcache');
    if (existsSync(location) && statSync(location).isDirectory()) location = join(location, '.callflowcache');
    cache = ResultCache.open(location, toolKey());
  }
  const workerScript = join(__dirname, 'cli-worker.js');
  const threads =
    threadsOption ??
    (inputs.length > 50 && existsSync(workerScript) ? Math.min(availableParallelism(), 8) : 0);
  const progress = progressBar(process.stderr);
  const run = await runCheck(inputs, service, projects, {
    cwd,
    cache,
    threads,
    workerScript,
    projectOptions,
    onProgress: progress?.update,
  });
  progress?.clear();
  cache?.save();

  const everything = allFiles(run).flatMap((f) => f.problems);
  const projectError = run.projectFiles.some((f) => f.problems.some((p) => p.severity === 'error'));
  const counts = countProblems(everything);
  let exitCode: number = EXIT.ok;
  if (projectError) exitCode = EXIT.fatal;
  else if (everything.some((p) => isFailing(p.severity, failOn))) exitCode = EXIT.problems;
  else if (maxWarnings !== undefined && counts.warnings > maxWarnings) exitCode = EXIT.problems;
  if (values.quiet)
    for (const f of allFiles(run)) f.problems = f.problems.filter((p) => p.severity === 'error');
  const format = stringOption(values, 'format') ?? 'stylish';
  const text = REPORTERS[format]({
    run,
    version: VERSION,
    color: useColor(values, output),
    failOn,
    rules: service.rules,
    exitCode,
  });
  write(text, output);
  if (
    maxWarnings !== undefined &&
    counts.warnings > maxWarnings &&
    exitCode === EXIT.problems &&
    format === 'stylish'
  )
    process.stderr.write(`callflow: ${counts.warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
  if (projectError)
    process.stderr.write('callflow: the config or catalogue has errors (reported above); fix them first.\n');
  return exitCode;
}

async function graph(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(
    argv,
    {
      ...common,
      ...projectSpec,
      format: { type: 'string', short: 'f', choices: Object.keys(GRAPH_FORMATS) },
    },
    'graph',
  );
  if (values.help) {
    process.stdout.write(GRAPH_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new UsageError('`callflow graph` needs exactly one file (or `-` for stdin).');
  const cwd = process.cwd();
  const arg = positionals[0];
  const stdinName = stringOption(values, 'stdin-filename');
  let path: string;
  let text: string;
  if (arg === '-') {
    path = resolve(cwd, stdinName ?? '<stdin>');
    text = readStdin();
  } else {
    path = optionFile(arg, 'scenario', cwd) as string;
    text = readFileSync(path, 'utf8');
  }
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, {
    configPath: optionFile(stringOption(values, 'config'), 'config', cwd),
    codesPath: optionFile(stringOption(values, 'codes'), 'catalogue', cwd),
  });
  const { project } = projects.forFile(path);
  const errors = project.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of errors)
      process.stderr.write(
        `${displayPath(uriToPath(p.uri) ?? p.uri, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} (${p.ruleId})\n`,
      );
    throw new InputError('The config or catalogue has errors (listed above).');
  }
  const doc = service.parse(pathToUri(path), text);
  const problems = service.validate(doc, project);
  const format = stringOption(values, 'format') ?? 'mermaid';
  const display = arg === '-' && !stdinName ? '<stdin>' : displayPath(path, cwd);
  write(
    await GRAPH_FORMATS[format](service.graph(doc, project, problems), display),
    stringOption(values, 'output'),
  );
  return EXIT.ok;
}

function rules(argv: string[]): number {
  const { values, positionals } = parseArgs(
    argv,
    { ...common, format: { type: 'string', short: 'f', choices: ['markdown', 'json'] } },
    'rules',
  );
  if (values.help) {
    process.stdout.write(RULES_HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError('`callflow rules` takes no paths.');
  const service = createScenarioService(createNodeHost());
  const format = stringOption(values, 'format') ?? 'markdown';
  write(
    format === 'json' ? rulesJson(service.rules) : rulesMarkdown(service.rules),
    stringOption(values, 'output'),
  );
  return EXIT.ok;
}

/** Runs a command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest);
    case 'graph':
      return graph(rest);
    case 'rules':
      return rules(rest);
    case 'play':
      return play(rest);
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(MAIN_HELP);
      return EXIT.ok;
    case '-v':
    case '--version':
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    case undefined:
      process.stderr.write(MAIN_HELP);
      return EXIT.fatal;
    default:
      throw new UsageError(
        `Unknown command "${command}": use check, graph, rules or play (see callflow --help).`,
      );
  }
}

/** Runs the command in the process's arguments and sets the exit code (dist/cli.js calls it). */
export function runCommandLine(): void {
  const debug = process.argv.includes('--debug');
  // A reader that stops early (`callflow check . | head`) closes the pipe: the rest of the report has
  // nowhere to go, and the check's exit code still stands. Any other output error is reported.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`callflow: cannot write the report: ${e.code ?? e.message}\n`);
    process.exitCode = EXIT.fatal;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof UsageError || e instanceof InputError) {
        process.stderr.write(`callflow: ${e.message}\n`);
        if (debug) process.stderr.write(`${e.stack}\n`);
      } else {
        process.stderr.write(
          `callflow: internal error: ${(e as Error)?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}\n`,
        );
        if (debug) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
      }
      process.exitCode = EXIT.fatal;
    },
  );
}

// Run directly (from source, in development).
if (require.main === module) runCommandLine();
