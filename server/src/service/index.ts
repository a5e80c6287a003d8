/**
 * The core's door: what the language server, the CLI, the benchmarks and most tests use. Everything
 * behind it is grouped in rooms (see docs/architecture.md):
 *
 * - `syntax/`   text → YAML nodes with ranges: the fast reader, parse, incremental updates, line index,
 *               node accessors, position lookup, the per-document analysis cache
 * - `model/`    what a scenario means: vocabulary, problems and ranges, flow model, code slots,
 *               catalogue, config, project, the preview's graph
 * - `schema/`   JSON Schema validation and its error mapping, schema navigation, precompiled code
 * - `checks/`   the whole check: validate, reuse across edits, suppressions, did-you-mean, rules/
 * - `features/` completion, hover, outline, navigation, code actions
 * - `edits/`    one way to build text edits that keep the file's style
 * - `run/`      rehearsal: plays a scenario (transcript, state, clock, targets, debrief)
 */
export { createScenarioService } from './service';
export type * from './api';
export type {
  Fix,
  Position,
  Problem,
  Range,
  RelatedInfo,
  RuleLevel,
  Severity,
  TextEdit,
} from './model/types';
export type { ScenarioDocument, StepInfo } from './syntax/parse';
export type { TextChange } from './syntax/incremental';
export type { RuleInfo } from './checks/rules/engine';
export { ALL_RULE_INFO } from './checks/rules';
export { CONFIG_FILE_NAMES, DEFAULT_FILE_GLOBS } from './model/config';
export { LineIndex } from './syntax/text';
export type * from '../shared/rehearsal';
export { REHEARSAL_VERSION, isRunInput, isRunParams, isRunRequest, isStartState } from '../shared/rehearsal';
export { CONTINUE } from './run/options';
export { MAX_ENTRIES } from './run/walk';
