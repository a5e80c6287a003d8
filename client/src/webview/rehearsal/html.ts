/**
 * The rehearsal page: a strict, nonce-only Content Security Policy (no inline handlers, no eval, no remote
 * code, no network), the toolbar, the run and the state panel. The VS Code panel host calls
 * `rehearsalHtml` with webview URIs; tests call it with http URLs. The page holds no scenario text: the
 * script fills it in as text nodes.
 */
import { escapeXml } from '../../../../server/src/shared/escape';
import { checkNonce, htmlHead } from '../../../../server/src/shared/html-page';
import { REHEARSAL_CSS } from './styles';

/** Inputs of the page builder. */
export interface RehearsalHtmlOptions {
  /** URL of `dist/rehearsal.js`. */
  scriptUri: string;
  /** The origin the script comes from (`webview.cspSource` in VS Code). */
  cspSource: string;
  /** A fresh random nonce per page load (base64 or hex, at least 128 bits). */
  nonce: string;
}

const esc = escapeXml;

/** The Content-Security-Policy the page declares. */
export function rehearsalCsp(opts: Pick<RehearsalHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${opts.nonce}'`,
    `style-src 'nonce-${opts.nonce}'`,
    `font-src ${opts.cspSource}`,
  ].join('; ');
}

/**
 * The call's clock bar, transcript and live-state panel, as the rehearsal script finds them by id (see
 * dom.ts): the rehearsal panel and the exported trainee page share them. `empty` is the text shown until
 * the script has drawn the call.
 */
export function callLayoutHtml(empty: string): string {
  return `<div id="clockbar">
  <span id="clock" role="timer" aria-label="Call clock">0:00</span>
  <ul id="targets" aria-label="Time targets"></ul>
  <span id="countdown" role="timer" aria-live="off" hidden></span>
</div>
<div id="diverged" role="status" hidden></div>
<main id="layout">
  <section id="run" aria-label="Call" tabindex="-1">
    <ol id="transcript" role="log" aria-live="polite" aria-label="Transcript"></ol>
    <div id="waiting"></div>
    <p id="empty">${esc(empty)}</p>
  </section>
  <aside id="state" aria-label="Live state" hidden></aside>
</main>`;
}

/** The whole rehearsal page. */
export function rehearsalHtml(opts: RehearsalHtmlOptions): string {
  checkNonce(opts.nonce, 'rehearsalHtml');
  const nonce = esc(opts.nonce);
  const head = htmlHead({
    csp: rehearsalCsp(opts),
    title: 'Rehearsal',
    style: REHEARSAL_CSS,
    nonce: opts.nonce,
  });
  return `${head}<body>
<header id="toolbar">
  <h1 id="title">Rehearsal</h1>
  <div id="modes" role="group" aria-label="View">
    <button id="mode-trainee" type="button" aria-pressed="true" title="What the trainee sees (T switches)">Trainee</button>
    <button id="mode-trainer" type="button" aria-pressed="false" title="Scores, notes and the live state (T switches)">Trainer</button>
  </div>
  <label class="toggle" title="A timeout fires when nobody acts in time"><input id="real-time" type="checkbox"> Real time</label>
  <label class="toggle" id="speech-label"><input id="read-aloud" type="checkbox"> <span id="speech-text">Read aloud</span></label>
  <button id="back" type="button" title="Step back (Backspace)">Back</button>
  <button id="restart" type="button" title="Restart (R)">Restart</button>
  <button id="save-run" type="button" title="Save this run as a test: its choices and today's results, in the scenario's runs file (S; play to an end first)" disabled>Save as test</button>
</header>
${callLayoutHtml('Waiting for the scenario…')}
<footer id="keys">1–9 choose · Enter continue · Backspace back · R restart · T trainee/trainer · S save as test</footer>
<script nonce="${nonce}" src="${esc(opts.scriptUri)}"></script>
</body>
</html>
`;
}
