/**
 * Which project (config, catalogue, rule levels) applies to each file: found exactly as the editor finds
 * it (server/src/node/project.ts), with the CLI's `--config` and `--codes` overrides on top.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { ProjectCache, pathToUri, resolveAgainst, uriToPath } from '../node/project';
import { readTextFileSync } from '../node/read';
import type { FileProblem, Project, ScenarioService as Service } from '../service';

/** The overrides given on the command line (absolute paths). */
export interface ProjectOptions {
  configPath?: string;
  codesPath?: string;
}

/** A project with a key that changes whenever anything it was built from changes. */
export interface ResolvedProject {
  project: Project;
  /** Hash of the config text, the catalogue texts and the rule levels (for the cache). */
  key: string;
}

/** Loads and caches projects for one process. */
export class CliProjects {
  private readonly cache: ProjectCache;
  private readonly resolved = new Map<Project, ResolvedProject>();
  /** Folder → project: the config is looked up once per folder within one run. */
  private readonly byFolder = new Map<string, ResolvedProject>();

  constructor(
    private readonly service: Service,
    private readonly options: ProjectOptions,
  ) {
    this.cache = new ProjectCache(service);
  }

  /** The project in force for a file (absolute path). */
  forFile(path: string): ResolvedProject {
    const folder = dirname(path);
    const known = this.byFolder.get(folder);
    if (known) return known;
    const base = this.cache.loadProjectFor(pathToUri(path), { configPath: this.options.configPath });
    let done = this.resolved.get(base);
    if (!done) {
      const project = this.options.codesPath ? this.withCodes(base, this.options.codesPath) : base;
      done = { project, key: projectKey(project) };
      this.resolved.set(base, done);
    }
    this.byFolder.set(folder, done);
    return done;
  }

  /** Every distinct project loaded so far. */
  all(): ResolvedProject[] {
    return [...this.resolved.values()];
  }

  /** The project with its catalogue replaced by the `--codes` file. */
  private withCodes(base: Project, codesPath: string): Project {
    const codesUri = pathToUri(codesPath);
    const pseudoConfig = pathToUri(resolve('callflow.config.yaml'));
    const loaded = this.service.loadProject(
      pseudoConfig,
      `callflow: 1\ncatalogue: ${JSON.stringify(codesPath)}\n`,
    );
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const codesProblems: FileProblem[] = loaded.problems.map((p) =>
      p.uri === pseudoConfig ? { ...p, uri: codesUri, range: zero } : p,
    );
    return {
      configUri: base.configUri,
      config: { ...base.config, catalogue: [codesPath] },
      catalogue: loaded.catalogue,
      problems: [
        ...base.problems.filter((p) => p.uri === base.configUri && p.data?.kind !== 'unreadable-file'),
        ...codesProblems,
      ],
    };
  }
}

function readOrEmpty(uri: string): string {
  const path = uriToPath(uri);
  if (!path) return '';
  const read = readTextFileSync(path);
  return 'text' in read ? read.text : '\0unreadable';
}

/** Hash of everything a project was built from. */
function projectKey(project: Project): string {
  const h = createHash('sha256');
  h.update(project.configUri ?? '-');
  h.update('\0');
  h.update(project.configUri ? readOrEmpty(project.configUri) : '');
  for (const path of project.config.catalogue) {
    const uri = project.configUri ? resolveAgainst(project.configUri, path) : pathToUri(path);
    h.update('\0');
    h.update(uri);
    h.update('\0');
    h.update(readOrEmpty(uri));
  }
  h.update('\0');
  h.update(JSON.stringify(project.config));
  return h.digest('hex');
}
