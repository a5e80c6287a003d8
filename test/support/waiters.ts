/**
 * Waiting on an LSP connection (test and benchmark clients): probes that are checked now and again
 * each time the client wakes them (on every message it records).
 */
export class Waiters {
  private readonly pending = new Set<() => void>();

  /** Checks every pending probe again. */
  wake(): void {
    for (const w of [...this.pending]) w();
  }

  /**
   * Resolves with the first truthy value of `probe` (rejects when it throws), or rejects with
   * `timeoutError()` after `timeoutMs`.
   */
  until<T>(
    probe: () => T | undefined | false | null,
    timeoutMs: number,
    timeoutError: () => Error,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let v: T | undefined | false | null;
        try {
          v = probe();
        } catch (e) {
          finish();
          reject(e);
          return;
        }
        if (v) {
          finish();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(timeoutError());
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(check);
      };
      this.pending.add(check);
      check();
    });
  }
}
