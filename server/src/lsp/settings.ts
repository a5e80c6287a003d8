/** The server's view of the `callflow.*` settings, read with workspace/configuration and on change. */

export interface ServerSettings {
  /** A config file to use instead of searching (absolute, or relative to the first workspace folder). */
  configPath: string;
}

export const DEFAULT_SETTINGS: ServerSettings = { configPath: '' };

/** Reads the `callflow` section as sent by the client (unknown shape: validated here). */
export function normalizeSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as { configPath?: unknown };
  return { configPath: typeof s.configPath === 'string' ? s.configPath.trim() : '' };
}
