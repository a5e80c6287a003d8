/**
 * The flow diff page's script (bundled to dist/diff.js): steps through the changes (the buttons, `n` /
 * `j` and `p` / `k`), marks the current change's step on the drawing and scrolls it into view, and asks
 * the host to reveal the change in the editor (`{ type: 'reveal', index }`). Outside VS Code (tests) the
 * messages are kept in `window.__diffPosted`.
 */

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** Webview → host messages of the diff page. */
export type DiffPageMessage = { type: 'ready' } | { type: 'reveal'; index: number };

const api: VsCodeApi =
  typeof acquireVsCodeApi === 'function'
    ? acquireVsCodeApi()
    : {
        postMessage: (m) => {
          const w = window as unknown as { __diffPosted?: unknown[] };
          (w.__diffPosted ??= []).push(m);
        },
      };

const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button.change'));
let current = -1;

function stepNode(step: string): SVGGElement | undefined {
  for (const g of Array.from(document.querySelectorAll<SVGGElement>('#canvas g.cf-node')))
    if (g.getAttribute('data-id') === step) return g;
  return undefined;
}

/** Makes change `i` the current one; `reveal`: also ask the host to show it in the editor. */
function select(i: number, reveal: boolean): void {
  if (!buttons.length) return;
  current = (i + buttons.length) % buttons.length;
  buttons.forEach((b, j) => b.setAttribute('aria-current', String(j === current)));
  const button = buttons[current];
  button.scrollIntoView({ block: 'nearest' });
  for (const g of Array.from(document.querySelectorAll('#canvas .cf-current')))
    g.classList.remove('cf-current');
  const node = stepNode(button.dataset.step ?? '');
  if (node) {
    node.classList.add('cf-current');
    node.scrollIntoView({ block: 'center', inline: 'center' });
  }
  if (reveal)
    api.postMessage({ type: 'reveal', index: Number(button.dataset.index) } satisfies DiffPageMessage);
}

buttons.forEach((b, i) => b.addEventListener('click', () => select(i, true)));
document.getElementById('next')?.addEventListener('click', () => select(current + 1, true));
document.getElementById('prev')?.addEventListener('click', () => select(current - 1, true));
document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'n' || e.key === 'j') select(current + 1, true);
  else if (e.key === 'p' || e.key === 'k') select(current - 1, true);
  else return;
  e.preventDefault();
});
// A click on a step of the drawing selects its first change.
document.getElementById('canvas')?.addEventListener('click', (e) => {
  const g = (e.target as Element).closest('g.cf-node');
  const i = buttons.findIndex((b) => b.dataset.step === g?.getAttribute('data-id'));
  if (i >= 0) select(i, true);
});
api.postMessage({ type: 'ready' } satisfies DiffPageMessage);
