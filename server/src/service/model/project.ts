/**
 * A project: the configuration in force for a scenario (its config file, catalogue and rule levels),
 * and what the service needs from its host to load one.
 */
import type { Catalogue } from './catalogue';
import type { ProjectConfig } from './config';
import type { Problem } from './types';

/** What the service needs from its host. The service itself does no I/O. */
export interface ServiceHost {
  /** The text of a file named by a config (a catalogue), or undefined when it cannot be read. */
  readFile(uri: string): string | undefined;
  /** Resolves `path` (as written in a config file) against the config file's uri. */
  resolve(baseUri: string, path: string): string;
  log?(message: string): void;
}

/** A problem in a file other than the scenario (a config or catalogue). */
export interface FileProblem extends Problem {
  uri: string;
}

/** The configuration in force for a scenario: its config file, catalogue and rule levels. */
export interface Project {
  /** The config file, when one was found. */
  configUri?: string;
  config: ProjectConfig;
  catalogue: Catalogue;
  /** Problems in the config and catalogue files. A CLI exits 2 when any is an error. */
  problems: FileProblem[];
}
