/**
 * Helpers for the CLI tests: build once, run the BUILT dist/cli.js as a child process, normalise
 * output for golden files (UPDATE_GOLDEN=1 rewrites them, and the run fails).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../support/build-once';
import { assertGolden as matchGolden } from '../support/golden';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Builds the bundles once per test run (call from a `before` hook): see test/support/build-once.ts. */
export function buildOnce(): void {
  ensureBuilt();
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …args` (cwd: the repository root unless given). */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  // The colour switches of the environment this test runs in are dropped; a test sets its own.
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Replaces machine-specific parts (the repository path, the version) with placeholders. */
export function normalise(text: string, cwd = ROOT): string {
  const uri = pathToFileURL(cwd).href;
  return text
    .split(uri)
    .join('file://<cwd>')
    .split(cwd)
    .join('<cwd>')
    .replace(new RegExp(`"${VERSION.replace(/\./g, '\\.')}"`, 'g'), '"<version>"');
}

/**
 * Compares text with a golden file in test/golden/cli/ (UPDATE_GOLDEN=1 rewrites it and fails: see
 * test/support/golden.ts).
 */
export function assertGolden(name: string, actual: string): void {
  matchGolden(join(ROOT, 'test/golden/cli', name), normalise(actual));
}
