/**
 * Custom LSP requests and notifications, declared once and imported by both the client and the server
 * (the vscode-eslint pattern): each has its method name and its typed parameters and result.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { FlowGraph } from './graph';
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
