/**
 * `callflow graph FILE --format svg`: the same picture the preview draws, rendered headless with the
 * same layout code (elkjs in process), the same deterministic text-width estimate and the same scene
 * builder — no browser needed. All scenario text is escaped by the shared SVG serialiser.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { FlowGraph } from '../../shared/graph';
import { layoutGraph } from '../../shared/layout';
import { renderSvg } from '../../shared/svg';
import { LIGHT_THEME } from '../../shared/theme';
import type { GraphRenderer } from './common';

export const svg: GraphRenderer = async (graph: FlowGraph) => {
  const layout = await layoutGraph(graph, new ELK());
  return renderSvg(graph, layout, LIGHT_THEME);
};
