/**
 * Recorded runs between the editor and the language server, declared once for both sides: the
 * "▶ Replay" code lens's command and its arguments, and `callflow/recordRun` ("Save this run as a
 * test"). Types and small validators only (no runtime dependencies besides vscode-jsonrpc's types).
 */
import { RequestType } from 'vscode-jsonrpc';
import { isRunParams, type RunParams, type RunStart, type RunInput } from './rehearsal';

/** Run files are told apart by their name (`x.runs.yaml` beside `x.scenario.yaml`). */
export function isRunFileUri(uri: string): boolean {
  return /\.runs\.yaml$/i.test(uri);
}

/** The most a run's name may be (characters). */
export const RUN_NAME_LIMIT = 200;

/** The client command a "▶ Replay" lens runs: the rehearsal panel at the end of the run. */
export const REPLAY_COMMAND = 'callflow.replayRun';

/** The lens command's one argument. */
export interface ReplayArgs {
  /** The scenario's uri. */
  uri: string;
  /** The run's name (the panel's title says it). */
  name: string;
  start?: RunStart;
  inputs: RunInput[];
}

/** True for well-formed replay arguments. */
export function isReplayArgs(x: unknown): x is ReplayArgs {
  return isRunParams(x) && isName((x as unknown as Record<string, unknown>).name);
}

const isName = (x: unknown): x is string =>
  typeof x === 'string' && x.trim().length > 0 && x.length <= RUN_NAME_LIMIT;

/** Parameters of `callflow/recordRun`: the scenario, the run as the panel played it, and its name. */
export interface RecordRunParams extends RunParams {
  name: string;
}

/** True for well-formed `callflow/recordRun` parameters. */
export function isRecordRunParams(x: unknown): x is RecordRunParams {
  return isRunParams(x) && isName((x as unknown as Record<string, unknown>).name);
}

/** An edit of the run file, 0-based (LSP) positions. */
export interface RunFileEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/**
 * What `callflow/recordRun` answers: the run file's uri, and either the edits that add the run (on a
 * new file when `create`) or why it cannot be saved (the run has not ended, the name is taken…).
 */
export type RecordRunResult =
  { uri: string; create: boolean; edits: RunFileEdit[] } | { uri: string; error: string };

/**
 * `callflow/recordRun`: replays the run on the open scenario and answers the edit that records it in
 * the scenario's run file with today's results as its expectations; null when the scenario is not open.
 */
export const RecordRunRequest = {
  method: 'callflow/recordRun',
  type: new RequestType<RecordRunParams, RecordRunResult | null, void>('callflow/recordRun'),
} as const;

/** Parameters of `callflow/runCoverage`. */
export interface RunCoverageParams {
  /** The scenario's uri. */
  uri: string;
}

/** What the recorded runs of a scenario exercise, for the preview's shading. */
export interface RunCoverageResult {
  /** The run file read (beside the scenario). */
  runsUri: string;
  /** Steps no recorded run plays. */
  unplayed: string[];
  /** Options and ends taken, of all of them, and the percentage. */
  covered: number;
  total: number;
  percent: number;
}

/**
 * `callflow/runCoverage`: replays the run file beside an open scenario (the editor's text when open,
 * else the file on disk) and answers which steps no run reaches; null when the scenario is not open or
 * has no run file.
 */
export const RunCoverageRequest = {
  method: 'callflow/runCoverage',
  type: new RequestType<RunCoverageParams, RunCoverageResult | null, void>('callflow/runCoverage'),
} as const;
