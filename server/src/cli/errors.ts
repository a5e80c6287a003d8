/** Errors that end the run with exit code 2 and one line saying what and where. */

/** A wrong command line: unknown flag, missing value, bad value. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used: a missing or unreadable file, no files matched, a bad config or catalogue. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The exit codes, as documented in docs/cli.md. */
export const EXIT = { ok: 0, problems: 1, fatal: 2 } as const;
