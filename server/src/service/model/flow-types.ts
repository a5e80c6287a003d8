/** The flow model's types: a document's steps and the transitions written on them. */
import type { StepInfo } from '../syntax/parse';
import type { Range } from './types';
import type { AnalysisCache } from '../syntax/analysis';

export type EdgeKind = 'next' | 'choice' | 'timeout';

/** A transition as written. `to` is -1 when the target does not exist. */
export interface FlowEdge {
  from: number;
  to: number;
  target: string;
  kind: EdgeKind;
  /** Choice index, for choice edges. */
  choice?: number;
  label?: string;
  critical?: string;
  score?: number;
  /** Facts a choice reveals. */
  facts?: string[];
  /** The target id's range (or the key's when the value is not a plain id). */
  readonly range: Range;
  offsets: [number, number];
}

/** The graph of one document. */
export interface FlowModel {
  steps: StepInfo[];
  edges: FlowEdge[];
  /** Outgoing / incoming edge indices per step. */
  out: number[][];
  in: number[][];
  /** Index of the start step, or -1. */
  start: number;
  /** The `start` value and its range, when present. */
  startValue?: { id: string; range: Range; offsets: [number, number] };
  reachable: boolean[];
  /** Reachable steps in reverse postorder from the start (a good order for forward dataflow). */
  order: number[];
  /** The analysis cache of the document the model was built from: values derived from it are kept there. */
  analysis: AnalysisCache;
}

/** The edges of a flow model with each step's outgoing and incoming edge indices. */
export type Graph = Pick<FlowModel, 'edges' | 'out' | 'in'>;
