/**
 * The commands' input and output: files named by options, stdin (bounded), the report's destination,
 * colour. Every failure is an InputError or a UsageError naming what and why.
 */
import { readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatLimit, MAX_INPUT_BYTES, readStreamText } from '../node/read';
import { InputError, UsageError } from './errors';

/** Writes a report to stdout, or to the `--output` file. */
export function write(text: string, output: string | undefined): void {
  if (!output) {
    if (stdoutWasClosed())
      throw new InputError('Cannot write the report: stdout is closed (give --output FILE, or redirect it).');
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (e) {
    throw new InputError(
      `Cannot write the output file ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
}

/**
 * Checks that a file named by an option (or a command's file argument) is a regular file within the
 * size limit; returns its absolute path.
 */
export function optionFile(path: string | undefined, what: string, cwd: string): string | undefined {
  if (path === undefined) return undefined;
  if (path === '') throw new UsageError(`The ${what} path is empty.`);
  const abs = resolve(cwd, path);
  let stats;
  try {
    stats = statSync(abs);
  } catch {
    throw new InputError(`Cannot read the ${what} ${path}: no such file.`);
  }
  if (stats.isDirectory()) throw new InputError(`Cannot read the ${what} ${path}: it is a folder.`);
  if (!stats.isFile()) throw new InputError(`Cannot read the ${what} ${path}: it is not a regular file.`);
  if (stats.size > MAX_INPUT_BYTES)
    throw new InputError(`Cannot read the ${what} ${path}: it is larger than ${formatLimit()}.`);
  return abs;
}

/** Reads stdin to its end, up to the input limit. */
export async function readStdin(): Promise<string> {
  const read = await readStreamText(process.stdin);
  if ('error' in read) throw new InputError(`Cannot read stdin: ${read.error}.`);
  return read.text;
}

/** True when the report should be coloured. */
export function useColor(values: Record<string, unknown>, output: string | undefined): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !output && process.stdout.isTTY === true;
}

/** Refuses empty path arguments (`check ''` must not check the current folder). */
export function nonEmptyPaths(args: readonly string[]): void {
  if (args.some((a) => a === ''))
    throw new UsageError('An empty path was given: name a file, folder or glob.');
}

/**
 * True when the command was started with stdout closed (`callflow check . >&-`). Node reopens a closed
 * stdout on /dev/null for reading and writing before any of our code runs, so the report would vanish
 * and the run look clean; a shell's `> /dev/null` opens it for writing only. Linux only (elsewhere: false).
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}
