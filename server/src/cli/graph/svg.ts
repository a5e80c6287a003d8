/**
 * `callflow graph FILE --format svg`: the same picture the preview draws, rendered headless with the
 * same layout code (elkjs in process), the same deterministic text-width estimate and the same scene
 * builder — no browser needed. All scenario text is escaped by the shared SVG serialiser.
 *
 * elkjs (3.4 MB of JavaScript) is loaded only when an SVG is drawn: the bundle keeps it in its own file
 * (dist/elk.bundled.js, which the preview uses too), so `callflow check` does not compile it at start-up.
 */
import type { FlowGraph } from '../../shared/graph';
import { layoutGraph } from '../../shared/layout';
import { renderSvg } from '../../shared/svg';
import { LIGHT_THEME } from '../../shared/theme';
import type { GraphRenderer } from './common';

export const svg: GraphRenderer = async (graph: FlowGraph) => {
  // elkjs is CommonJS whose export is also its own `default`. Required, not imported: dist/cli.js runs
  // the CLI bundle from V8's code cache, where `import()` has no loader (see node/code-cache.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ELK = (require('elkjs/lib/elk.bundled.js') as typeof import('elkjs/lib/elk.bundled.js')).default;
  const layout = await layoutGraph(graph, new ELK());
  return renderSvg(graph, layout, LIGHT_THEME);
};
