/**
 * The trainee page's own styles, after the rehearsal panel's: a plain page outside VS Code (dark when the
 * system is), larger touch targets on a phone, the result box, and print (the summary: the call and the
 * debrief, without the controls).
 */
export const PAGE_CSS = `
@media (prefers-color-scheme: dark) {
  body {
    --fb-bg:#1f1f1f; --fb-fg:#e6edf3; --fb-muted:#9198a1; --fb-panel:#262a30; --fb-border:#3d444d;
    --fb-caller:#4493f8; --fb-handler:#3fb950; --fb-action:#f0883e; --fb-pass:#3fb950; --fb-warn:#d29922;
    --fb-fail:#f85149; --fb-focus:#4493f8; --fb-btn:#1f6feb; --fb-btn-fg:#ffffff;
  }
}
body { font-size: 16px; height: 100dvh; }
#modes { display: none; }
#brief { margin: 0; padding: 6px 12px; color: var(--rh-muted); border-bottom: 1px solid var(--rh-border); }
#takeaway { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0 24px; }
#takeaway button { min-height: 44px; padding: 6px 16px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; z-index: 10; background: var(--rh-bg); padding: 6px; }
@media (max-width: 600px) {
  /* On a phone the whole page scrolls (the toolbar goes out of view), and the clock stays on top. */
  body { height: auto; overflow: visible; display: block; }
  #layout { overflow: visible; padding: 8px; }
  #clockbar { position: sticky; top: 0; z-index: 2; background: var(--rh-bg); }
  #toolbar { padding: 6px 8px; gap: 4px 8px; }
  #title { flex-basis: 100%; }
  button, .toggle { min-height: 44px; }
  .toggle.unavailable { display: none; }
  ol.options button { min-height: 48px; }
  #keys { display: none; }
  #waiting, #debrief, .entry { scroll-margin-top: 8.5em; }
}
@media print {
  body { height: auto; overflow: visible; display: block; font-size: 11pt; }
  #toolbar button, .toggle, #modes, #countdown, #keys, #takeaway, .continue, ol.options { display: none !important; }
  #layout, #run { overflow: visible !important; height: auto !important; display: block; }
  a { color: inherit; }
}
`;

/** The index page's styles. */
export const INDEX_CSS = `
:root { color-scheme: light dark; }
body { font: 16px/1.5 system-ui, 'Segoe UI', Ubuntu, sans-serif; margin: 0 auto; max-width: 48rem; padding: 16px; }
h1 { font-size: 1.4em; }
ul { list-style: none; padding: 0; }
li { border: 1px solid #8888; border-radius: 6px; margin: 8px 0; padding: 10px 12px; }
a { font-weight: 600; font-size: 1.05em; }
a:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.meta { display: block; color: GrayText; font-size: .92em; }
`;
