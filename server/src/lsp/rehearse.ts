/**
 * `callflow/rehearse`: plays the open document from the request's start with its inputs (replayed on the
 * current version, so a client follows edits by asking again) and answers the run as plain data, or null
 * when the document is not open. Parameters are validated on receipt: a malformed request gets
 * InvalidParams and never reaches the service.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { HandlerContext, RequestHandler } from './handlers';
import * as read from './params';
import { RehearseRequest } from '../shared/protocol';
import { RUN_LIMITS, isRunParams } from '../shared/rehearsal';
import type { RunView } from '../service';

const SHAPE = `{ uri, start?: { step?, state? }, inputs: ({ choose: string } | { timeout: true })[] } with at most ${RUN_LIMITS.inputs} inputs`;

/** The handler of `callflow/rehearse`. */
export function rehearseHandler(ctx: HandlerContext): RequestHandler {
  return {
    method: RehearseRequest.method,
    empty: null,
    run(params: unknown): RunView | null {
      const uri = read.documentUri(params, 'uri');
      if (!isRunParams(params))
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `Invalid params: ${RehearseRequest.method} expects ${SHAPE}.`,
        );
      const open = ctx.store.get(uri);
      if (!open) return null;
      const entry = ctx.store.entry(open);
      const project = (entry.project ??= ctx.projectFor(uri));
      return ctx.service.rehearse(entry.doc, project, { start: params.start, inputs: params.inputs });
    },
  };
}
