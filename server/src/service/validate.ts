/**
 * Loading a project (config + catalogues) and checking a document: parse problems, schema, rules,
 * then severities from the config and inline suppressions. The CLI and the editor both come here.
 */
import type { CancellationToken, FileProblem, Project, ServiceHost } from './api';
import { defaultCatalogue, loadCatalogue } from './catalogue';
import { defaultConfig, parseConfig } from './config';
import { didYouMean } from './didyoumean';
import { buildFlow } from './flow';
import type { ScenarioDocument } from './parse';
import { ALL_RULE_INFO, RULES } from './rules';
import { runRules } from './rules/engine';
import { type SchemaValidators, validateAgainst } from './schema';
import { applySuppressions } from './suppress';
import { code } from './text';
import type { Problem } from './types';

/** Loads the project a config file describes (undefined: the defaults and the shipped catalogue). */
export function loadProject(
  host: ServiceHost,
  validators: SchemaValidators,
  configUri: string | undefined,
  configText: string | undefined,
): Project {
  const knownRules = new Set(ALL_RULE_INFO.map((r) => r.id));
  const problems: FileProblem[] = [];
  let config = defaultConfig();
  if (configUri && configText !== undefined) {
    const parsed = parseConfig(configUri, configText, validators);
    config = parsed.config;
    problems.push(...parsed.problems.map((p) => ({ ...p, uri: configUri })));
    for (const id of Object.keys(config.rules)) {
      if (knownRules.has(id)) continue;
      const suggestion = didYouMean(id, knownRules);
      problems.push({
        uri: configUri,
        ruleId: 'config/invalid',
        severity: 'warning',
        message: `Unknown rule ${code(id)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
        range: findLineOf(configText, id),
      });
    }
  }
  const files: { uri: string; text: string }[] = [];
  for (const path of config.catalogue) {
    const uri = configUri ? host.resolve(configUri, path) : path;
    const text = host.readFile(uri);
    if (text === undefined) {
      problems.push({
        uri: configUri ?? uri,
        ruleId: 'config/invalid',
        severity: 'error',
        message: `The catalogue ${code(path)} cannot be read (looked for ${uri}).`,
        range: findLineOf(configText ?? '', path),
      });
    } else files.push({ uri, text });
  }
  const { catalogue, problems: catProblems } = files.length
    ? loadCatalogue(files, validators)
    : { catalogue: defaultCatalogue(), problems: [] };
  problems.push(...catProblems);
  return { configUri, config, catalogue, problems };
}

/** Every problem of a document, after rule levels and suppressions, in source order. */
export function validateDocument(
  doc: ScenarioDocument,
  project: Project,
  validators: SchemaValidators,
  token?: CancellationToken,
): Problem[] {
  const levels = project.config.rules;
  const problems: Problem[] = [...doc.problems];
  if (doc.convertible) problems.push(...validateAgainst('scenario', doc, validators));
  if (token?.isCancellationRequested) return [];
  if (doc.root) {
    const flow = buildFlow(doc);
    problems.push(...runRules(RULES, doc, flow, project.catalogue, (id) => levels[id] !== 'off'));
  }
  const leveled: Problem[] = [];
  for (const p of applySuppressions(doc, problems)) {
    const level = levels[p.ruleId];
    if (level === 'off') continue;
    leveled.push(level ? { ...p, severity: level } : p);
  }
  return leveled.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function findLineOf(text: string, needle: string): Problem['range'] {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { start: { line: i, character: c }, end: { line: i, character: c + needle.length } };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
