/**
 * How the language server's process is started (by the extension, and by the benchmark so it measures
 * the same thing).
 *
 * `--optimize-for-size` makes V8 collect garbage sooner instead of growing the heap: each keystroke in a
 * large file leaves a few megabytes behind (the editor's new text among them), and without it the
 * process grows to ~460 MiB at 10,000 steps before a full collection; with it, ~190 MiB, for ~20% more
 * time per check (figures in the README's Performance section). No hard heap limit is set: a very large
 * file must slow the server down, not crash it.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--optimize-for-size'];
