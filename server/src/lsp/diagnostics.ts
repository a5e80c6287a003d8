/**
 * When to validate: an adaptive delay per document, a quarter of its last validation time, between 5 and
 * 50 ms. A file that validated in 2 ms is checked 5 ms after the last keystroke; a large file that took
 * 400 ms waits 50 ms. Waiting longer would not save work: keystrokes that arrive during a check are
 * applied together and only the newest version is checked next (a newer change replaces the pending
 * run, stops a check running in slices at its next slice and drops stale results), so a check started
 * early costs at most one slice when the trainer types on, and a trainer who stops sees the problems a
 * quarter-check sooner than with a longer wait.
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
  private readonly durations = new Map<string, number>();

  constructor(private readonly run: (uri: string) => void) {}

  /** The delay for the next validation of a document: a quarter of its last validation time, bounded. */
  delayFor(uri: string): number {
    const last = this.durations.get(uri) ?? 0;
    return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.round(last / 4)));
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

  /** Records how long a validation took. */
  record(uri: string, ms: number): void {
    this.durations.set(uri, ms);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.cancel(uri);
    this.durations.delete(uri);
  }
}
