/**
 * `callflow/diff`: compares the open document with an older text of it (see shared/diff-protocol.ts)
 * and draws the diff as `callflow diff --format svg` does, in the editor's light or dark palette.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { HandlerContext, RequestHandler } from './handlers';
import * as read from './params';
import { DIFF_MAX_TEXT, DiffRequest, type DiffResult } from '../shared/diff-protocol';
import { diffScene } from '../shared/diff-marks';
import { layoutGraph } from '../shared/layout';
import { serializeScene } from '../shared/svg';
import { DARK_THEME, LIGHT_THEME } from '../shared/theme';
import { elkInWorker, SVG_MAX_STEPS } from '../cli/graph/svg';
import { diffFlows, diffGraph } from '../service';

/**
 * The most steps the panel's drawing lays out: past this the layout takes tens of seconds; the panel
 * then lists the changes without the drawing (and says so).
 */
export const DIFF_DRAW_MAX_STEPS = 2_000;

/**
 * The diff drawing as SVG text, or '' with the reason when the flow is too big to draw here or no layout
 * engine runs (the browser build's server has none: its stand-in for cli/graph/svg.ts sets SVG_MAX_STEPS
 * to -1).
 */
async function drawing(
  drawn: ReturnType<typeof diffGraph>,
  dark: boolean,
): Promise<{ svg: string; noDrawing?: string }> {
  const cli = 'callflow diff --format svg draws it';
  if (SVG_MAX_STEPS < 0)
    return {
      svg: '',
      noDrawing: `The flow is not drawn in the browser: the changes are listed on the left (${cli}).`,
    };
  const steps = drawn.graph.nodes.length;
  if (steps > Math.min(DIFF_DRAW_MAX_STEPS, SVG_MAX_STEPS))
    return {
      svg: '',
      noDrawing: `The flow has ${steps.toLocaleString('en-GB')} steps, too many to draw here (up to ${DIFF_DRAW_MAX_STEPS.toLocaleString('en-GB')}): the changes are listed on the left (${cli}).`,
    };
  try {
    const layout = await layoutGraph(drawn.graph, elkInWorker());
    return {
      svg: serializeScene(diffScene(drawn.graph, layout, dark ? DARK_THEME : LIGHT_THEME, drawn.marks)),
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      svg: '',
      noDrawing: `The flow could not be laid out (${why}): the changes are listed on the left.`,
    };
  }
}

/** The handler of `callflow/diff`. */
export function diffHandler(ctx: HandlerContext): RequestHandler {
  return {
    method: DiffRequest.method,
    empty: null,
    async run(params: unknown): Promise<DiffResult | null> {
      const uri = read.documentUri(params, 'uri');
      const p = read.required(params, 'params');
      const oldText = read.string(p.oldText, 'oldText');
      if (oldText.length > DIFF_MAX_TEXT)
        throw new ResponseError(ErrorCodes.InvalidParams, 'Invalid params: oldText is longer than 20 MB.');
      const open = ctx.store.get(uri);
      if (!open) return null;
      const entry = ctx.store.entry(open);
      const project = (entry.project ??= ctx.projectFor(uri));
      const newProblems = (await ctx.checker.problems(open)) ?? ctx.service.validate(entry.doc, project);
      const oldDoc = ctx.service.parse(uri, oldText);
      const before = { doc: oldDoc, problems: ctx.service.validate(oldDoc, project) };
      const after = { doc: entry.doc, problems: newProblems };
      const diff = diffFlows(before, after, project);
      const drawn = diffGraph(
        ctx.service.graph(before.doc, project, before.problems),
        ctx.service.graph(after.doc, project, after.problems),
        diff,
      );
      const picture = await drawing(drawn, p.dark === true);
      const steps = Object.fromEntries(entry.doc.steps.map((s) => [s.id, s.keyRange]));
      return { diff, ...picture, steps };
    },
  };
}
