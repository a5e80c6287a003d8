/**
 * The rehearsal page's stylesheet, inlined with the CSP nonce. Colours come from VS Code's theme
 * variables, with light, dark and high-contrast fallbacks for a plain page. The toolbar and the clock
 * stay in view while the call scrolls; one column at narrow widths, the state panel beside the call (and
 * in view) from 620 px (a panel beside the editor on a laptop).
 */
export const REHEARSAL_CSS = `
:root { color-scheme: light dark; }
body {
  --fb-bg:#ffffff; --fb-fg:#1f2328; --fb-muted:#59636e; --fb-panel:#f6f8fa; --fb-border:#c8d1da;
  --fb-caller:#0969da; --fb-handler:#1a7f37; --fb-action:#bc4c00; --fb-pass:#1a7f37; --fb-warn:#9a6700;
  --fb-fail:#cf222e; --fb-focus:#0969da; --fb-btn:#0969da; --fb-btn-fg:#ffffff;
}
body.vscode-dark {
  --fb-bg:#1f1f1f; --fb-fg:#e6edf3; --fb-muted:#9198a1; --fb-panel:#262a30; --fb-border:#3d444d;
  --fb-caller:#4493f8; --fb-handler:#3fb950; --fb-action:#f0883e; --fb-pass:#3fb950; --fb-warn:#d29922;
  --fb-fail:#f85149; --fb-focus:#4493f8; --fb-btn:#1f6feb; --fb-btn-fg:#ffffff;
}
body.vscode-high-contrast { --fb-bg:#000000; --fb-fg:#ffffff; --fb-panel:#000000; --fb-border:#6fc3df;
  --fb-muted:#d0d0d0; --fb-focus:#f38518; }
body {
  --rh-bg: var(--vscode-editor-background, var(--fb-bg));
  --rh-fg: var(--vscode-editor-foreground, var(--fb-fg));
  --rh-muted: var(--vscode-descriptionForeground, var(--fb-muted));
  --rh-panel: var(--vscode-editorWidget-background, var(--fb-panel));
  --rh-border: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, var(--fb-border)));
  --rh-caller: var(--vscode-charts-blue, var(--fb-caller));
  --rh-handler: var(--vscode-charts-green, var(--fb-handler));
  --rh-action: var(--vscode-charts-orange, var(--fb-action));
  --rh-pass: var(--vscode-testing-iconPassed, var(--fb-pass));
  --rh-warn: var(--vscode-editorWarning-foreground, var(--fb-warn));
  --rh-fail: var(--vscode-errorForeground, var(--fb-fail));
  --rh-focus: var(--vscode-focusBorder, var(--fb-focus));
  margin: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column;
  background: var(--rh-bg); color: var(--rh-fg);
  font-family: var(--vscode-font-family, system-ui, 'Segoe UI', Ubuntu, sans-serif);
  font-size: var(--vscode-font-size, 13px); line-height: 1.45;
}
button, input { font: inherit; }
button { cursor: pointer; border-radius: 4px; padding: 3px 10px; min-height: 26px;
  color: var(--vscode-button-secondaryForeground, var(--rh-fg));
  background: var(--vscode-button-secondaryBackground, transparent); border: 1px solid var(--rh-border); }
button:hover { background: var(--vscode-button-secondaryHoverBackground, rgba(128,128,128,.18)); }
button:focus-visible, input:focus-visible { outline: 2px solid var(--rh-focus); outline-offset: 1px; }
button[aria-pressed="true"] { color: var(--vscode-button-foreground, var(--fb-btn-fg));
  background: var(--vscode-button-background, var(--fb-btn)); border-color: transparent; }
button:disabled { opacity: .5; cursor: default; }
#toolbar, #clockbar, #diverged, #keys { flex: none; }
#toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 12px;
  background: var(--vscode-sideBar-background, var(--rh-panel)); border-bottom: 1px solid var(--rh-border); }
#title { font-size: 1em; font-weight: 600; margin: 0 auto 0 0; min-width: 0; overflow-wrap: anywhere; }
#modes { display: inline-flex; gap: 0; }
#modes button:first-child { border-radius: 4px 0 0 4px; } #modes button:last-child { border-radius: 0 4px 4px 0; }
.toggle { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.toggle.unavailable { color: var(--rh-muted); }
#clockbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 6px 12px;
  border-bottom: 1px solid var(--rh-border); }
#clock { font-variant-numeric: tabular-nums; font-weight: 600; font-size: 1.3em; }
#targets { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
#targets li { border: 1px solid var(--rh-border); border-radius: 10px; padding: 0 8px; font-size: .92em; }
#targets li.met { border-color: var(--rh-pass); } #targets li.missed { border-color: var(--rh-fail); color: var(--rh-fail); }
#countdown { font-weight: 600; color: var(--rh-warn); font-variant-numeric: tabular-nums; }
#diverged { margin: 8px 12px 0; padding: 6px 10px; border-left: 3px solid var(--rh-warn);
  background: var(--vscode-inputValidation-warningBackground, var(--rh-panel)); }
#layout { flex: 1; min-height: 0; overflow: auto; display: grid; grid-template-columns: minmax(0, 1fr);
  align-content: start; gap: 12px; padding: 10px 12px; }
@media (min-width: 620px) { body.trainer #layout { grid-template-columns: minmax(0, 1fr) minmax(200px, 34%); } }
#run { min-width: 0; outline: none; }
#transcript { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.entry { display: grid; grid-template-columns: 3.6em minmax(0, 1fr); gap: 2px 8px; padding: 4px 6px;
  border-left: 3px solid var(--rh-border); }
.entry.caller { border-left-color: var(--rh-caller); } .entry.handler, .entry.trainee { border-left-color: var(--rh-handler); }
.entry.system { border-left-color: var(--rh-action); }
.entry .at { color: var(--rh-muted); font-variant-numeric: tabular-nums; grid-row: span 4; }
.entry .who { font-weight: 600; margin-right: 6px; }
.entry .text { overflow-wrap: anywhere; white-space: pre-wrap; }
.entry .cue { display: inline-block; font-size: .85em; padding: 0 6px; margin-right: 6px; border-radius: 8px;
  border: 1px dashed var(--rh-muted); color: var(--rh-muted); }
.entry .meta, .entry .note, .entry .made { grid-column: 2; font-size: .92em; }
.entry .meta { color: var(--rh-muted); }
.entry .note { font-style: italic; color: var(--rh-muted); }
.entry .step { font-family: var(--vscode-editor-font-family, monospace); font-size: .88em; color: var(--rh-muted);
  background: none; border: none; padding: 0; min-height: 0; text-decoration: underline dotted; }
.score { font-variant-numeric: tabular-nums; font-weight: 600; }
.score.plus { color: var(--rh-pass); } .score.minus { color: var(--rh-fail); }
.critical { color: var(--rh-fail); font-weight: 600; }
.risk { color: var(--rh-warn); }
#waiting { margin-top: 12px; }
#waiting .prompt { font-weight: 600; margin: 0 0 6px; overflow-wrap: anywhere; }
#waiting ol.options { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
#waiting ol.options button { width: 100%; text-align: left; display: grid; grid-template-columns: 1.6em minmax(0, 1fr);
  gap: 2px 6px; padding: 6px 8px; }
#waiting ol.options .key { font-weight: 600; grid-row: span 3; }
#waiting ol.options .label { overflow-wrap: anywhere; }
#waiting ol.options .detail { grid-column: 2; font-size: .9em; }
#waiting .continue { margin-top: 4px; }
#waiting .stopped { padding: 6px 10px; border-left: 3px solid var(--rh-fail); }
#empty { color: var(--rh-muted); }
#state { min-width: 0; padding: 8px 10px; border: 1px solid var(--rh-border); border-radius: 6px;
  background: var(--rh-panel); align-self: start; position: sticky; top: 0; }
#state h2, #debrief h2, #debrief h3 { font-size: 1em; margin: 8px 0 4px; }
#state h2:first-child, #debrief h2:first-child { margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 8px; margin: 0; }
dl.facts dt { color: var(--rh-muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
#debrief { padding: 10px 12px; border: 1px solid var(--rh-border); border-radius: 6px; background: var(--rh-panel); }
#debrief .result { font-size: 1.2em; font-weight: 700; }
#debrief .result.pass { color: var(--rh-pass); } #debrief .result.acceptable { color: var(--rh-warn); }
#debrief .result.fail, #debrief .result.critical-failure { color: var(--rh-fail); }
#debrief ul { margin: 2px 0; padding-left: 1.2em; }
#debrief li.ok::marker { content: '✓ '; color: var(--rh-pass); }
#debrief li.no::marker { content: '✗ '; color: var(--rh-fail); }
#debrief .truth { white-space: pre-wrap; overflow-wrap: anywhere; }
#keys { padding: 4px 12px; color: var(--rh-muted); font-size: .9em; border-top: 1px solid var(--rh-border); }
[hidden] { display: none !important; }
`;
