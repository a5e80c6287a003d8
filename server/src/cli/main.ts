/**
 * `callflow`: the headless front on the language service (bundled to dist/cli-main.js, run by dist/cli.js). Commands: `check`,
 * `graph`, `rules`, `play` (exit codes of its own). Exit codes: 0 no failing problems, 1 failing problems, 2 usage error, unreadable
 * input, no files matched, a bad config or catalogue, or an internal error (see docs/cli.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { version as VERSION } from '../../../package.json';
import { compileCacheFolder, loadBundle } from '../node/code-cache';
import { createNodeHost } from '../node/project';
import { parseArgs, stringOption } from './args';
import { check, COMMON_OPTIONS } from './check-command';
import { EXIT, InputError, UsageError } from './errors';
import { MAIN_HELP, RULES_HELP } from './help';
import { write } from './io';
import { rulesJson, rulesMarkdown } from './rules';
import { createScenarioService } from '../service';

type Commands = typeof import('./commands');

/**
 * The other commands: dist/cli-commands.js beside this bundle, through V8's code cache (a cache per
 * command, as for this bundle); from the sources, the module itself. The bundle build leaves
 * `./commands` external, so this bundle does not carry them.
 */
function commands(command: string): Commands {
  const bundle = join(__dirname, 'cli-commands.js');
  if (existsSync(bundle)) return loadBundle(bundle, command, compileCacheFolder()) as Commands;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./commands') as Commands;
}

function rules(argv: string[]): number {
  const { values, positionals } = parseArgs(
    argv,
    { ...COMMON_OPTIONS, format: { type: 'string', short: 'f', choices: ['markdown', 'json'] } },
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
      return commands(command).graph(rest);
    case 'rules':
      return rules(rest);
    case 'play':
      return commands(command).play(rest);
    case 'diff':
      return commands(command).diff(rest);
    case 'export':
      return commands(command).exportCommand(rest);
    case 'routes':
      return commands(command).routes(rest);
    case 'test':
      return commands(command).testCommand(rest);
    case 'merge-reports':
      return commands(command).mergeReports(rest);
    case 'codes':
      return commands(command).codes(rest);
    case 'new':
      return commands(command).newScenario(rest);
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
      throw new UsageError(`Unknown command "${command}": see callflow --help for the commands.`);
  }
}

/**
 * A usage or input error, from this bundle or from dist/cli-commands.js (which has its own copies of
 * the error classes, so `instanceof` alone would miss them).
 */
function isUserError(e: unknown): e is Error {
  if (e instanceof UsageError || e instanceof InputError) return true;
  const name = (e as Error | undefined)?.name;
  return e instanceof Error && (name === 'UsageError' || name === 'InputError');
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
      if (isUserError(e)) {
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
