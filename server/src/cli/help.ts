/** The `--help` texts. Kept in step with docs/cli.md. */

export const MAIN_HELP = `Usage: callflow <command> [options]

Commands:
  check [paths|globs|-]...   Check scenario files (default: the current folder)
  graph <file|->             Print a scenario's flow graph (mermaid, dot, json, svg; print pages)
  rules                      Print the rule reference (markdown, json)
  play <file>                Rehearse a scenario on the terminal (see callflow play --help)
  diff <old> <new>           What a change does to a flow: two files or git revisions (see callflow diff --help)
  export <paths>...          The trainee pack: a playable page or a SCORM package (see callflow export --help)
  routes <file|->            Routes to each end, scores, times against targets, the model route
  test [paths|globs]...      Replay recorded runs (*.runs.yaml) and report each (see callflow test --help)
  merge-reports <report>...  Merge the JSON or SARIF reports of the shards of one check (--shard i/n)
  codes [family]             List the triage-code catalogue in force (text, json)
  new [--premise <text>] <file>  Write a starter scenario that checks clean

Options:
  -h, --help                 Show help (also: callflow <command> --help)
  -v, --version              Show the version

Exit codes: 0 no failing problems, 1 failing problems, 2 usage error, unreadable input,
no files matched, a bad config or catalogue, or an internal error.

Environment:
  CALLFLOW_COMPILE_CACHE     Folder for the compiled-code cache that speeds up starting
                             (default: the user's cache folder), or \`off\`
  NO_COLOR, FORCE_COLOR      Disable or force colour
`;

export const CHECK_HELP = `Usage: callflow check [paths|globs|-]... [options]

Checks scenario files. A folder is searched for *.scenario.yaml / *.scenario.yml (or the
\`files\` globs of its callflow.config.yaml), skipping node_modules and .git; a glob is expanded
from the current folder; \`-\` reads stdin. The config is found by walking up from each file.

Options:
  -f, --format <name>        stylish (default), json, sarif, junit, github, gitlab
  -o, --output <file>        Write the report to a file instead of stdout
  -c, --config <file>        Use this config for every file instead of searching
      --codes <file>         Use this triage-code catalogue instead of the config's
      --stdin-filename <p>   The path stdin is checked as (config lookup, reports)
  -q, --quiet                Report errors only
      --fail-on <severity>   error (default), warning or info: the least severity that fails
      --max-warnings <n>     Fail when there are more than n warnings (-1: no limit, the default)
      --color, --no-color    Force or disable colour (default: colour on a terminal)
      --cache                Only re-check files that changed since the last run
      --cache-location <p>   Cache file or folder (default: .callflowcache)
      --threads <n>          Threads that check files, this one included (default: one per
                             free CPU when > 50 files; 0 or 1: this thread only)
      --fix                  Apply the safe fixes to the files (did-you-mean of ids, values and
                             codes; text put in quotes; a missing property when that checks
                             better), print what changed on stderr, then check
      --fix-dry-run          Print the safe fixes as a unified diff; change no file (the report
                             of the fixed text goes to --output only)
      --baseline <file>      Report only problems the baseline file does not list (matched by
                             rule, step and message, not by line)
      --update-baseline      Write the current problems to the --baseline file, then check
      --shard <i/n>          Check the i-th of n equal parts of the files (CI job matrix);
                             merge the reports with callflow merge-reports
      --changed-since <ref>  Check only the scenarios changed since a git revision (and those
                             whose config or catalogue changed)
      --rules-docs-url <url> Where each rule's documentation is (SARIF helpUri): a page with a
                             section per rule (#anchor added), or a URL with {rule} or {anchor}
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
`;

export const GRAPH_HELP = `Usage: callflow graph <file|-> [options]

Prints the flow graph of one scenario.

Options:
  -f, --format <name>        mermaid (default), dot, json, svg
      --layout <name>        screen (default: one picture) or print: the SVG cut into pages
                             with continuation markers (implies --format svg)
      --paper <name>         a4 (default) or letter, with --layout print
  -o, --output <file>        Write to a file instead of stdout
  -c, --config <file>        Use this config instead of searching
      --codes <file>         Use this triage-code catalogue
      --stdin-filename <p>   The path stdin is read as
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
`;

export const DIFF_HELP = `Usage: callflow diff <old> <new> [options]
       callflow diff [<rev>|<rev> <rev>|<a>..<b>|<a>...<b>] [options] [-- <paths>...]

Compares two versions of a scenario as flows, not text: steps added, removed and renamed, kind,
text (word diff), grade, outcome and target changes, transitions and options added, removed,
re-pointed, re-scored or made critical — and what that does: steps that became unreachable or
reachable, ends gained or lost, the best route's score and time before and after, new and fixed
problems. OLD and NEW are files, or git revisions read through git: one revision is compared with
the work tree (default: HEAD), \`a...b\` compares b with where it left a. Without paths, every
changed *.scenario.yaml is compared.

Options:
  -f, --format <name>        stylish (default), markdown (a pull-request comment), json, svg
  -o, --output <file>        Write to a file instead of stdout
      --fail-on-problems     Exit 1 when a change adds an error or a warning
  -c, --config <file>        Use this config instead of searching
      --codes <file>         Use this triage-code catalogue
      --color, --no-color    Force or disable colour (default: colour on a terminal)
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
`;

export const RULES_HELP = `Usage: callflow rules [options]

Prints every rule with its default severity, why it matters, a bad and a good example and the fix.

Options:
  -f, --format <name>        markdown (default), json
  -o, --output <file>        Write to a file instead of stdout
  -h, --help                 Show this help
`;

export const PLAY_HELP = `Usage: callflow play <file> [options]

Rehearses a scenario as the trainee would: the caller's and handler's lines with the clock, numbered
options at each choice point, a state line (clock, grade, targets) and a debrief at the end. Choices
are typed one per line (a number, t for "nobody acts" when the step has a timeout, or an option's
label; Enter continues when there is one option), or read from stdin when it is not a terminal.

Options:
      --choices <list>       Play non-interactively: comma-separated numbers or labels (1,2,1)
      --best                 Play the best route (the highest score with no critical option)
      --from <step>          Start at this step instead of \`start:\`
      --state <json>         Start with what is already known and done, e.g.
                             '{"seconds": 60, "grade": "EMERGENCY", "facts": ["knife"]}'
      --view <name>          trainee (default: scores, risks and notes hidden until the debrief)
                             or trainer
  -f, --format <name>        text (default) or json (the transcript, state and debrief)
  -c, --config <file>        Use this config instead of searching
      --codes <file>         Use this triage-code catalogue
      --color, --no-color    Force or disable colour (default: colour on a terminal; NO_COLOR)
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help

Exit codes: 0 the run ended in pass or acceptable, 1 in fail or critical failure, 2 a usage error,
an unreadable file, or a run that stopped before an end (a broken scenario, or the choices ran out).
`;

export const ROUTES_HELP = `Usage: callflow routes <file|-> [options]

Analyses the routes through one scenario from its start, without playing them one by one: per end
the number of routes (each loop counted once; exact up to 1,000,000), the worst and best score, the
earliest and latest scripted time to the end and to the location question, the first grade and the
first dispatch against the targets, and whether only a critical option leads there; the options no
run can pick; and the model route (highest score to a pass or acceptable end without a critical
option, then the shortest). Scores and times are over routes that take no option twice (each
loop gone round at most once).

Options:
  -f, --format <name>        stylish (default), json, markdown (a pull-request comment), run (the
                             model route as a whole .runs.yaml file to start the scenario's)
  -o, --output <file>        Write to a file instead of stdout
  -c, --config <file>        Use this config instead of searching
      --codes <file>         Use this triage-code catalogue
      --stdin-filename <p>   The path stdin is read as
      --color, --no-color    Force or disable colour (default: colour on a terminal)
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help

Exit codes: 0 the scenario has no errors; 1 it has errors (listed on stderr, the analysis is still
printed) or --format run finds no model route; 2 usage error, unreadable file, bad config or catalogue.
`;

export const MERGE_HELP = `Usage: callflow merge-reports <report>... [options]

Merges the reports the shards of one check wrote (callflow check --shard i/n --format json|sarif
-o report-i.json) into the report one unsharded run would have written: files in path order,
config and catalogue problems once, counts, exit code and reasons (--max-warnings) decided again.
The reports must all be JSON or all SARIF.

Options:
  -o, --output <file>        Write the merged report to a file instead of stdout
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help

Exit codes: JSON reports: the merged run's exit code (0, 1 or 2); SARIF: 0; 2 for a report that
cannot be read or a usage error.
`;

export const CODES_HELP = `Usage: callflow codes [family] [options]

Lists the triage-code catalogue in force for the current folder (found as check finds it): each
family and its codes with label, aliases and deprecation; codes a force's own catalogue defines or
overrides show their file.

Options:
  -f, --format <name>        text (default), json
  -o, --output <file>        Write to a file instead of stdout
  -c, --config <file>        Use this config instead of searching
      --codes <file>         Use this triage-code catalogue
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
`;

export const NEW_HELP = `Usage: callflow new [--premise <text>] <file>

Writes a starter scenario that checks clean: the id from the file name, the premise as title and
summary, the address asked first, the caller's answer and a passing end. Never overwrites a file.

Options:
      --premise <text>       What the call is about (title: its first sentence; summary: all)
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
`;
