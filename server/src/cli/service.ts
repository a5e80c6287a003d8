/**
 * The CLI's view of the language service: the part of `ScenarioService` a headless check needs.
 *
 * While the editor features (completion, hover, navigation…) are still being written, `service.ts` in
 * the service folder does not compile on its own, so this adapter wires the same functions the service
 * factory wires (`loadProject`, `parseScenario`, `validateDocument`, `buildGraph`). Once
 * `createScenarioService` builds, this file becomes `return createScenarioService(host)`.
 */
import type { ScenarioService, ServiceHost } from '../service/api';
import { buildFlow } from '../service/flow';
import { buildGraph } from '../service/graph';
import { parseScenario } from '../service/parse';
import { ALL_RULE_INFO } from '../service/rules';
import { SchemaValidators } from '../service/schema';
import { loadProject, validateDocument } from '../service/validate';

/** The service features the CLI uses. */
export type CheckService = Pick<ScenarioService, 'loadProject' | 'parse' | 'validate' | 'graph' | 'rules'>;

/** Creates the service for one process (or worker): the schemas are compiled once, on first use. */
export function createCheckService(host: ServiceHost): CheckService {
  const validators = new SchemaValidators();
  return Object.freeze({
    loadProject: (configUri, configText) => loadProject(host, validators, configUri, configText),
    parse: (uri, text, version) => parseScenario(uri, text, version),
    validate: (doc, project, token) => validateDocument(doc, project, validators, token),
    graph: (doc, _project, problems) => buildGraph(doc, buildFlow(doc), problems ?? []),
    rules: ALL_RULE_INFO,
  } satisfies CheckService);
}
