/**
 * Reading files a workspace names (configs, catalogues, scenarios) and stdin, safely: a cloned repository
 * can name a FIFO (which blocks a reader forever), a device such as /dev/zero (endless), or a folder. Only
 * regular files are read, and only up to {@link MAX_INPUT_BYTES}; anything else is refused with a reason.
 * The file is opened without blocking and checked on the open descriptor, so a path swapped between a
 * check and the read cannot slip through.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The largest config, catalogue, scenario or stdin read: 20 MB (documented in the README's Limits). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** The text of a file, or why it was not read. */
export type ReadResult = { text: string } | { error: string };

/** "20 MB" */
export function formatLimit(bytes = MAX_INPUT_BYTES): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function tooLarge(limit: number): string {
  return `it is larger than ${formatLimit(limit)}`;
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean }): string {
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isFIFO()) return 'it is a pipe (FIFO), not a file';
  if (stats.isCharacterDevice()) return 'it is a device, not a file';
  return 'it is not a regular file';
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? (e as Error).message;
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads a regular file of at most `limit` bytes as UTF-8. */
export function readTextFileSync(path: string, limit = MAX_INPUT_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { error: kindOf(stats) };
    if (stats.size > limit) return { error: tooLarge(limit) };
    // Read to the end (the file may have grown since fstat), but never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, Math.max(stats.size - total, 0) + 65536));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { error: tooLarge(limit) };
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file of at most `limit` bytes as UTF-8, asynchronously. */
export async function readTextFile(path: string, limit = MAX_INPUT_BYTES): Promise<ReadResult> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, FLAGS);
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { error: kindOf(stats) };
    if (stats.size > limit) return { error: tooLarge(limit) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, Math.max(stats.size - total, 0) + 65536));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { error: tooLarge(limit) };
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    await handle.close();
  }
}

/** Reads a stream (stdin) to its end as UTF-8, refusing it past `limit` bytes. */
export async function readStreamText(
  stream: NodeJS.ReadableStream,
  limit = MAX_INPUT_BYTES,
): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      if (total > limit) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return { error: tooLarge(limit) };
      }
      chunks.push(buffer);
    }
  } catch (e) {
    return { error: reason(e) };
  }
  return { text: Buffer.concat(chunks, total).toString('utf8') };
}
