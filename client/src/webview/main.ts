/**
 * Entry point of the preview webview (bundled to `dist/webview.js`): starts the layout engine, wires the
 * host bridge to the controller and says `ready`.
 */
import { createLayoutEngine } from './elk-runner';
import { createHostBridge } from './host';
import { Preview } from './preview';
import { watchTheme } from './theme-reader';

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const bridge = createHostBridge();
const engine = createLayoutEngine({
  elkUri: document.body.dataset.elkUri ?? '',
  nonce,
  preferWorker: document.body.dataset.layoutWorker !== 'false',
  onFallback: (reason) => console.warn(`callflow preview: layout runs on the main thread (${reason})`),
});
engine.catch((e: unknown) => bridge.post({ type: 'error', message: `layout engine failed: ${String(e)}` }));
const preview = new Preview(engine, (m) => bridge.post(m));
(window as unknown as { __callflowPreviewDebug: Preview }).__callflowPreviewDebug = preview;
bridge.listen(
  (message) => void preview.handle(message),
  (raw) =>
    bridge.post({
      type: 'error',
      message: `ignored an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`,
    }),
);
watchTheme(() => preview.onThemeChange());
bridge.post({ type: 'ready' });
