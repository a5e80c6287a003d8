/**
 * The extension's settings, typed in one place (declared in package.json `contributes.configuration`).
 * The server reads `callflow.configPath` itself (workspace/configuration, re-read on change); the preview
 * reads `callflow.preview.*` on each update, the rehearsal panel `callflow.rehearsal.*` when it opens
 * and when they change; vscode-languageclient applies `callflow.trace.server` live.
 */
import * as vscode from 'vscode';

export type TraceLevel = 'off' | 'messages' | 'verbose';
export type PreviewDirection = 'DOWN' | 'RIGHT';
export type RehearsalView = 'trainee' | 'trainer';

const section = () => vscode.workspace.getConfiguration('callflow');

/** Typed getters. */
export const settings = {
  /** A config file to use instead of searching upward from each scenario. */
  configPath: (): string => section().get<string>('configPath', '').trim(),
  traceServer: (): TraceLevel => section().get<TraceLevel>('trace.server', 'off'),
  previewFollowCursor: (): boolean => section().get<boolean>('preview.followCursor', true),
  previewDirection: (): PreviewDirection =>
    section().get<string>('preview.direction') === 'RIGHT' ? 'RIGHT' : 'DOWN',
  /** The view a rehearsal opens in. */
  rehearsalView: (): RehearsalView =>
    section().get<string>('rehearsal.view') === 'trainer' ? 'trainer' : 'trainee',
  /** A step's `timeout:` fires when the trainee does not act within its seconds (wall-clock). */
  rehearsalRealTime: (): boolean => section().get<boolean>('rehearsal.realTime', false),
  /** Read caller lines aloud where the platform has a voice. */
  rehearsalReadAloud: (): boolean => section().get<boolean>('rehearsal.readAloud', false),
};

/**
 * Settings that only take effect after restarting the server. None today: everything above is re-read
 * live. A setting added here makes the extension offer a restart when it changes.
 */
export const RESTART_REQUIRED: readonly string[] = [];

/** The settings sent to the server at start-up (it pulls fresh values afterwards). */
export function serverSettings(): { configPath: string } {
  return { configPath: settings.configPath() };
}

/** Offers a restart when a setting in RESTART_REQUIRED changes. */
export function watchRestartSettings(restart: () => Promise<void>): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!RESTART_REQUIRED.some((s) => e.affectsConfiguration(s))) return;
    const choice = await vscode.window.showInformationMessage(
      'Restart the Callflow language server to apply the new setting?',
      'Restart',
    );
    if (choice === 'Restart') await restart();
  });
}
