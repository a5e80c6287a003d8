/**
 * Drawing of edges, the start marker, placeholders for missing steps and the arrowhead markers.
 * Part of the scene (see `scene.ts`).
 */
import type { GraphEdge } from './graph';
import { METRICS, hasEdgeLabel, measureLabel, type Box, type EdgeRoute, type Point } from './layout';
import { edgeLines } from './graph-words';
import { el, type SceneElement } from './scene-element';
import type { PreviewTheme } from './theme';
import { wrapText } from './text-metrics';

/** An SVG path through orthogonal points with rounded bends. */
export function roundedPath(points: Point[], radius = 6): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const p1 = { x: b.x - (Math.sign(b.x - a.x) * r || 0), y: b.y - (Math.sign(b.y - a.y) * r || 0) };
    const p2 = { x: b.x + (Math.sign(c.x - b.x) * r || 0), y: b.y + (Math.sign(c.y - b.y) * r || 0) };
    d += ` L${f(p1.x)},${f(p1.y)} Q${f(b.x)},${f(b.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  const last = points[points.length - 1];
  return `${d} L${f(last.x)},${f(last.y)}`;
}

/** The group for one edge: its routed line, arrowhead and label. */
export function edgeElement(
  edge: GraphEdge,
  route: EdgeRoute,
  theme: PreviewTheme,
  compact = false,
): SceneElement {
  const critical = edge.kind === 'choice' && Boolean(edge.critical);
  const classes = ['cf-edge', `cf-edge-${edge.kind}`];
  if (critical) classes.push('cf-critical');
  if (edge.missing) classes.push('cf-missing');
  const color = critical || edge.missing ? theme.critical : theme.edge;
  const tip = [`${edge.from} → ${edge.to} (${edge.kind})`, ...edgeLines(edge).map((l) => l.text)].join('\n');
  const line = el('path', {
    class: 'cf-edge-line',
    d: roundedPath(route.points),
    fill: 'none',
    stroke: color,
    'stroke-width': critical ? 1.75 : 1.4,
    'marker-end': `url(#${critical || edge.missing ? 'cf-arrow-critical' : 'cf-arrow'})`,
  });
  if (critical) line.attrs['stroke-dasharray'] = '7 4';
  else if (edge.kind === 'timeout') line.attrs['stroke-dasharray'] = '2 4';
  else if (edge.missing) line.attrs['stroke-dasharray'] = '4 3';
  const g = el('g', {
    class: classes.join(' '),
    'data-id': edge.id,
    'data-from': edge.from,
    'data-to': edge.to,
  });
  g.children.push(el('title', {}, tip), line);
  if (hasEdgeLabel(edge) && route.label && !compact) g.children.push(...edgeLabel(edge, route.label, theme));
  return g;
}

/** An edge's label box: the option's words, its score, and its critical-failure reason in red. */
function edgeLabel(edge: GraphEdge, b: Box, theme: PreviewTheme): SceneElement[] {
  const critical = edge.kind === 'choice' && Boolean(edge.critical);
  const { lines } = measureLabel(edge);
  const m = METRICS;
  const t = el('text', { class: 'cf-edge-text', 'font-size': m.smallFontSize, 'text-anchor': 'middle' });
  lines.forEach((l, i) =>
    t.children.push(
      el(
        'tspan',
        {
          x: b.x + b.width / 2,
          y: b.y + m.labelPadY + (i + 1) * m.labelLineHeight - 3,
          fill: l.kind === 'critical' || critical ? theme.critical : theme.foreground,
          ...(l.kind === 'critical' ? { class: 'cf-critical-reason', 'font-style': 'italic' } : {}),
          ...(l.kind === 'score' ? { class: 'cf-score', 'font-weight': 700 } : {}),
        },
        l.text,
      ),
    ),
  );
  return [
    el('rect', {
      class: 'cf-edge-label',
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      rx: 4,
      fill: theme.labelFill,
      stroke: critical ? theme.critical : theme.nodeBorder,
      'stroke-width': 0.75,
    }),
    t,
  ];
}

/** The placeholder for an edge target that names no step. */
export function ghostElement(id: string, box: Box, theme: PreviewTheme): SceneElement {
  const [line = ''] = wrapText(id, box.width - 20, METRICS.smallFontSize, 1).lines;
  return el(
    'g',
    { class: 'cf-ghost', 'data-id': id, transform: `translate(${box.x},${box.y})` },
    el('title', {}, `Missing step: ${id}`),
    el('rect', {
      width: box.width,
      height: box.height,
      rx: 8,
      fill: 'none',
      stroke: theme.error,
      'stroke-dasharray': '4 3',
    }),
    el(
      'text',
      { x: 10, y: 18, 'font-size': 10, 'font-weight': 700, fill: theme.error, 'letter-spacing': 1 },
      'MISSING STEP',
    ),
    el('text', { x: 10, y: 35, 'font-size': METRICS.smallFontSize, fill: theme.foreground }, line),
  );
}

/** The start marker (a filled circle, as in a state chart) and its edge into the start step. */
export function startElement(box: Box, route: EdgeRoute | undefined, theme: PreviewTheme): SceneElement {
  const r = box.width / 2;
  return el(
    'g',
    { class: 'cf-start-marker' },
    el('title', {}, 'Start'),
    el('path', {
      d: roundedPath(route?.points ?? []),
      fill: 'none',
      stroke: theme.foreground,
      'stroke-width': 1.5,
      'marker-end': 'url(#cf-arrow-start)',
    }),
    el('circle', { cx: box.x + r, cy: box.y + r, r, fill: theme.foreground }),
  );
}

function marker(id: string, color: string): SceneElement {
  return el(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 8,
      markerHeight: 8,
      orient: 'auto-start-reverse',
      markerUnits: 'userSpaceOnUse',
    },
    el('path', { d: 'M0,1 L9,5 L0,9 Z', fill: color }),
  );
}

/** Arrowhead markers for normal, critical, highlighted and start edges. */
export function defsElement(theme: PreviewTheme): SceneElement {
  return el(
    'defs',
    {},
    marker('cf-arrow', theme.edge),
    marker('cf-arrow-critical', theme.critical),
    marker('cf-arrow-highlight', theme.highlight),
    marker('cf-arrow-start', theme.foreground),
  );
}
