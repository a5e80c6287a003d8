/**
 * The preview controller: receives host messages, draws the layout the language server sent with the
 * graph, or lays out itself when none came (with a structure-keyed cache so text-only edits move
 * nothing), and handles selection, path-to-here, search, keyboard and export.
 */
import type { FlowGraph } from '../../../server/src/shared/graph';
import { pathToHere } from '../../../server/src/shared/flow-paths';
import {
  fromWire,
  prepareLayout,
  readLayout,
  type PreviewLayout,
  type WireLayout,
} from '../../../server/src/shared/layout';
import type {
  HostMessage,
  LayoutDirection,
  WebviewMessage,
} from '../../../server/src/shared/preview-protocol';
import type { PreviewTheme } from '../../../server/src/shared/theme';
import type { LayoutEngine } from './elk-runner';
import { exportPng, exportPrintSvg, exportSvg } from './exporter';
import type { Paper } from '../../../server/src/shared/print';
import { arrowDirection, nearestInDirection, readingOrder } from './navigation';
import { SceneRenderer, type DrawState } from './renderer';
import { SearchBox } from './search';
import { readTheme } from './theme-reader';
import { Viewport } from './viewport';

const CACHE_SIZE = 8;
/** Zoom at which step text is comfortably readable. */
const READABLE_ZOOM = 0.75;
const $ = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** The running preview. */
export class Preview {
  private graph: FlowGraph | undefined;
  private layout: PreviewLayout | undefined;
  private direction: LayoutDirection = 'DOWN';
  private theme: PreviewTheme = readTheme();
  private readonly cache = new Map<string, PreviewLayout>();
  private readonly state: DrawState = {
    selected: null,
    focused: null,
    pathNodes: new Set(),
    pathEdges: new Set(),
    matches: new Set(),
  };
  private pathToHere = false;
  /** The route a rehearsal has taken (steps in order), drawn instead of the path to the cursor. */
  private route: string[] | null = null;
  private order: string[] = [];
  private busy = false;
  private pending: { graph: FlowGraph; direction: LayoutDirection; supplied?: WireLayout } | undefined;
  private readonly svg = $<SVGSVGElement>('graph');
  private readonly viewport: Viewport;
  private readonly renderer: SceneRenderer;
  private readonly search: SearchBox;
  private frame = 0;

  constructor(
    /** The webview's own ELK, started on first use (when the server sent no layout). */
    private readonly engine: () => Promise<LayoutEngine>,
    private readonly post: (m: WebviewMessage) => void,
  ) {
    this.renderer = new SceneRenderer($('defs'), $('edges'), $('nodes'));
    this.viewport = new Viewport(
      this.svg,
      $('viewport'),
      () => this.scheduleUpdate(),
      (t) => this.onClick(t),
    );
    this.search = new SearchBox(
      $('search'),
      $('search-status'),
      () => this.graph?.nodes ?? [],
      (ids, current) => {
        this.state.matches = new Set(ids);
        this.renderer.applyState(this.state);
        if (current) this.focusStep(current, false);
      },
    );
    $('zoom-in').addEventListener('click', () => this.viewport.zoomBy(1.25));
    $('zoom-out').addEventListener('click', () => this.viewport.zoomBy(0.8));
    $('fit').addEventListener('click', () => this.fit());
    $('rehearse').addEventListener('click', () =>
      this.rehearseFrom(this.state.selected ?? this.graph?.start),
    );
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.svg.addEventListener('focus', () => {
      if (!this.svg.matches(':focus-visible')) return; // a click on the background, not Tab
      const first = this.state.focused ?? this.state.selected ?? this.graph?.start ?? this.order[0];
      if (first) this.focusStep(first, true);
    });
    new ResizeObserver(() => this.scheduleUpdate()).observe(this.svg);
  }

  /** Handles one (already validated) host message. */
  async handle(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'graph':
        return this.setGraph(message.graph, message.options?.direction ?? 'DOWN', message.layout);
      case 'highlight':
        return this.highlight(message.stepId, message.pathToHere, message.reveal !== false);
      case 'route':
        this.route = message.steps;
        this.recomputePath();
        return this.update();
      case 'unplayed':
        this.state.unplayed = new Set(message.steps ?? []);
        return this.update();
      case 'theme':
        return this.onThemeChange();
      case 'fit':
        return this.fit();
      case 'exportSvg':
      case 'exportPng':
        return this.export(message.type === 'exportSvg' ? 'svg' : 'png', message.paper);
    }
  }

  /** Re-reads theme colours and redraws without relayout. */
  onThemeChange(): void {
    this.theme = readTheme();
    if (this.graph && this.layout) this.draw();
  }

  private async setGraph(graph: FlowGraph, direction: LayoutDirection, supplied?: WireLayout): Promise<void> {
    if (this.busy) {
      this.pending = { graph, direction, supplied };
      return;
    }
    this.busy = true;
    try {
      await this.layoutAndDraw(graph, direction, supplied);
    } catch (e) {
      const failure = layoutFailure(e, graph.nodes.length);
      this.setStatus(failure.status);
      this.post({ type: 'error', message: failure.message });
    } finally {
      this.busy = false;
    }
    const next = this.pending;
    this.pending = undefined;
    if (next) await this.setGraph(next.graph, next.direction, next.supplied);
  }

  private async layoutAndDraw(
    graph: FlowGraph,
    direction: LayoutDirection,
    supplied?: WireLayout,
  ): Promise<void> {
    const t0 = performance.now();
    const prepared = prepareLayout(graph, direction);
    let layout = this.cache.get(prepared.key);
    const cached = Boolean(layout);
    let mode: 'worker' | 'main-thread' | 'cache' | 'server' = 'cache';
    if (!layout && supplied) {
      layout = fromWire(supplied, prepared);
      if (layout) mode = 'server';
    }
    if (!layout) {
      this.setStatus(`Laying out ${graph.nodes.length} steps…`);
      const engine = await this.engine();
      mode = engine.mode;
      layout = readLayout(prepared, await engine.layout(prepared.elkGraph));
    }
    this.cache.delete(prepared.key);
    this.cache.set(prepared.key, layout);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    const t1 = performance.now();
    const first = !this.graph;
    this.graph = graph;
    this.layout = layout;
    this.direction = direction;
    this.order = readingOrder(layout.nodes);
    const ids = new Set(graph.nodes.map((n) => n.id));
    if (this.state.selected && !ids.has(this.state.selected)) this.state.selected = null;
    if (this.state.focused && !ids.has(this.state.focused)) this.state.focused = null;
    this.recomputePath();
    $('title').textContent = graph.title ?? '';
    $<HTMLElement>('empty').hidden = graph.nodes.length > 0;
    if (!graph.nodes.length) $('empty').textContent = 'This scenario has no steps yet.';
    this.draw();
    if (first) this.initialView();
    this.search.run(true);
    await nextFrame();
    const t2 = performance.now();
    const count = `${graph.nodes.length} steps · ${graph.edges.length} transitions`;
    this.setStatus(this.renderer.culling ? `${count} · drawing visible part` : count);
    this.post({
      type: 'rendered',
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      layoutMs: cached ? 0 : Math.round(t1 - t0),
      renderMs: Math.round(t2 - t1),
      cached,
      layoutMode: mode,
    });
  }

  private draw(): void {
    if (!this.graph || !this.layout) return;
    this.renderer.setScene(this.graph, this.layout, this.theme);
    this.update();
  }

  private scheduleUpdate(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private update(): void {
    if (!this.layout) return;
    this.renderer.update(this.viewport.visibleRect(), this.viewport.transform.k, this.state);
    this.renderer.applyState(this.state);
  }

  /** First view: the whole graph when it is readable that way, else the top (start) at a readable zoom. */
  private initialView(): void {
    if (!this.layout) return;
    const { width, height } = this.viewport.size();
    const fitK = Math.min(1, (width - 48) / this.layout.width, (height - 48) / this.layout.height);
    if (fitK >= READABLE_ZOOM) return this.fit();
    const k = Math.max(READABLE_ZOOM, Math.min(1, (width - 48) / this.layout.width));
    const anchor = this.layout.start ?? { x: this.layout.width / 2, y: 0, width: 0, height: 0 };
    const x =
      width / 2 -
      (k * this.layout.width <= width - 48 ? this.layout.width / 2 : anchor.x + anchor.width / 2) * k;
    this.viewport.set({ k, x, y: 24 - Math.max(0, anchor.y - 24) * k });
  }

  private fit(): void {
    if (this.layout) this.viewport.fit({ x: 0, y: 0, width: this.layout.width, height: this.layout.height });
  }

  private highlight(stepId: string | null, path: boolean, reveal: boolean): void {
    this.state.selected = stepId && this.layout?.nodes.has(stepId) ? stepId : null;
    this.pathToHere = path;
    this.recomputePath();
    const box = this.state.selected ? this.layout?.nodes.get(this.state.selected) : undefined;
    if (box && reveal && !this.viewport.contains(box)) this.viewport.centerOn(box, this.viewport.transform.k);
    this.update();
  }

  private recomputePath(): void {
    if (this.route && this.graph) {
      const nodes = new Set(this.route);
      const pairs = new Set(this.route.slice(1).map((to, i) => `${this.route![i]}\n${to}`));
      const edges = this.graph.edges.filter((e) => pairs.has(`${e.from}\n${e.to}`)).map((e) => e.id);
      this.state.pathNodes = nodes;
      this.state.pathEdges = new Set(edges);
      return;
    }
    const p =
      this.pathToHere && this.state.selected && this.graph
        ? pathToHere(this.graph, this.state.selected)
        : undefined;
    this.state.pathNodes = p?.nodes ?? new Set();
    this.state.pathEdges = p?.edges ?? new Set();
  }

  /** Moves keyboard focus (and the view) to a step. */
  private focusStep(id: string, takeFocus: boolean): void {
    const box = this.layout?.nodes.get(id);
    if (!box) return;
    this.state.focused = id;
    if (!this.viewport.contains(box)) this.viewport.centerOn(box);
    this.update();
    if (takeFocus) this.renderer.nodeElement(id)?.focus({ preventScroll: true });
  }

  private onClick(target: EventTarget | null): void {
    const node = target instanceof Element ? target.closest('.cf-node') : null;
    const id = node?.getAttribute('data-id');
    if (!id) return;
    this.state.selected = id;
    this.state.focused = id;
    this.recomputePath();
    this.update();
    (node as SVGElement).focus({ preventScroll: true });
    this.post({ type: 'reveal', stepId: id });
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as Element | null;
    if (target instanceof HTMLInputElement) return;
    const inGraph = target === this.svg || Boolean(target?.closest?.('#graph'));
    const current = this.state.focused;
    if (e.key === '/' || (e.key === 'f' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      this.search.focus();
    } else if ((e.key === '+' || e.key === '=') && !e.ctrlKey) this.viewport.zoomBy(1.25);
    else if (e.key === '-' && !e.ctrlKey) this.viewport.zoomBy(0.8);
    else if ((e.key === 'f' || e.key === '0') && !e.ctrlKey && !e.metaKey) this.fit();
    else if (inGraph && arrowDirection(e.key)) {
      e.preventDefault();
      const dir = arrowDirection(e.key);
      const next =
        current && dir ? nearestInDirection(this.layout?.nodes ?? new Map(), current, dir) : this.order[0];
      if (next) this.focusStep(next, true);
    } else if (inGraph && e.key === 'Tab' && this.order.length) {
      const i = current ? this.order.indexOf(current) : -1;
      const next = this.order[e.shiftKey ? i - 1 : i + 1];
      if (next !== undefined && !(i === -1 && e.shiftKey)) {
        e.preventDefault();
        this.focusStep(next, true);
      }
    } else if (inGraph && (e.key === 'Enter' || e.key === ' ') && current) {
      e.preventDefault();
      this.state.selected = current;
      this.recomputePath();
      this.update();
      this.post({ type: 'reveal', stepId: current });
    } else if (inGraph && (e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.rehearseFrom(current ?? this.state.selected ?? undefined);
    } else if (e.key === 'Escape' && inGraph) {
      this.state.focused = null;
      this.highlight(null, false, false);
    }
  }

  /** Asks the host to rehearse from a step (the selected or focused one; the start when none). */
  private rehearseFrom(stepId: string | undefined): void {
    if (stepId) this.post({ type: 'rehearseFrom', stepId });
  }

  private async export(format: 'svg' | 'png', paper?: Paper): Promise<void> {
    if (!this.graph || !this.layout) {
      this.post({ type: 'error', message: 'nothing to export yet' });
      return;
    }
    try {
      const theme = readTheme();
      const data =
        format === 'svg' && paper
          ? exportPrintSvg(this.graph, await this.printLayout(), paper)
          : format === 'svg'
            ? exportSvg(this.graph, this.layout, theme)
            : await exportPng(this.graph, this.layout, theme);
      this.post({ type: 'exported', format, data });
    } catch (e) {
      this.post({ type: 'error', message: `export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Pages are cut across a top-down flow: a left-to-right preview is laid out top-down for print. */
  private async printLayout(): Promise<PreviewLayout> {
    if (!this.graph || !this.layout || this.layout.direction === 'DOWN') return this.layout!;
    const prepared = prepareLayout(this.graph, 'DOWN');
    const cached = this.cache.get(prepared.key);
    if (cached) return cached;
    return readLayout(prepared, await (await this.engine()).layout(prepared.elkGraph));
  }

  private setStatus(text: string): void {
    $('status').textContent = text;
  }

  /** For tests: the current transform and layout. */
  debugState(): {
    transform: { x: number; y: number; k: number };
    direction: LayoutDirection;
    layoutKey?: string;
  } {
    return {
      transform: { ...this.viewport.transform },
      direction: this.direction,
      layoutKey: this.layout?.key,
    };
  }
}

/**
 * What the user reads when a layout fails. The layout recurses along chains of steps, and the browser's
 * stack ends between 3,000 and 3,500 steps in one chain: say so, and where such a flow can be drawn.
 */
export function layoutFailure(e: unknown, steps: number): { status: string; message: string } {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError || /call stack/i.test(text))
    return {
      status: 'Too long for the preview: use callflow graph -f svg',
      message: `This flow is too long for the preview to lay out (${steps} steps, thousands of them in one chain). Draw it with \`callflow graph -f svg\` (up to 10,000 steps) or \`-f dot\`.`,
    };
  return { status: 'Layout failed', message: `layout failed: ${text}` };
}
