/**
 * Pure layout: a FlowGraph → ELK's JSON input (box sizes from the text estimate) → positioned boxes and
 * routed edges. Works in Node and in the browser; the caller supplies ELK (`new ELK()` from elkjs, or a
 * worker proxy). `prepareLayout` also yields a *structure key* — node ids, box sizes, edges and label
 * sizes — so a cache can reuse positions when an edit changes only text that keeps every box the same.
 */
import type { FlowGraph } from './graph';
import { METRICS, hasEdgeLabel, measureLabel, measureNode } from './measure';
import type { LayoutDirection } from './preview-protocol';

export {
  METRICS,
  hasEdgeLabel,
  measureLabel,
  measureNode,
  nodeRows,
  stepHeader,
  type EdgeLabelLine,
  type NodeMeasure,
  type NodeRow,
  type StepHeader,
} from './measure';

/** A point in layout coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A positioned box (top-left corner and size). */
export interface Box extends Point {
  width: number;
  height: number;
}

/** A routed edge: an orthogonal polyline from source to target, and its label box when it has one. */
export interface EdgeRoute {
  points: Point[];
  label?: Box;
}

/** The positioned drawing of one graph structure. Text is not part of it (see `measureNode`). */
export interface PreviewLayout {
  /** The structure key this layout was computed for. */
  key: string;
  width: number;
  height: number;
  direction: LayoutDirection;
  nodes: Map<string, Box>;
  edges: Map<string, EdgeRoute>;
  /** Placeholder boxes for edge targets that name no step, keyed by the missing id. */
  ghosts: Map<string, Box>;
  /** The start marker, when the graph names a start step. */
  start?: Box;
  startEdge?: EdgeRoute;
}

/** Minimal ELK JSON types (the subset this module writes and reads). */
export interface ElkLabel {
  id?: string;
  text?: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
}
/** An ELK edge as sent and as returned. */
export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[];
}
/** An ELK node (the root graph is one too). */
export interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkNode[];
  edges?: ElkEdge[];
}
/** Anything that lays out ELK JSON: elkjs itself or a worker proxy. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** ELK input plus what is needed to read its answer back. */
export interface PreparedLayout {
  key: string;
  elkGraph: ElkNode;
  direction: LayoutDirection;
  nodeIds: string[];
  edgeIds: string[];
  ghostIds: string[];
  hasStart: boolean;
  /**
   * Label sizes by edge index for labels ELK does not place (large graphs): they go on the longest
   * segment of their route instead.
   */
  looseLabels: Map<number, { width: number; height: number }>;
}

/** Above this many steps, ELK runs with cheaper settings (see docs in `layoutOptionsFor`). */
export const LARGE_GRAPH = 400;

/**
 * ELK options: layered, orthogonal routing, model order kept so similar graphs lay out alike. Above
 * `LARGE_GRAPH` steps: SIMPLE node placement and thoroughness 1 (about 2× faster at 2,000 steps), and
 * edge labels are placed after the layout rather than by ELK (another ~2× at 500 steps), with more room
 * between layers for them.
 */
export function layoutOptionsFor(direction: LayoutDirection, nodeCount: number): Record<string, string> {
  const large = nodeCount > LARGE_GRAPH;
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.padding': '[top=28,left=28,bottom=28,right=28]',
    'elk.spacing.nodeNode': '40',
    'elk.layered.spacing.nodeNodeBetweenLayers': large ? '72' : '56',
    'elk.layered.spacing.edgeNodeBetweenLayers': '22',
    'elk.spacing.edgeEdge': '14',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.layered.nodePlacement.strategy': large ? 'SIMPLE' : 'BRANDES_KOEPF',
    'elk.layered.thoroughness': large ? '1' : '7',
    'elk.randomSeed': '1',
  };
}

/** Builds the ELK input and the structure key for `graph`. */
export function prepareLayout(graph: FlowGraph, direction: LayoutDirection = 'DOWN'): PreparedLayout {
  const index = new Map<string, string>();
  const nodeIds: string[] = [];
  const children: ElkNode[] = [];
  const keyParts: string[] = [direction];
  for (const node of graph.nodes) {
    if (index.has(node.id)) continue;
    const elkId = `n${nodeIds.length}`;
    index.set(node.id, elkId);
    nodeIds.push(node.id);
    const { width, height } = measureNode(node);
    children.push({ id: elkId, width, height });
    keyParts.push(`N${JSON.stringify(node.id)}:${width}x${height}`);
  }
  const ghostIds: string[] = [];
  const ghostIndex = new Map<string, string>();
  const edges: ElkEdge[] = [];
  const edgeIds: string[] = [];
  const looseLabels = new Map<number, { width: number; height: number }>();
  const large = graph.nodes.length > LARGE_GRAPH;
  for (const edge of graph.edges) {
    const source = index.get(edge.from);
    if (!source) continue;
    let target = index.get(edge.to);
    if (!target) {
      target = ghostIndex.get(edge.to);
      if (!target) {
        target = `g${ghostIds.length}`;
        ghostIndex.set(edge.to, target);
        ghostIds.push(edge.to);
        children.push({ id: target, width: METRICS.ghostWidth, height: METRICS.ghostHeight });
        keyParts.push(`G${JSON.stringify(edge.to)}`);
      }
    }
    const elkEdge: ElkEdge = { id: `e${edgeIds.length}`, sources: [source], targets: [target] };
    let labelKey = '';
    if (hasEdgeLabel(edge)) {
      const { width, height } = measureLabel(edge);
      if (large) looseLabels.set(edgeIds.length, { width, height });
      else elkEdge.labels = [{ id: `l${edgeIds.length}`, text: 'label', width, height }];
      labelKey = `${width}x${height}`;
    }
    edgeIds.push(edge.id);
    edges.push(elkEdge);
    keyParts.push(`E${source}>${target}:${edge.kind}:${labelKey}`);
  }
  const startTarget = graph.start ? index.get(graph.start) : undefined;
  if (startTarget) {
    const s = METRICS.startSize;
    children.unshift({ id: 'start', width: s, height: s });
    edges.push({ id: 'start-edge', sources: ['start'], targets: [startTarget] });
    keyParts.push(`S${startTarget}`);
  }
  const elkGraph: ElkNode = {
    id: 'root',
    layoutOptions: layoutOptionsFor(direction, nodeIds.length),
    children,
    edges,
  };
  return {
    key: keyParts.join('|'),
    elkGraph,
    direction,
    nodeIds,
    edgeIds,
    ghostIds,
    hasStart: !!startTarget,
    looseLabels,
  };
}

/** A label's box centred on the longest segment of a route (for labels ELK did not place). */
function labelOnRoute(points: Point[], size: { width: number; height: number }): Box | undefined {
  let best = -1;
  let at: Point | undefined;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (length > best) {
      best = length;
      at = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return (
    at && { x: at.x - size.width / 2, y: at.y - size.height / 2, width: size.width, height: size.height }
  );
}

function routeOf(edge: ElkEdge | undefined): EdgeRoute {
  const section = edge?.sections?.[0];
  const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
  const l = edge?.labels?.[0];
  const route: EdgeRoute = { points: points.map((p) => ({ x: p.x, y: p.y })) };
  if (l && l.x !== undefined && l.y !== undefined) {
    route.label = { x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 };
  }
  return route;
}

/** Reads ELK's answer back into a `PreviewLayout` keyed by step and edge ids. */
export function readLayout(prepared: PreparedLayout, result: ElkNode): PreviewLayout {
  const boxes = new Map<string, Box>();
  for (const child of result.children ?? []) {
    boxes.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
  }
  const elkEdges = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const layout: PreviewLayout = {
    key: prepared.key,
    width: result.width ?? 0,
    height: result.height ?? 0,
    direction: prepared.direction,
    nodes: new Map(),
    edges: new Map(),
    ghosts: new Map(),
  };
  prepared.nodeIds.forEach((id, i) => {
    const box = boxes.get(`n${i}`);
    if (box) layout.nodes.set(id, box);
  });
  prepared.ghostIds.forEach((id, i) => {
    const box = boxes.get(`g${i}`);
    if (box) layout.ghosts.set(id, box);
  });
  prepared.edgeIds.forEach((id, i) => {
    const route = routeOf(elkEdges.get(`e${i}`));
    const loose = prepared.looseLabels.get(i);
    if (loose && !route.label) route.label = labelOnRoute(route.points, loose);
    layout.edges.set(id, route);
  });
  if (prepared.hasStart) {
    layout.start = boxes.get('start');
    layout.startEdge = routeOf(elkEdges.get('start-edge'));
  }
  return layout;
}

/** Lays out `graph` with the given ELK (Node: `new ELK()` from elkjs). */
export async function layoutGraph(graph: FlowGraph, elk: ElkLike, direction: LayoutDirection = 'DOWN') {
  const prepared = prepareLayout(graph, direction);
  return readLayout(prepared, await elk.layout(prepared.elkGraph));
}

/**
 * A short, stable name for a structure key (53-bit FNV-style hash, base 36, plus the key's length):
 * what the preview and the server exchange instead of the key itself, which runs to tens of kilobytes
 * at 2,000 steps.
 */
export function structureId(key: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${hash.toString(36)}-${key.length.toString(36)}`;
}

/** A `PreviewLayout` as JSON can carry it (maps as entry lists; the key by its `structureId`). */
export interface WireLayout {
  id: string;
  width: number;
  height: number;
  direction: LayoutDirection;
  nodes: [string, Box][];
  edges: [string, EdgeRoute][];
  ghosts: [string, Box][];
  start?: Box;
  startEdge?: EdgeRoute;
}

/** The layout as it travels (from the language server to the preview). */
export function toWire(layout: PreviewLayout): WireLayout {
  const wire: WireLayout = {
    id: structureId(layout.key),
    width: layout.width,
    height: layout.height,
    direction: layout.direction,
    nodes: [...layout.nodes],
    edges: [...layout.edges],
    ghosts: [...layout.ghosts],
  };
  if (layout.start) wire.start = layout.start;
  if (layout.startEdge) wire.startEdge = layout.startEdge;
  return wire;
}

/**
 * The layout a wire layout stands for, when it was made for `prepared` (same structure id and
 * direction, a box for every step); undefined otherwise, so a stale or foreign layout is never drawn.
 */
export function fromWire(wire: WireLayout, prepared: PreparedLayout): PreviewLayout | undefined {
  if (wire.id !== structureId(prepared.key) || wire.direction !== prepared.direction) return undefined;
  const nodes = new Map(wire.nodes);
  if (prepared.nodeIds.some((id) => !nodes.has(id))) return undefined;
  const layout: PreviewLayout = {
    key: prepared.key,
    width: wire.width,
    height: wire.height,
    direction: wire.direction,
    nodes,
    edges: new Map(wire.edges),
    ghosts: new Map(wire.ghosts),
  };
  if (wire.start) layout.start = wire.start;
  if (wire.startEdge) layout.startEdge = wire.startEdge;
  return layout;
}
