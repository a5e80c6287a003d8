/**
 * `callflow routes <file|->`: route analysis of one scenario (see server/src/service/run/routes.ts): per
 * end the routes with loops collapsed, worst and best score, earliest and latest time to each target,
 * critical-only ends; options no run can pick; the model route. `--format run` prints the model route as a
 * recorded run to paste into the scenario's `*.runs.yaml`.
 *
 * Exit codes as `check`: 0 the scenario has no errors; 1 it has errors (listed on stderr, the analysis is
 * still printed), or `--format run` finds no model route; 2 a usage error, an unreadable file, a bad config
 * or catalogue.
 */
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS, PROJECT_OPTIONS } from './check-command';
import { EXIT, UsageError } from './errors';
import { ROUTES_HELP } from './help';
import { nonEmptyPaths, useColor, write } from './io';
import { printable } from './reporters/ansi';
import { routesJson, routesMarkdown, routesStylish } from './routes-render';
import { openScenario } from './scenario-input';
import type { Problem } from '../service';

/** The formats of `callflow routes`. */
export const ROUTES_FORMATS = ['stylish', 'json', 'markdown', 'run'] as const;

/** Problems listed on stderr before the report says how many more there are. */
const LISTED = 5;

/** Lists the scenario's errors on stderr: the analysis of a scenario with errors may mislead. */
function reportErrors(errors: Problem[], display: string): void {
  const where = (p: Problem) => `${display}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  for (const p of errors.slice(0, LISTED))
    process.stderr.write(`${where(p)}: ${printable(p.message)} (${p.ruleId})\n`);
  const more = errors.length - LISTED;
  const tail = more > 0 ? ` (${more} more not listed)` : '';
  process.stderr.write(
    `callflow: the scenario has ${errors.length} error${errors.length === 1 ? '' : 's'}${tail}: the routes may not be what trainees meet (callflow check ${display}).\n`,
  );
}

/** Runs `callflow routes`. */
export async function routes(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(
    argv,
    {
      ...COMMON_OPTIONS,
      ...PROJECT_OPTIONS,
      format: { type: 'string', short: 'f', choices: [...ROUTES_FORMATS] },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
    'routes',
  );
  if (values.help) {
    process.stdout.write(ROUTES_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new UsageError('`callflow routes` needs exactly one scenario file (or `-` for stdin).');
  nonEmptyPaths(positionals);
  const { service, project, doc, display } = await openScenario(positionals[0], values, process.cwd());
  const errors = service.validate(doc, project).filter((p) => p.severity === 'error');
  const report = service.routes(doc, project);
  const format = stringOption(values, 'format') ?? 'stylish';
  const output = stringOption(values, 'output');
  if (errors.length) reportErrors(errors, display);
  if (format === 'run') {
    if (!report.model?.runText) {
      process.stderr.write(
        `callflow: ${display} has no model route: no route reaches a pass or acceptable end without a critical option.\n`,
      );
      return EXIT.problems;
    }
    // A whole run file, so `callflow routes x.scenario.yaml -f run > x.runs.yaml` starts one; its entry is
    // what to paste under `runs:` of a runs file that exists.
    const header = `# The model route of ${printable(display)} as a recorded run (docs/runs.md). For a runs file that\n# exists, paste the entry under its \`runs:\`.\ncallflow-runs: 1\nruns:\n`;
    write(header + report.model.runText, output);
  } else if (format === 'json') write(routesJson(report, display), output);
  else if (format === 'markdown') write(routesMarkdown(report, display), output);
  else write(routesStylish(report, display, { color: useColor(values, output) }), output);
  return errors.length ? EXIT.problems : EXIT.ok;
}
