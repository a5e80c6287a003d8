/**
 * The desktop language server's host: files, config and catalogues from Node's file system (as the CLI
 * reads them, through ./project.ts), cached per config until a file's mtime changes.
 */
import { isAbsolute, join } from 'node:path';
import { createNodeHost, pathToUri, ProjectCache, uriToPath } from './project';
import type { ServerHost } from '../lsp/host';

/** A server host on the local disk; `log` receives the reasons files could not be read. */
export function createNodeServerHost(log?: (message: string) => void): ServerHost {
  return {
    files: createNodeHost(log),
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
