/**
 * The flow diff page ("Callflow: Compare Flow with…"): a summary of what the change does, the list of
 * changes to step through, and the drawing of the new version with the changes coloured and removed
 * steps as ghosts (the SVG the language server draws). Strict nonce-only CSP; the script is
 * dist/diff.js (webview/diff/main.ts). All scenario text is escaped; the SVG comes escaped from its serialiser.
 */
import { escapeXml as esc } from '../../server/src/shared/escape';
import { checkNonce, htmlHead } from '../../server/src/shared/html-page';
import type { FlowChange, FlowDiff, RouteSummary } from '../../server/src/shared/flow-diff';

/** Inputs of the page builder. */
export interface DiffPageOptions {
  diff: FlowDiff;
  svg: string;
  /** Why there is no drawing (shown instead of it). */
  noDrawing?: string;
  /** The file and the two versions, in words. */
  file: string;
  oldLabel: string;
  /** URL of `dist/diff.js`. */
  scriptUri: string;
  cspSource: string;
  nonce: string;
}

const SIGN: Partial<Record<FlowChange['kind'], string>> = {
  'step-added': '+',
  'transition-added': '+',
  'option-added': '+',
  'step-removed': '−',
  'transition-removed': '−',
  'option-removed': '−',
  'step-renamed': '↷',
};

const route = (r: RouteSummary | null) =>
  r ? `score ${r.score}, ${r.seconds} s, ends at ${r.end} (${r.result ?? 'no result'})` : 'none';

function summary(diff: FlowDiff): string {
  const e = diff.effects;
  const counts = Object.values(diff.steps).reduce<Record<string, number>>(
    (m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }),
    {},
  );
  const steps =
    Object.entries(counts)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ') || 'no step changed';
  const rows: [string, string][] = [
    ['Steps', steps],
    [
      'Best route',
      route(e.bestBefore) === route(e.bestAfter)
        ? `unchanged: ${route(e.bestAfter)}`
        : `${route(e.bestBefore)} → ${route(e.bestAfter)}`,
    ],
    ['Problems', `${e.problemsAdded.length} new, ${e.problemsFixed.length} fixed`],
  ];
  if (e.becameUnreachable.length) rows.push(['Now unreachable', e.becameUnreachable.join(', ')]);
  if (e.becameReachable.length) rows.push(['Now reachable', e.becameReachable.join(', ')]);
  if (e.endsGained.length) rows.push(['Ends gained', e.endsGained.join(', ')]);
  if (e.endsLost.length) rows.push(['Ends lost', e.endsLost.join(', ')]);
  return `<dl id="summary">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function changeItem(c: FlowChange, i: number): string {
  const sign = SIGN[c.kind] ?? '~';
  const cls = sign === '+' ? 'added' : sign === '−' ? 'removed' : sign === '↷' ? 'renamed' : 'changed';
  const text = c.words
    ? `${esc(c.field ?? '')}: ${c.words.map((w) => (w.op === 'same' ? esc(w.text) : `<${w.op === 'added' ? 'ins' : 'del'}>${esc(w.text)}</${w.op === 'added' ? 'ins' : 'del'}>`)).join('')}`
    : esc(c.message);
  return `<li><button type="button" class="change ${cls}" data-index="${i}" data-step="${esc(c.step)}"><span class="sign" aria-hidden="true">${sign}</span><span class="step">${esc(c.step || 'scenario')}</span> <span class="what">${text}</span></button></li>`;
}

const CSS = `
body{margin:0;font:13px var(--vscode-font-family,system-ui);color:var(--vscode-foreground,#1f2328);background:var(--vscode-editor-background,#fff);display:flex;height:100vh}
#side{width:min(340px,40vw);min-width:220px;overflow:auto;border-right:1px solid var(--vscode-panel-border,#d0d7de);padding:8px 10px;box-sizing:border-box}
#side h1{font-size:14px;margin:4px 0 8px}#side .versions{color:var(--vscode-descriptionForeground,#59636e);margin:0 0 8px}
#summary{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0 0 10px}#summary dt{font-weight:600}#summary dd{margin:0}
#nav{display:flex;gap:6px;margin-bottom:6px}#nav button{flex:1}
#changes{list-style:none;margin:0;padding:0}
.change{display:block;width:100%;text-align:left;border:1px solid transparent;background:none;color:inherit;font:inherit;padding:4px 6px;border-radius:4px;cursor:pointer}
.change:hover{background:var(--vscode-list-hoverBackground,#f0f3f6)}.change[aria-current="true"]{border-color:var(--vscode-focusBorder,#0969da);background:var(--vscode-list-activeSelectionBackground,#ddf4ff);color:var(--vscode-list-activeSelectionForeground,inherit)}
.sign{display:inline-block;width:1.2em;font-weight:700}.added .sign{color:#1a7f37}.removed .sign{color:#cf222e}.changed .sign{color:#9a6700}.renamed .sign{color:#0969da}
.step{font-family:var(--vscode-editor-font-family,monospace);font-weight:600}
ins{background:rgba(26,127,55,.18);text-decoration:none}del{background:rgba(207,34,46,.18)}
#canvas{flex:1;overflow:auto;padding:8px}#canvas svg{max-width:none}
#canvas .cf-node.cf-current .cf-diff-outline,#canvas .cf-node.cf-current .cf-box{stroke-width:4}
#canvas .cf-node.cf-current{filter:drop-shadow(0 0 4px rgba(9,105,218,.8))}
#empty{color:var(--vscode-descriptionForeground,#59636e)}
`;

/** The whole page. */
export function diffPageHtml(o: DiffPageOptions): string {
  checkNonce(o.nonce, 'diffPageHtml');
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${o.nonce}'`,
    `style-src 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data:`,
  ].join('; ');
  const list = o.diff.changes.length
    ? `<ol id="changes" aria-label="Changes">${o.diff.changes.map(changeItem).join('')}</ol>`
    : '<p id="empty">No flow change: the two versions are the same flow.</p>';
  const head = htmlHead({ csp, title: `Flow diff: ${o.file}`, style: CSS, nonce: o.nonce });
  return `${head}<body>
<aside id="side" aria-label="Flow diff">
<h1>${esc(o.file)}</h1>
<p class="versions">${esc(o.oldLabel)} → this editor · ${o.diff.changes.length} change${o.diff.changes.length === 1 ? '' : 's'}</p>
${summary(o.diff)}
<div id="nav"><button type="button" id="prev" title="Previous change (p)">↑ Previous</button><button type="button" id="next" title="Next change (n)">↓ Next</button></div>
${list}
</aside>
<main id="canvas" aria-label="The new flow with the changes marked">${o.svg ? o.svg.replace(/^<\?xml[^>]*>\s*/, '') : `<p id="empty">${esc(o.noDrawing ?? 'The flow is not drawn here: the changes are listed on the left (callflow diff --format svg draws it).')}</p>`}</main>
<script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>`;
}
