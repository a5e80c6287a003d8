/** A service on an in-memory host, and a helper to parse an inline document with a `|` cursor. */
import { createScenarioService } from '../../server/src/service/service';
import type { Project, ScenarioService } from '../../server/src/service/api';
import type { ScenarioDocument } from '../../server/src/service/parse';
import type { Position } from '../../server/src/service/types';
import { at } from './cursor';

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
