/**
 * The preview page: a strict, nonce-only Content Security Policy, the toolbar and the SVG canvas. The
 * VS Code panel host calls `previewHtml` with webview URIs; tests and the benchmark call it with
 * http URLs. Nothing in the page runs without the nonce: no inline handlers, no eval, no remote code.
 */
import { escapeXml } from '../../../server/src/shared/escape';
import { checkNonce, htmlHead } from '../../../server/src/shared/html-page';
import { PREVIEW_CSS } from './styles';

/** Inputs of the page builder. */
export interface PreviewHtmlOptions {
  /** URL of `dist/webview.js`. */
  scriptUri: string;
  /** URL of `dist/elk.bundled.js`. */
  elkUri: string;
  /** The origin the resources come from (`webview.cspSource` in VS Code). */
  cspSource: string;
  /** A fresh random nonce per page load (base64 or hex, at least 128 bits). */
  nonce: string;
  /**
   * Run ELK in a blob-URL Worker (adds `connect-src` for the ELK script and `worker-src blob:`); default
   * true. When false, or when the worker cannot start, ELK runs on the main thread from a nonce'd script.
   */
  worker?: boolean;
  /**
   * The host sends layouts with the graphs (the desktop language server's layout thread): ELK is then
   * loaded only when a graph comes without one. Default false: ELK starts with the page.
   */
  serverLayout?: boolean;
  /** Page title. */
  title?: string;
}

const esc = escapeXml;

/** The Content-Security-Policy the page declares. */
export function previewCsp(opts: Pick<PreviewHtmlOptions, 'cspSource' | 'nonce' | 'worker'>): string {
  const { cspSource, nonce } = opts;
  const directives = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ];
  if (opts.worker !== false) directives.push(`connect-src ${cspSource}`, 'worker-src blob:');
  return directives.join('; ');
}

/** The whole preview page. */
export function previewHtml(opts: PreviewHtmlOptions): string {
  checkNonce(opts.nonce, 'previewHtml');
  const nonce = esc(opts.nonce);
  const worker = opts.worker !== false;
  const serverLayout = opts.serverLayout === true;
  const head = htmlHead({
    csp: previewCsp(opts),
    title: opts.title ?? 'Call flow preview',
    style: PREVIEW_CSS,
    nonce: opts.nonce,
  });
  return `${head}<body data-elk-uri="${esc(opts.elkUri)}" data-layout-worker="${worker}" data-server-layout="${serverLayout}">
<div id="toolbar" role="toolbar" aria-label="Preview controls">
  <span id="title"></span>
  <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="fit" type="button" title="Fit to window (F or 0)">Fit</button>
  <button id="rehearse" type="button" title="Rehearse from the selected step (R)">Rehearse</button>
  <span class="spacer"></span>
  <span id="status" aria-live="polite"></span>
  <input id="search" type="search" placeholder="Find step (/)" aria-label="Find step by id or text" autocomplete="off" spellcheck="false">
  <span id="search-status" aria-live="polite"></span>
</div>
<div id="canvas">
  <svg id="graph" xmlns="http://www.w3.org/2000/svg" tabindex="0" role="group" aria-label="Call flow. Use arrow keys or Tab to move between steps, Enter to open a step.">
    <defs id="defs"></defs>
    <g id="viewport"><g id="edges"></g><g id="nodes"></g></g>
  </svg>
  <div id="empty">Waiting for the scenario…</div>
  <div id="legend" aria-hidden="true"><span class="lg-caller">caller</span><span class="lg-handler">handler</span><span class="lg-action">action</span><span class="lg-choice">choice</span><span class="lg-timer">timer</span><span class="lg-end">end</span></div>
</div>
${worker || serverLayout ? '' : `<script nonce="${nonce}" src="${esc(opts.elkUri)}"></script>\n`}<script nonce="${nonce}" src="${esc(opts.scriptUri)}"></script>
</body>
</html>
`;
}
