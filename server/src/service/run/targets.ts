/**
 * Time targets (`expected.targets`, overridden by the reached end's `outcome.targets`): when each
 * milestone happened on the run — the location first asked, the first grade, the first dispatch — against
 * its deadline, as the `domain/timing` check counts scripted seconds.
 */
import type { Outcome } from '../model/vocabulary';
import type { TargetStatus } from '../../shared/rehearsal';
import type { WalkState } from './state';

/** The targets the engine knows, in the order the debrief lists them. */
export const TARGET_KEYS = ['location', 'grade', 'dispatch'] as const;

/** When a milestone happened on the run, if it did. */
export function milestoneAt(walk: WalkState, key: string): number | undefined {
  const s = walk.state;
  if (key === 'location') return walk.located;
  if (key === 'grade') return s.grades[0]?.at;
  if (key === 'dispatch') return s.dispatched[0]?.at;
  return undefined;
}

/** The numeric targets of an outcome, known keys first. */
export function targetsOf(outcome: Outcome | undefined): [string, number][] {
  const t = outcome?.targets;
  if (!t || typeof t !== 'object' || Array.isArray(t)) return [];
  const known = TARGET_KEYS.filter((k) => typeof t[k] === 'number' && Number.isFinite(t[k]));
  return known.map((k) => [k, t[k]]);
}

/**
 * The status of each target at the run's clock. `ended`: nothing can happen any more, so a milestone not
 * reached is missed even when the clock is still under the deadline.
 */
export function targetStatus(walk: WalkState, targets: [string, number][], ended: boolean): TargetStatus[] {
  const clock = walk.state.seconds;
  return targets.map(([key, target]) => {
    const at = milestoneAt(walk, key);
    if (at !== undefined)
      return { key, target, status: at <= target ? 'met' : 'missed', at, by: at - target };
    if (clock > target) return { key, target, status: 'missed', by: clock - target };
    return ended ? { key, target, status: 'missed' } : { key, target, status: 'open' };
  });
}
