/**
 * Export of the current drawing: SVG text from the shared builder (concrete theme colours, all text
 * escaped), and PNG by drawing that SVG on a canvas (via a blob URL image: `img-src blob:`).
 */
import type { FlowGraph } from '../../../server/src/shared/graph';
import type { PreviewLayout } from '../../../server/src/shared/layout';
import type { Paper } from '../../../server/src/shared/print';
import { renderPrintSvg, renderSvg } from '../../../server/src/shared/svg';
import { LIGHT_THEME, type PreviewTheme } from '../../../server/src/shared/theme';

/** Largest PNG side in pixels (browsers refuse bigger canvases). */
const MAX_PNG_SIDE = 16384;

/** The drawing as standalone SVG text. */
export function exportSvg(graph: FlowGraph, layout: PreviewLayout, theme: PreviewTheme): string {
  return renderSvg(graph, layout, theme);
}

/** The drawing cut into printed pages of `paper`, in the light theme (ink on white paper). */
export function exportPrintSvg(graph: FlowGraph, layout: PreviewLayout, paper: Paper): string {
  return renderPrintSvg(graph, layout, LIGHT_THEME, paper);
}

/** The drawing as a PNG data URL, at `scale` (reduced when the image would be too large). */
export async function exportPng(
  graph: FlowGraph,
  layout: PreviewLayout,
  theme: PreviewTheme,
  scale = 2,
): Promise<string> {
  const svg = renderSvg(graph, layout, theme);
  const s = Math.min(
    scale,
    MAX_PNG_SIDE / Math.max(1, layout.width),
    MAX_PNG_SIDE / Math.max(1, layout.height),
  );
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(layout.width * s));
    canvas.height = Math.max(1, Math.round(layout.height * s));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
