/**
 * The service factory: one object with every feature, plain data in and out. The host supplies file
 * access; documents and projects are passed in and never stored, so the caller owns every cache.
 */
import type { ScenarioService, ServiceHost } from './api';
import { buildFlow } from './model/flow';
import { buildGraph } from './model/graph';
import { parseScenario, type ScenarioDocument } from './syntax/parse';
import { updateScenario } from './syntax/incremental';
import { ALL_RULE_INFO } from './checks/rules';
import { SchemaValidators } from './schema/validators';
import { loadProject, validateDocument, validateDocumentInSlices } from './checks/validate';
import { complete } from './features/complete';
import { hover } from './features/hover';
import { foldingRanges, symbols } from './features/symbols';
import { definition, highlights, prepareRename, references, rename } from './features/navigate';
import { codeActions } from './features/actions';
import { rehearse } from './run/rehearse';
import { bestRouteOf } from './run/best-route';
import { parseRunFile } from './runs/parse';
import { replayRuns, runProblems } from './runs/replay';
import { runCoverage } from './runs/coverage';
import { analyseRoutes } from './run/routes';
import { withModelRun } from './run/model-run';

/** Creates the language service. */
export function createScenarioService(host: ServiceHost): ScenarioService {
  const validators = new SchemaValidators();
  // A bug of the fast YAML reader is invisible to the user (the full parser reads the text): the log says so.
  const reported = (doc: ScenarioDocument): ScenarioDocument => {
    if (doc.readerFault)
      host.log?.(
        `The fast YAML reader failed on ${doc.uri} (${doc.readerFault}); the full parser read it instead. Please report it with the file.`,
      );
    return doc;
  };
  const service: ScenarioService = {
    loadProject: (configUri, configText) => loadProject(host, validators, configUri, configText),
    parse: (uri, text, version) => reported(parseScenario(uri, text, version)),
    update: (prev, changes, version, newText) =>
      reported(updateScenario(prev, changes, version, newText).doc),
    validate: (doc, project, token) => validateDocument(doc, project, validators, token),
    validateInSlices: (doc, project, token, pause) =>
      validateDocumentInSlices(doc, project, validators, token, pause),
    graph: (doc, _project, problems) => buildGraph(doc, buildFlow(doc), problems ?? []),
    complete: (doc, position, project) => complete(doc, position, project),
    hover: (doc, position, project) => hover(doc, position, project, ALL_RULE_INFO),
    symbols: (doc) => symbols(doc),
    foldingRanges: (doc) => foldingRanges(doc),
    definition: (doc, position) => definition(doc, position),
    references: (doc, position, includeDeclaration) => references(doc, position, includeDeclaration),
    prepareRename: (doc, position) => prepareRename(doc, position),
    rename: (doc, position, newName) => rename(doc, position, newName),
    highlights: (doc, position) => highlights(doc, position),
    codeActions: (doc, range, problems) => codeActions(doc, range, problems),
    rehearse: (doc, project, request) => rehearse(doc, project, request),
    bestRoute: (doc, start) => bestRouteOf(doc, start),
    parseRuns: (uri, text, version) => parseRunFile(uri, text, version),
    replayRuns: (runs, doc, project) => replayRuns(doc, project, runs),
    checkRuns: (runs, doc, project, outcomes) =>
      runProblems(runs, outcomes ?? replayRuns(doc, project, runs), project.config.rules),
    runCoverage: (doc, outcomes) => runCoverage(doc, outcomes),
    routes: (doc, project) => withModelRun(doc, project, analyseRoutes(doc)),
    rules: ALL_RULE_INFO,
  };
  return Object.freeze(service);
}
