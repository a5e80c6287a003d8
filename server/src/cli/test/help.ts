/** The `callflow test --help` text. Kept in step with docs/cli.md. */

export const TEST_HELP = `Usage: callflow test [paths|globs]... [options]

Replays recorded runs (*.runs.yaml, see docs/runs.md) through their scenarios and reports each
run as passed or failed with the first difference. A folder is searched for *.runs.yaml (skipping
node_modules and .git); a scenario file stands for the run file beside it; a glob is expanded from
the current folder. Each run file replays the scenario beside it (x.runs.yaml → x.scenario.yaml)
or the one its \`scenario:\` names, with the config found by walking up from the scenario.

Options:
  -f, --format <name>        stylish (default), json, junit, tap, github
  -o, --output <file>        Write the report to a file instead of stdout
  -c, --config <file>        Use this config for every scenario instead of searching
      --codes <file>         Use this triage-code catalogue instead of the config's
      --coverage             Also report which options and ends the runs take
      --min-coverage <N>     Fail when the runs take under N% of the options and ends
      --color, --no-color    Force or disable colour (default: on a terminal)
  -h, --help                 Show this help

Exit codes: 0 every run passed, 1 a run or run file failed or coverage is under
--min-coverage, 2 usage error, no run files, a scenario that cannot be read, a bad config
or catalogue, or an internal error.
`;
