/**
 * Node-side project discovery, shared by the language server and the CLI so both find the same config
 * and catalogues: walk up from a scenario to `callflow.config.yaml`, read it and its catalogues from
 * disk, and cache the loaded project until one of those files changes (by mtime).
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTextFileSync } from './read';
import {
  CONFIG_FILE_NAMES,
  type FileProblem,
  type Project,
  type ScenarioService,
  type ServiceHost,
} from '../service';

/** The file-system path of a `file:` uri (or of a plain path), or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  if (/^[a-zA-Z][\w+.-]+:/.test(uri)) return undefined; // untitled:, vscode-notebook-cell:, …
  return resolvePath(uri);
}

/** The `file:` uri of a path. */
export function pathToUri(path: string): string {
  return pathToFileURL(resolvePath(path)).href;
}

function mtimeOf(path: string | undefined): number {
  if (!path) return -1;
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the config for a scenario: the nearest `callflow.config.yaml` (or `.yml`) in the file's folder
 * or any folder above it. Returns its `file:` uri, or undefined (untitled documents, no config).
 */
export function findConfig(fileUri: string): string | undefined {
  const path = uriToPath(fileUri);
  if (!path) return undefined;
  let dir = dirname(path);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return pathToUri(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A service host that reads files from disk and resolves config-relative paths. */
export function createNodeHost(log?: (message: string) => void): ServiceHost {
  return {
    // Only regular files up to the size limit (a catalogue named by a cloned repository may be a FIFO
    // or /dev/zero): anything else is reported as unreadable, and the reason logged.
    readFile(uri: string): string | undefined {
      const path = uriToPath(uri);
      if (!path) return undefined;
      const read = readTextFileSync(path);
      if ('error' in read) {
        log?.(`Cannot read ${path}: ${read.error}.`);
        return undefined;
      }
      return read.text;
    },
    resolve: resolveAgainst,
    log,
  };
}

/** Resolves a path written in a config file against the config file's uri. */
export function resolveAgainst(baseUri: string, path: string): string {
  if (/^file:/.test(path)) return path;
  if (isAbsolute(path)) return pathToUri(path);
  const base = uriToPath(baseUri);
  return base ? pathToUri(join(dirname(base), path)) : new URL(path, baseUri).href;
}

interface CachedProject {
  project: Project;
  /** path → mtime of every file the project was built from (config and catalogues). */
  stamps: Map<string, number>;
}

/** Options for {@link ProjectCache.loadProjectFor}. */
export interface LoadOptions {
  /** Use this config file (a uri or an absolute path) instead of searching (the `callflow.configPath` setting). */
  configPath?: string;
}

/**
 * Loaded projects keyed by config uri, re-read when the config or a catalogue changes on disk (compared by
 * mtime on each lookup). One per host process; `invalidate()` drops everything (e.g. on watched-file events).
 */
export class ProjectCache {
  private readonly projects = new Map<string, CachedProject>();

  constructor(private readonly service: ScenarioService) {}

  /** The project in force for a scenario file. */
  loadProjectFor(fileUri: string, options: LoadOptions = {}): Project {
    const configUri = options.configPath
      ? /^file:/.test(options.configPath)
        ? options.configPath
        : pathToUri(options.configPath)
      : findConfig(fileUri);
    const key = configUri ?? '';
    const cached = this.projects.get(key);
    if (cached && [...cached.stamps].every(([path, mtime]) => mtimeOf(path) === mtime)) return cached.project;
    const configPath = configUri ? uriToPath(configUri) : undefined;
    const stamps = new Map<string, number>();
    let text: string | undefined;
    let unreadable: string | undefined;
    if (configPath) {
      stamps.set(configPath, mtimeOf(configPath));
      const read = readTextFileSync(configPath);
      if ('text' in read) text = read.text;
      else unreadable = read.error;
    }
    const loaded = this.service.loadProject(configUri, text);
    const project: Project =
      configUri && unreadable
        ? { ...loaded, problems: [...loaded.problems, unreadableConfig(configUri, unreadable)] }
        : loaded;
    if (configUri) {
      for (const rel of project.config.catalogue) {
        const p = uriToPath(resolveAgainst(configUri, rel));
        if (p) stamps.set(p, mtimeOf(p));
      }
    }
    this.projects.set(key, { project, stamps });
    return project;
  }

  /** Forgets every cached project (the next lookup re-reads from disk). */
  invalidate(): void {
    this.projects.clear();
  }
}

/** The problem of a config file that cannot be read (a FIFO, a device, a folder, too large). */
function unreadableConfig(configUri: string, why: string): FileProblem {
  const zero = { line: 0, character: 0 };
  return {
    uri: configUri,
    ruleId: 'config/invalid',
    severity: 'error',
    message: `The config cannot be read: ${why}. The defaults apply until it can.`,
    range: { start: zero, end: zero },
  };
}

const caches = new WeakMap<ScenarioService, ProjectCache>();

/**
 * The project for a scenario file, loaded through `service` and cached per service by file mtimes.
 * Equivalent to `new ProjectCache(service).loadProjectFor(fileUri, options)` with a shared cache.
 */
export function loadProjectFor(service: ScenarioService, fileUri: string, options?: LoadOptions): Project {
  let cache = caches.get(service);
  if (!cache) {
    cache = new ProjectCache(service);
    caches.set(service, cache);
  }
  return cache.loadProjectFor(fileUri, options);
}
