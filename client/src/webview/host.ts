/**
 * The webview's side of the channel. Inside VS Code it uses `acquireVsCodeApi()`; in a plain page
 * (tests, the benchmark) messages go out through `window.parent.postMessage` and a test hook
 * (`window.__callflowPreview.sent`), and come in as `message` events either way.
 */
import {
  isHostMessage,
  type HostMessage,
  type WebviewMessage,
} from '../../../server/src/shared/preview-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** Test hook installed on `window` when no VS Code API is present. */
export interface PreviewTestHook {
  /** Every message the webview posted, in order. */
  sent: WebviewMessage[];
  /** Delivers a host message as VS Code would. */
  receive(message: unknown): void;
}

/** The bridge: send typed messages, receive validated ones. */
export interface HostBridge {
  post(message: WebviewMessage): void;
  /** Registers the handler; invalid messages are reported through `onInvalid`. */
  listen(onMessage: (m: HostMessage) => void, onInvalid: (m: unknown) => void): void;
}

/** Creates the bridge for the current environment. */
export function createHostBridge(): HostBridge {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  let deliver: (data: unknown) => void = () => undefined;
  const hook: PreviewTestHook = { sent: [], receive: (m) => deliver(m) };
  if (!vscode) (window as unknown as { __callflowPreview: PreviewTestHook }).__callflowPreview = hook;
  return {
    post(message) {
      if (vscode) {
        vscode.postMessage(message);
        return;
      }
      hook.sent.push(message);
      window.dispatchEvent(new CustomEvent('callflow-preview', { detail: message }));
      if (window.parent !== window) window.parent.postMessage(message, '*');
    },
    listen(onMessage, onInvalid) {
      deliver = (data) => (isHostMessage(data) ? onMessage(data) : onInvalid(data));
      window.addEventListener('message', (ev: MessageEvent) => {
        // In VS Code every message comes from the host; in a plain page accept only our own window.
        if (!vscode && ev.source !== window && ev.source !== window.parent) return;
        deliver(ev.data);
      });
    },
  };
}
