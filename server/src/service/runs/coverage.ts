/**
 * Coverage: which options and ends of a scenario its recorded runs exercise. Options are counted at
 * every decision the scenario's start can reach (a choice point's options, a step's timeout, the
 * `Continue` of a step that waits); ends likewise. Steps no run plays are listed for the preview.
 */
import { buildFlow, type FlowModel } from '../model/flow';
import { CONTINUE } from '../run/options';
import type { ScenarioDocument } from '../syntax/parse';
import type { RunCoverage, RunOutcome } from './model';

/** The coverage of a scenario by replayed runs (passed or failed: what they played counts). */
export function runCoverage(
  doc: ScenarioDocument,
  outcomes: readonly RunOutcome[],
  flow: FlowModel = buildFlow(doc),
): RunCoverage {
  // What the runs did: "step\u0000key" → run names, where key is the option index, `timeout` or `end`.
  const taken = new Map<string, string[]>();
  const played = new Set<string>();
  const mark = (key: string, run: string) => {
    const list = taken.get(key) ?? [];
    if (!list.includes(run)) list.push(run);
    taken.set(key, list);
  };
  for (const o of outcomes)
    for (const e of o.view.transcript) {
      played.add(e.step);
      if (e.choice) mark(`${e.step}\u0000${e.choice.timeout ? 'timeout' : e.choice.index}`, o.run.name);
      if (e.kind === 'end' && o.view.debrief?.end === e.step) mark(`${e.step}\u0000end`, o.run.name);
    }
  const coverage: RunCoverage = { options: [], ends: [], unplayed: [], covered: 0, total: 0, percent: 100 };
  flow.steps.forEach((step, v) => {
    if (!played.has(step.id)) coverage.unplayed.push(step.id);
    if (!flow.reachable[v]) return;
    const data = step.data;
    if (data?.kind === 'end') {
      coverage.ends.push({ step: step.id, runs: taken.get(`${step.id}\u0000end`) ?? [] });
      return;
    }
    const waits = data?.timeout !== undefined && data.timeout !== null;
    if (data?.kind !== 'choice' && !waits) return;
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      const key = e.kind === 'timeout' ? 'timeout' : e.kind === 'choice' ? String(e.choice) : '0';
      const label = e.kind === 'timeout' ? 'timeout' : e.kind === 'choice' ? (e.label ?? e.target) : CONTINUE;
      coverage.options.push({
        step: step.id,
        label,
        next: e.target,
        runs: taken.get(`${step.id}\u0000${key}`) ?? [],
      });
    }
  });
  const all = [...coverage.options, ...coverage.ends];
  coverage.total = all.length;
  coverage.covered = all.filter((x) => x.runs.length > 0).length;
  coverage.percent = coverage.total ? Math.floor((coverage.covered / coverage.total) * 1000) / 10 : 100;
  return coverage;
}
