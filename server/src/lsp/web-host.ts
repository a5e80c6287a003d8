/**
 * The browser build's host: files come from the editor's workspace file system through the client
 * (`callflow/readFiles`), whatever the scheme (`file:`, `vscode-remote:`, github.dev's `vscode-vfs:`).
 * The core reads synchronously, so the host keeps the files it has fetched: before a check,
 * {@link ProjectSource.prepare} fetches the config candidates above the scenario (one request) and the
 * catalogues the config names (a second one). A file read before it is at hand counts as absent and is
 * fetched; when it turns out to exist, listeners hear of it and the documents are checked again.
 * The config is found as on the desktop: the nearest `callflow.config.yaml` (or `.yml`) in the
 * scenario's folder or a folder above it, or the one the `callflow.configPath` setting names.
 */
import { CONFIG_FILE_NAMES, type Project, type ScenarioService } from '../service';
import type { ProjectSource, ServerHost } from './host';

/** Asks the client for files: their texts in order, null where a file is absent or unreadable. */
export type ReadFiles = (uris: string[]) => Promise<(string | null)[]>;

const SCHEME_AND_AUTHORITY = /^([a-zA-Z][\w+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/;

/** The uris of the config files that may apply to `uri`: its folder first, then each folder above. */
export function configCandidates(uri: string): string[] {
  const m = SCHEME_AND_AUTHORITY.exec(uri);
  if (!m || !m[2].startsWith('/')) return []; // untitled:Untitled-1 and other uris without a folder
  const segments = m[2].split('/').slice(1, -1);
  const out: string[] = [];
  for (let n = segments.length; n >= 0; n--) {
    const dir = `${m[1]}/${segments
      .slice(0, n)
      .map((s) => `${s}/`)
      .join('')}`;
    for (const name of CONFIG_FILE_NAMES) out.push(dir + name);
  }
  return out;
}

/** Resolves a path written in a config against the config's uri, keeping its scheme and authority. */
export function resolveAgainstUri(baseUri: string, path: string): string {
  if (/^[a-zA-Z][\w+.-]+:/.test(path)) return path;
  try {
    return new URL(path.replace(/\\/g, '/'), baseUri).href;
  } catch {
    return path;
  }
}

/** A server host reading through `read` (the client's workspace file system). */
export function createClientFsHost(read: ReadFiles, log?: (message: string) => void): ServerHost {
  const files = new FetchedFiles(read, log);
  return {
    files: { readFile: (uri) => files.readFile(uri), resolve: resolveAgainstUri, log },
    projects: (service) => clientProjects(service, files),
    configUri(configPath, rootUri) {
      if (!configPath) return undefined;
      if (/^[a-zA-Z][\w+.-]+:/.test(configPath) && !/^[a-zA-Z]:[\\/]/.test(configPath)) return configPath;
      if (!rootUri) return undefined;
      return resolveAgainstUri(rootUri.endsWith('/') ? rootUri : `${rootUri}/`, configPath);
    },
  };
}

/** The files fetched so far through the client. */
class FetchedFiles {
  /** uri → text, or null: fetched and absent. A uri not here has not been fetched. */
  readonly known = new Map<string, string | null>();
  private readonly missed = new Set<string>();
  private fetchingMissed = false;
  /** While set, reads of files not fetched yet are not fetched afterwards (prepare fetches them). */
  quiet = false;
  /** Called when files read before they were fetched arrived and one of them exists. */
  onMissedFound: () => void = () => undefined;

  constructor(
    private readonly read: ReadFiles,
    private readonly log?: (message: string) => void,
  ) {}

  /** Fetches the files not known yet; true when one of them exists. */
  async fetch(uris: string[]): Promise<boolean> {
    const wanted = [...new Set(uris)].filter((u) => !this.known.has(u));
    if (!wanted.length) return false;
    let texts: (string | null)[] = [];
    try {
      texts = await this.read(wanted);
    } catch (e) {
      this.log?.(
        `Cannot read ${wanted.join(', ')} through the editor: ${(e as Error)?.message ?? String(e)}`,
      );
    }
    wanted.forEach((u, i) => this.known.set(u, typeof texts[i] === 'string' ? texts[i] : null));
    return wanted.some((u) => this.known.get(u) !== null);
  }

  /** The text of a fetched file; undefined when absent or not fetched yet (then fetched soon). */
  readFile(uri: string): string | undefined {
    const text = this.known.get(uri);
    if (text !== undefined) return text ?? undefined;
    if (!this.quiet) {
      this.missed.add(uri);
      void this.fetchMissed();
    }
    return undefined;
  }

  private async fetchMissed(): Promise<void> {
    if (this.fetchingMissed) return;
    this.fetchingMissed = true;
    await Promise.resolve(); // the reads of this turn go in one request
    const uris = [...this.missed];
    this.missed.clear();
    this.fetchingMissed = false;
    if (await this.fetch(uris)) this.onMissedFound();
  }
}

function clientProjects(service: ScenarioService, files: FetchedFiles): ProjectSource {
  const projects = new Map<string, Project>();
  const listeners: (() => void)[] = [];
  files.onMissedFound = () => {
    projects.clear();
    for (const l of listeners) l();
  };
  const configFor = (uri: string, configUri: string | undefined): string | undefined =>
    configUri ?? configCandidates(uri).find((c) => typeof files.known.get(c) === 'string');
  const load = (configUri: string | undefined): Project => {
    const key = configUri ?? '';
    let project = projects.get(key);
    if (!project) {
      const text = configUri ? files.readFile(configUri) : undefined;
      project = service.loadProject(configUri, text);
      projects.set(key, project);
    }
    return project;
  };
  return {
    projectFor: (uri, configUri) => load(configFor(uri, configUri)),
    async prepare(uri, configUri) {
      const fetchedConfigs = await files.fetch(configUri ? [configUri] : configCandidates(uri));
      const config = configFor(uri, configUri);
      if (!config) return;
      if (fetchedConfigs) projects.delete(config);
      // The config's catalogues, from a load that is not kept (it lacks them) and fetches nothing itself.
      files.quiet = true;
      let names: string[];
      try {
        names = service.loadProject(config, files.readFile(config)).config.catalogue;
      } finally {
        files.quiet = false;
      }
      const catalogues = names.map((rel) => resolveAgainstUri(config, rel));
      if (await files.fetch(catalogues)) projects.delete(config); // loaded again with its catalogues
    },
    onDidChange: (listener) => void listeners.push(listener),
    invalidate() {
      projects.clear();
      files.known.clear();
    },
  };
}
