/**
 * The language server on recorded-run files (`*.runs.yaml`, docs/runs.md). They are routed by file
 * name, whatever language id the client gives them: problems (the file's own and its runs replayed
 * through the scenario), completion, hover, quick fixes and a "▶ Replay" code lens on each run. The
 * scenario is the open editor's text when it is open, else the file on disk; a change to it re-checks
 * the open run files that belong to it. `callflow/recordRun` answers the edit that adds a played run to
 * a scenario's run file ("Save this run as a test").
 */
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeLens,
  type DocumentSymbol,
  SymbolKind,
} from 'vscode-languageserver/node';
import type { ServerParts } from './checker';
import * as convert from './convert';
import { clampPosition } from './documents';
import type { RequestHandler } from './handlers';
import * as read from './params';
import {
  RecordRunRequest,
  RunCoverageRequest,
  isRecordRunParams,
  type RecordRunResult,
  type RunCoverageResult,
} from '../shared/runs-protocol';
import { isRunFileUri, REPLAY_COMMAND, type ReplayArgs } from '../shared/runs-protocol';
import {
  completeRunFile,
  hoverRunFile,
  parseRunFile,
  recordedRun,
  recordRunEdit,
  runFileProblems,
  runsPathOf,
  scenarioPathOf,
  type Problem,
  type Project,
  type RunFile,
  type RunOutcome,
  type ScenarioDocument,
} from '../service';

export { isRunFileUri };

/**
 * The request table with run files routed: a `textDocument/…` request on a run file goes to the run
 * files' handler of its method (or answers its empty result), the rest as before; methods only run
 * files answer (the code lens) answer nothing on other documents.
 */
export function routeRunFiles(
  handlers: RequestHandler[],
  runs: Map<string, (params: unknown) => unknown>,
): RequestHandler[] {
  const onRunFile = (params: unknown) => {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    return typeof uri === 'string' && isRunFileUri(uri);
  };
  const routed: RequestHandler[] = handlers.map((h) => ({
    ...h,
    run: (params, token) => {
      if (!onRunFile(params)) return h.run(params, token);
      const run = runs.get(h.method);
      return run ? run(params) : h.empty;
    },
  }));
  for (const [method, run] of runs)
    if (!handlers.some((h) => h.method === method))
      routed.push({ method, empty: [], run: (params) => (onRunFile(params) ? run(params) : []) });
  return routed;
}

/** A re-check waits this long after the last change (typing in the scenario re-checks its runs). */
const DELAY_MS = 150;

/** What run files need from the server. */
export interface RunFilesHost extends ServerParts {
  /** A file's text from disk (undefined when it cannot be read). */
  readFile(uri: string): string | undefined;
  /** Asks the client to fetch the code lenses again (their titles say whether each run passes). */
  refreshLenses?(): void;
}

/** A run file with its scenario, as read now. */
interface Loaded {
  text: string;
  file: RunFile;
  scenarioUri: string;
  scenario?: { doc: ScenarioDocument; project: Project };
}

export class RunFiles {
  private readonly parsed = new Map<string, { version: number; file: RunFile }>();
  private readonly fromDisk = new Map<string, { text: string; doc: ScenarioDocument }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What the lenses of each run file said last (to refresh them only when it changes). */
  private readonly lensKeys = new Map<string, string>();
  private readonly replayed = new WeakMap<
    RunFile,
    { doc: ScenarioDocument; project: Project; outcomes: readonly RunOutcome[] }
  >();

  constructor(private readonly host: RunFilesHost) {}

  /** Checks a run file soon (after an open, a change, or a change of its scenario). */
  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.check(uri);
      }, DELAY_MS),
    );
  }

  /** A scenario changed (in the editor, or on disk): its open run files are checked again. */
  scenarioChanged(scenarioUri: string): void {
    this.fromDisk.delete(scenarioUri);
    for (const td of this.host.store.all())
      if (isRunFileUri(td.uri) && this.read(td.uri)?.scenarioUri === scenarioUri) this.schedule(td.uri);
  }

  /** Every open run file again (files changed on disk, the settings changed). */
  recheckAll(): void {
    this.fromDisk.clear();
    for (const td of this.host.store.all()) if (isRunFileUri(td.uri)) this.schedule(td.uri);
  }

  /** A closed run file: nothing pending, its problems cleared. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.parsed.delete(uri);
    this.lensKeys.delete(uri);
    void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Checks an open run file and publishes its problems. */
  check(uri: string): Problem[] | undefined {
    const loaded = this.load(uri);
    const td = this.host.store.get(uri)?.td;
    if (!loaded || !td) return undefined;
    try {
      const problems = this.problems(loaded);
      void this.host.connection.sendDiagnostics({
        uri,
        version: td.version,
        diagnostics: problems.map((p) => convert.toDiagnostic(p, uri)),
      });
      const lensKey = this.outcomes(loaded)
        .map((o) => lensTitle(o))
        .join('\n');
      if (this.lensKeys.has(uri) && this.lensKeys.get(uri) !== lensKey) this.host.refreshLenses?.();
      this.lensKeys.set(uri, lensKey);
      return problems;
    } catch (e) {
      this.host.health.failures++;
      this.host.health.lastFailure = `runs: ${(e as Error)?.message}`;
      this.host.logger.error(`[runs] ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      return undefined;
    }
  }

  private problems(loaded: Loaded): Problem[] {
    if (!loaded.scenario) {
      const name = loaded.scenarioUri.split('/').pop() ?? loaded.scenarioUri;
      const range = loaded.file.scenario?.range ?? {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      };
      return [
        ...loaded.file.problems,
        {
          ruleId: 'runs/unknown-step',
          severity: 'error',
          message: `The scenario ${name} cannot be read: the runs cannot be replayed. A run file belongs to the scenario beside it (x.runs.yaml → x.scenario.yaml), or to the one its \`scenario:\` names.`,
          range,
        },
      ];
    }
    const { doc, project } = loaded.scenario;
    return runFileProblems(loaded.file, doc, project, this.outcomes(loaded));
  }

  /** The runs replayed through the scenario: once per parse of either (both are kept while unchanged). */
  private outcomes(loaded: Loaded): readonly RunOutcome[] {
    if (!loaded.scenario) return [];
    const { doc, project } = loaded.scenario;
    const known = this.replayed.get(loaded.file);
    if (known?.doc === doc && known.project === project) return known.outcomes;
    const outcomes = this.host.service.replayRuns(loaded.file, doc, project);
    this.replayed.set(loaded.file, { doc, project, outcomes });
    return outcomes;
  }

  /** The open run file, parsed (once per revision), and the uri of its scenario. */
  private read(uri: string): Omit<Loaded, 'scenario'> | undefined {
    const open = this.host.store.get(uri);
    if (!open) return undefined;
    const text = open.td.getText();
    let parsed = this.parsed.get(uri);
    if (parsed?.version !== open.revision) {
      parsed = { version: open.revision, file: parseRunFile(uri, text, open.td.version) };
      this.parsed.set(uri, parsed);
    }
    return { text, file: parsed.file, scenarioUri: scenarioPathOf(uri, parsed.file.scenario?.value) };
  }

  /** The open run file with its scenario. */
  private load(uri: string): Loaded | undefined {
    const read = this.read(uri);
    return read && { ...read, scenario: this.scenario(read.scenarioUri) };
  }

  /** A scenario: the editor's text when it is open, else the file on disk (parsed once per text). */
  private scenario(uri: string): Loaded['scenario'] {
    const { store, service } = this.host;
    const open = store.get(uri);
    if (open && !isRunFileUri(uri)) {
      const entry = store.entry(open);
      return { doc: entry.doc, project: (entry.project ??= this.host.projectFor(uri)) };
    }
    const text = this.host.readFile(uri);
    if (text === undefined) return undefined;
    let known = this.fromDisk.get(uri);
    if (known?.text !== text) {
      known = { text, doc: service.parse(uri, text, 0) };
      this.fromDisk.set(uri, known);
    }
    return { doc: known.doc, project: this.host.projectFor(uri) };
  }

  /**
   * Requests on run files, by method: the server sends a run file's requests here instead of to the
   * scenario handlers (a method not listed answers its empty result).
   */
  handlers(): Map<string, (params: unknown) => unknown> {
    const on = <R>(params: unknown, empty: R, fn: (l: Loaded) => R): R => {
      const loaded = this.load(read.documentUri(params));
      return loaded ? fn(loaded) : empty;
    };
    const at = (params: unknown) => {
      const uri = read.documentUri(params);
      const td = this.host.store.get(uri)!.td;
      return clampPosition(td, read.position((params as Record<string, unknown>).position));
    };
    return new Map<string, (params: unknown) => unknown>([
      [
        'textDocument/completion',
        (params) =>
          on(params, null, (l) =>
            l.scenario
              ? completeRunFile(l.file, l.text, at(params), l.scenario.doc, l.scenario.project).map(
                  convert.toCompletionItem,
                )
              : null,
          ),
      ],
      [
        'textDocument/hover',
        (params) =>
          on(params, null, (l) =>
            l.scenario
              ? convert.toHover(hoverRunFile(l.file, at(params), l.scenario.doc, l.scenario.project))
              : null,
          ),
      ],
      ['textDocument/codeLens', (params) => on(params, [], (l) => this.lenses(l))],
      ['textDocument/documentSymbol', (params) => this.outline(read.documentUri(params))],
      [
        'textDocument/foldingRange',
        (params) =>
          (this.read(read.documentUri(params))?.file.runs ?? [])
            .filter((r) => r.range.end.line > r.range.start.line)
            .map((r) => ({ startLine: r.range.start.line, endLine: r.range.end.line })),
      ],
      ['textDocument/codeAction', (params) => on(params, [], (l) => this.fixes(l, params))],
    ]);
  }

  /** The outline: one entry per run, by its name. */
  private outline(uri: string): DocumentSymbol[] {
    return (this.read(uri)?.file.runs ?? []).map((r) => ({
      name: r.name || `run ${r.index + 1}`,
      detail: `${r.choices.length} choice${r.choices.length === 1 ? '' : 's'}`,
      kind: SymbolKind.Event,
      range: r.range,
      selectionRange: r.nameRange,
    }));
  }

  /**
   * Above each run: "▶ Replay" (opens the rehearsal panel at the end of the run), with whether the run
   * passes today and, when it fails, its first difference.
   */
  private lenses(l: Loaded): CodeLens[] {
    const outcomes = this.outcomes(l);
    return l.file.runs.map((run, i) => {
      const args: ReplayArgs = {
        uri: l.scenarioUri,
        name: run.name,
        inputs: run.choices.map((c) => c.input),
        ...(run.start ? { start: { step: run.start.step?.value, state: run.start.state } } : {}),
      };
      const line = run.range.start.line;
      return {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        command: { title: lensTitle(outcomes[i]), command: REPLAY_COMMAND, arguments: [args] },
      };
    });
  }

  /** The quick fixes of the run file's problems in the range asked for. */
  private fixes(l: Loaded, params: unknown): CodeAction[] {
    const p = params as Record<string, unknown>;
    const context = read.required(p.context, 'context');
    const only = Array.isArray(context.only) ? (context.only as unknown[]) : undefined;
    if (only && !only.some((k) => typeof k === 'string' && CodeActionKind.QuickFix.startsWith(k))) return [];
    const range = read.range(p.range);
    const uri = read.documentUri(params);
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
      a.line < b.line || (a.line === b.line && a.character <= b.character);
    return this.problems(l)
      .filter(
        (pr) => pr.fixes?.length && before(pr.range.start, range.end) && before(range.start, pr.range.end),
      )
      .flatMap((pr) =>
        pr.fixes!.map((fix) => convert.toCodeAction(fix, uri, [convert.toDiagnostic(pr, uri)])),
      );
  }

  /** `callflow/runCoverage`: the steps of an open scenario no run of the run file beside it reaches. */
  coverageHandler(): RequestHandler {
    return {
      method: RunCoverageRequest.method,
      empty: null,
      run: (params: unknown): RunCoverageResult | null => {
        const uri = read.documentUri(params, 'uri');
        const open = this.host.store.get(uri);
        if (!open || isRunFileUri(uri)) return null;
        const runsUri = runsPathOf(uri);
        const text = this.host.store.get(runsUri)?.td.getText() ?? this.host.readFile(runsUri);
        if (text === undefined) return null;
        const entry = this.host.store.entry(open);
        const project = (entry.project ??= this.host.projectFor(uri));
        const { service } = this.host;
        const outcomes = service.replayRuns(parseRunFile(runsUri, text), entry.doc, project);
        const { unplayed, covered, total, percent } = service.runCoverage(entry.doc, outcomes);
        return { runsUri, unplayed, covered, total, percent };
      },
    };
  }

  /** `callflow/recordRun`: the edit that adds a played run to its scenario's run file. */
  recordHandler(): RequestHandler {
    return {
      method: RecordRunRequest.method,
      empty: null,
      run: (params: unknown): RecordRunResult | null => {
        const uri = read.documentUri(params, 'uri');
        if (!isRecordRunParams(params))
          throw new ResponseError(
            ErrorCodes.InvalidParams,
            `Invalid params: ${RecordRunRequest.method} expects { uri, start?, inputs, name }.`,
          );
        const open = this.host.store.get(uri);
        if (!open || isRunFileUri(uri)) return null;
        const entry = this.host.store.entry(open);
        const project = (entry.project ??= this.host.projectFor(uri));
        const view = this.host.service.rehearse(entry.doc, project, {
          start: params.start,
          inputs: params.inputs,
        });
        const run = recordedRun({ name: params.name, start: params.start, inputs: params.inputs, view });
        const runsUri = runsPathOf(uri);
        if (!run)
          return { uri: runsUri, error: 'The run has not reached an end: play it to an end to save it.' };
        const text = this.host.store.get(runsUri)?.td.getText() ?? this.host.readFile(runsUri);
        const existing = text === undefined ? undefined : { text, file: parseRunFile(runsUri, text) };
        const name = uri.split('/').pop() ?? uri;
        const edit = recordRunEdit(run, decodeURIComponent(name), existing);
        if ('error' in edit) return { uri: runsUri, error: edit.error };
        return { uri: runsUri, create: text === undefined, edits: edit.edits.map(convert.toTextEdit) };
      },
    };
  }
}

/** A lens's title: the action, and how the run fares today. */
function lensTitle(outcome: RunOutcome | undefined): string {
  if (!outcome) return '▶ Replay';
  if (outcome.passed) return '▶ Replay · ✓ passes';
  const first = outcome.failures[0]?.message ?? 'fails';
  return `▶ Replay · ✗ ${first.length > 90 ? first.slice(0, 89) + '…' : first}`;
}
