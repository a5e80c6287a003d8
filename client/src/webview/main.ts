/**
 * Entry point of the preview webview (bundled to `dist/webview.js`): starts the layout engine (unless the
 * host sends layouts), wires the
 * host bridge to the controller and says `ready`.
 */
import { createLayoutEngine, type LayoutEngine } from './elk-runner';
import { createHostBridge } from './host';
import { Preview } from './preview';
import { watchTheme } from './theme-reader';

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const bridge = createHostBridge();
// The webview's own ELK: started at once where the host lays out nothing (data-server-layout="false",
// the default), else only when a graph comes without its layout (the language server could not make it).
let engine: Promise<LayoutEngine> | undefined;
const startEngine = (): Promise<LayoutEngine> => {
  if (engine) return engine;
  engine = createLayoutEngine({
    elkUri: document.body.dataset.elkUri ?? '',
    nonce,
    preferWorker: document.body.dataset.layoutWorker !== 'false',
    onFallback: (reason) => console.warn(`callflow preview: layout runs on the main thread (${reason})`),
  });
  engine.catch((e: unknown) => bridge.post({ type: 'error', message: `layout engine failed: ${String(e)}` }));
  return engine;
};
if (document.body.dataset.serverLayout !== 'true') void startEngine().catch(() => undefined);
const preview = new Preview(startEngine, (m) => bridge.post(m));
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
