/**
 * `callflow diff --format svg`: the preview's drawing of the new version, laid out as `callflow graph
 * --format svg` lays it out, with the changes coloured and the removed steps and transitions as ghosts.
 */
import { diffScene } from '../../shared/diff-marks';
import { layoutGraph } from '../../shared/layout';
import { serializeScene } from '../../shared/svg';
import { LIGHT_THEME } from '../../shared/theme';
import { UsageError } from '../errors';
import { elkInWorker, SVG_MAX_STEPS } from '../graph/svg';
import type { DiffRenderer } from './report';

export const svg: DiffRenderer = async (files) => {
  if (files.length !== 1)
    throw new UsageError(`--format svg draws one scenario; ${files.length} changed (name one after \`--\`).`);
  const { graph, marks } = files[0];
  if (graph.nodes.length > SVG_MAX_STEPS)
    throw new UsageError(
      `The flow has ${graph.nodes.length} steps: SVG output lays out at most ${SVG_MAX_STEPS}.`,
    );
  const layout = await layoutGraph(graph, elkInWorker());
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeScene(diffScene(graph, layout, LIGHT_THEME, marks))}\n`;
};
