/** `callflow export --help`. Kept in step with docs/cli.md and the README's "The trainee pack". */
export const EXPORT_HELP = `Usage: callflow export <paths|globs>... [options]

Exports scenarios for trainees and trainers. A folder is searched as \`callflow check\` does;
several scenarios are written to a folder, with an index page for the HTML pages.

Formats:
  html        One self-contained page per scenario that plays the call for a trainee: the clock
              against the targets, real time and read aloud as options, the debrief at the end,
              Download my result. Opens from a file, an intranet or a USB stick; no network.
  scorm       A SCORM package (zip) of that page for a learning platform: it reports completion,
              pass or fail, the score, the session time and the choices (1.2 unless
              --scorm-version 2004).
  script      The role-player's script and the assessor's marking sheet, one print-ready HTML
              document per scenario (<name>.script.html): premise, caller, every line by branch
              with its cue, timings and notes; targets, actions, obligations, options with scores,
              critical failures, expected outcome, THRIVE.
  script-md   The same as Markdown (<name>.script.md).

Options:
  -f, --format <name>        html (default), scorm, script or script-md
  -o, --output <path>        The file to write (one scenario, a name ending in .html, .zip or .md)
                             or the folder to write into (default: the current folder)
      --no-answers           Leave the answers out of the page: no notes, truth, scores,
                             results or expected outcome, not even hidden; the debrief then
                             shows the call time and the time targets only
      --force                Export scenarios that have errors (they are refused otherwise)
      --scorm-version <v>    1.2 (default) or 2004 (4th edition)
      --with-graph           Add the flow picture to a script (an SVG beside the Markdown)
  -c, --config <file>        Use this config for every file instead of searching
      --codes <file>         Use this triage-code catalogue instead of the config's
  -h, --help                 Show this help

Exit codes: 0 every scenario exported; 1 a scenario had errors and was not exported (the problems
are printed; the others are exported); 2 usage error, unreadable input or a bad config or catalogue.
`;
