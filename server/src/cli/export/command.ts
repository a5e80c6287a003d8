/**
 * `callflow export`: the trainee pack. Checks each scenario (one with errors is refused unless `--force`),
 * builds its pack data and writes it in the format asked for: a self-contained HTML page, or a SCORM
 * package of that page. Several scenarios go to a folder with an index page.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createNodeHost, pathToUri, uriToPath } from '../../node/project';
import { readTextFileSync } from '../../node/read';
import { parseArgs, stringOption, type OptionSpec } from '../args';
import { displayPath } from '../check';
import { COMMON_OPTIONS, PROJECT_OPTIONS, projectOptionsOf } from '../check-command';
import { EXIT, InputError, UsageError } from '../errors';
import { resolveFiles } from '../files';
import { nonEmptyPaths } from '../io';
import { CliProjects } from '../projects';
import {
  createScenarioService,
  markingSheet,
  premiseOf,
  scriptBranches,
  type Problem,
  type Project,
  type ScenarioService,
} from '../../service';
import { GRAPH_FORMATS } from '../graph';
import { baseName, buildPack } from './build-pack';
import { EXPORT_HELP } from './help';
import { indexHtml, traineePageHtml, type IndexEntry } from './page-html';
import { scormPackage } from './scorm';
import { scriptHtml } from './script-html';
import { scriptMarkdown } from './script-md';

const FORMATS = ['html', 'scorm', 'script', 'script-md'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS: Record<string, OptionSpec> = {
  ...COMMON_OPTIONS,
  config: PROJECT_OPTIONS.config,
  codes: PROJECT_OPTIONS.codes,
  format: { type: 'string', short: 'f', choices: FORMATS },
  'no-answers': { type: 'boolean' },
  force: { type: 'boolean' },
  'scorm-version': { type: 'string', choices: ['1.2', '2004'] },
  'with-graph': { type: 'boolean' },
};

const EXTENSION: Record<Format, string> = {
  html: '.html',
  scorm: '.zip',
  script: '.html',
  'script-md': '.md',
};
/** The name a script gets beside the trainee page of the same scenario. */
const SUFFIX: Record<Format, string> = { html: '', scorm: '', script: '.script', 'script-md': '.script' };

/** The page script (dist/trainee-page.js) beside the CLI bundle, or in dist/ when run from the sources. */
export function pageScript(): string {
  const candidates = [
    join(__dirname, 'trainee-page.js'),
    resolve(__dirname, '../../../../dist/trainee-page.js'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new InputError('The trainee page script (dist/trainee-page.js) is missing: run `npm run build`.');
  return readFileSync(found, 'utf8');
}

/** One scenario read and checked. */
interface Checked {
  path: string;
  text: string;
  errors: Problem[];
}

function printProblems(path: string, problems: Problem[], cwd: string): void {
  for (const p of problems)
    process.stderr.write(
      `${displayPath(path, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} (${p.ruleId})\n`,
    );
}

/** Where each page goes: a file when one scenario is exported to a name with the format's ending. */
function targets(paths: string[], output: string | undefined, format: Format, cwd: string) {
  const ext = EXTENSION[format];
  const out = resolve(cwd, output ?? '.');
  const given = extname(out).toLowerCase();
  if (paths.length === 1 && given === ext) return { folder: undefined, files: [out] };
  // A file name the format does not write (or one file for several scenarios) is a slip, not a folder.
  if (['.html', '.htm', '.zip', '.md'].includes(given))
    throw new UsageError(
      paths.length > 1
        ? `${paths.length} scenarios are exported: -o names the folder to write them into, not a file.`
        : `--format ${format} writes a ${ext} file: give -o a name ending in ${ext}, or a folder.`,
    );
  const used = new Map<string, number>();
  const files = paths.map((p) => {
    const base = baseName(p);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return join(out, `${n > 1 ? `${base}-${n}` : base}${SUFFIX[format]}${ext}`);
  });
  return { folder: out, files };
}

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Runs `callflow export`. */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(argv, OPTIONS, 'export');
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (!positionals.length)
    throw new UsageError('`callflow export` needs at least one scenario file or folder.');
  if (positionals.includes('-')) throw new UsageError('`callflow export` reads files, not stdin.');
  nonEmptyPaths(positionals);
  const cwd = process.cwd();
  const format = (stringOption(values, 'format') ?? 'html') as Format;
  if (values['scorm-version'] !== undefined && format !== 'scorm')
    throw new UsageError('--scorm-version goes with --format scorm.');
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, projectOptionsOf(values, cwd));
  const paths = await resolveFiles(positionals, cwd, projects);
  const script = format === 'html' || format === 'scorm' ? pageScript() : '';
  if (values['with-graph'] && !format.startsWith('script'))
    throw new UsageError('--with-graph goes with --format script or script-md.');
  const { folder, files } = targets(paths, stringOption(values, 'output'), format, cwd);
  const settings: Settings = {
    format,
    script,
    answers: !values['no-answers'],
    graph: values['with-graph'] === true,
    lms:
      format === 'scorm' ? ((stringOption(values, 'scorm-version') ?? '1.2') as '1.2' | '2004') : undefined,
    now: new Date(),
  };
  const entries: IndexEntry[] = [];
  let refused = 0;
  for (const [i, path] of paths.entries()) {
    const checked = checkOne(service, projects, path, cwd);
    if (checked.errors.length) {
      printProblems(path, checked.errors, cwd);
      if (!values.force) {
        refused++;
        process.stderr.write(
          `callflow: ${displayPath(path, cwd)} has ${checked.errors.length} ${checked.errors.length === 1 ? 'error' : 'errors'} and was not exported (--force exports it anyway).\n`,
        );
        continue;
      }
    }
    const pack = await exportOne(service, projects.forFile(path).project, checked, files[i], settings);
    entries.push(entryOf(pack.title, pack.value, files[i], folder));
    process.stderr.write(`callflow: wrote ${displayPath(files[i], cwd)}\n`);
  }
  if (folder && format === 'html' && entries.length > 1) {
    const index = join(folder, 'index.html');
    write(index, indexHtml('Trainee pack', entries));
    process.stderr.write(`callflow: wrote ${displayPath(index, cwd)}\n`);
  }
  return refused ? EXIT.problems : EXIT.ok;
}

/** What every scenario of one export is written with. */
interface Settings {
  format: Format;
  script: string;
  answers: boolean;
  graph: boolean;
  lms?: '1.2' | '2004';
  now: Date;
}

/** Writes one scenario in the export's format; returns its title and data for the index. */
async function exportOne(
  service: ScenarioService,
  project: Project,
  checked: Checked,
  file: string,
  s: Settings,
): Promise<{ title: string; value: unknown }> {
  const doc = service.parse(pathToUri(checked.path), checked.text);
  if (s.format === 'script' || s.format === 'script-md') {
    const title = baseName(checked.path);
    const document = {
      premise: premiseOf(doc.value, title),
      branches: scriptBranches(doc),
      sheet: markingSheet(doc, project),
    };
    const svg = s.graph
      ? await GRAPH_FORMATS.svg(service.graph(doc, project, service.validate(doc, project)), checked.path)
      : undefined;
    if (s.format === 'script') write(file, scriptHtml({ ...document, ...(svg ? { graph: svg } : {}) }));
    else {
      const graphFile = svg ? file.replace(/\.md$/i, '') + '.svg' : undefined;
      if (svg && graphFile) write(graphFile, svg);
      write(file, scriptMarkdown(document, graphFile ? basename(graphFile) : undefined));
    }
    return { title: document.premise.title, value: doc.value };
  }
  const pack = buildPack({
    path: checked.path,
    text: checked.text,
    doc,
    project,
    answers: s.answers,
    lms: s.lms,
    now: s.now,
  });
  const page = traineePageHtml(pack, s.script);
  write(file, s.format === 'scorm' ? scormPackage(pack, page, s.lms!) : page);
  return { title: pack.title, value: doc.value };
}

function checkOne(service: ScenarioService, projects: CliProjects, path: string, cwd: string): Checked {
  const { project } = projects.forFile(path);
  const broken = project.problems.filter((p) => p.severity === 'error');
  if (broken.length) {
    for (const p of broken) printProblems(uriToPath(p.uri) ?? p.uri, [p], cwd);
    throw new InputError('The config or catalogue has errors (listed above).');
  }
  const read = readTextFileSync(path);
  if ('error' in read) throw new InputError(`Cannot read ${displayPath(path, cwd)}: ${read.error}.`);
  const doc = service.parse(pathToUri(path), read.text);
  const errors = service.validate(doc, project).filter((p) => p.severity === 'error');
  return { path, text: read.text, errors };
}

function entryOf(title: string, value: unknown, file: string, folder: string | undefined): IndexEntry {
  const v = value as { level?: unknown; duration?: unknown } | undefined;
  const meta = [
    typeof v?.level === 'string' ? v.level : '',
    typeof v?.duration === 'number' ? `about ${Math.round(v.duration / 60)} min` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const href = folder ? file.slice(folder.length + 1).replace(/\\/g, '/') : file;
  return { title, href, ...(meta ? { meta } : {}) };
}
