/**
 * The flow graph model: plain data shared by the service (which builds it), the language server (which
 * sends it as `callflow/graph`), the CLI (which exports it) and the preview renderer (which draws it).
 * Nothing here imports anything: the webview bundles this file as it is.
 */

/** A zero-based position; `character` counts UTF-16 code units, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A zero-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export type GraphStepKind = 'caller' | 'handler' | 'action' | 'choice' | 'timer' | 'end';

/** A problem as the graph shows it on a step (the full problem lives in the diagnostics). */
export interface GraphProblem {
  ruleId: string;
  severity: Severity;
  message: string;
}

/** One step of the call. */
export interface GraphNode {
  /** The step id (the key under `steps:`). */
  id: string;
  kind: GraphStepKind;
  /** The step's main text: what is said, the prompt, or the action in words. */
  text: string;
  /** Range of the step id key, for reveal and cursor sync. */
  range: Range;
  /** Range of the whole step (key and value), for "which step is the cursor in". */
  fullRange: Range;
  /** Reachable from `start`. */
  reachable: boolean;
  /** Problems whose range lies in this step. */
  problems: GraphProblem[];
  /** A grade this step sets (action steps), shown on the path. */
  grade?: string;
  /** Action steps: what is done, and to whom. */
  action?: string;
  to?: string;
  /** Facts the step reveals. */
  facts?: string[];
  /** End steps: the result (pass, acceptable, fail, critical-failure). */
  result?: string;
  /** Caller steps: how the line comes across (`silence`, `disconnect`, `press-55`…), when not speech. */
  event?: string;
  /** Timer steps: how long the wait lasts, in seconds. */
  seconds?: number;
  /** Grading steps: the incident category set with the grade, and why. */
  category?: string;
  rationale?: string;
}

export type GraphEdgeKind = 'next' | 'choice' | 'timeout';

/** A transition. `to` may name a step that does not exist (a dangling `next`): then `missing` is true. */
export interface GraphEdge {
  /** Stable id: `from->to#kind#index`. */
  id: string;
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** The choice label, or the timeout in words. */
  label?: string;
  /** Range of the target id in the YAML. */
  range: Range;
  /** Choice edges: the critical-failure reason. */
  critical?: string;
  score?: number;
  missing?: boolean;
}

/** The whole graph of one scenario. */
export interface FlowGraph {
  uri: string;
  /** The document version the graph was built from, when the caller gave one. */
  version?: number;
  title?: string;
  /** The `start` step id, when it names an existing step. */
  start?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}
