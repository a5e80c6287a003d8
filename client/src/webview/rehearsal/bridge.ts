/**
 * The rehearsal webview's side of the channel. Inside VS Code it uses `acquireVsCodeApi()`; in a plain
 * page (tests) messages go out through a test hook (`window.__callflowRehearsal.sent`, and the page's
 * `window.__callflowRehearsalHost` function when the test page defines one) and come in as `message`
 * events from the page itself; either way they are validated on receipt.
 */
import {
  isRehearsalHostMessage,
  type RehearsalHostMessage,
  type RehearsalWebviewMessage,
} from '../../../../server/src/shared/rehearsal-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** Test hook installed on `window` when no VS Code API is present. */
export interface RehearsalTestHook {
  /** Every message the webview posted, in order. */
  sent: RehearsalWebviewMessage[];
}

/** The bridge: send typed messages, receive validated ones. */
export interface RehearsalBridge {
  post(message: RehearsalWebviewMessage): void;
  /** Registers the handler; invalid messages go to `onInvalid`. */
  listen(onMessage: (m: RehearsalHostMessage) => void, onInvalid: (m: unknown) => void): void;
}

/** Creates the bridge for the current environment. */
export function createRehearsalBridge(): RehearsalBridge {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const hook: RehearsalTestHook = { sent: [] };
  if (!vscode) (window as unknown as { __callflowRehearsal: RehearsalTestHook }).__callflowRehearsal = hook;
  return {
    post(message) {
      if (vscode) return vscode.postMessage(message);
      hook.sent.push(message);
      const host = (window as unknown as { __callflowRehearsalHost?: (m: unknown) => void })
        .__callflowRehearsalHost;
      if (typeof host === 'function') void host(message);
    },
    listen(onMessage, onInvalid) {
      window.addEventListener('message', (ev: MessageEvent) => {
        // In VS Code every message comes from the host; in a plain page accept only our own window.
        if (!vscode && ev.source !== window) return;
        if (isRehearsalHostMessage(ev.data)) onMessage(ev.data);
        else onInvalid(ev.data);
      });
    },
  };
}
