/**
 * The self-contained trainee page: one HTML file with its script, styles and data inline, and a strict
 * Content Security Policy that allows exactly those (scripts and styles by SHA-256 hash; nothing from the
 * network, no frames, no forms). The scenario's data sits in a JSON data block that is never run, with
 * every `<` escaped; the script draws all scenario text as text nodes.
 */
import { createHash } from 'node:crypto';
import { callLayoutHtml } from '../../../../client/src/webview/rehearsal/html';
import { REHEARSAL_CSS } from '../../../../client/src/webview/rehearsal/styles';
import { escapeXml as esc } from '../../shared/escape';
import { htmlHead } from '../../shared/html-page';
import type { PackData } from '../../service';
import { INDEX_CSS, PAGE_CSS } from './page-css';

/** `'sha256-…'` of a script or style text, as CSP matches it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's Content-Security-Policy for its one script and one style. */
export function pageCsp(script: string | undefined, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${script === undefined ? "'none'" : cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** JSON that may sit inside `<script type="application/json">`: no `<` at all (so no `</script>`, no `<!--`). */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script that may sit inline: its `</script` written so the HTML parser does not end the element there. */
export function inlineScript(code: string): string {
  const safe = code.replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(safe)) throw new Error('the page script contains "<!--", which cannot be inlined safely');
  return safe;
}

/** The trainee page for a pack, with the page script's text (dist/trainee-page.js). */
export function traineePageHtml(pack: PackData, pageScript: string): string {
  const script = inlineScript(pageScript);
  const style = REHEARSAL_CSS + PAGE_CSS;
  const head = htmlHead({ csp: pageCsp(script, style), title: pack.title, style, noReferrer: true });
  return `${head}<body>
<a class="skip" href="#run">Skip to the call</a>
<header id="toolbar">
  <h1 id="title">${esc(pack.title)}</h1>
  <div id="modes" role="group" aria-label="View" hidden>
    <button id="mode-trainee" type="button" aria-pressed="true" tabindex="-1">Trainee</button>
    <button id="mode-trainer" type="button" aria-pressed="false" tabindex="-1" disabled>Trainer</button>
  </div>
  <label class="toggle" title="The clock runs while you think, and a step's timeout fires when you do not act in time"><input id="real-time" type="checkbox"> Real time</label>
  <label class="toggle" id="speech-label"><input id="read-aloud" type="checkbox"> <span id="speech-text">Read aloud</span></label>
  <button id="back" type="button" title="Step back (Backspace)">Back</button>
  <button id="restart" type="button" title="Restart (R)">Restart</button>
</header>
<p id="brief">You are the call handler. Read each line, then choose what you do.</p>
${callLayoutHtml('This page needs JavaScript to play the call.')}
<footer id="keys">Enter continue · 1–9 choose · Backspace back · R restart</footer>
<script type="application/json" id="callflow-pack">${jsonForHtml(pack)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** One entry of the index page. */
export interface IndexEntry {
  title: string;
  /** The page's file name, relative to the index. */
  href: string;
  /** A short line under the title (level, duration…). */
  meta?: string;
}

/** The index of a pack of pages: a list of links, no script at all. */
export function indexHtml(title: string, entries: IndexEntry[]): string {
  const items = entries
    .map(
      (e) =>
        `<li><a href="${esc(encodeURI(e.href))}">${esc(e.title)}</a>${e.meta ? `<span class="meta">${esc(e.meta)}</span>` : ''}</li>`,
    )
    .join('\n');
  const head = htmlHead({ csp: pageCsp(undefined, INDEX_CSS), title, style: INDEX_CSS });
  return `${head}<body>
<main>
<h1>${esc(title)}</h1>
<p>${entries.length} ${entries.length === 1 ? 'scenario' : 'scenarios'}. Each page plays on its own, without a network.</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
