/** The server's view of the `callflow.*` settings, read with workspace/configuration and on change. */
import { setRulesDocsBaseUrl } from './convert';

export interface ServerSettings {
  /** A config file to use instead of searching (absolute, or relative to the first workspace folder). */
  configPath: string;
  /** The base of the links from a problem's code to its rule's documentation (empty: no link). */
  rulesDocsBaseUrl: string;
}

export const DEFAULT_SETTINGS: ServerSettings = { configPath: '', rulesDocsBaseUrl: '' };

/**
 * Reads the `callflow` section as sent by the client (unknown shape: validated here), and points the
 * diagnostics' rule links at the documentation base it names.
 */
export function normalizeSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as {
    configPath?: unknown;
    rulesDocsBaseUrl?: unknown;
  };
  const settings = {
    configPath: typeof s.configPath === 'string' ? s.configPath.trim() : '',
    rulesDocsBaseUrl: typeof s.rulesDocsBaseUrl === 'string' ? s.rulesDocsBaseUrl.trim() : '',
  };
  setRulesDocsBaseUrl(settings.rulesDocsBaseUrl);
  return settings;
}
