/**
 * The language-service core without a server: an in-memory host, projects built from inline config and
 * catalogue texts, and `check()` that runs the full pipeline (`validateDocument`) on an inline scenario.
 */
import { parseScenario } from '../../server/src/service/syntax/parse';
import { SchemaValidators } from '../../server/src/service/schema/validators';
import { loadProject, validateDocument } from '../../server/src/service/checks/validate';
import type {
  Project,
  ServiceHost,
  ScenarioDocument,
  Position,
  Problem,
  TextEdit,
} from '../../server/src/service';

/** One validator set for all tests (compiling the schemas is the slow part). */
export const validators = new SchemaValidators();

/** A host over a map of uri → text; `resolve` joins paths with `/` relative to the base's folder. */
export function memoryHost(files: Record<string, string> = {}): ServiceHost {
  return {
    readFile: (uri) => files[uri],
    resolve: (base, path) => base.slice(0, base.lastIndexOf('/') + 1) + path,
  };
}

/**
 * A project from inline texts: `config` is the text of `mem:/ws/callflow.config.yaml` (none: defaults),
 * `files` are other files of the workspace by name (e.g. `{'codes.yaml': '…'}`), under `mem:/ws/`.
 */
export function project(config?: string, files: Record<string, string> = {}): Project {
  const byUri: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) byUri['mem:/ws/' + name] = text;
  const configUri = config === undefined ? undefined : 'mem:/ws/callflow.config.yaml';
  return loadProject(memoryHost(byUri), validators, configUri, config);
}

/** Parses an inline scenario. */
export function parse(text: string): ScenarioDocument {
  return parseScenario('mem:/ws/test.scenario.yaml', text);
}

/** Every problem of an inline scenario, through the full pipeline, with the default project unless given. */
export function check(text: string, proj: Project = project()): Problem[] {
  return validateDocument(parse(text), proj, validators);
}

/** The problems of one rule. */
export function only(problems: Problem[], ruleId: string): Problem[] {
  return problems.filter((p) => p.ruleId === ruleId);
}

/** `rule@line:col-line:col` per problem (zero-based), for readable whole-list assertions. */
export function summary(problems: Problem[]): string[] {
  return problems.map(
    (p) =>
      `${p.ruleId}@${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`,
  );
}

function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text[i++];
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line++;
  }
  return i + pos.character;
}

/** Applies edits (non-overlapping) to a text, as an editor would. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const { s, e, t } of sorted) out = out.slice(0, s) + t + out.slice(e);
  return out;
}

/** A minimal valid scenario header; append `steps:` entries indented by two spaces. */
export const HEADER = 'callflow: 1\nid: test\ntitle: Test\nstart: answer\nsteps:\n';

/** A scenario from step lines (each indented by two spaces already). */
export function scenario(...stepLines: string[]): string {
  return HEADER + stepLines.map((l) => l + '\n').join('');
}
