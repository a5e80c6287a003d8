/**
 * `callflow/layout`: the preview's graph with its positions, laid out by the server's warm layout
 * process (server/src/node/layout-process.ts) so the preview's first picture needs no ELK of its own.
 * Layouts are cached by structure (as the preview caches them), so a text-only edit lays out nothing;
 * the preview names the layouts it holds (`have`) and gets only the graph for those. A layout asked for
 * a version that is no longer the latest is dropped before it starts. Where the server has no layout
 * process (the browser build), or it fails, the answer carries the graph alone and the preview lays out
 * itself, as before: the user sees no error.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { HandlerContext, RequestHandler } from './handlers';
import * as read from './params';
import {
  prepareLayout,
  readLayout,
  structureId,
  toWire,
  type ElkNode,
  type WireLayout,
} from '../shared/layout';
import type { LayoutDirection } from '../shared/preview-protocol';
import { LayoutRequest, type LayoutResult } from '../shared/protocol';

/** A layout engine that lives as long as the server (the desktop server's layout process). */
export interface ServerLayouts {
  /** Starts the engine and warms it up, in the background (called after diagnostics are out). */
  warm(): void;
  /** Lays out ELK JSON; rejects (without laying out) when `stale()` turns true before it starts. */
  layout(graph: ElkNode, stale?: () => boolean): Promise<ElkNode>;
  dispose(): void;
}

/**
 * When the layout engine warms up: once the client said the preview is wanted (it was opened in an
 * earlier session) and a scenario's diagnostics are out, whichever comes last.
 */
export function layoutWarmer(layouts: ServerLayouts | undefined): {
  checked(): void;
  wanted(): void;
  readonly isWanted: boolean;
} {
  let checked = false;
  let wanted = false;
  return {
    checked() {
      checked = true;
      if (wanted) layouts?.warm();
    },
    wanted() {
      wanted = true;
      if (checked) layouts?.warm();
    },
    get isWanted() {
      return wanted;
    },
  };
}

/** Layouts kept by structure key (one per recent structure of any open document). */
const CACHE_SIZE = 8;
/** How long a document rests after a change before its layout is made ahead of the preview. */
const PREFETCH_DELAY_MS = 400;
/** The largest flow laid out ahead (larger ones are laid out when the preview asks). */
const PREFETCH_MAX_STEPS = 2_500;

/** `callflow/layout`, and layouts made ahead of the preview's request. */
export interface LayoutHandler extends RequestHandler {
  /**
   * Lays out the document's current structure in the background once it has rested and its check is
   * done, so the preview, when opened, finds it in the cache (only when the preview is wanted).
   */
  prefetch(uri: string): void;
}

/** The handler of `callflow/layout`; `layouts` is absent where the server cannot lay out. */
export function layoutHandler(
  ctx: HandlerContext,
  layouts: ServerLayouts | undefined,
  log?: (message: string) => void,
): LayoutHandler {
  const cache = new Map<string, WireLayout>();
  const latest = new Map<string, number>();
  /** Layouts on their way, by structure key: a second request for one waits for it. */
  const running = new Map<string, Promise<ElkNode>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let seq = 0;

  async function answer(
    uri: string,
    direction: LayoutDirection,
    have: string[],
    stillWanted: () => boolean,
    maxSteps = Infinity,
  ): Promise<LayoutResult | null> {
    const open = ctx.store.get(uri);
    if (!open) return null;
    const version = open.td.version;
    const problems = await ctx.checker.problems(open);
    const entry = ctx.store.entry(open);
    if (!problems || !entry.project) return null; // the document changed meanwhile
    const graph = ctx.service.graph(entry.doc, entry.project, problems);
    const prepared = prepareLayout(graph, direction);
    const id = structureId(prepared.key);
    if (have.includes(id)) return { graph, id };
    const known = cache.get(prepared.key);
    if (known) {
      cache.delete(prepared.key);
      cache.set(prepared.key, known);
      return { graph, id, layout: known };
    }
    if (!layouts || graph.nodes.length > maxSteps) return { graph, id };
    const stale = () => !stillWanted() || ctx.store.get(uri)?.td.version !== version;
    let result: ElkNode;
    const t0 = performance.now();
    const start = () => {
      const job = layouts.layout(prepared.elkGraph, stale);
      running.set(prepared.key, job);
      const done = () => running.get(prepared.key) === job && running.delete(prepared.key);
      job.then(done, done);
      return job;
    };
    const shared = running.get(prepared.key);
    try {
      // Another request's layout of the same structure may have been dropped as stale: then ours runs.
      result = shared ? await shared.catch(() => (stale() ? shared : start())) : await start();
    } catch (e) {
      if (stale()) return null;
      log?.(`[layout] the preview lays out itself: ${e instanceof Error ? e.message : String(e)}`);
      return { graph, id };
    }
    const layout = toWire(readLayout(prepared, result));
    log?.(`[layout] ${graph.nodes.length} steps laid out in ${Math.round(performance.now() - t0)} ms`);
    cache.set(prepared.key, layout);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return { graph, id, layout };
  }

  return {
    method: LayoutRequest.method,
    empty: null,
    run(params: unknown, token: CancellationToken): Promise<LayoutResult | null> {
      const uri = read.documentUri(params, 'uri');
      const p = read.optional(params);
      const direction: LayoutDirection = p.direction === 'RIGHT' ? 'RIGHT' : 'DOWN';
      const have = Array.isArray(p.have) ? p.have.filter((h) => typeof h === 'string') : [];
      const mine = ++seq;
      latest.set(uri, mine);
      return answer(uri, direction, have, () => !token.isCancellationRequested && latest.get(uri) === mine);
    },
    prefetch(uri: string): void {
      if (!layouts) return;
      clearTimeout(timers.get(uri));
      const timer = setTimeout(() => {
        timers.delete(uri);
        const wanted = () => timers.get(uri) === undefined && ctx.store.get(uri) !== undefined;
        void answer(uri, 'DOWN', [], wanted, PREFETCH_MAX_STEPS).catch(() => undefined);
      }, PREFETCH_DELAY_MS);
      timer.unref?.();
      timers.set(uri, timer);
    },
  };
}
