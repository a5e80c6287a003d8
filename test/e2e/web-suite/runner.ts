// A small BDD runner (describe / it / before / after) for the extension-host tests in the browser's web
// worker host, where mocha's Node build cannot load. Tests and hooks run in order, one at a time; a
// failing `before` fails every test of its block. Results have the shape of the Node suite's.
import type { E2eResults, E2eTestResult } from '../suite/index';

type Fn = (this: unknown) => unknown;
interface Block {
  title: string;
  /** Set by `this.timeout(ms)` in the block's body or hooks (mocha's context). */
  timeoutMs?: number;
  before: Fn[];
  after: Fn[];
  children: (Block | { title: string; fn: Fn })[];
}

const root: Block = { title: '', before: [], after: [], children: [] };
let current = root;
const g = globalThis as Record<string, unknown>;
/** What `this` is in a body, hook or test: mocha's `timeout(ms)`, for the block. */
const contextOf = (block: Block) => ({
  timeout(ms: number) {
    block.timeoutMs = ms;
  },
});
g.describe = (title: string, body: (this: unknown) => void) => {
  const block: Block = { title, before: [], after: [], children: [] };
  current.children.push(block);
  const parent = current;
  current = block;
  try {
    body.call(contextOf(block));
  } finally {
    current = parent;
  }
};
g.it = (title: string, fn: Fn) => void current.children.push({ title, fn });
g.before = (fn: Fn) => void current.before.push(fn);
g.after = (fn: Fn) => void current.after.push(fn);

async function timed(fn: Fn, block: Block, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(() => fn.call(contextOf(block))),
      new Promise((_, reject) => {
        const ms = block.timeoutMs ?? timeoutMs;
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const errorText = (e: unknown) => (e as Error)?.stack ?? String(e);

async function runBlock(block: Block, prefix: string, out: E2eTestResult[], timeoutMs: number) {
  const name = [prefix, block.title].filter(Boolean).join(' ');
  let failedHook: string | undefined;
  for (const hook of block.before) {
    try {
      await timed(hook, block, timeoutMs);
    } catch (e) {
      failedHook = errorText(e);
      out.push({ title: `${name} "before all" hook`, state: 'failed', error: failedHook });
      break;
    }
  }
  if (!failedHook) {
    for (const child of block.children) {
      if ('fn' in child) {
        const t0 = Date.now();
        const title = `${name} ${child.title}`;
        try {
          await timed(child.fn, block, timeoutMs);
          out.push({ title, state: 'passed', durationMs: Date.now() - t0 });
        } catch (e) {
          out.push({ title, state: 'failed', durationMs: Date.now() - t0, error: errorText(e) });
        }
      } else await runBlock(child, name, out, timeoutMs);
    }
  }
  for (const hook of block.after) await timed(hook, block, timeoutMs).catch(() => undefined);
}

/** Runs every test registered so far. */
export async function runAll(timeoutMs: number): Promise<E2eResults> {
  const tests: E2eTestResult[] = [];
  await runBlock(root, '', tests, timeoutMs);
  const count = (s: E2eTestResult['state']) => tests.filter((t) => t.state === s).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending'), tests };
}
