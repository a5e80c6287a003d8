/**
 * The V8 code cache of the `callflow` command (server/src/node/code-cache.ts), through the built CLI: the
 * first run of a command writes its cache, the next ones use it without writing, a damaged or foreign
 * cache is replaced, and no state of the cache folder changes what a check reports.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCacheFolder } from '../../server/src/node/code-cache';
import { buildOnce, runCli, type CliResult } from './helpers';

const ARGS = ['check', 'samples', '-f', 'json'];

function run(folder: string, args = ARGS): CliResult {
  return runCli(args, { env: { CALLFLOW_COMPILE_CACHE: folder } });
}

/** The cache files in a folder, by name. */
function files(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.v8cache'))
    .sort();
}

describe('cli: compile cache', function () {
  this.timeout(120_000);
  let reference: CliResult;
  before(() => {
    buildOnce();
    reference = runCli(ARGS, { env: { CALLFLOW_COMPILE_CACHE: 'off' } });
    assert.equal(reference.status, 0, reference.stderr);
  });

  it('the first run of a command writes its cache; the next ones read it and write nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    assert.deepEqual(run(folder), reference);
    const written = files(folder);
    assert.equal(written.length, 1, `one cache file: ${written.join(', ')}`);
    assert.match(written[0], /^cli-main-check-[0-9a-f]{16}\.v8cache$/);
    const path = join(folder, written[0]);
    assert.ok(statSync(path).size > 100_000, 'the cache holds the functions the check compiled');
    // Backdate the file: a rewrite would show as a new modification time.
    utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const before = readFileSync(path);
    assert.deepEqual(run(folder), reference);
    assert.equal(statSync(path).mtime.getFullYear(), 2000, 'V8 took the cache: not written again');
    assert.deepEqual(readFileSync(path), before);
    assert.deepEqual(files(folder), written);
  });

  it('each command has its own cache', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    const version = run(folder, ['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(run(folder, ['rules', '-f', 'json']).status, 0);
    // An SVG loads elkjs from beside the bundle: the same drawing without, with and from the cache.
    const svgArgs = ['graph', 'samples/04-burglary-in-progress.scenario.yaml', '-f', 'svg'];
    const svg = run('off', svgArgs);
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /^<\?xml[^]*<\/svg>\n?$/);
    assert.deepEqual(run(folder, svgArgs), svg);
    assert.deepEqual(run(folder, svgArgs), svg);
    assert.deepEqual(
      files(folder).map((f) => f.replace(/-[0-9a-f]{16}\.v8cache$/, '')),
      ['cli-commands-graph', 'cli-main-graph', 'cli-main-other', 'cli-main-rules'],
    );
  });

  it('`check` loads no other command; its worker threads write and then read a cache of their own', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    const args = [...ARGS, '--threads', '2'];
    assert.deepEqual(run(folder, args), reference);
    const stems = () => files(folder).map((f) => f.replace(/-[0-9a-f]{16}\.v8cache$/, ''));
    assert.deepEqual(stems(), ['cli-main-check', 'cli-worker-worker']);
    const path = join(folder, files(folder)[1]);
    assert.ok(statSync(path).size > 100_000, 'the worker cache holds the functions its checks compiled');
    utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1));
    assert.deepEqual(run(folder, args), reference);
    assert.equal(statSync(path).mtime.getFullYear(), 2000, 'the worker took its cache: not written again');
    assert.deepEqual(stems(), ['cli-main-check', 'cli-worker-worker']);
  });

  it('a damaged cache is refused by V8 and replaced; the check reports the same', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    run(folder);
    const [name] = files(folder);
    const path = join(folder, name);
    const good = readFileSync(path);
    const damaged = Buffer.from(good);
    for (let i = 64; i < damaged.length; i += 97) damaged[i] ^= 0xa5;
    writeFileSync(path, damaged);
    assert.deepEqual(run(folder), reference);
    const replaced = readFileSync(path);
    assert.notDeepEqual(replaced, damaged, 'the damaged cache was replaced');
    assert.ok(replaced.length > 100_000);
    // Garbage that is not a cache at all, and an empty file.
    for (const junk of [Buffer.from('not a code cache'), Buffer.alloc(0)]) {
      writeFileSync(path, junk);
      assert.deepEqual(run(folder), reference);
      assert.ok(readFileSync(path).length > 100_000, 'replaced by a real cache');
    }
  });

  it('caches of older builds are dropped, the newest kept', () => {
    const folder = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    const old = ['0000000000000001', '0000000000000002', '0000000000000003'].map((h, i) => {
      const path = join(folder, `cli-main-check-${h}.v8cache`);
      writeFileSync(path, 'an older build');
      utimesSync(path, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
      return `cli-main-check-${h}.v8cache`;
    });
    const other = join(folder, 'cli-main-rules-0000000000000001.v8cache');
    writeFileSync(other, 'another command');
    assert.deepEqual(run(folder), reference);
    const left = files(folder);
    // This build's cache and the two newest older ones of the same command; other commands untouched.
    assert.equal(left.filter((f) => f.startsWith('cli-main-check-')).length, 3, left.join(', '));
    assert.ok(!left.includes(old[0]), 'the oldest is dropped');
    assert.ok(left.includes(old[1]) && left.includes(old[2]));
    assert.ok(left.includes('cli-main-rules-0000000000000001.v8cache'));
  });

  it('works the same with caching off or when the folder cannot be written', () => {
    const parent = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    const blocker = join(parent, 'a-file');
    writeFileSync(blocker, 'not a folder');
    // The cache folder would be inside a file: nothing can be written there.
    const r = run(join(blocker, 'cache'));
    assert.deepEqual(r, reference);
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
    // Off: not even the default folder (here under XDG_CACHE_HOME) is written.
    for (const off of ['0', 'off', 'false', 'no']) {
      const home = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
      assert.deepEqual(
        runCli(ARGS, { env: { CALLFLOW_COMPILE_CACHE: off, XDG_CACHE_HOME: home } }),
        reference,
      );
      assert.deepEqual(readdirSync(home), []);
    }
    // Unset: the default folder.
    const home = mkdtempSync(join(tmpdir(), 'callflow-v8-'));
    assert.deepEqual(runCli(ARGS, { env: { CALLFLOW_COMPILE_CACHE: '', XDG_CACHE_HOME: home } }), reference);
    assert.equal(files(join(home, 'callflow', 'compile-cache')).length, 1);
  });

  it('the default folder is the user cache folder of each platform', () => {
    assert.equal(compileCacheFolder({ CALLFLOW_COMPILE_CACHE: '/x/y' }, 'linux'), '/x/y');
    assert.equal(compileCacheFolder({ CALLFLOW_COMPILE_CACHE: 'OFF' }, 'linux'), undefined);
    assert.equal(
      compileCacheFolder({ XDG_CACHE_HOME: '/home/t/.xdg' }, 'linux'),
      join('/home/t/.xdg', 'callflow', 'compile-cache'),
    );
    assert.match(compileCacheFolder({}, 'linux') ?? '', /[\\/]\.cache[\\/]callflow[\\/]compile-cache$/);
    assert.match(compileCacheFolder({}, 'darwin') ?? '', /[\\/]Library[\\/]Caches[\\/]callflow[\\/]/);
    assert.equal(
      compileCacheFolder({ LOCALAPPDATA: 'C:\\Users\\t\\AppData\\Local' }, 'win32'),
      join('C:\\Users\\t\\AppData\\Local', 'callflow', 'compile-cache'),
    );
  });
});
