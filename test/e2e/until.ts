/** Polls `fn` until it returns a value (no fixed sleeps): shared by the extension-host suites. */
export async function until<T>(
  what: string,
  fn: () => T | undefined | PromiseLike<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
