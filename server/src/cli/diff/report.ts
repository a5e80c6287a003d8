/**
 * What the formats of `callflow diff` share: one compared file, the summary lines of a diff in words,
 * and the changes grouped by step.
 */
import type { FlowGraph } from '../../shared/graph';
import type { DiffMarks } from '../../shared/diff-marks';
import type { FlowChange, FlowDiff, RouteSummary } from '../../service';

/** One compared file. */
export interface FileDiff {
  file: string;
  /** `added`: not in the old version; `removed`: not in the new one. */
  status: 'modified' | 'added' | 'removed';
  oldLabel: string;
  newLabel: string;
  diff: FlowDiff;
  /** The new graph with ghosts of what was removed, and its marks. */
  graph: FlowGraph;
  marks: DiffMarks;
}

/** Renders the compared files. */
export type DiffRenderer = (files: FileDiff[], color: boolean) => string | Promise<string>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Counts of changed steps by status. */
export function stepCounts(diff: FlowDiff): Record<'added' | 'removed' | 'renamed' | 'changed', number> {
  const counts = { added: 0, removed: 0, renamed: 0, changed: 0 };
  for (const s of Object.values(diff.steps)) counts[s]++;
  return counts;
}

/** The steps line: "1 added, 1 removed, 1 renamed, 3 changed" (or "no change"). */
export function stepsLine(diff: FlowDiff): string {
  const c = stepCounts(diff);
  const parts = (['added', 'removed', 'renamed', 'changed'] as const)
    .filter((k) => c[k])
    .map((k) => `${c[k]} ${k}`);
  return parts.length ? parts.join(', ') : 'no change';
}

/** The transitions line, from the transition and option changes. */
export function transitionsLine(diff: FlowDiff): string {
  const n = (k: keyof FlowDiff['counts']) => diff.counts[k] ?? 0;
  const parts = [
    [n('transition-added') + n('option-added'), 'added'],
    [n('transition-removed') + n('option-removed'), 'removed'],
    [n('transition-repointed'), 're-pointed'],
    [n('option-rescored'), 're-scored'],
    [n('option-critical'), 'criticality changed'],
    [n('option-relabelled'), 'relabelled'],
  ] as const;
  const shown = parts.filter(([v]) => v > 0).map(([v, w]) => `${v} ${w}`);
  return shown.length ? shown.join(', ') : 'no change';
}

const route = (r: RouteSummary | null) =>
  r ? `score ${r.score}, ${r.seconds} s, ends at ${r.end}${r.result ? ` (${r.result})` : ''}` : 'none';

/** The best route before → after, or "unchanged (…)". */
export function bestLine(diff: FlowDiff): string {
  const { bestBefore: a, bestAfter: b } = diff.effects;
  const same = route(a) === route(b);
  return same ? `unchanged: ${route(b)}` : `${route(a)} → ${route(b)}`;
}

/** The reachability lines (empty when nothing changed). */
export function reachLines(diff: FlowDiff): string[] {
  const e = diff.effects;
  const out: string[] = [];
  if (e.becameUnreachable.length)
    out.push(
      `${plural(e.becameUnreachable.length, 'step')} became unreachable: ${e.becameUnreachable.join(', ')}`,
    );
  if (e.becameReachable.length)
    out.push(`${plural(e.becameReachable.length, 'step')} became reachable: ${e.becameReachable.join(', ')}`);
  if (e.endsGained.length) out.push(`ends gained: ${e.endsGained.join(', ')}`);
  if (e.endsLost.length) out.push(`ends lost: ${e.endsLost.join(', ')}`);
  return out;
}

/** The recorded-runs lines (empty without a run file or when no run changed). */
export function runLines(diff: FlowDiff): string[] {
  const { runsNowFailing: failing = [], runsNowPassing: passing = [] } = diff.effects;
  return [
    ...failing.map((r) => `run "${r.name}" (line ${r.line}) now fails: ${r.message}`),
    ...passing.map((r) => `run "${r.name}" (line ${r.line}) now passes`),
  ];
}

/** The problems line: "+2 new (rule, rule), 1 fixed (rule)". */
export function problemsLine(diff: FlowDiff): string {
  const { problemsAdded: added, problemsFixed: fixed } = diff.effects;
  const rules = (ps: { ruleId: string }[]) =>
    ps.length ? ` (${[...new Set(ps.map((p) => p.ruleId))].join(', ')})` : '';
  return `${added.length} new${rules(added)}, ${fixed.length} fixed${rules(fixed)}`;
}

/** The changes grouped by step, top-of-file changes first (step ''), in the diff's order. */
export function byStep(diff: FlowDiff): [string, FlowChange[]][] {
  const groups = new Map<string, FlowChange[]>();
  for (const c of diff.changes) groups.set(c.step, [...(groups.get(c.step) ?? []), c]);
  return [...groups];
}

/** True when a file's change adds an error or a warning, or breaks a recorded run (the `--fail-on-problems` gate). */
export function addsProblems(f: FileDiff): boolean {
  if (f.diff.effects.runsNowFailing?.length) return true;
  return f.diff.effects.problemsAdded.some((p) => p.severity === 'error' || p.severity === 'warning');
}
