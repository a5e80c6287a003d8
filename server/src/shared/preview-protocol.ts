/**
 * Messages between the preview host (the VS Code panel, or any page embedding the renderer) and the
 * preview webview. Declared once, imported by both sides, and validated on receipt with `isHostMessage`
 * and `isWebviewMessage`: a message that fails validation is dropped (the webview answers `error`).
 */
import type { FlowGraph, GraphEdgeKind, GraphStepKind } from './graph';
import type { WireLayout } from './layout';

/** Layout direction: top-to-bottom or left-to-right. */
export type LayoutDirection = 'DOWN' | 'RIGHT';

/** Rendering options the host may send with a graph. */
export interface PreviewOptions {
  /** Default `DOWN`. */
  direction?: LayoutDirection;
}

/** Export formats. */
export type ExportFormat = 'svg' | 'png';

/** Host → webview: draw this graph (keeps zoom, pan and selection; unchanged structure keeps positions). */
export interface GraphMessage {
  type: 'graph';
  graph: FlowGraph;
  options?: PreviewOptions;
  /**
   * The graph's positions, laid out by the language server (`callflow/layout`): drawn as they are when
   * they were made for this graph's structure and direction; otherwise the webview lays out itself.
   */
  layout?: WireLayout;
}

/** Host → webview: select a step (the editor cursor is in it), or clear with `null`. */
export interface HighlightMessage {
  type: 'highlight';
  stepId: string | null;
  /** Also mark the edges and steps on some route from the start step to it. */
  pathToHere: boolean;
  /** Scroll the step into view (default true). */
  reveal?: boolean;
}

/**
 * Host → webview: mark the route a rehearsal has taken so far (steps in the order played; the last is
 * where the run is now), or clear it with `null`. While set it is drawn instead of the path to the cursor.
 */
export interface RouteMessage {
  type: 'route';
  steps: string[] | null;
}

/**
 * Host → webview: shade the steps no recorded run reaches (`*.runs.yaml` coverage), or stop with `null`.
 */
export interface UnplayedMessage {
  type: 'unplayed';
  steps: string[] | null;
}

/** Host → webview: re-read theme colours (VS Code already switches the CSS variables itself). */
export interface ThemeMessage {
  type: 'theme';
}

/** Host → webview: fit the whole graph into the view. */
export interface FitMessage {
  type: 'fit';
}

/** Paper sizes of the print export (the same as `callflow graph --layout print --paper`). */
export const PRINT_PAPERS = ['a4', 'letter'] as const;

/**
 * Host → webview: export the current drawing; the answer is an `exported` message. With `paper`, the
 * SVG is the print layout: pages of that size with continuation markers, in the light theme.
 */
export interface ExportMessage {
  type: 'exportSvg' | 'exportPng';
  paper?: (typeof PRINT_PAPERS)[number];
}

/** Everything the host may send. */
export type HostMessage =
  | GraphMessage
  | HighlightMessage
  | RouteMessage
  | UnplayedMessage
  | ThemeMessage
  | FitMessage
  | ExportMessage;

/** Webview → host: the script is running and listening; send the graph now. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview → host: the user activated a step (click or Enter); reveal its YAML. */
export interface RevealMessage {
  type: 'reveal';
  stepId: string;
}

/** Webview → host: rehearse the scenario from this step (the step's "Rehearse from Here"). */
export interface RehearseFromMessage {
  type: 'rehearseFrom';
  stepId: string;
}

/** Webview → host: the answer to `exportSvg` (SVG text) or `exportPng` (a `data:image/png;base64,` URL). */
export interface ExportedMessage {
  type: 'exported';
  format: ExportFormat;
  data: string;
}

/** Webview → host: a graph was drawn. For status display, tests and benchmarks. */
export interface RenderedMessage {
  type: 'rendered';
  nodes: number;
  edges: number;
  /** Milliseconds spent in layout (0 when the layout came from the cache). */
  layoutMs: number;
  /** Milliseconds spent building the drawing. */
  renderMs: number;
  /** The layout came from the structure cache (no node moved). */
  cached: boolean;
  /** Where the layout ran. */
  layoutMode: 'worker' | 'main-thread' | 'cache' | 'server';
}

/** Webview → host: something went wrong (an invalid message, a failed layout or export). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Everything the webview may send. */
export type WebviewMessage =
  ReadyMessage | RevealMessage | RehearseFromMessage | ExportedMessage | RenderedMessage | ErrorMessage;

const STEP_KINDS: readonly GraphStepKind[] = ['caller', 'handler', 'action', 'choice', 'timer', 'end'];
const EDGE_KINDS: readonly GraphEdgeKind[] = ['next', 'choice', 'timeout'];
const SEVERITIES = ['error', 'warning', 'info'];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const optStr = (x: unknown): boolean => x === undefined || typeof x === 'string';
const optNum = (x: unknown): boolean => x === undefined || (typeof x === 'number' && Number.isFinite(x));

function isProblem(x: unknown): boolean {
  return isObj(x) && isStr(x.ruleId) && isStr(x.message) && SEVERITIES.includes(x.severity as string);
}

function isNode(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.id) &&
    STEP_KINDS.includes(x.kind as GraphStepKind) &&
    isStr(x.text) &&
    typeof x.reachable === 'boolean' &&
    Array.isArray(x.problems) &&
    x.problems.every(isProblem) &&
    optStr(x.grade) &&
    optStr(x.action) &&
    optStr(x.to) &&
    optStr(x.result) &&
    (x.facts === undefined || (Array.isArray(x.facts) && x.facts.every(isStr)))
  );
}

function isEdge(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.from) &&
    isStr(x.to) &&
    EDGE_KINDS.includes(x.kind as GraphEdgeKind) &&
    optStr(x.label) &&
    optStr(x.critical) &&
    optNum(x.score) &&
    (x.missing === undefined || typeof x.missing === 'boolean')
  );
}

/** Checks the shape of a graph received over the wire (ranges are not inspected: the webview ignores them). */
export function isFlowGraph(x: unknown): x is FlowGraph {
  return (
    isObj(x) &&
    isStr(x.uri) &&
    optNum(x.version) &&
    optStr(x.title) &&
    optStr(x.start) &&
    Array.isArray(x.nodes) &&
    x.nodes.every(isNode) &&
    Array.isArray(x.edges) &&
    x.edges.every(isEdge)
  );
}

const isBox = (x: unknown): boolean =>
  isObj(x) && [x.x, x.y, x.width, x.height].every((n) => typeof n === 'number' && Number.isFinite(n));
const isPoint = (x: unknown): boolean => isObj(x) && typeof x.x === 'number' && typeof x.y === 'number';
const isRoute = (x: unknown): boolean =>
  isObj(x) && Array.isArray(x.points) && x.points.every(isPoint) && (x.label === undefined || isBox(x.label));
const entries = (x: unknown, value: (v: unknown) => boolean): boolean =>
  Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && value(e[1]));

/** A layout from the server, checked in depth (a bad one is dropped with its message, never drawn). */
export function isWireLayout(x: unknown): x is WireLayout {
  return (
    isObj(x) &&
    isStr(x.id) &&
    typeof x.width === 'number' &&
    typeof x.height === 'number' &&
    (x.direction === 'DOWN' || x.direction === 'RIGHT') &&
    entries(x.nodes, isBox) &&
    entries(x.edges, isRoute) &&
    entries(x.ghosts, isBox) &&
    (x.start === undefined || isBox(x.start)) &&
    (x.startEdge === undefined || isRoute(x.startEdge))
  );
}

function isOptions(x: unknown): x is PreviewOptions {
  return (
    x === undefined ||
    (isObj(x) && (x.direction === undefined || x.direction === 'DOWN' || x.direction === 'RIGHT'))
  );
}

/** True when `x` is a well-formed host → webview message. */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'graph':
      return (
        isFlowGraph(x.graph) && isOptions(x.options) && (x.layout === undefined || isWireLayout(x.layout))
      );
    case 'highlight':
      return (
        (x.stepId === null || isStr(x.stepId)) &&
        typeof x.pathToHere === 'boolean' &&
        (x.reveal === undefined || typeof x.reveal === 'boolean')
      );
    case 'route':
    case 'unplayed':
      return x.steps === null || (Array.isArray(x.steps) && x.steps.every(isStr));
    case 'theme':
    case 'fit':
    case 'exportSvg':
      return x.paper === undefined || (PRINT_PAPERS as readonly unknown[]).includes(x.paper);
    case 'exportPng':
      return true;
    default:
      return false;
  }
}

/** True when `x` is a well-formed webview → host message. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'reveal':
    case 'rehearseFrom':
      return isStr(x.stepId);
    case 'exported':
      return (x.format === 'svg' || x.format === 'png') && isStr(x.data);
    case 'rendered':
      return (
        [x.nodes, x.edges, x.layoutMs, x.renderMs].every((n) => typeof n === 'number') &&
        typeof x.cached === 'boolean' &&
        ['worker', 'main-thread', 'cache', 'server'].includes(x.layoutMode as string)
      );
    case 'error':
      return isStr(x.message);
    default:
      return false;
  }
}
