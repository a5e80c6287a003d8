/**
 * `callflow graph FILE --format svg`: the same picture the preview draws, rendered headless with the
 * same layout code (elkjs), the same deterministic text-width estimate and the same scene builder — no
 * browser needed. All scenario text is escaped by the shared SVG serialiser.
 *
 * elkjs (3.4 MB of JavaScript) is loaded only when an SVG is drawn, from its own file (dist/elk.bundled.js,
 * which the preview uses too), so `callflow check` does not compile it at start-up. It runs in a worker
 * thread with a deep stack: ELK recurses along the flow, and a chain of 5,000 steps overflowed the main
 * thread's stack. Above {@link SVG_MAX_STEPS} steps the layout would take minutes: the command refuses
 * and names the formats that draw big graphs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FlowGraph } from '../../shared/graph';
import { layoutGraph, type ElkLike, type ElkNode } from '../../shared/layout';
import { renderPrintSvg, renderSvg } from '../../shared/svg';
import { LIGHT_THEME } from '../../shared/theme';
import { InputError } from '../errors';
import type { GraphRenderer } from './common';

/** The most steps `--format svg` lays out (documented in the README's Limits). */
export const SVG_MAX_STEPS = 10_000;

/** The layout thread's stack, in MB (the main thread has about 1). */
const LAYOUT_STACK_MB = 256;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elk);
new ELK().layout(workerData.graph).then(
  (graph) => parentPort.postMessage({ graph }),
  (e) => parentPort.postMessage({ error: String((e && e.message) || e) }),
);`;

function elkPath(): string {
  const beside = join(__dirname, 'elk.bundled.js'); // dist/, beside the CLI bundle
  return existsSync(beside) ? beside : require.resolve('elkjs/lib/elk.bundled.js');
}

/** elkjs in a worker thread with a deep stack (also used by `callflow diff --format svg`). */
export function elkInWorker(): ElkLike {
  return {
    layout: (graph: ElkNode) =>
      new Promise<ElkNode>((resolve, reject) => {
        const worker = new Worker(WORKER, {
          eval: true,
          workerData: { graph, elk: elkPath() },
          resourceLimits: { stackSizeMb: LAYOUT_STACK_MB },
        });
        worker.once('message', (m: { graph?: ElkNode; error?: string }) => {
          void worker.terminate();
          if (m.graph) resolve(m.graph);
          else reject(new Error(m.error));
        });
        worker.once('error', reject);
      }),
  };
}

function tooBig(steps: number, why: string): InputError {
  return new InputError(
    `The flow has ${steps.toLocaleString('en')} steps: ${why}. Use --format dot (Graphviz lays out big graphs) or mermaid, or split the scenario.`,
  );
}

export const svg: GraphRenderer = async (graph: FlowGraph, _file, options = {}) => {
  const steps = graph.nodes.length;
  if (steps > SVG_MAX_STEPS)
    throw tooBig(steps, `SVG output lays out at most ${SVG_MAX_STEPS.toLocaleString('en')}`);
  try {
    const layout = await layoutGraph(graph, elkInWorker());
    return options.layout === 'print'
      ? renderPrintSvg(graph, layout, LIGHT_THEME, options.paper ?? 'a4')
      : renderSvg(graph, layout, LIGHT_THEME);
  } catch (e) {
    if (/call stack|out of memory|heap/i.test((e as Error)?.message ?? ''))
      throw tooBig(steps, 'the layout ran out of room');
    throw e;
  }
};
