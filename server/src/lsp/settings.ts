/** The server's view of the `callflow.*` settings, read with workspace/configuration and on change. */
import { isAbsolute, join } from 'node:path';
import { uriToPath } from '../node/project';

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

/** The configured config file as an absolute path, or undefined to search for it. */
export function resolveConfigPath(settings: ServerSettings, rootUri: string | undefined): string | undefined {
  const p = settings.configPath;
  if (!p) return undefined;
  if (p.startsWith('file:')) return uriToPath(p);
  if (isAbsolute(p)) return p;
  const root = rootUri ? uriToPath(rootUri) : undefined;
  return root ? join(root, p) : undefined;
}
