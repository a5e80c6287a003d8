/** `callflow graph <file|->`: one scenario's flow graph in a format of graph/ (mermaid, dot, json, svg). */
import { resolve } from 'node:path';
import { createNodeHost, pathToUri, uriToPath } from '../node/project';
import { readTextFileSync } from '../node/read';
import { parseArgs, stringOption } from './args';
import { displayPath } from './check';
import { COMMON_OPTIONS, PROJECT_OPTIONS, projectOptionsOf } from './check-command';
import { EXIT, InputError, UsageError } from './errors';
import { GRAPH_FORMATS } from './graph';
import type { GraphOptions } from './graph/common';
import { PAPERS } from '../shared/print';
import { GRAPH_HELP } from './help';
import { nonEmptyPaths, optionFile, readStdin, write } from './io';
import { CliProjects } from './projects';
import { createScenarioService, type Project } from '../service';

/** The scenario's path (stdin: its name) and text. */
async function readScenario(arg: string, stdinName: string | undefined, cwd: string) {
  if (arg === '-') return { path: resolve(cwd, stdinName ?? '<stdin>'), text: await readStdin() };
  const path = optionFile(arg, 'scenario', cwd) as string;
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read the scenario ${arg}: ${read.error}.`);
  return { path, text: read.text };
}

/** Stops at a config or catalogue with errors: the graph would describe another project. */
function refuseBrokenProject(project: Project, cwd: string): void {
  const errors = project.problems.filter((p) => p.severity === 'error');
  if (!errors.length) return;
  for (const p of errors)
    process.stderr.write(
      `${displayPath(uriToPath(p.uri) ?? p.uri, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} (${p.ruleId})\n`,
    );
  throw new InputError('The config or catalogue has errors (listed above).');
}

export async function graph(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(
    argv,
    {
      ...COMMON_OPTIONS,
      ...PROJECT_OPTIONS,
      format: { type: 'string', short: 'f', choices: Object.keys(GRAPH_FORMATS) },
      layout: { type: 'string', choices: ['screen', 'print'] },
      paper: { type: 'string', choices: Object.keys(PAPERS) },
    },
    'graph',
  );
  if (values.help) {
    process.stdout.write(GRAPH_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new UsageError('`callflow graph` needs exactly one file (or `-` for stdin).');
  nonEmptyPaths(positionals);
  const cwd = process.cwd();
  const arg = positionals[0];
  const stdinName = stringOption(values, 'stdin-filename');
  const { path, text } = await readScenario(arg, stdinName, cwd);
  const service = createScenarioService(createNodeHost());
  const { project } = new CliProjects(service, projectOptionsOf(values, cwd)).forFile(path);
  refuseBrokenProject(project, cwd);
  const doc = service.parse(pathToUri(path), text);
  const problems = service.validate(doc, project);
  const layout = stringOption(values, 'layout') as GraphOptions['layout'];
  const paper = stringOption(values, 'paper') as GraphOptions['paper'];
  const format = stringOption(values, 'format') ?? (layout === 'print' ? 'svg' : 'mermaid');
  if ((layout === 'print' || paper) && format !== 'svg')
    throw new UsageError('`--layout print` and `--paper` draw pages: use them with --format svg.');
  const display = arg === '-' && !stdinName ? '<stdin>' : displayPath(path, cwd);
  write(
    await GRAPH_FORMATS[format](service.graph(doc, project, problems), display, { layout, paper }),
    stringOption(values, 'output'),
  );
  return EXIT.ok;
}
