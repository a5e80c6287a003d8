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

/** Bytes read so far, refused once past the limit (the file may grow after fstat, and stdin never ends). */
class Bounded {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  constructor(private readonly limit: number) {}
  /** A buffer for the next read of a file whose size was `size` when it was opened. */
  nextBuffer(size: number): Buffer {
    return Buffer.allocUnsafe(Math.min(this.limit + 1 - this.total, Math.max(size - this.total, 0) + 65536));
  }
  /** Keeps `n` bytes of `chunk`; false once the limit is passed. */
  add(chunk: Buffer, n = chunk.length): boolean {
    this.chunks.push(chunk.subarray(0, n));
    this.total += n;
    return this.total <= this.limit;
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks, this.total);
  }
  get text(): ReadResult {
    return { text: this.bytes.toString('utf8') };
  }
}

/** Reads a regular file of at most `limit` bytes as UTF-8. */
export function readTextFileSync(path: string, limit = MAX_INPUT_BYTES): ReadResult {
  const read = readBytesSync(path, limit);
  return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}

/**
 * Reads a regular file of at most `limit` bytes, undecoded (readTextFileSync's checks and errors): bytes
 * outside V8's heap, for a caller that decodes them when and where the text is needed.
 */
export function readBytesSync(path: string, limit = MAX_INPUT_BYTES): { bytes: Buffer } | { error: string } {
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
    const read = new Bounded(limit);
    for (;;) {
      const chunk = read.nextBuffer(stats.size);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return { bytes: read.bytes };
      if (!read.add(chunk, n)) return { error: tooLarge(limit) };
    }
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
    const read = new Bounded(limit);
    for (;;) {
      const chunk = read.nextBuffer(stats.size);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return read.text;
      if (!read.add(chunk, bytesRead)) return { error: tooLarge(limit) };
    }
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
  const read = new Bounded(limit);
  try {
    for await (const chunk of stream) {
      if (!read.add(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return { error: tooLarge(limit) };
      }
    }
  } catch (e) {
    return { error: reason(e) };
  }
  return read.text;
}
