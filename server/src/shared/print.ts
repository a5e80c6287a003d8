/**
 * The print layout: the drawing cut into A4 or Letter pages a handbook can hold. The flow is scaled to
 * the page width (never up), then cut between rows of steps — never through a step or an option's
 * label — into pages stacked in one SVG whose size is set in millimetres or inches, so a browser or a
 * PDF printer at zero margins puts each page on its own sheet. An edge that runs on to the next page
 * ends at a marker naming the page and the step it continues to; every page but the last says
 * "continues on page N →", every page but the first "← continued from page N".
 */
import type { FlowGraph } from './graph';
import type { Box, PreviewLayout } from './layout';
import { defsElement, edgeElement, ghostElement, startElement } from './scene-edges';
import { nodeElement } from './scene';
import { el, type SceneElement } from './scene-element';
import type { PreviewTheme } from './theme';

/** Paper sizes the print layout knows. */
export const PAPERS = {
  a4: { name: 'A4', width: '210mm', height: 297, unit: 'mm', px: { width: 793.7, height: 1122.5 } },
  letter: { name: 'Letter', width: '8.5in', height: 11, unit: 'in', px: { width: 816, height: 1056 } },
} as const;
export type Paper = keyof typeof PAPERS;

/** Page margins and the heights of the header and footer bands, in CSS pixels. */
const MARGIN = 36;
const HEADER = 40;
const FOOTER = 26;

/** One printed page: the slice of the drawing (layout coordinates) it shows. */
export interface PrintPage {
  top: number;
  bottom: number;
}

/** How the drawing is cut: the scale, the content box on each page, and the pages. */
export interface Pagination {
  scale: number;
  offsetX: number;
  contentTop: number;
  contentHeight: number;
  pages: PrintPage[];
}

/**
 * Every box a cut must not pass through: steps, placeholders, the start, and each option's label
 * together with the step it leaves (a choice stays on the page of its options' words).
 */
function solidBoxes(graph: FlowGraph, layout: PreviewLayout): Box[] {
  const boxes = [...layout.nodes.values(), ...layout.ghosts.values()];
  if (layout.start) boxes.push(layout.start);
  for (const edge of graph.edges) {
    const label = layout.edges.get(edge.id)?.label;
    if (!label) continue;
    const from = layout.nodes.get(edge.from);
    const top = from && from.y < label.y ? from.y : label.y;
    boxes.push({ x: label.x, y: top, width: label.width, height: label.y + label.height - top });
  }
  return boxes;
}

/** The lowest y at most `limit` (and above `floor`) that no box straddles, or `limit` when none. */
function cutAt(boxes: Box[], floor: number, limit: number): number {
  const free = (y: number) => !boxes.some((b) => b.y < y && y < b.y + b.height);
  const candidates = boxes
    .map((b) => b.y - 6)
    .filter((y) => y > floor + 1 && y <= limit && free(y))
    .sort((a, b) => b - a);
  return candidates[0] ?? limit;
}

/** Cuts a layout into pages of the given paper. */
export function paginate(graph: FlowGraph, layout: PreviewLayout, paper: Paper): Pagination {
  const { width, height } = PAPERS[paper].px;
  const contentWidth = width - 2 * MARGIN;
  const contentHeight = height - 2 * MARGIN - HEADER - FOOTER;
  const scale = Math.min(1, contentWidth / Math.max(1, layout.width));
  const band = contentHeight / scale;
  const boxes = solidBoxes(graph, layout);
  const pages: PrintPage[] = [];
  let top = 0;
  while (top < layout.height - 1 && pages.length < 10_000) {
    const bottom = top + band >= layout.height ? layout.height : cutAt(boxes, top, top + band);
    pages.push({ top, bottom });
    top = bottom;
  }
  if (!pages.length) pages.push({ top: 0, bottom: layout.height });
  const offsetX = MARGIN + (contentWidth - layout.width * scale) / 2;
  return { scale, offsetX, contentTop: MARGIN + HEADER, contentHeight, pages };
}

/** Where edges cross the horizontal line `y`: x and the edge's target. */
function crossings(graph: FlowGraph, layout: PreviewLayout, y: number): { x: number; to: string }[] {
  const out: { x: number; to: string }[] = [];
  for (const edge of graph.edges) {
    const points = layout.edges.get(edge.id)?.points ?? [];
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      if (Math.min(a.y, b.y) < y && y < Math.max(a.y, b.y)) {
        out.push({ x: a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y), to: edge.to });
        break;
      }
    }
  }
  return out;
}

function inside(box: Box, page: PrintPage): boolean {
  const mid = box.y + box.height / 2;
  return mid >= page.top && mid < page.bottom;
}

/** The drawing's elements that fall on a page (steps by their middle; edges touching its slice). */
function pageContent(graph: FlowGraph, layout: PreviewLayout, page: PrintPage, theme: PreviewTheme) {
  const edges = el('g', { class: 'cf-edges' });
  for (const edge of graph.edges) {
    const route = layout.edges.get(edge.id);
    if (!route?.points.length) continue;
    const ys = route.points.map((p) => p.y);
    if (Math.max(...ys) < page.top || Math.min(...ys) > page.bottom) continue;
    const withLabel = route.label && inside(route.label, page) ? route : { points: route.points };
    edges.children.push(edgeElement(edge, withLabel, theme));
  }
  const nodes = el('g', { class: 'cf-nodes' });
  if (layout.start && inside(layout.start, page))
    nodes.children.push(startElement(layout.start, layout.startEdge, theme));
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (box && inside(box, page))
      nodes.children.push(nodeElement(node, box, theme, { isStart: node.id === graph.start }));
  }
  for (const [id, box] of layout.ghosts)
    if (inside(box, page)) nodes.children.push(ghostElement(id, box, theme));
  return [edges, nodes];
}

/** Markers where edges leave a page at its foot (or enter at its head): page and step named. */
function markers(
  graph: FlowGraph,
  layout: PreviewLayout,
  p: Pagination,
  y: number,
  pageY: number,
  words: (to: string) => string,
  theme: PreviewTheme,
): SceneElement[] {
  return crossings(graph, layout, y).map(({ x, to }) =>
    el(
      'text',
      {
        class: 'cf-continue-marker',
        x: p.offsetX + x * p.scale + 5,
        y: pageY,
        'font-size': 9,
        fill: theme.muted,
      },
      words(to),
    ),
  );
}

/** One page: header, clipped slice of the drawing, continuation markers and footer. */
function pageElement(
  graph: FlowGraph,
  layout: PreviewLayout,
  p: Pagination,
  k: number,
  paper: Paper,
  theme: PreviewTheme,
): SceneElement {
  const { width, height } = PAPERS[paper].px;
  const page = p.pages[k];
  const n = p.pages.length;
  const clipId = `cf-page-clip-${k + 1}`;
  const contentBottom = p.contentTop + (page.bottom - page.top) * p.scale;
  const g = el('g', {
    class: 'cf-page',
    'data-page': k + 1,
    transform: `translate(0,${Math.round(k * height * 100) / 100})`,
  });
  g.children.push(
    el('rect', { class: 'cf-page-box', width, height, fill: theme.background }),
    el(
      'clipPath',
      { id: clipId },
      el('rect', { x: 0, y: p.contentTop - 4, width, height: p.contentHeight + 8 }),
    ),
    el(
      'text',
      { class: 'cf-page-header', x: MARGIN, y: MARGIN + 12, 'font-size': 11, fill: theme.muted },
      `${graph.title ?? 'Call flow'} — page ${k + 1} of ${n}`,
    ),
  );
  if (k > 0)
    g.children.push(
      el(
        'text',
        {
          class: 'cf-continued',
          x: width - MARGIN,
          y: MARGIN + 12,
          'text-anchor': 'end',
          'font-size': 11,
          fill: theme.muted,
        },
        `← continued from page ${k}`,
      ),
      ...markers(graph, layout, p, page.top, p.contentTop - 8, (to) => `from page ${k}: ${to} ↓`, theme),
    );
  const shift = `translate(${p.offsetX},${p.contentTop}) scale(${p.scale}) translate(0,${-page.top})`;
  g.children.push(
    el(
      'g',
      { 'clip-path': `url(#${clipId})` },
      el('g', { transform: shift }, ...pageContent(graph, layout, page, theme)),
    ),
  );
  if (k < n - 1) {
    const say = (to: string) => `↓ on page ${k + 2}: ${to}`;
    g.children.push(...markers(graph, layout, p, page.bottom, contentBottom + 14, say, theme));
    g.children.push(
      el(
        'text',
        {
          class: 'cf-continues',
          x: width - MARGIN,
          y: height - MARGIN,
          'text-anchor': 'end',
          'font-size': 11,
          'font-weight': 700,
          fill: theme.foreground,
        },
        `continues on page ${k + 2} →`,
      ),
    );
  }
  return g;
}

/** The whole drawing as printed pages in one `<svg>` sized in paper units. */
export function printScene(
  graph: FlowGraph,
  layout: PreviewLayout,
  theme: PreviewTheme,
  paper: Paper = 'a4',
): SceneElement {
  const p = paginate(graph, layout, paper);
  const spec = PAPERS[paper];
  const n = p.pages.length;
  const root = el('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width: spec.width,
    height: `${Math.round(spec.height * n * 1000) / 1000}${spec.unit}`,
    viewBox: `0 0 ${spec.px.width} ${Math.round(spec.px.height * n * 100) / 100}`,
    'font-family': theme.fontFamily,
    role: 'img',
    'aria-label': `Call flow${graph.title ? `: ${graph.title}` : ''}, ${n} ${spec.name} page${n > 1 ? 's' : ''}`,
    'data-paper': paper,
    'data-pages': n,
  });
  root.children.push(el('title', {}, graph.title ?? graph.uri), defsElement(theme));
  for (let k = 0; k < n; k++) root.children.push(pageElement(graph, layout, p, k, paper, theme));
  return root;
}
