/**
 * The desktop language server's host: files, config and catalogues from Node's file system (as the CLI
 * reads them, through ./project.ts), cached per config until a file's mtime changes; and the preview's
 * layout process (./layout-process.ts).
 */
import { isAbsolute, join } from 'node:path';
import { createNodeHost, pathToUri, ProjectCache, uriToPath } from './project';
import type { ServerHost } from '../lsp/host';
import { LayoutProcess } from './layout-process';

/**
 * The preview's layout process; `CALLFLOW_LAYOUT_THREAD=off` runs the server without it (the preview
 * then lays out itself), a path runs that script instead (for tests of a layout process that fails).
 */
function layoutThread(log?: (message: string) => void): LayoutProcess | undefined {
  const setting = process.env.CALLFLOW_LAYOUT_THREAD;
  if (setting && /^(0|off|false|no)$/i.test(setting)) return undefined;
  return new LayoutProcess({ log, script: setting || undefined });
}

/** A server host on the local disk; `log` receives the reasons files could not be read. */
export function createNodeServerHost(log?: (message: string) => void): ServerHost {
  return {
    files: createNodeHost(log),
    layouts: layoutThread(log),
    projects(service) {
      const cache = new ProjectCache(service);
      return {
        projectFor: (uri, configUri) => cache.loadProjectFor(uri, { configPath: configUri }),
        invalidate: () => cache.invalidate(),
      };
    },
    configUri(configPath, rootUri) {
      if (!configPath) return undefined;
      if (configPath.startsWith('file:')) return configPath;
      if (isAbsolute(configPath)) return pathToUri(configPath);
      const root = rootUri ? uriToPath(rootUri) : undefined;
      return root ? pathToUri(join(root, configPath)) : undefined;
    },
  };
}
