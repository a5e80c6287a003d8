/**
 * How many threads `callflow check` uses by default: one per CPU (at most 8), fewer when the machine is
 * busy. A worker thread loads its own copy of the code, compiles it hot again and collects its own
 * garbage: on 500 files × 200 steps it cost ~1.1 s more CPU than checking everything in one thread. On
 * free CPUs the work it takes over pays for that; on CPUs that other processes keep busy it does not
 * (with ~8 runnable tasks on 2 CPUs, two threads took 1.8× the wall time of one). So a CPU that another
 * runnable task holds is not counted, with one of slack: a passing task does not cost a thread.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Threads for `cpus` CPUs (at most 8) while `others` other tasks are runnable (unknown: none). */
export function threadsFor(cpus: number, others: number | undefined): number {
  const most = Math.max(1, Math.min(cpus, 8));
  if (others === undefined || !Number.isFinite(others) || others <= 1) return most;
  return Math.max(1, Math.min(most, cpus - others + 1));
}

/**
 * The tasks runnable right now besides this thread, from Linux's /proc/loadavg (its fourth field:
 * runnable/all, this thread included); undefined elsewhere or when it cannot be read.
 */
export function otherRunnableTasks(
  read: () => string = () => readFileSync('/proc/loadavg', 'utf8'),
): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const runnable = /^\S+ \S+ \S+ (\d+)\//.exec(read());
    return runnable ? Math.max(0, Number(runnable[1]) - 1) : undefined;
  } catch {
    return undefined;
  }
}

/** The default thread count on this machine, now. */
export function defaultThreads(): number {
  return threadsFor(availableParallelism(), otherRunnableTasks());
}
