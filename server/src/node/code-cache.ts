/**
 * Runs a CommonJS bundle through V8's code cache, so a command started again skips compiling what the
 * last run of the same command compiled (most of a 1.5 MB bundle's functions are compiled lazily,
 * on first call, on every start otherwise).
 *
 * The cache is written when the process exits, so it holds every function the run compiled; a cache
 * made right after compiling (as `v8-compile-cache` does) holds only the top level. It is written only
 * when there was none or V8 refused it. V8 checks its own version, its flags and the source length; the
 * file name carries a hash of the source, Node's version and the architecture, so a rebuilt bundle never
 * meets the bytecode of another build. V8 does not check the bytes themselves (a damaged cache makes it
 * abort), so each file starts with a SHA-256 of the rest, and a file that does not match is not used.
 * Each command (`check`, `graph`, …) has its own file, so a run of `--version` does not leave a cache
 * without the checking code in it. Reading or writing the cache can only fail into compiling as usual.
 *
 * Where: `CALLFLOW_COMPILE_CACHE` (a folder, or `0`/`off` for none), else the user's cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) under
 * `callflow/compile-cache`.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/** Cache files kept per bundle and command (other builds of the same bundle, newest first). */
const KEEP = 3;

/** A cache file: this tag, the SHA-256 of the data, the data. */
const MAGIC = Buffer.from('cfv8c001');
const HEADER = MAGIC.length + 32;

/** The folder for compile caches, or undefined when caching is off. */
export function compileCacheFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const setting = env.CALLFLOW_COMPILE_CACHE;
  if (setting) return /^(0|off|false|no)$/i.test(setting) ? undefined : setting;
  let base: string | undefined;
  try {
    if (platform === 'win32') base = env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
    else if (platform === 'darwin') base = join(homedir(), 'Library', 'Caches');
    else base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  } catch {
    return undefined; // no home folder: no cache
  }
  return join(base, 'callflow', 'compile-cache');
}

/**
 * Loads `file` (a CommonJS bundle) with the code cache of `command` in `folder` and returns its exports;
 * without a folder it is simply required. The bundle must not use
 * `import()`: code compiled this way has no module loader for it (Node's
 * `USE_MAIN_CONTEXT_DEFAULT_LOADER` is experimental, warns, and is lost when the code comes from a cache).
 */
export function loadBundle(file: string, command: string, folder: string | undefined): unknown {
  if (!folder) return createRequire(file)(file);
  const source = readFileSync(file, 'utf8');
  // The CommonJS wrapper on the bundle's first line, so line numbers in stack traces stay right.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const stem = `${basename(file, '.js')}-${command.replace(/[^\w-]/g, '_')}`;
  const hash = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 16);
  const cacheFile = join(folder, `${stem}-${hash}.v8cache`);
  const cachedData = readCache(cacheFile);
  const script = new Script(wrapped, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => save(script, cacheFile, stem));
  const module = new Module(file);
  module.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  module.loaded = true;
  return module.exports;
}

/** The data of a cache file, when the file is whole. */
function readCache(cacheFile: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(HEADER);
  const sum = createHash('sha256').update(data).digest();
  return sum.equals(bytes.subarray(MAGIC.length, HEADER)) ? data : undefined;
}

/** Writes the cache (whole, via a temporary file) and drops the oldest caches of other builds. */
function save(script: Script, cacheFile: string, stem: string): void {
  const folder = dirname(cacheFile);
  // Per process and thread: `callflow check`'s worker threads may write the same cache at once.
  const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    const data = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]));
    renameSync(temporary, cacheFile);
  } catch {
    // No cache this time (the next run compiles as usual); no half-written file left behind either.
    try {
      rmSync(temporary, { force: true });
    } catch {
      /* the folder cannot be reached at all */
    }
    return;
  }
  try {
    const others = readdirSync(folder)
      .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.v8cache') && join(folder, f) !== cacheFile)
      .map((f) => ({ path: join(folder, f), mtime: statSync(join(folder, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of others.slice(KEEP - 1)) unlinkSync(old.path);
  } catch {
    /* another run is tidying the same folder */
  }
}
