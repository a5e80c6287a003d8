/**
 * `callflow diff OLD NEW` / `callflow diff REV -- path` / `callflow diff A...B`: what a change does to
 * each scenario's flow (see service/diff). Exit 0, or 1 with `--fail-on-problems` when a change adds an
 * error or a warning.
 */
import { pathToUri, createNodeHost } from '../node/project';
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS, PROJECT_OPTIONS, projectOptionsOf } from './check-command';
import { EXIT } from './errors';
import { DIFF_HELP } from './help';
import { useColor, write } from './io';
import { CliProjects } from './projects';
import {
  createScenarioService,
  diffFlows,
  diffGraph,
  parseRunFile,
  type Project,
  type ScenarioService,
} from '../service';
import { json } from './diff/json';
import { markdown } from './diff/markdown';
import { addsProblems, type DiffRenderer, type FileDiff } from './diff/report';
import { pairsOf, type Pair } from './diff/sources';
import { stylish } from './diff/stylish';
import { svg } from './diff/svg';

/** The formats of `callflow diff`. */
export const DIFF_FORMATS: Readonly<Record<string, DiffRenderer>> = { stylish, markdown, json, svg };

/** Compares one file's two versions (a missing side is an empty scenario with no problems). */
export function compareFile(service: ScenarioService, project: Project, pair: Pair): FileDiff {
  const uri = pathToUri(pair.path);
  const side = (text: string | undefined, version: number) => {
    const doc = service.parse(uri, text ?? '', version);
    const problems = text === undefined ? [] : service.validate(doc, project);
    return { doc, problems, graph: service.graph(doc, project, problems) };
  };
  const before = side(pair.oldText, 1);
  const after = side(pair.newText, 2);
  const runs = pair.runsText === undefined ? undefined : parseRunFile(uri, pair.runsText);
  const diff = diffFlows(before, after, project, runs);
  const { graph, marks } = diffGraph(before.graph, after.graph, diff);
  const status = pair.oldText === undefined ? 'added' : pair.newText === undefined ? 'removed' : 'modified';
  return { file: pair.display, status, oldLabel: pair.oldLabel, newLabel: pair.newLabel, diff, graph, marks };
}

export async function diff(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const before = dash < 0 ? argv : argv.slice(0, dash);
  const paths = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseArgs(
    before,
    {
      ...COMMON_OPTIONS,
      config: PROJECT_OPTIONS.config,
      codes: PROJECT_OPTIONS.codes,
      format: { type: 'string', short: 'f', choices: Object.keys(DIFF_FORMATS) },
      'fail-on-problems': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
    'diff',
  );
  if (values.help) {
    process.stdout.write(DIFF_HELP);
    return EXIT.ok;
  }
  const cwd = process.cwd();
  const pairs = pairsOf(positionals, paths, cwd);
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, projectOptionsOf(values, cwd));
  const files = pairs.map((p) => compareFile(service, projects.forFile(p.path).project, p));
  const format = stringOption(values, 'format') ?? 'stylish';
  const output = stringOption(values, 'output');
  write(await DIFF_FORMATS[format](files, useColor(values, output)), output);
  return values['fail-on-problems'] && files.some(addsProblems) ? EXIT.problems : EXIT.ok;
}
