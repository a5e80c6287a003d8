/**
 * The input of the commands that analyse one scenario (`callflow routes`, `callflow graph`): the file or
 * stdin named on the command line, the config and catalogue in force for it, the parsed document. A
 * config or catalogue with errors stops the command: the analysis would describe another project.
 */
import { resolve } from 'node:path';
import { createNodeHost, pathToUri, uriToPath } from '../node/project';
import { readTextFileSync } from '../node/read';
import { stringOption, type OptionValues } from './args';
import { displayPath } from './check';
import { projectOptionsOf } from './check-command';
import { InputError } from './errors';
import { optionFile, readStdin } from './io';
import { CliProjects } from './projects';
import { printable } from './reporters/ansi';
import { createScenarioService, type Project, type ScenarioDocument, type ScenarioService } from '../service';

/** One scenario read from the command line, parsed in its project. */
export interface ScenarioInput {
  /** The scenario's absolute path (stdin: the `--stdin-filename`, or `<stdin>`, below the current folder). */
  path: string;
  /** The name reports give it: the path from the current folder, or `<stdin>`. */
  display: string;
  service: ScenarioService;
  project: Project;
  doc: ScenarioDocument;
}

/**
 * Reads the scenario `arg` (a path, or `-` for stdin named by `--stdin-filename`), finds its project
 * (`--config`, `--codes`) and parses it. Throws an InputError for an unreadable file or a config or
 * catalogue with errors (those are listed on stderr first).
 */
export async function openScenario(arg: string, values: OptionValues, cwd: string): Promise<ScenarioInput> {
  const stdinName = stringOption(values, 'stdin-filename');
  const { path, text } = await readScenario(arg, stdinName, cwd);
  const service = createScenarioService(createNodeHost());
  const { project } = new CliProjects(service, projectOptionsOf(values, cwd)).forFile(path);
  refuseBrokenProject(project, cwd);
  const doc = service.parse(pathToUri(path), text);
  const display = arg === '-' && !stdinName ? '<stdin>' : displayPath(path, cwd);
  return { path, display, service, project, doc };
}

/** The scenario's path (stdin: its name) and text. */
async function readScenario(arg: string, stdinName: string | undefined, cwd: string) {
  if (arg === '-') return { path: resolve(cwd, stdinName ?? '<stdin>'), text: await readStdin() };
  const path = optionFile(arg, 'scenario', cwd) as string;
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read the scenario ${arg}: ${read.error}.`);
  return { path, text: read.text };
}

/** Lists the config's and catalogue's errors on stderr and stops, when there are any. */
function refuseBrokenProject(project: Project, cwd: string): void {
  const errors = project.problems.filter((p) => p.severity === 'error');
  if (!errors.length) return;
  for (const p of errors)
    process.stderr.write(
      `${displayPath(uriToPath(p.uri) ?? p.uri, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${printable(p.message)} (${p.ruleId})\n`,
    );
  throw new InputError('The config or catalogue has errors (listed above).');
}
