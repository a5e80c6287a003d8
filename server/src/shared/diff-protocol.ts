/**
 * `callflow/diff`: the flow diff of an open document against an older text of it (the client reads the
 * old version from git or another file), with the diff drawing ready to show. Shared by the language
 * server and the client's "Compare Flow with…" panel.
 */
import { RequestType } from 'vscode-jsonrpc';
import type { FlowDiff } from './flow-diff';
import type { Range } from './graph';

/** Parameters of `callflow/diff`. */
export interface DiffParams {
  /** The open document (the new version). */
  uri: string;
  /** The old version's text. */
  oldText: string;
  /** Draw for a dark theme. */
  dark?: boolean;
}

/** The answer: the diff, the drawing (an SVG document), and where each step of the new version is. */
export interface DiffResult {
  diff: FlowDiff;
  svg: string;
  /** Why `svg` is empty, in words for the panel (the flow is too big, or no layout engine runs here). */
  noDrawing?: string;
  /** The id range of each step of the new version (for changes recorded on the old side). */
  steps: Record<string, Range>;
}

/** `callflow/diff`: null when the document is not open. */
export const DiffRequest = {
  method: 'callflow/diff',
  type: new RequestType<DiffParams, DiffResult | null, void>('callflow/diff'),
} as const;

/** Largest old text the request accepts (as for files: 20 MB). */
export const DIFF_MAX_TEXT = 20 * 1024 * 1024;
