/**
 * When to validate: an adaptive delay per document. A check that runs in slices (large files, see
 * SLICED_FROM_STEPS) stops at its next slice when a newer change comes, so its document is checked 5 ms
 * after the last keystroke: waiting would only delay the problems, and a check started early costs one
 * slice when the trainer types on. A check that runs to its end waits a quarter of its last time, between
 * 5 and 50 ms, so a fast typist's next key comes in first: a file that validated in 2 ms is checked 5 ms
 * after the last keystroke, one that took 120 ms after 30 ms. Keystrokes that arrive during a check are
 * applied together and only the newest version is checked next (a newer change replaces the pending run
 * and drops stale results).
 */

/**
 * From this many steps a check runs in slices (the schema, the flow model, each rule) and lets the
 * editor's requests in between: a check of 10,000 steps after a `next:` edit takes 0.1–0.5 s (the first
 * ones after opening run cold code), and completion or hover should not wait for it. A newer version or a newer check of the same document
 * stops it at the next slice.
 */
export const SLICED_FROM_STEPS = 1000;

/** Bounds of the delay after a change, in ms. */
export const MIN_DELAY_MS = 5;
export const MAX_DELAY_MS = 50;

/** Schedules one pending validation per document. */
export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The last check of each document: how long it took, and whether it ran in slices. */
  private readonly last = new Map<string, { ms: number; sliced: boolean }>();

  constructor(private readonly run: (uri: string) => void) {}

  /**
   * The delay for the next validation of a document: the minimum after a check in slices, else a quarter
   * of its last validation time, bounded.
   */
  delayFor(uri: string): number {
    const last = this.last.get(uri);
    if (!last || last.sliced) return MIN_DELAY_MS;
    return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.round(last.ms / 4)));
  }

  /** Validates after the adaptive delay (or at once), replacing any pending run for the document. */
  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const timer = setTimeout(
      () => {
        this.timers.delete(uri);
        this.run(uri);
      },
      immediate ? 0 : this.delayFor(uri),
    );
    this.timers.set(uri, timer);
  }

  /** Records how long a validation took, and whether it ran in slices. */
  record(uri: string, ms: number, sliced = false): void {
    this.last.set(uri, { ms, sliced });
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.cancel(uri);
    this.last.delete(uri);
  }
}
