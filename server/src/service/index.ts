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
 * - `run/`      rehearsal: plays a scenario (transcript, state, clock, targets, debrief); route analysis
 * - `runs/`     recorded runs (`*.runs.yaml`): parse, replay and compare, coverage
 * - `diff/`     the flow diff: two versions compared as flows (renames, transitions, options, effects)
 * - `export/`   the trainee pack: trainee view, hidden answers, pack player, script and marking sheet
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
export { applyEdits, fixAll, isFixable, safeFix } from './edits/fix-all';
export type { AppliedFix, Checked, FixResult } from './edits/fix-all';
export type * from '../shared/rehearsal';
export { REHEARSAL_VERSION, isRunInput, isRunParams, isRunRequest, isStartState } from '../shared/rehearsal';
export type * from '../shared/routes';
export { ROUTES_VERSION } from '../shared/routes';
export { CONTINUE } from './run/options';
export { MAX_ENTRIES } from './run/walk';
export { diffFlows, type DiffInput } from './diff';
export { diffGraph } from './diff/graph';
export type * from './diff/types';
export { CHANGE_KINDS, FLOW_DIFF_VERSION } from './diff/types';
export type * from './runs/model';
export {
  CODE_EXPECTATIONS,
  NONE,
  RUN_RESULTS,
  RUNS_FORMAT_VERSION,
  RUNS_SUFFIX,
  TARGET_STATUSES,
  runsPathOf,
  scenarioPathOf,
} from './runs/model';
export { parseRunFile } from './runs/parse';
export { clockText } from './runs/compare';
export { completeRunFile } from './features/runs-complete';
export { hoverRunFile } from './features/runs-hover';
export { recordedRun, recordRunEdit, type RunToRecord, type RecordEdit } from './features/record-run';
export { runFileProblems } from './features/runs-fixes';
export { traineeScenario } from './export/trainee';
export { hideText, revealText } from './export/codec';
export { catalogueData, catalogueFromData, type CatalogueData } from './export/catalogue-data';
export {
  PACK_VERSION,
  PackPlayer,
  isPackData,
  type MarkedChoice,
  type PackAnswers,
  type PackData,
  type PackRun,
} from './export/pack';
export { scriptBranches, type BranchCue, type ScriptBranch, type ScriptLine } from './export/script';
export { markingSheet, type MarkingSheet } from './export/marking';
export { premiseOf, type Premise } from './export/premise';
