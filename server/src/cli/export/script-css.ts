/**
 * The role-player's script and marking sheet: a plain document that reads on screen and prints on A4 and
 * Letter alike (the page size is left to the printer; 15 mm margins; no line, table row or box is cut
 * across pages; the marking sheet starts on a new page).
 */
export const SCRIPT_CSS = `
:root { color-scheme: light; }
@page { margin: 15mm 14mm; }
body { font: 11pt/1.4 system-ui, 'Segoe UI', Ubuntu, 'Helvetica Neue', Arial, sans-serif; color: #111;
  background: #fff; margin: 0 auto; max-width: 52rem; padding: 16px; }
h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 18px 0 6px; border-bottom: 2px solid #333; }
h3 { font-size: 11.5pt; margin: 14px 0 4px; break-after: avoid; }
p, li, td, th, dd { overflow-wrap: anywhere; }
dl.rows { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 4px 0; }
dl.rows dt { color: #555; } dl.rows dd { margin: 0; }
.part { break-before: page; } .part:first-of-type { break-before: auto; }
.branch { margin: 10px 0 14px; }
.cue { margin: 0 0 4px; padding: 4px 8px; background: #eef2f7; border-left: 4px solid #3465a4; break-after: avoid; }
ol.lines { list-style: none; margin: 0; padding: 0; }
ol.lines li { display: grid; grid-template-columns: 5.2em minmax(0, 1fr); gap: 0 8px; padding: 3px 0;
  border-bottom: 1px solid #ddd; break-inside: avoid; }
.who { font-weight: 600; color: #444; font-size: .92em; }
li.caller .say { font-weight: 600; }
li.caller .who { color: #1a4f8b; }
.event { display: inline-block; font-size: .85em; border: 1px dashed #666; border-radius: 8px; padding: 0 6px; margin-right: 4px; }
.meta { color: #555; font-size: .9em; }
.note { font-style: italic; color: #333; font-size: .92em; }
.note::before { content: 'Note: '; font-weight: 600; font-style: normal; }
.joins { color: #555; font-size: .92em; margin: 4px 0 0; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } tr { break-inside: avoid; }
col.tick { width: 2.2em; } col.score { width: 4.2em; } col.crit { width: 30%; }
col.factor { width: 8em; } col.assess { width: 35%; }
.box { display: inline-block; width: .9em; height: .9em; border: 1.5px solid #111; vertical-align: -2px; margin-right: 6px; }
ul.ticks { list-style: none; padding: 0; margin: 4px 0; } ul.ticks li { padding: 2px 0; break-inside: avoid; }
.fill { display: inline-block; min-width: 10em; border-bottom: 1px solid #111; }
.critical { color: #a40000; font-weight: 600; }
.graph img { max-width: 100%; height: auto; display: block; margin: 8px auto; }
.truth { white-space: pre-wrap; }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } a { color: inherit; } }
`;
