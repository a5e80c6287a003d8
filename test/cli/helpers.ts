/**
 * Helpers for the CLI tests: build once, run the BUILT dist/cli.js as a child process, normalise
 * output for golden files (UPDATE_GOLDEN=1 rewrites them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as assert from 'node:assert/strict';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

let built = false;

/** Builds the bundles once per test process (call from a `before` hook). */
export function buildOnce(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `build failed:\n${r.stderr}`);
  built = true;
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
  const env = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
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

/** Compares text with a golden file in test/golden/cli/ (UPDATE_GOLDEN=1 writes it instead). */
export function assertGolden(name: string, actual: string): void {
  const file = join(ROOT, 'test/golden/cli', name);
  const text = normalise(actual);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.ok(existsSync(file), `no golden file ${name}: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(text, readFileSync(file, 'utf8'), `output differs from ${name} (UPDATE_GOLDEN=1 to accept)`);
}
