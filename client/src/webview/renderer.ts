/**
 * Turns scene elements into SVG DOM (`createElementNS` + text nodes: scenario text is never parsed as
 * markup) and keeps the DOM small for big graphs: above `CULL_THRESHOLD` steps only items that intersect
 * the visible area (plus a margin) are in the DOM, and below `LOW_DETAIL_ZOOM` their steps drop the text.
 */
import type { FlowGraph } from '../../../server/src/shared/graph';
import type { Box, PreviewLayout } from '../../../server/src/shared/layout';
import {
  defsElement,
  edgeElement,
  ghostElement,
  nodeElement,
  startElement,
  type SceneElement,
} from '../../../server/src/shared/scene';
import type { PreviewTheme } from '../../../server/src/shared/theme';

/** Steps above which only the visible part of the graph is in the DOM. */
export const CULL_THRESHOLD = 300;
/** Zoom below which steps of a culled (large) graph are drawn without text. */
export const LOW_DETAIL_ZOOM = 0.35;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Builds DOM from a scene element. Text goes in as text nodes; `on*` attributes are never set. */
export function toDom(scene: SceneElement): SVGElement {
  const node = document.createElementNS(SVG_NS, scene.tag);
  for (const [name, value] of Object.entries(scene.attrs)) {
    if (/^on/i.test(name) || name === 'xmlns') continue;
    node.setAttribute(name, String(value));
  }
  for (const child of scene.children) {
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : toDom(child));
  }
  return node;
}

interface Item {
  id: string;
  layer: 'edge' | 'node';
  box: Box;
  build(compact: boolean): SceneElement;
  dom?: SVGElement;
}

/** Visual state applied on top of the drawing. */
export interface DrawState {
  selected: string | null;
  focused: string | null;
  pathNodes: Set<string>;
  pathEdges: Set<string>;
  matches: Set<string>;
  /** Steps no recorded run reaches (shaded while the preview shows run coverage). */
  unplayed?: Set<string>;
}

function routeBox(points: { x: number; y: number }[], label?: Box): Box {
  const xs = points.map((p) => p.x).concat(label ? [label.x, label.x + label.width] : []);
  const ys = points.map((p) => p.y).concat(label ? [label.y, label.y + label.height] : []);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

const intersects = (a: Box, b: Box) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/** Draws one graph into the `edges`/`nodes` groups and keeps its DOM in sync with the view. */
export class SceneRenderer {
  private items: Item[] = [];
  private readonly nodeDom = new Map<string, SVGElement>();
  private readonly edgeDom = new Map<string, SVGElement>();
  private compact = false;
  culling = false;

  constructor(
    private readonly defs: SVGDefsElement,
    private readonly edgesGroup: SVGGElement,
    private readonly nodesGroup: SVGGElement,
  ) {}

  /** Replaces the drawing; nothing is in the DOM until `update`. */
  setScene(graph: FlowGraph, layout: PreviewLayout, theme: PreviewTheme): void {
    this.clear();
    this.defs.replaceChildren(...Array.from(toDom(defsElement(theme)).childNodes));
    const items: Item[] = [];
    for (const edge of graph.edges) {
      const route = layout.edges.get(edge.id);
      if (!route || !route.points.length) continue;
      items.push({
        id: edge.id,
        layer: 'edge',
        box: routeBox(route.points, route.label),
        build: (c) => edgeElement(edge, route, theme, c),
      });
    }
    if (layout.start) {
      const start = layout.start;
      const box = routeBox([
        ...(layout.startEdge?.points ?? []),
        start,
        { x: start.x + start.width, y: start.y + start.height },
      ]);
      items.push({ id: '', layer: 'node', box, build: () => startElement(start, layout.startEdge, theme) });
    }
    for (const node of graph.nodes) {
      const box = layout.nodes.get(node.id);
      if (!box) continue;
      const isStart = node.id === graph.start;
      items.push({
        id: node.id,
        layer: 'node',
        box,
        build: (compact) => nodeElement(node, box, theme, { isStart, interactive: true, compact }),
      });
    }
    for (const [id, box] of layout.ghosts)
      items.push({ id: '', layer: 'node', box, build: () => ghostElement(id, box, theme) });
    this.items = items;
    this.culling = graph.nodes.length > CULL_THRESHOLD;
  }

  /** Adds and removes DOM so that what intersects `view` is drawn; switches detail level by zoom. */
  update(view: Box, zoom: number, state: DrawState): void {
    const compact = this.culling && zoom < LOW_DETAIL_ZOOM;
    if (compact !== this.compact) {
      this.clear(false);
      this.compact = compact;
    }
    const margin = Math.max(view.width, view.height) * 0.25;
    const area = {
      x: view.x - margin,
      y: view.y - margin,
      width: view.width + 2 * margin,
      height: view.height + 2 * margin,
    };
    for (const item of this.items) {
      const visible = !this.culling || intersects(item.box, area);
      if (visible && !item.dom) {
        item.dom = toDom(item.build(this.compact));
        (item.layer === 'edge' ? this.edgesGroup : this.nodesGroup).appendChild(item.dom);
        if (item.id) (item.layer === 'edge' ? this.edgeDom : this.nodeDom).set(item.id, item.dom);
        // VS Code's webview context menu: a right-click on a step offers "Rehearse from Here" for it.
        if (item.id && item.layer === 'node')
          item.dom.setAttribute(
            'data-vscode-context',
            JSON.stringify({ webviewSection: 'step', stepId: item.id, preventDefaultContextMenuItems: true }),
          );
        this.styleItem(item, state);
      } else if (!visible && item.dom && !(item.layer === 'node' && item.id === state.focused)) {
        item.dom.remove();
        item.dom = undefined;
        if (item.id) (item.layer === 'edge' ? this.edgeDom : this.nodeDom).delete(item.id);
      }
    }
  }

  /** Re-applies selection, path, match and focus classes to what is drawn. */
  applyState(state: DrawState): void {
    for (const item of this.items) if (item.dom) this.styleItem(item, state);
    this.nodesGroup.parentElement?.classList.toggle('cf-dim', state.pathEdges.size > 0);
  }

  /** The DOM element of a step, when drawn. */
  nodeElement(id: string): SVGElement | undefined {
    return this.nodeDom.get(id);
  }

  /** Numbers of steps and edges currently in the DOM. */
  counts(): { nodes: number; edges: number } {
    return { nodes: this.nodeDom.size, edges: this.edgeDom.size };
  }

  private styleItem(item: Item, state: DrawState): void {
    const dom = item.dom;
    if (!dom || !item.id) return;
    const cl = dom.classList;
    if (item.layer === 'edge') {
      cl.toggle('cf-on-path', state.pathEdges.has(item.id));
      return;
    }
    cl.toggle('cf-selected', state.selected === item.id);
    cl.toggle('cf-on-path', state.pathNodes.has(item.id));
    cl.toggle('cf-match', state.matches.has(item.id));
    cl.toggle('cf-unplayed', state.unplayed?.has(item.id) ?? false);
    dom.setAttribute('tabindex', state.focused === item.id ? '0' : '-1');
    if (state.selected === item.id) dom.setAttribute('aria-current', 'true');
    else dom.removeAttribute('aria-current');
  }

  private clear(all = true): void {
    for (const item of this.items) item.dom = undefined;
    this.edgesGroup.replaceChildren();
    this.nodesGroup.replaceChildren();
    this.nodeDom.clear();
    this.edgeDom.clear();
    if (all) this.items = [];
  }
}
