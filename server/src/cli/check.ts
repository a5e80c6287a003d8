/**
 * The check itself: read the files, find each file's project, reuse cached results, and
 * parse + validate the rest — in this thread, or spread over worker threads when there are many files.
 */
import { relative } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { pathToUri, uriToPath } from '../node/project';
import { readBytesSync, readTextFile } from '../node/read';
import { entryKey, type ResultCache } from './cache';
import { toPosix } from './files';
import type { CliProjects } from './projects';
import { jobText, runInWorkers, startWorkers, stopWorkers, type Job } from './pool';
import type { FileProblem, Project, ScenarioService, Problem } from '../service';

/** One checked file (a scenario, or a config or catalogue with problems). */
export interface FileResult {
  /** Absolute path. */
  path: string;
  /** Path relative to the working directory, with forward slashes (what every report shows). */
  display: string;
  /** The text as read (for code frames). */
  text: string;
  problems: Problem[];
}

/** Everything a reporter needs. */
export interface CheckRun {
  cwd: string;
  /** Scenarios, in path order. */
  files: FileResult[];
  /** Config and catalogue files with problems (reported too; an error among them means exit 2). */
  projectFiles: FileResult[];
  /** Files whose result came from the cache. */
  cached: number;
  /** Paths given that could not be read (the rest is still checked; the exit code is 2). */
  unreadable: Unreadable[];
}

/** A file or argument that could not be read, and why (one line). */
export interface Unreadable {
  /** As the reports show it: a path relative to the working directory, or the argument as given. */
  display: string;
  message: string;
}

/** One input: a file on disk, or stdin under a given name. */
export interface Input {
  path: string;
  /** Set for stdin. */
  text?: string;
  /** What reports call it (stdin: `<stdin>` or the --stdin-filename). */
  display?: string;
}

export interface CheckOptions {
  cwd: string;
  cache?: ResultCache;
  /** Threads that check files: this one and `threads - 1` worker threads (0 or 1: this one only). */
  threads: number;
  workerScript: string;
  projectOptions: { configPath?: string; codesPath?: string };
  onProgress?: (done: number, total: number) => void;
}

/** Shows a path relative to the working directory, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return toPosix(rel === '' ? '.' : rel);
}

/** A file's content as read: stdin's text, or a file's bytes (decoded where it is checked, see jobText). */
type Source = { text: string } | { bytes: Buffer };

/**
 * The contents of the inputs (undefined for a file that cannot be read, recorded in `unreadable`). Read
 * one after another, synchronously: 500 files of 40 KB took ~60 ms of CPU so, and ~180 ms with 64 reads
 * in flight through promises (five awaited calls a file). Worker threads load meanwhile all the same.
 */
function readAll(inputs: Input[], cwd: string, unreadable: Unreadable[]): (Source | undefined)[] {
  return inputs.map((input) => {
    if (input.text !== undefined) return { text: stripBom(input.text) };
    const read = readBytesSync(input.path);
    if ('bytes' in read) return read;
    const display = displayPath(input.path, cwd);
    unreadable.push({ display, message: `Cannot read ${display}: ${read.error}.` });
    return undefined;
  });
}

/** A file's result, its text decoded when first read (most files of a run have nothing to show). */
function fileResult(path: string, display: string, source: Source): FileResult {
  let text = 'text' in source ? source.text : undefined;
  return {
    path,
    display,
    problems: [],
    get text() {
      return (text ??= jobText(source));
    },
    set text(value: string) {
      text = value;
    },
  };
}

/** Checks the inputs with the service. */
export async function runCheck(
  inputs: Input[],
  service: ScenarioService,
  projects: CliProjects,
  options: CheckOptions,
): Promise<CheckRun> {
  // Worker threads load their code while this thread reads the files.
  const workers =
    options.threads > 1
      ? startWorkers(inputs.length, options.threads, options.workerScript, options.projectOptions)
      : [];
  try {
    return await checkAll(inputs, service, projects, options, workers);
  } finally {
    stopWorkers(workers);
  }
}

/** runCheck with its workers started. */
async function checkAll(
  inputs: Input[],
  service: ScenarioService,
  projects: CliProjects,
  options: CheckOptions,
  workers: Worker[],
): Promise<CheckRun> {
  const { cwd, cache } = options;
  const unreadable: Unreadable[] = [];
  const read = readAll(inputs, cwd, unreadable);
  unreadable.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  inputs = inputs.filter((_, i) => read[i] !== undefined);
  const sources = read.filter((t): t is Source => t !== undefined);
  const results: FileResult[] = inputs.map((input, i) =>
    fileResult(input.path, input.display ?? displayPath(input.path, cwd), sources[i]),
  );
  const jobs = new Map<number, Job & { key: string; project: Project }>();
  results.forEach((r, i) => {
    const { project, key: projectKey } = projects.forFile(r.path);
    // The cache key hashes the text: only computed when there is a cache.
    const key = cache ? entryKey(r.text, projectKey) : '';
    const hit = inputs[i].text === undefined ? cache?.get(r.path, key) : undefined;
    if (hit) r.problems = hit;
    // The text when it was decoded for the key, else the bytes.
    else jobs.set(i, { index: i, path: r.path, ...(cache ? { text: r.text } : sources[i]), key, project });
  });
  const total = results.length;
  let done = total - jobs.size;
  options.onProgress?.(done, total);
  const finish = (index: number, problems: Problem[]) => {
    results[index].problems = problems;
    const job = jobs.get(index);
    if (cache && job && inputs[index].text === undefined) cache.set(results[index].path, job.key, problems);
    options.onProgress?.(++done, total);
  };
  const checkHere = (job: Job & { project: Project }) =>
    service.validate(service.parse(pathToUri(job.path), jobText(job)), job.project);
  const queue = [...jobs.values()];
  if (workers.length && jobs.size > 1) await runInWorkers(queue, workers, checkHere, finish);
  else for (const job of queue) finish(job.index, checkHere(job));
  return {
    cwd,
    files: results,
    projectFiles: await projectFiles(
      projects.all().map((p) => p.project),
      cwd,
    ),
    cached: cache?.hits ?? 0,
    unreadable,
  };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Config and catalogue files with problems, each once. */
async function projectFiles(projects: Project[], cwd: string): Promise<FileResult[]> {
  const byUri = new Map<string, FileProblem[]>();
  const seen = new Set<string>();
  for (const project of projects) {
    for (const p of project.problems) {
      const id = `${p.uri}\0${p.ruleId}\0${p.message}\0${JSON.stringify(p.range)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = byUri.get(p.uri) ?? [];
      list.push(p);
      byUri.set(p.uri, list);
    }
  }
  const out: FileResult[] = [];
  for (const [uri, list] of byUri) {
    const path = uriToPath(uri) ?? uri;
    // A catalogue that cannot be read is reported without a code frame.
    const read = await readTextFile(path);
    const text = 'text' in read ? read.text : '';
    const problems: Problem[] = list
      .map(({ uri: _uri, ...p }) => p)
      .sort(
        (a, b) =>
          a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
      );
    out.push({ path, display: displayPath(path, cwd), text: stripBom(text), problems });
  }
  return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
