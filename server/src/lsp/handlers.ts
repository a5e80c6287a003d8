/**
 * The request handlers, as a table: each reads its parameters defensively (params.ts), finds the open
 * document and its parse, clamps positions into the document, calls the service and converts the result
 * (convert.ts). `registerHandlers` wires them through the lifecycle gate and the safe runner.
 */
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { CacheEntry } from './cache';
import type { Checker } from './checker';
import * as convert from './convert';
import { clampPosition, type DocumentStore, type OpenDocument } from './documents';
import * as read from './params';
import { safeHandler, type Health, type Logger } from './safe';
import { GraphRequest } from '../shared/protocol';
import type { Position, Project, ScenarioService } from '../service';

/** What the handlers use. */
export interface HandlerContext {
  service: ScenarioService;
  store: DocumentStore;
  checker: Checker;
  projectFor(uri: string): Project;
}

/** One request: its method, the answer when the document is not open (or on a bug), and the handler. */
export interface RequestHandler {
  method: string;
  empty: unknown;
  run(params: unknown, token: CancellationToken): unknown;
}

/** Where the server is in the LSP lifecycle: requests are answered only while it runs. */
export interface Lifecycle {
  state: 'starting' | 'running' | 'shut down';
}

/** The open document of a uri with its parse, and positions clamped into it. */
interface At {
  open: OpenDocument;
  entry: CacheEntry;
  project(): Project;
  at(value: unknown, what?: string): Position;
}

function handler<R>(
  method: string,
  empty: R,
  run: (params: unknown, token: CancellationToken) => R | Promise<R>,
) {
  return { method, empty, run };
}

/** The request handlers of the language server. */
export function requestHandlers(ctx: HandlerContext): RequestHandler[] {
  const { service } = ctx;
  const on = <R>(params: unknown, empty: R, fn: (doc: At) => R, key?: 'uri'): R => {
    const uri = read.documentUri(params, key);
    const open = ctx.store.get(uri);
    if (!open) return empty;
    const entry = ctx.store.entry(open);
    const project = () => (entry.project ??= ctx.projectFor(uri));
    return fn({ open, entry, project, at: (v, what) => clampPosition(open.td, read.position(v, what)) });
  };
  const p = (params: unknown) => params as Record<string, unknown>;
  return [
    handler('textDocument/completion', null, (params) =>
      on(params, null, ({ open, entry, project, at }) => {
        const position = at(p(params).position);
        if (read.optional(p(params).context).triggerCharacter === ' ') {
          const before = open.td.getText({ start: { line: position.line, character: 0 }, end: position });
          if (!/[:,[{-] $/.test(before)) return null;
        }
        const list = service.complete(entry.doc, position, project());
        return { isIncomplete: list.incomplete, items: list.items.map(convert.toCompletionItem) };
      }),
    ),
    handler('textDocument/hover', null, (params) =>
      on(params, null, ({ entry, project, at }) =>
        convert.toHover(service.hover(entry.doc, at(p(params).position), project())),
      ),
    ),
    handler('textDocument/documentSymbol', [], (params) =>
      on(params, [], ({ entry }) => service.symbols(entry.doc).map(convert.toDocumentSymbol)),
    ),
    handler('textDocument/foldingRange', [], (params) =>
      on(params, [], ({ entry }) => service.foldingRanges(entry.doc).map(convert.toFoldingRange)),
    ),
    handler('textDocument/definition', null, (params) =>
      on(params, null, ({ open, entry, at }) => {
        const range = service.definition(entry.doc, at(p(params).position));
        return range ? convert.toLocation(open.td.uri, range) : null;
      }),
    ),
    handler('textDocument/references', [], (params) =>
      on(params, [], ({ open, entry, at }) => {
        const context = read.required(p(params).context, 'context');
        return service
          .references(entry.doc, at(p(params).position), context.includeDeclaration === true)
          .map((r) => convert.toLocation(open.td.uri, r));
      }),
    ),
    handler('textDocument/documentHighlight', [], (params) =>
      on(params, [], ({ entry, at }) =>
        service.highlights(entry.doc, at(p(params).position)).map(convert.toHighlight),
      ),
    ),
    handler('textDocument/prepareRename', null, (params) =>
      on(params, null, ({ entry, at }) => {
        const r = service.prepareRename(entry.doc, at(p(params).position));
        if (!r) return null;
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return r;
      }),
    ),
    handler('textDocument/rename', null, (params) =>
      on(params, null, ({ open, entry, at }) => {
        const newName = read.string(p(params).newName, 'newName');
        const r = service.rename(entry.doc, at(p(params).position), newName);
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return convert.toWorkspaceEdit(open.td.uri, r.edits);
      }),
    ),
    handler('textDocument/codeAction', [] as CodeAction[], (params) => codeActions(ctx, params)),
    handler(GraphRequest.method, null, (params) => graph(ctx, params)),
  ];
}

/** The flow graph with the problems of the sliced check of the current revision. */
async function graph(ctx: HandlerContext, params: unknown) {
  const uri = read.documentUri(params, 'uri');
  const open = ctx.store.get(uri);
  if (!open) return null;
  const problems = await ctx.checker.problems(open);
  const entry = ctx.store.entry(open);
  if (!problems || !entry.project) return null; // the document changed meanwhile
  return ctx.service.graph(entry.doc, entry.project, problems);
}

/** Quick fixes for the problems in a range, from the sliced check of the current revision. */
async function codeActions(ctx: HandlerContext, params: unknown): Promise<CodeAction[]> {
  const uri = read.documentUri(params);
  const p = params as Record<string, unknown>;
  const context = read.required(p.context, 'context');
  const open = ctx.store.get(uri);
  if (!open) return [];
  const range = read.range(p.range);
  const clamped = { start: clampPosition(open.td, range.start), end: clampPosition(open.td, range.end) };
  const only = Array.isArray(context.only) ? (context.only as unknown[]) : undefined;
  if (only && !only.some((k) => typeof k === 'string' && CodeActionKind.QuickFix.startsWith(k))) return [];
  const problems = await ctx.checker.problems(open);
  if (!problems) return [];
  const entry = ctx.store.entry(open);
  const sent = Array.isArray(context.diagnostics) ? (context.diagnostics as Diagnostic[]) : [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const problem of problems) {
    const diagnostics = sent.filter(
      (d) =>
        d?.code === problem.ruleId &&
        d.range?.start?.line === problem.range.start.line &&
        d.range?.start?.character === problem.range.start.character,
    );
    for (const fix of ctx.service.codeActions(entry.doc, clamped, [problem])) {
      const key = fix.title + JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push(convert.toCodeAction(fix, uri, diagnostics));
    }
  }
  return actions;
}

/** Registers request handlers behind the lifecycle gate and the safe runner. */
export function registerHandlers(
  connection: Connection,
  handlers: readonly RequestHandler[],
  lifecycle: Lifecycle,
  logger: Logger,
  health: Health,
): void {
  for (const h of handlers) {
    const safe = safeHandler(h.method, logger, health, h.empty, h.run);
    connection.onRequest(h.method, (params: unknown, token: CancellationToken) => {
      if (lifecycle.state === 'starting')
        return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet.');
      if (lifecycle.state === 'shut down')
        return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
      return safe(params, token);
    });
  }
}
