/**
 * The project config (`callflow.config.yaml`): which catalogue, which rule levels, which files. The
 * editor and the CLI find and read the same file, so they always agree. The host finds it (walking up
 * from the scenario) and reads it; this module only interprets its text.
 */
import { parseYamlText } from '../syntax/parse';
import { validateAgainst, type SchemaValidators } from '../schema/validators';
import type { Problem, RuleLevel } from './types';

/** The file name the hosts look for, walking up from a scenario. */
export const CONFIG_FILE_NAMES = ['callflow.config.yaml', 'callflow.config.yml'];

/** Scenario globs when the config names none. */
export const DEFAULT_FILE_GLOBS = ['**/*.scenario.yaml', '**/*.scenario.yml'];

/** The interpreted config. */
export interface ProjectConfig {
  /** Catalogue paths as written (relative to the config file). */
  catalogue: string[];
  /** Rule id → level. */
  rules: Record<string, RuleLevel>;
  files: string[];
}

/** The config in force when there is no config file. */
export function defaultConfig(): ProjectConfig {
  return { catalogue: [], rules: {}, files: [...DEFAULT_FILE_GLOBS] };
}

/** Reads a config text. Invalid parts are reported and left at their defaults. */
export function parseConfig(
  uri: string,
  text: string,
  validators: SchemaValidators,
): { config: ProjectConfig; problems: Problem[] } {
  const doc = parseYamlText(
    uri,
    text,
    undefined,
    'The config file is empty: it is used with default settings.',
  );
  const problems: Problem[] = doc.problems.map((p) =>
    p.ruleId === 'schema/empty' ? { ...p, severity: 'info' as const } : p,
  );
  const config = defaultConfig();
  if (!doc.convertible || !doc.value || typeof doc.value !== 'object') return { config, problems };
  const schemaProblems = validateAgainst('config', doc, validators).map((p) => ({
    ...p,
    ruleId: 'config/invalid' as const,
  }));
  problems.push(...schemaProblems);
  const raw = doc.value as { catalogue?: unknown; rules?: unknown; files?: unknown };
  if (typeof raw.catalogue === 'string') config.catalogue = [raw.catalogue];
  else if (Array.isArray(raw.catalogue))
    config.catalogue = raw.catalogue.filter((c): c is string => typeof c === 'string');
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (level === 'off' || level === 'info' || level === 'warning' || level === 'error')
        config.rules[id] = level;
    }
  }
  if (Array.isArray(raw.files) && raw.files.every((f) => typeof f === 'string') && raw.files.length)
    config.files = raw.files as string[];
  return { config, problems };
}
