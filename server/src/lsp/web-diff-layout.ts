/**
 * The browser build's stand-in for server/src/cli/graph/svg.ts (scripts/build.mjs swaps it in for
 * dist/server-web.js): ELK runs there in a Node worker thread, which a web worker does not have. In the
 * browser the flow diff (`callflow/diff`) lists its changes without the picture: no graph is small enough
 * to be drawn, and a layout asked for anyway says why it failed.
 */
import type { ElkLike } from '../shared/layout';

/** No graph is drawn by the server in the browser. */
export const SVG_MAX_STEPS = -1;

/** A layout engine that refuses: the server has no ELK in the browser. */
export function elkInWorker(): ElkLike {
  return {
    layout: () => Promise.reject(new Error('The flow diff is not drawn in the browser (no layout engine).')),
  };
}
