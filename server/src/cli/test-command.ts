/**
 * `callflow test [paths…]`: replays every recorded run (`*.runs.yaml`, docs/runs.md) under the paths
 * through its scenario and reports each as passed or failed with the first difference, in the formats CI
 * reads. Exit codes as `check`: 0 every run passed, 1 a run (or a run file) failed or coverage is under
 * `--min-coverage`, 2 a usage error or input that cannot be used (no run files, a missing scenario, a
 * bad config or catalogue).
 */
import { version as VERSION } from '../../../package.json';
import { createNodeHost } from '../node/project';
import { parseArgs, stringOption, type OptionSpec } from './args';
import type { Unreadable } from './check';
import { COMMON_OPTIONS, projectOptionsOf } from './check-command';
import { EXIT, UsageError } from './errors';
import { TEST_HELP } from './test/help';
import { nonEmptyPaths, useColor, write } from './io';
import { CliProjects } from './projects';
import { findRunFiles } from './test/find';
import { githubTest } from './test/github';
import { jsonTest } from './test/json';
import { junitTest } from './test/junit';
import type { TestReport } from './test/model';
import { runTests } from './test/run';
import { stylishTest } from './test/stylish';
import { tapTest } from './test/tap';
import { createScenarioService } from '../service';

/** The formats of `callflow test`. */
export const TEST_FORMATS = ['stylish', 'json', 'junit', 'tap', 'github'] as const;

const TEST_OPTIONS: Record<string, OptionSpec> = {
  ...COMMON_OPTIONS,
  config: { type: 'string', short: 'c' },
  codes: { type: 'string' },
  format: { type: 'string', short: 'f', choices: TEST_FORMATS },
  coverage: { type: 'boolean' },
  'min-coverage': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
};

/** `--min-coverage N`: a percentage from 0 to 100 (decimals allowed). */
function minCoverageOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d+(\.\d+)?%?$/.test(raw) ? Number(raw.replace('%', '')) : NaN;
  if (!(n >= 0 && n <= 100))
    throw new UsageError(`The option --min-coverage needs a percentage from 0 to 100, not "${raw}".`);
  return n;
}

function render(format: string, report: TestReport, color: boolean): string {
  switch (format) {
    case 'json':
      return jsonTest(report, VERSION);
    case 'junit':
      return junitTest(report);
    case 'tap':
      return tapTest(report);
    case 'github':
      return githubTest(report);
    default:
      return stylishTest(report, color);
  }
}

/** `callflow test [paths|globs]...` */
export async function testCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(argv, TEST_OPTIONS, 'test');
  if (values.help) {
    process.stdout.write(TEST_HELP);
    return EXIT.ok;
  }
  const args = positionals.length ? positionals : ['.'];
  nonEmptyPaths(args);
  if (args.includes('-'))
    throw new UsageError('`callflow test` reads run files from disk: name files or folders, not `-`.');
  const cwd = process.cwd();
  const minCoverage = minCoverageOf(stringOption(values, 'min-coverage'));
  const format = stringOption(values, 'format') ?? 'stylish';
  const output = stringOption(values, 'output');
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, projectOptionsOf(values, cwd));
  const unreadable: Unreadable[] = [];
  const found = await findRunFiles(args, cwd, unreadable);
  const report = await runTests(found.runFiles, unreadable, service, projects, {
    cwd,
    scenarios: found.scenarios,
    coverage: values.coverage === true,
    ...(minCoverage !== undefined ? { minCoverage } : {}),
  });
  write(render(format, report, useColor(values, output)), output);
  // Whoever reads the job's log sees why the runs could not all be replayed, whatever the format.
  for (const reason of report.summary.fatal) process.stderr.write(`callflow: ${reason}\n`);
  return report.summary.exitCode;
}
