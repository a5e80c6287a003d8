/**
 * The language status item for scenarios: server health and the catalogue in force (from the server's
 * `callflow/status` notifications), with the config file as detail. Clicking it shows the output.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/shared/protocol';

/** Wraps the status item. */
export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('callflow.status', { language: 'callflow' });
    this.item.name = 'Callflow';
    this.item.command = { command: 'callflow.showOutput', title: 'Show Output' };
    this.starting();
  }

  starting(): void {
    this.item.busy = true;
    this.item.text = 'Callflow: starting';
    this.item.severity = vscode.LanguageStatusSeverity.Information;
  }

  stopped(message = 'Callflow: server stopped'): void {
    this.item.busy = false;
    this.item.text = message;
    this.item.detail = 'Run "Callflow: Restart Language Server"';
    this.item.severity = vscode.LanguageStatusSeverity.Error;
  }

  /** Applies a `callflow/status` notification. */
  update(status: StatusParams): void {
    this.item.busy = false;
    this.item.text = status.state === 'ok' ? `Codes: ${status.catalogue ?? status.message}` : status.message;
    this.item.detail = status.configUri
      ? `Config: ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.configUri))}`
      : 'No callflow.config.yaml: default settings';
    this.item.severity =
      status.state === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : status.state === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}
