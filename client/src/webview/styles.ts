/**
 * The preview's stylesheet, inlined into the page with the CSP nonce. Colours come from VS Code's theme
 * variables with light, dark and high-contrast fallbacks; the renderer reads the resolved `--cf-*`
 * values (see `theme-reader.ts`) so the SVG it draws and exports carries concrete colours.
 */
export const PREVIEW_CSS = `
:root { color-scheme: light dark; }
body {
  --fb-bg:#ffffff; --fb-fg:#1f2328; --fb-muted:#59636e; --fb-node:#f6f8fa; --fb-border:#c8d1da; --fb-edge:#6e7781;
  --fb-caller:#0969da; --fb-handler:#1a7f37; --fb-action:#bc4c00; --fb-choice:#8250df; --fb-timer:#9a6700;
  --fb-end:#57606a; --fb-pass:#1a7f37; --fb-acceptable:#9a6700; --fb-fail:#cf222e; --fb-critical:#a40e26;
  --fb-error:#cf222e; --fb-warning:#bf8700; --fb-info:#0969da; --fb-focus:#0969da; --fb-highlight:#bf3989;
  --fb-toolbar:#f6f8fa; --fb-input:#ffffff;
}
body.vscode-dark {
  --fb-bg:#1f1f1f; --fb-fg:#e6edf3; --fb-muted:#9198a1; --fb-node:#262a30; --fb-border:#3d444d; --fb-edge:#8b949e;
  --fb-caller:#4493f8; --fb-handler:#3fb950; --fb-action:#f0883e; --fb-choice:#ab7df8; --fb-timer:#d29922;
  --fb-end:#9198a1; --fb-pass:#3fb950; --fb-acceptable:#d29922; --fb-fail:#f85149; --fb-critical:#ff7b72;
  --fb-error:#f85149; --fb-warning:#d29922; --fb-info:#4493f8; --fb-focus:#4493f8; --fb-highlight:#db61a2;
  --fb-toolbar:#181818; --fb-input:#313131;
}
body.vscode-high-contrast { --fb-bg:#000000; --fb-fg:#ffffff; --fb-node:#000000; --fb-border:#6fc3df; --fb-edge:#ffffff;
  --fb-muted:#d0d0d0; --fb-focus:#f38518; --fb-highlight:#f38518; --fb-toolbar:#000000; --fb-input:#000000; }
body.vscode-high-contrast-light { --fb-border:#0f4a85; --fb-focus:#006bbd; --fb-highlight:#b5200d; }
body {
  --cf-bg: var(--vscode-editor-background, var(--fb-bg));
  --cf-fg: var(--vscode-editor-foreground, var(--fb-fg));
  --cf-muted: var(--vscode-descriptionForeground, var(--fb-muted));
  --cf-node: var(--vscode-editorWidget-background, var(--fb-node));
  --cf-border: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, var(--fb-border)));
  --cf-edge: var(--vscode-editorLineNumber-foreground, var(--fb-edge));
  --cf-caller: var(--vscode-charts-blue, var(--fb-caller));
  --cf-handler: var(--vscode-charts-green, var(--fb-handler));
  --cf-action: var(--vscode-charts-orange, var(--fb-action));
  --cf-choice: var(--vscode-charts-purple, var(--fb-choice));
  --cf-timer: var(--vscode-charts-yellow, var(--fb-timer));
  --cf-end: var(--fb-end);
  --cf-pass: var(--vscode-testing-iconPassed, var(--fb-pass));
  --cf-acceptable: var(--vscode-editorWarning-foreground, var(--fb-acceptable));
  --cf-fail: var(--vscode-testing-iconFailed, var(--fb-fail));
  --cf-critical: var(--vscode-errorForeground, var(--fb-critical));
  --cf-error: var(--vscode-editorError-foreground, var(--fb-error));
  --cf-warning: var(--vscode-editorWarning-foreground, var(--fb-warning));
  --cf-info: var(--vscode-editorInfo-foreground, var(--fb-info));
  --cf-focus: var(--vscode-focusBorder, var(--fb-focus));
  --cf-highlight: var(--fb-highlight);
  --cf-font: var(--vscode-font-family, 'Segoe UI', -apple-system, BlinkMacSystemFont, Ubuntu, 'DejaVu Sans', sans-serif);
  --cf-toolbar: var(--vscode-sideBar-background, var(--fb-toolbar));
  margin: 0; padding: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column;
  background: var(--cf-bg); color: var(--cf-fg); font-family: var(--cf-font); font-size: 13px;
}
#toolbar { display: flex; align-items: center; gap: 6px; padding: 6px 10px; flex: none;
  background: var(--cf-toolbar); border-bottom: 1px solid var(--cf-border); }
#toolbar button { flex: none; min-width: 28px; height: 26px; padding: 0 8px; border-radius: 4px; cursor: pointer; font: inherit;
  color: var(--vscode-button-secondaryForeground, var(--cf-fg));
  background: var(--vscode-button-secondaryBackground, transparent); border: 1px solid var(--cf-border); }
#toolbar button:hover { background: var(--vscode-toolbar-hoverBackground, rgba(128,128,128,.18)); }
#toolbar button:focus-visible, #search:focus { outline: 2px solid var(--cf-focus); outline-offset: 1px; }
#title { font-weight: 600; margin-right: 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 30vw; }
.spacer { flex: 1; }
#search { width: 200px; height: 24px; padding: 0 8px; border-radius: 4px; font: inherit;
  color: var(--vscode-input-foreground, var(--cf-fg)); background: var(--vscode-input-background, var(--fb-input));
  border: 1px solid var(--vscode-input-border, var(--cf-border)); }
#search-status, #status { color: var(--cf-muted); font-size: 12px; white-space: nowrap; }
#status { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
#canvas { position: relative; flex: 1; overflow: hidden; cursor: grab; }
#canvas.panning { cursor: grabbing; }
#graph { display: block; width: 100%; height: 100%; outline: none; user-select: none; }
#graph:focus-visible { box-shadow: inset 0 0 0 2px var(--cf-focus); }
#empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: var(--cf-muted); pointer-events: none; }
#empty[hidden] { display: none; }
#legend { position: absolute; left: 10px; bottom: 10px; display: flex; gap: 10px; flex-wrap: wrap; padding: 5px 9px;
  font-size: 11px; color: var(--cf-muted); background: var(--cf-bg); border: 1px solid var(--cf-border);
  border-radius: 6px; opacity: .92; pointer-events: none; }
#legend span::before { content: ''; display: inline-block; width: 9px; height: 9px; border-radius: 2px;
  margin-right: 5px; vertical-align: -1px; background: var(--sw); }
#legend .lg-caller { --sw: var(--cf-caller); } #legend .lg-handler { --sw: var(--cf-handler); }
#legend .lg-action { --sw: var(--cf-action); } #legend .lg-choice { --sw: var(--cf-choice); }
#legend .lg-timer { --sw: var(--cf-timer); } #legend .lg-end { --sw: var(--cf-pass); }
.cf-node { cursor: pointer; outline: none; }
.cf-node:hover .cf-box { stroke: var(--cf-focus); }
.cf-node:focus-visible .cf-box, .cf-node.cf-selected .cf-box { stroke: var(--cf-focus); stroke-width: 2.5px; }
.cf-node.cf-selected .cf-box { filter: drop-shadow(0 0 4px var(--cf-focus)); }
.cf-node.cf-on-path .cf-box { stroke: var(--cf-highlight); stroke-width: 2px; }
.cf-node.cf-match .cf-box { stroke: var(--cf-highlight); stroke-width: 2.5px; stroke-dasharray: 6 3; }
.cf-edge.cf-on-path .cf-edge-line { stroke: var(--cf-highlight); stroke-width: 2.6px; marker-end: url(#cf-arrow-highlight); }
.cf-dim .cf-node:not(.cf-on-path), .cf-dim .cf-edge:not(.cf-on-path) { opacity: .35; }
.cf-node.cf-unplayed { opacity: .4; }
.cf-node.cf-unplayed .cf-box { stroke-dasharray: 5 4; }
.cf-lowdetail .cf-badge title { display: none; }
`;
