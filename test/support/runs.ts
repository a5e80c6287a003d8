/**
 * Helpers for rehearsal tests: the sample scenarios with their projects, and routes through a flow model
 * turned into run inputs (to reach a given step, then play on).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeHost, loadProjectFor, pathToUri } from '../../server/src/node/project';
import {
  CONTINUE,
  createScenarioService,
  type Project,
  type RunInput,
  type RunView,
  type ScenarioDocument,
} from '../../server/src/service';
import { buildFlow, type FlowModel } from '../../server/src/service/model/flow';

export const service = createScenarioService(createNodeHost());
const samplesDir = join(__dirname, '..', '..', 'samples');

/** A sample scenario, parsed, with its project (the nearest config). */
export interface Sample {
  name: string;
  doc: ScenarioDocument;
  project: Project;
  flow: FlowModel;
}

/** Every sample scenario (samples/ and samples/force/). */
export function samples(): Sample[] {
  const out: Sample[] = [];
  for (const dir of [samplesDir, join(samplesDir, 'force')])
    for (const name of readdirSync(dir).sort())
      if (name.endsWith('.scenario.yaml')) {
        const path = join(dir, name);
        const doc = service.parse(pathToUri(path), readFileSync(path, 'utf8'));
        out.push({ name, doc, project: loadProjectFor(service, path), flow: buildFlow(doc) });
      }
  return out;
}

/** The input that takes an edge of the flow model. */
export function inputFor(flow: FlowModel, ei: number): RunInput {
  const e = flow.edges[ei];
  if (e.kind === 'timeout') return { timeout: true };
  if (e.kind === 'choice') return { choose: e.label ?? e.target };
  const d = flow.steps[e.from].data;
  return d?.timeout ? { choose: CONTINUE } : ({ none: true } as unknown as RunInput);
}

/** The inputs of a shortest route from the start to step `to` (breadth first), or undefined. */
export function routeTo(flow: FlowModel, to: number): RunInput[] | undefined {
  const via = new Map<number, number>([[flow.start, -1]]);
  const queue = [flow.start];
  for (let head = 0; head < queue.length && !via.has(to); head++)
    for (const ei of flow.out[queue[head]]) {
      const w = flow.edges[ei].to;
      if (w >= 0 && !via.has(w)) {
        via.set(w, ei);
        queue.push(w);
      }
    }
  if (!via.has(to)) return undefined;
  const edges: number[] = [];
  for (let v = to; via.get(v)! >= 0; v = flow.edges[via.get(v)!].from) edges.unshift(via.get(v)!);
  const inputs = edges.map((ei) => inputFor(flow, ei));
  return inputs.filter((i) => !('none' in i));
}

/** Plays on from a view by taking the first option (or the timeout) at each choice, up to `limit` inputs. */
export function playOn(sample: Sample, inputs: RunInput[], limit = 50): RunView {
  let view = service.rehearse(sample.doc, sample.project, { inputs });
  for (let i = 0; i < limit && view.waiting.kind === 'choice'; i++) {
    const w = view.waiting;
    const safe = w.options.find((o) => !o.critical);
    inputs = [...inputs, safe ? { choose: safe.label } : { timeout: true }];
    view = service.rehearse(sample.doc, sample.project, { inputs });
  }
  return view;
}
