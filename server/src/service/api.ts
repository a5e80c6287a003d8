/**
 * The service's public interface: plain data in, plain data out. The language server and the CLI are
 * thin fronts on it, so the editor and CI always agree on rule ids, messages and ranges.
 */
import type { FlowGraph } from '../shared/graph';
import type { RunInput, RunRequest, RunStart, RunView } from '../shared/rehearsal';
import type { RouteReport } from '../shared/routes';
import type { Project } from './model/project';
import type { ScenarioDocument } from './syntax/parse';
import type { TextChange } from './syntax/incremental';
import type { RuleInfo } from './checks/rules/engine';
import type { CancellationToken, Fix, Position, Problem, Range, TextEdit } from './model/types';
import type { RunCoverage, RunFile, RunOutcome } from './runs/model';

export type { FileProblem, Project, ServiceHost } from './model/project';
export type { CancellationToken } from './model/types';

export type CompletionKind = 'property' | 'value' | 'step' | 'code' | 'snippet' | 'keyword';

/** A completion proposal. `insertText` is a snippet (with `$1` placeholders) when `snippet` is true. */
export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  snippet?: boolean;
  /** The text the proposal replaces (the half-typed word), when not just the cursor. */
  range?: Range;
  filterText?: string;
  sortText?: string;
  /** Another edit applied with the item (e.g. quoting). */
  additionalEdits?: TextEdit[];
}

/** Completion proposals; `incomplete` when more would match than are listed (ask again as the user types). */
export interface CompletionList {
  items: CompletionItem[];
  incomplete: boolean;
}

/** Markdown hover text for a range. */
export interface HoverResult {
  markdown: string;
  range: Range;
}

export type SymbolKind = 'file' | 'object' | 'property' | 'step' | 'array' | 'string' | 'number' | 'event';

/** An outline entry. */
export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}

/** A rename: every edit, or why not. */
export type RenameResult = { edits: TextEdit[] } | { error: string };

/** The step-id occurrence under the cursor, for prepareRename. */
export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

/** The language service. One per host; documents and projects are passed in, never stored. */
export interface ScenarioService {
  /** Loads a project: the config text (undefined → defaults) and the catalogues it names (read via the host). */
  loadProject(configUri: string | undefined, configText: string | undefined): Project;
  /** Parses a document version. The caller caches the result per (uri, version). */
  parse(uri: string, text: string, version?: number): ScenarioDocument;
  /**
   * The next version of a parsed document after LSP-style changes: re-parses only the step an edit
   * touches when it can, the whole text otherwise (the result is the same either way). Consumes `prev`:
   * its nodes move into the new document, so only the newest version may be updated. `newText` is the
   * text after the changes when the caller has it (an editor's document): it saves building a copy.
   */
  update(
    prev: ScenarioDocument,
    changes: readonly TextChange[],
    version?: number,
    newText?: string,
  ): ScenarioDocument;
  /** Every problem of the document: parse, schema, flow, code and domain rules, after severities and suppressions. */
  validate(doc: ScenarioDocument, project: Project, token?: CancellationToken): Problem[];
  /**
   * `validate` in slices (the schema, the flow model, each rule) with `await pause()` between them, for
   * large documents in an editor: other requests get in between, and a check whose `token` is cancelled
   * stops at the next pause (undefined) without touching the document.
   */
  validateInSlices(
    doc: ScenarioDocument,
    project: Project,
    token: CancellationToken,
    pause: () => Promise<void>,
  ): Promise<Problem[] | undefined>;
  /** The flow graph model, with each step's problems when `problems` is given. */
  graph(doc: ScenarioDocument, project: Project, problems?: Problem[]): FlowGraph;
  complete(doc: ScenarioDocument, position: Position, project: Project): CompletionList;
  hover(doc: ScenarioDocument, position: Position, project: Project): HoverResult | undefined;
  symbols(doc: ScenarioDocument): DocumentSymbol[];
  foldingRanges(doc: ScenarioDocument): FoldingRange[];
  /** The step a step-id occurrence (a `next`, `start` or key) refers to. */
  definition(doc: ScenarioDocument, position: Position): Range | undefined;
  /** Every occurrence of the step id under the cursor (the key, `start`, every `next`). */
  references(doc: ScenarioDocument, position: Position, includeDeclaration: boolean): Range[];
  prepareRename(doc: ScenarioDocument, position: Position): PrepareRenameResult | undefined;
  rename(doc: ScenarioDocument, position: Position, newName: string): RenameResult;
  highlights(doc: ScenarioDocument, position: Position): Range[];
  /** Quick fixes for the given problems (their own fixes plus "suppress this rule here"). */
  codeActions(doc: ScenarioDocument, range: Range, problems: Problem[]): Fix[];
  /**
   * Plays the document as the trainee would, from the request's start (the `start:` step or any step, with
   * an optional starting state) with its inputs replayed: the transcript, the state, what the run waits
   * for and, at an end, the debrief. Deterministic; never throws on a scenario with problems.
   */
  rehearse(doc: ScenarioDocument, project: Project, request: RunRequest): RunView;
  /**
   * The inputs that play the best route from a start (the highest score to a pass/acceptable end with no
   * critical option): the model answer, to replay with `rehearse`. Empty when no such end is reachable.
   */
  bestRoute(doc: ScenarioDocument, start?: RunStart): RunInput[];
  /**
   * Reads a recorded-run file (`*.runs.yaml`, docs/runs.md): every run, choice and expectation with its
   * range, and the file's own problems (YAML, shape, values). Never throws.
   */
  parseRuns(uri: string, text: string, version?: number): RunFile;
  /**
   * Replays every run of a run file through its scenario (`doc`) and compares it with what it expects:
   * passed, or failed with its differences (a choice no longer offered, with did-you-mean, stops the run).
   */
  replayRuns(runs: RunFile, doc: ScenarioDocument, project: Project): RunOutcome[];
  /**
   * The problems of a run file against its scenario, for the editor: the file's own problems, then each
   * run's differences (`runs/unknown-choice` and `runs/unknown-step` errors, `runs/failed` warnings).
   * Pass the outcomes of `replayRuns` when you have them, to replay only once.
   */
  checkRuns(
    runs: RunFile,
    doc: ScenarioDocument,
    project: Project,
    outcomes?: readonly RunOutcome[],
  ): Problem[];
  /** Which options and ends of a scenario the replayed runs exercise (of every file of that scenario). */
  runCoverage(doc: ScenarioDocument, outcomes: readonly RunOutcome[]): RunCoverage;
  /**
   * Route analysis from the `start:` step, loops collapsed: per end the routes, worst and best score,
   * earliest and latest time to each target, critical-only ends; options no run can pick; the model route
   * with its recorded run (docs/runs.md).
   */
  routes(doc: ScenarioDocument, project: Project): RouteReport;
  /** Every rule with its documentation (README, SARIF rule metadata, hover on a suppression). */
  readonly rules: readonly RuleInfo[];
}
