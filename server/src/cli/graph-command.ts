/** `callflow graph <file|->`: one scenario's flow graph in a format of graph/ (mermaid, dot, json, svg). */
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS, PROJECT_OPTIONS } from './check-command';
import { EXIT, UsageError } from './errors';
import { GRAPH_FORMATS } from './graph';
import type { GraphOptions } from './graph/common';
import { PAPERS } from '../shared/print';
import { GRAPH_HELP } from './help';
import { nonEmptyPaths, write } from './io';
import { openScenario } from './scenario-input';

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
  const { service, project, doc, display } = await openScenario(positionals[0], values, process.cwd());
  const problems = service.validate(doc, project);
  const layout = stringOption(values, 'layout') as GraphOptions['layout'];
  const paper = stringOption(values, 'paper') as GraphOptions['paper'];
  const format = stringOption(values, 'format') ?? (layout === 'print' ? 'svg' : 'mermaid');
  if ((layout === 'print' || paper) && format !== 'svg')
    throw new UsageError('`--layout print` and `--paper` draw pages: use them with --format svg.');
  write(
    await GRAPH_FORMATS[format](service.graph(doc, project, problems), display, { layout, paper }),
    stringOption(values, 'output'),
  );
  return EXIT.ok;
}
