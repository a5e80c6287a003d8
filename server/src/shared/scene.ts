/**
 * The drawing as a plain element tree (tag, attributes, children, text), built from a graph, its layout
 * and a theme. `svg.ts` serialises it (escaping all text); the webview turns the same tree into DOM
 * nodes with `createElementNS` and `textContent`, so scenario text is never parsed as markup.
 * Steps are drawn here; edges, markers and placeholders in `scene-edges.ts`.
 */
import type { FlowGraph, GraphNode, GraphProblem } from './graph';
import { stepHeading, stepLines } from './graph-words';
import { METRICS, measureNode, stepHeader, type Box, type NodeRow, type PreviewLayout } from './layout';
import { defsElement, edgeElement, ghostElement, startElement } from './scene-edges';
import { el, type SceneElement } from './scene-element';
import { resultColor, type PreviewTheme } from './theme';
import { textWidth } from './text-metrics';

export { el, type SceneElement } from './scene-element';
export { defsElement, edgeElement, ghostElement, roundedPath, startElement } from './scene-edges';

/** The colour that identifies a step kind (end steps: their result). */
export function kindColor(theme: PreviewTheme, node: GraphNode): string {
  return node.kind === 'end' ? resultColor(theme, node.result) : theme[node.kind];
}

function worstSeverity(problems: GraphProblem[]): GraphProblem['severity'] {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  return problems.some((p) => p.severity === 'warning') ? 'warning' : 'info';
}

/** The accessible name of a step: kind, id, text, result and problems in words. */
export function nodeAriaLabel(node: GraphNode, isStart: boolean): string {
  const parts = [`${isStart ? 'Start, ' : ''}${node.kind} step ${node.id}`];
  const heading = stepHeading(node);
  if (heading.toLowerCase() !== node.kind) parts.push(heading);
  parts.push(...stepLines(node));
  if (!node.reachable) parts.push('unreachable');
  if (node.problems.length)
    parts.push(`${node.problems.length} problem${node.problems.length > 1 ? 's' : ''}`);
  return parts.join('. ');
}

/** The kind-coloured bar along the left edge of a box with corner radius `rx`. */
function accentPath(rx: number, h: number, bw: number): string {
  if (rx <= bw)
    return `M${rx},0 H${bw} V${h} H${rx} A${rx},${rx} 0 0 1 0,${h - rx} V${rx} A${rx},${rx} 0 0 1 ${rx},0 Z`;
  const y0 = Math.round((rx - Math.sqrt(rx * rx - (rx - bw) ** 2)) * 100) / 100;
  return `M${bw},${y0} A${rx},${rx} 0 0 0 0,${rx} V${h - rx} A${rx},${rx} 0 0 0 ${bw},${h - y0} Z`;
}

function shape(node: GraphNode, w: number, h: number, theme: PreviewTheme, color: string): SceneElement[] {
  const stroke = theme.highContrast ? 2 : 1.25;
  const base: Record<string, string | number> = {
    class: 'cf-box',
    fill: theme.nodeFill,
    stroke: theme.nodeBorder,
    'stroke-width': stroke,
  };
  if (!node.reachable) base['stroke-dasharray'] = '4 3';
  if (node.kind === 'choice') {
    const i = METRICS.choiceInset;
    const points = `${i},0 ${w - i},0 ${w},${h / 2} ${w - i},${h} ${i},${h} 0,${h / 2}`;
    return [el('polygon', { ...base, points, stroke: color, 'stroke-width': stroke + 0.5 })];
  }
  if (node.kind === 'end') {
    return [
      el('rect', { ...base, width: w, height: h, rx: 22, fill: theme.nodeFill }),
      el('rect', {
        width: w,
        height: h,
        rx: 22,
        fill: color,
        'fill-opacity': 0.12,
        stroke: color,
        'stroke-width': 2,
      }),
    ];
  }
  if (node.kind === 'caller' && node.event === 'disconnect') {
    // A dropped line: a box with its right side torn (a zigzag), outlined in the critical colour.
    const teeth = Math.max(2, Math.round(h / 16));
    let d = `M0,0 H${w - 6}`;
    for (let i = 1; i <= teeth; i++) d += ` L${i % 2 ? w : w - 6},${Math.round((i * h) / teeth)}`;
    d += ` H0 Z`;
    return [el('path', { ...base, d, stroke: theme.critical, 'stroke-width': stroke + 0.5 })];
  }
  const rx = node.kind === 'action' ? 3 : 9;
  const box = el('rect', { ...base, width: w, height: h, rx });
  if (node.kind === 'caller' && node.event === 'silence')
    Object.assign(box.attrs, { 'stroke-dasharray': '2 4' });
  if (node.kind === 'timer') Object.assign(box.attrs, { stroke: color, 'stroke-width': stroke + 0.5 });
  const bar = el('path', { class: 'cf-accent', d: accentPath(rx, h, 5), fill: color });
  return [box, bar];
}

function badge(problems: GraphProblem[], w: number, theme: PreviewTheme): SceneElement {
  const severity = worstSeverity(problems);
  const color = theme[severity];
  const text = `${severity === 'info' ? 'i' : '!'} ${problems.length}`;
  const bw = textWidth(text, METRICS.smallFontSize) + 12;
  const tooltip = problems.map((p) => `${p.severity} [${p.ruleId}]: ${p.message}`).join('\n');
  return el(
    'g',
    { class: `cf-badge cf-badge-${severity}`, transform: `translate(${w - bw - 8},${-9})` },
    el('title', {}, tooltip),
    el('rect', { width: bw, height: 18, rx: 9, fill: color, stroke: theme.background, 'stroke-width': 2 }),
    el(
      'text',
      {
        x: bw / 2,
        y: 13,
        'text-anchor': 'middle',
        'font-size': METRICS.smallFontSize,
        'font-weight': 700,
        fill: '#ffffff',
      },
      text,
    ),
  );
}

/** The rows under a step's text: what an action does, the grade pill, the rationale. */
function rowElements(rows: NodeRow[], x: number, y: number, theme: PreviewTheme): SceneElement[] {
  const m = METRICS;
  const out: SceneElement[] = [];
  const small = { 'font-size': m.smallFontSize };
  for (const row of rows) {
    if (row.kind === 'grade') {
      const text = row.lines[0] ?? '';
      const pillW = Math.min(Math.ceil(textWidth(text, m.smallFontSize) * 1.15) + 16, m.nodeWidth - 2 * x);
      const color = theme.action;
      out.push(
        el(
          'g',
          { class: 'cf-grade', transform: `translate(${x},${y + 1})` },
          el('rect', {
            width: pillW,
            height: 18,
            rx: 9,
            fill: color,
            'fill-opacity': 0.16,
            stroke: color,
            'stroke-width': 1,
          }),
          el(
            'text',
            {
              ...small,
              x: pillW / 2,
              y: 13,
              'text-anchor': 'middle',
              fill: theme.foreground,
              'font-weight': 600,
            },
            text,
          ),
        ),
      );
    } else {
      const t = el('text', {
        ...small,
        class: `cf-${row.kind}`,
        fill: row.kind === 'action' ? theme.muted : theme.foreground,
        ...(row.kind === 'action' ? { 'font-style': 'italic' } : {}),
      });
      row.lines.forEach((line, i) =>
        t.children.push(el('tspan', { x, y: y + (i + 1) * m.labelLineHeight - 2 }, line)),
      );
      out.push(t);
    }
    y += row.height;
  }
  return out;
}

/** A small drawn icon (16 × 16) for a caller event, so the event reads without colour or words. */
function eventIcon(event: string, color: string): SceneElement | undefined {
  const line = { fill: 'none', stroke: color, 'stroke-width': 1.6, 'stroke-linecap': 'round' };
  switch (event) {
    case 'disconnect': // a line broken in two
      return el('path', { ...line, d: 'M1,8 H6 L8,4 M10,12 L12,8 H15' });
    case 'silence': // a speaker, crossed out
      return el('path', { ...line, d: 'M2,6 H5 L9,3 V13 L5,10 H2 Z M11,6 L15,10 M15,6 L11,10' });
    case 'press-55':
    case 'keypress': {
      const dots: SceneElement[] = [];
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++)
          dots.push(el('circle', { cx: 3 + c * 5, cy: 3 + r * 5, r: 1.6, fill: color }));
      return el('g', {}, ...dots);
    }
    case 'background-noise': // a wave
      return el('path', { ...line, d: 'M1,8 Q3,2 5,8 T9,8 T13,8 T16,8' });
    default:
      return undefined;
  }
}

/** Options for drawing one step. */
export interface NodeDrawOptions {
  isStart: boolean;
  /** Webview only: makes the group focusable (roving tabindex). */
  interactive?: boolean;
  /** Far zoomed out: shape, colour and problem badge only, no text. */
  compact?: boolean;
}

/** The group for one step, positioned at its box. */
export function nodeElement(
  node: GraphNode,
  box: Box,
  theme: PreviewTheme,
  opts: NodeDrawOptions,
): SceneElement {
  const m = METRICS;
  const { text, rows } = measureNode(node);
  const w = box.width;
  const h = box.height;
  const color = kindColor(theme, node);
  const classes = ['cf-node', `cf-kind-${node.kind}`];
  if (!node.reachable) classes.push('cf-unreachable');
  if (opts.isStart) classes.push('cf-start');
  const attrs: Record<string, string | number> = {
    class: classes.join(' '),
    'data-id': node.id,
    transform: `translate(${box.x},${box.y})`,
  };
  if (!node.reachable) attrs.opacity = 0.5;
  if (opts.interactive)
    Object.assign(attrs, { role: 'button', tabindex: -1, 'aria-label': nodeAriaLabel(node, opts.isStart) });
  const g = el(
    'g',
    attrs,
    el(
      'title',
      {},
      [`${node.id} (${stepHeading(node)})${node.reachable ? '' : ' — unreachable'}`, ...stepLines(node)].join(
        '\n',
      ),
    ),
  );
  g.children.push(...shape(node, w, h, theme, color));
  if (opts.compact) {
    if (node.problems.length) g.children.push(badge(node.problems, w, theme));
    return g;
  }
  const { heading, x, headX, idLines } = stepHeader(node);
  const headY = m.padTop + 11;
  const icon = eventIcon(node.event ?? '', color);
  if (icon && headX !== x)
    g.children.push(el('g', { class: 'cf-event-icon', transform: `translate(${x},${headY - 12})` }, icon));
  const kind = { class: 'cf-kind', x: headX, y: headY, 'font-size': 10, 'font-weight': 700 };
  g.children.push(el('text', { ...kind, 'letter-spacing': 1.1, fill: color }, heading));
  const id = { class: 'cf-id', 'font-size': m.smallFontSize, fill: theme.muted };
  if (!idLines.length)
    g.children.push(el('text', { ...id, x: w - x, y: headY, 'text-anchor': 'end' }, node.id));
  else {
    const t = el('text', id);
    idLines.forEach((line, i) =>
      t.children.push(el('tspan', { x, y: headY + (i + 1) * m.labelLineHeight }, line)),
    );
    g.children.push(t);
  }
  const textY = m.padTop + m.headerHeight + idLines.length * m.labelLineHeight + m.headerGap;
  const lines = el('text', { class: 'cf-text', 'font-size': m.fontSize, fill: theme.foreground });
  text.lines.forEach((line, i) =>
    lines.children.push(el('tspan', { x, y: textY + (i + 1) * m.lineHeight - 5 }, line)),
  );
  const shown = node.text || !rows.length ? Math.max(1, text.lines.length) : 0;
  if (!node.text && !rows.length)
    lines.children.push(el('tspan', { x, y: textY + m.lineHeight - 5, fill: theme.muted }, '(no text)'));
  if (lines.children.length) g.children.push(lines);
  g.children.push(...rowElements(rows, x, textY + shown * m.lineHeight + 2, theme));
  if (node.problems.length) g.children.push(badge(node.problems, w, theme));
  return g;
}

/** The whole drawing: a standalone `<svg>` element with background, edges, then steps on top. */
export function graphScene(graph: FlowGraph, layout: PreviewLayout, theme: PreviewTheme): SceneElement {
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  const root = el('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width: w,
    height: h,
    viewBox: `0 0 ${w} ${h}`,
    'font-family': theme.fontFamily,
    role: 'img',
    'aria-label': `Call flow${graph.title ? `: ${graph.title}` : ''}`,
  });
  root.children.push(el('title', {}, graph.title ?? graph.uri), defsElement(theme));
  root.children.push(el('rect', { width: w, height: h, fill: theme.background }));
  const edges = el('g', { class: 'cf-edges' });
  for (const edge of graph.edges) {
    const route = layout.edges.get(edge.id);
    if (route) edges.children.push(edgeElement(edge, route, theme));
  }
  const nodes = el('g', { class: 'cf-nodes' });
  if (layout.start) nodes.children.push(startElement(layout.start, layout.startEdge, theme));
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (box) nodes.children.push(nodeElement(node, box, theme, { isStart: node.id === graph.start }));
  }
  for (const [id, box] of layout.ghosts) nodes.children.push(ghostElement(id, box, theme));
  root.children.push(edges, nodes);
  return root;
}
