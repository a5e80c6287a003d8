/**
 * The diff layer of the drawing: marks on the steps and transitions a change touched, laid over the
 * scene the preview and the SVG export already build. Added is green, removed red (a faded ghost with a
 * dashed outline), changed amber, renamed blue; each mark also says so in words (a tag on the step, the
 * tooltip), so colour is never the only cue. Plain data and scene elements: the webview bundles it.
 */
import type { Box, PreviewLayout } from './layout';
import type { FlowGraph } from './graph';
import { graphScene } from './scene';
import { el, type SceneElement } from './scene-element';
import type { PreviewTheme } from './theme';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'renamed';

/** What changed in a drawing: step ids and edge ids to their status, new id → old id of renamed steps. */
export interface DiffMarks {
  nodes: Record<string, DiffStatus>;
  edges: Record<string, DiffStatus>;
  renamedFrom: Record<string, string>;
}

/** The colour of a status. */
export function diffColor(theme: PreviewTheme, status: DiffStatus): string {
  if (status === 'added') return theme.pass;
  if (status === 'removed') return theme.fail;
  if (status === 'changed') return theme.warning;
  return theme.info;
}

const TAG: Record<DiffStatus, string> = {
  added: '+ added',
  removed: '− removed',
  changed: '~ changed',
  renamed: '↷ renamed',
};

/** The words a status is shown with on a step (a renamed step names its old id). */
export function diffTag(status: DiffStatus, oldId?: string): string {
  return status === 'renamed' && oldId ? `↷ was ${oldId}` : TAG[status];
}

const own = (v: string | number | undefined) => String(v ?? '');

/** Marks a step's group (as `nodeElement` builds it) with its status. Returns the same element. */
export function markNode(
  g: SceneElement,
  box: Pick<Box, 'width' | 'height'>,
  status: DiffStatus,
  theme: PreviewTheme,
  oldId?: string,
): SceneElement {
  const color = diffColor(theme, status);
  g.attrs.class = `${own(g.attrs.class)} cf-diff cf-diff-${status}`.trim();
  if (status === 'removed') g.attrs.opacity = 0.55;
  const tag = diffTag(status, oldId);
  const title = g.children.find((c): c is SceneElement => typeof c !== 'string' && c.tag === 'title');
  if (title) title.children.push(`\n${tag}`);
  const outline = el('rect', {
    class: 'cf-diff-outline',
    x: -4,
    y: -4,
    width: box.width + 8,
    height: box.height + 8,
    rx: 12,
    fill: 'none',
    stroke: color,
    'stroke-width': 2.5,
  });
  if (status === 'removed') outline.attrs['stroke-dasharray'] = '6 4';
  const w = Math.ceil(tag.length * 6.4) + 12;
  const label = el(
    'g',
    { class: 'cf-diff-tag', transform: `translate(${Math.max(0, box.width - w - 6)},${box.height - 9})` },
    el('rect', { width: w, height: 16, rx: 8, fill: color }),
    el(
      'text',
      { x: w / 2, y: 12, 'text-anchor': 'middle', 'font-size': 10.5, 'font-weight': 700, fill: '#ffffff' },
      tag,
    ),
  );
  g.children.splice(title ? 1 : 0, 0, outline);
  g.children.push(label);
  return g;
}

/** Marks a transition's group (as `edgeElement` builds it) with its status. Returns the same element. */
export function markEdge(g: SceneElement, status: DiffStatus, theme: PreviewTheme): SceneElement {
  const color = diffColor(theme, status);
  g.attrs.class = `${own(g.attrs.class)} cf-diff cf-diff-${status}`.trim();
  for (const c of g.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'title') c.children.push(`\n${TAG[status]}`);
    if (c.tag === 'path' && own(c.attrs.class).includes('cf-edge-line')) {
      c.attrs.stroke = color;
      c.attrs['stroke-width'] = 2.5;
      if (status === 'removed') c.attrs['stroke-dasharray'] = '6 4';
    }
  }
  if (status === 'removed') g.attrs.opacity = 0.6;
  return g;
}

function marked(
  group: SceneElement | string | undefined,
  each: (child: SceneElement, id: string) => void,
): void {
  if (!group || typeof group === 'string') return;
  for (const c of group.children)
    if (typeof c !== 'string' && c.attrs['data-id'] !== undefined) each(c, own(c.attrs['data-id']));
}

/** The whole drawing with the diff's marks and a legend under it. */
export function diffScene(
  graph: FlowGraph,
  layout: PreviewLayout,
  theme: PreviewTheme,
  marks: DiffMarks,
): SceneElement {
  const root = graphScene(graph, layout, theme);
  const groups = root.children.filter((c): c is SceneElement => typeof c !== 'string' && c.tag === 'g');
  const edges = groups.find((g) => g.attrs.class === 'cf-edges');
  const nodes = groups.find((g) => g.attrs.class === 'cf-nodes');
  marked(edges, (g, id) => {
    const s = marks.edges[id];
    if (s) markEdge(g, s, theme);
  });
  marked(nodes, (g, id) => {
    const s = marks.nodes[id];
    const box = layout.nodes.get(id);
    if (s && box) markNode(g, box, s, theme, marks.renamedFrom[id]);
  });
  return withLegend(root, theme);
}

/** Adds a legend of the four statuses under the drawing (the canvas grows by its height). */
function withLegend(root: SceneElement, theme: PreviewTheme): SceneElement {
  const w = Number(root.attrs.width);
  const h = Number(root.attrs.height);
  const legend = el('g', { class: 'cf-diff-legend', transform: `translate(12,${h + 6})` });
  let x = 0;
  for (const s of ['added', 'removed', 'changed', 'renamed'] as const) {
    legend.children.push(
      el('rect', {
        x,
        y: 0,
        width: 14,
        height: 14,
        rx: 3,
        fill: 'none',
        stroke: diffColor(theme, s),
        'stroke-width': 2.5,
      }),
      el('text', { x: x + 20, y: 11, 'font-size': 12, fill: theme.foreground }, s),
    );
    x += 90;
  }
  const height = h + 28;
  const width = Math.max(w, x + 24);
  Object.assign(root.attrs, { width, height, viewBox: `0 0 ${width} ${height}` });
  const bg = root.children.find((c): c is SceneElement => typeof c !== 'string' && c.tag === 'rect');
  if (bg) Object.assign(bg.attrs, { width, height });
  root.children.push(legend);
  return root;
}
