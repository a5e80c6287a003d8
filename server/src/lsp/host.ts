/**
 * The language server's host: where files, the config and the catalogue come from. Two implementations:
 * Node's file system (server/src/node/server-host.ts, the desktop server) and the editor's workspace file
 * system through the client (./web-host.ts, the browser build, where the workspace may be `vscode-vfs:`).
 * Both find the config the same way (the nearest `callflow.config.yaml` above the scenario, or the one the
 * `callflow.configPath` setting names), so the editor and the CLI agree on rule ids, messages and ranges.
 */
import type { Project, ScenarioService, ServiceHost } from '../service';
import type { ServerLayouts } from './layout';

/** The projects (config + catalogue) in force for documents, loaded through a service. */
export interface ProjectSource {
  /**
   * The project in force for a document, from what is at hand now. `configUri`: the configured config
   * file (the setting), instead of searching upward.
   */
  projectFor(uri: string, configUri: string | undefined): Project;
  /**
   * Resolves once everything {@link projectFor} reads for this document is at hand. Absent where files are
   * read synchronously (Node); in the browser it fetches the config candidates and catalogues first.
   */
  prepare?(uri: string, configUri: string | undefined): Promise<void>;
  /** Listens for projects that changed without a watched-file event (files that arrived late). */
  onDidChange?(listener: () => void): void;
  /** Forgets cached projects (and files): a watched file changed. */
  invalidate(): void;
}

/** What the server runs on. */
export interface ServerHost {
  /** The files the core reads (catalogues named by a config, scenarios named by run files). */
  readonly files: ServiceHost;
  /** The project source for a service created on {@link files}. */
  projects(service: ScenarioService): ProjectSource;
  /**
   * The `callflow.configPath` setting as a uri: absolute (a uri or a path), or relative to the first
   * workspace folder; undefined when empty (search upward) or when it cannot be placed.
   */
  configUri(configPath: string, rootUri: string | undefined): string | undefined;
  /** The preview's layout engine (`callflow/layout`); absent where none runs (the browser build). */
  readonly layouts?: ServerLayouts;
}
