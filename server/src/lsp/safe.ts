/**
 * The safe runner every handler goes through: it honours cancellation, logs a bug with its stack and
 * answers with an empty result, so no exception in a feature can take the server down. Expected
 * failures (a rejected rename) are `ResponseError`s and pass through to the client.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** Where the runner reports bugs. */
export interface Logger {
  error(message: string): void;
  log(message: string): void;
}

/** Counts failures, for the status item. */
export interface Health {
  failures: number;
  lastFailure?: string;
}

/** Wraps a request handler: cancellation → RequestCancelled, bug → logged + `empty`. */
export function safeHandler<P, R>(
  name: string,
  logger: Logger,
  health: Health,
  empty: R,
  fn: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token?.isCancellationRequested) return cancelled();
    try {
      const result = await fn(params, token);
      return token?.isCancellationRequested ? cancelled() : result;
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      report(name, e, logger, health);
      return empty;
    }
  };
}

/** Runs a notification handler; a bug is logged and swallowed. */
export function safeNotification<P>(
  name: string,
  logger: Logger,
  health: Health,
  fn: (params: P) => void | Promise<void>,
) {
  return async (params: P): Promise<void> => {
    try {
      await fn(params);
    } catch (e) {
      report(name, e, logger, health);
    }
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

function report(name: string, e: unknown, logger: Logger, health: Health): void {
  health.failures++;
  health.lastFailure = `${name}: ${(e as Error)?.message ?? String(e)}`;
  logger.error(`[${name}] failed: ${(e as Error)?.stack ?? String(e)}`);
}
