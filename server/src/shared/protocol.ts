/**
 * Custom LSP requests and notifications, declared once and imported by both the client and the server
 * (the vscode-eslint pattern): each has its method name and its typed parameters and result.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { FlowGraph } from './graph';
import type { WireLayout } from './layout';
import type { LayoutDirection } from './preview-protocol';
import type { RunParams, RunView } from './rehearsal';

/** Parameters of `callflow/graph`. */
export interface GraphParams {
  /** The document uri, as the client knows it. */
  uri: string;
}

/** `callflow/graph`: the flow graph model of an open document, with its current problems on each step. */
export const GraphRequest = {
  method: 'callflow/graph',
  type: new RequestType<GraphParams, FlowGraph | null, void>('callflow/graph'),
} as const;

/** Parameters of `callflow/layout`. */
export interface LayoutParams {
  /** The document uri, as the client knows it. */
  uri: string;
  /** Default `DOWN`. */
  direction?: LayoutDirection;
  /** Structure ids (`structureId`) of the layouts the preview already holds: no layout is sent for them. */
  have?: string[];
}

/** The answer of `callflow/layout`. */
export interface LayoutResult {
  /** The flow graph, as `callflow/graph` answers it. */
  graph: FlowGraph;
  /** The structure id of the graph's layout. */
  id: string;
  /**
   * The laid-out positions; absent when the preview holds them already (`have`), or when the server
   * cannot lay out (the browser build, a layout process that failed): the preview then lays out itself.
   */
  layout?: WireLayout;
}

/**
 * `callflow/layout`: the flow graph of an open document with its layout, computed in the language
 * server's warm layout process (the desktop server) and cached by structure, so the preview draws at once.
 */
export const LayoutRequest = {
  method: 'callflow/layout',
  type: new RequestType<LayoutParams, LayoutResult | null, void>('callflow/layout'),
} as const;

/**
 * `callflow/warmLayout` (client → server): the user has opened the preview before, so the server starts
 * and warms its layout process once a scenario is checked; without it the process starts with the first
 * `callflow/layout` (users who never open the preview never pay its memory).
 */
export const WarmLayoutNotification = {
  method: 'callflow/warmLayout',
  type: new NotificationType<Record<string, never>>('callflow/warmLayout'),
} as const;

/**
 * `callflow/rehearse`: plays the open document from `start` with `inputs` (replayed from the start on the
 * current version) and returns the run; null when the document is not open. Invalid params are rejected
 * with InvalidParams.
 */
export const RehearseRequest = {
  method: 'callflow/rehearse',
  type: new RequestType<RunParams, RunView | null, void>('callflow/rehearse'),
} as const;

/** The server's health, for the client's language status item. */
export interface StatusParams {
  state: 'ok' | 'warning' | 'error';
  /** One line for the status item, e.g. the active catalogue. */
  message: string;
  /** The config file in force for the active document, if any. */
  configUri?: string;
  catalogue?: string;
}

/** `callflow/status`: sent by the server when its health or the active project changes. */
export const StatusNotification = {
  method: 'callflow/status',
  type: new NotificationType<StatusParams>('callflow/status'),
} as const;

/** Parameters of `callflow/readFiles`. */
export interface ReadFilesParams {
  /** Uris of the files wanted, as the server names them (any scheme: `file:`, `vscode-vfs:`, …). */
  uris: string[];
}

/** The largest file the client hands over through `callflow/readFiles` (as the desktop server reads: 20 MB). */
export const MAX_WORKSPACE_FILE_BYTES = 20 * 1024 * 1024;

/**
 * `callflow/readFiles` (server → client, the browser build): the text of each file through the editor's
 * workspace file system, in the order asked; null for a file that does not exist, is not a regular file,
 * is larger than {@link MAX_WORKSPACE_FILE_BYTES} or cannot be read. The desktop server reads the disk
 * itself and never sends it.
 */
export const ReadFilesRequest = {
  method: 'callflow/readFiles',
  type: new RequestType<ReadFilesParams, (string | null)[], void>('callflow/readFiles'),
} as const;
