/**
 * SVG text from a scene: the headless export shared by the webview (Export SVG/PNG) and the CLI.
 * Every attribute value and text node is escaped, and characters XML 1.0 forbids are dropped, so
 * scenario text (which may contain `<script>` or `&`) always stays text.
 */
import type { FlowGraph } from './graph';
import type { PreviewLayout } from './layout';
import { graphScene, type SceneElement } from './scene';
import type { PreviewTheme } from './theme';
import { escapeXml } from './escape';
import { printScene, type Paper } from './print';

const TAG_OR_NAME = /^[A-Za-z][A-Za-z0-9:._-]*$/;

/** Serialises a scene element (and its subtree) to SVG/XML text. Names are checked, values escaped. */
export function serializeScene(node: SceneElement | string): string {
  if (typeof node === 'string') return escapeXml(node);
  if (!TAG_OR_NAME.test(node.tag)) throw new Error(`invalid element name: ${node.tag}`);
  let out = `<${node.tag}`;
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!TAG_OR_NAME.test(name) || /^on/i.test(name)) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  if (node.children.length === 0) return `${out}/>`;
  return `${out}>${node.children.map(serializeScene).join('')}</${node.tag}>`;
}

/** The whole graph as a standalone SVG document (UTF-8, with an XML declaration). */
export function renderSvg(graph: FlowGraph, layout: PreviewLayout, theme: PreviewTheme): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeScene(graphScene(graph, layout, theme))}\n`;
}

/** The graph as printed pages (A4 or Letter) in one standalone SVG document (see `print.ts`). */
export function renderPrintSvg(
  graph: FlowGraph,
  layout: PreviewLayout,
  theme: PreviewTheme,
  paper: Paper,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeScene(printScene(graph, layout, theme, paper))}\n`;
}
