/** A service on an in-memory host, and a helper to parse an inline document with a `|` cursor. */
import { at } from './cursor';
import {
  createScenarioService,
  type Project,
  type ScenarioService,
  type ScenarioDocument,
  type Position,
} from '../../server/src/service';

/** A service whose host serves `files` (uri → text). */
export function memoryService(files: Record<string, string> = {}): ScenarioService {
  return createScenarioService({
    readFile: (uri) => files[uri],
    resolve: (base, path) => new URL(path, base).href,
  });
}

/** Parses a marked document: the document, the cursor position and the default project. */
export function docAt(
  service: ScenarioService,
  marked: string,
  project?: Project,
): { doc: ScenarioDocument; pos: Position; project: Project } {
  const { text, position } = at(marked);
  return {
    doc: service.parse('file:///t/test.scenario.yaml', text, 1),
    pos: position,
    project: project ?? service.loadProject(undefined, undefined),
  };
}
