/**
 * The grade in force along the flow: a forward dataflow (may) over the grades set by action steps, and
 * a must-bit "new facts were revealed since the last grade was set". Shared by the downgrade and the
 * hand-over grade checks; kept in the document's analysis cache for the catalogue it was computed with.
 */
import type { Catalogue } from '../../../model/catalogue';
import { gradeRank } from '../../../model/catalogue';
import { solveForward, type FlowModel } from '../../../model/flow';
import { Slot } from '../../../syntax/analysis';
import { edgeFacts, factsOf, gradeSetBy, memoWith, type Derived } from './common';

/** The state entering a step. */
export interface GradeState {
  /** Grade rank (1 = most urgent) → the step that set it, for every grade in force on some path. */
  grades: Map<number, number>;
  /** True when, on every path, facts were revealed since the last grade-setting step (or none was set). */
  fresh: boolean;
}

const GRADE_STATES = new Slot<Derived<(GradeState | undefined)[]>>('grade states');

/** The grade state entering each reachable step. */
export function gradeStates(flow: FlowModel, catalogue: Catalogue): (GradeState | undefined)[] {
  return memoWith(flow, GRADE_STATES, catalogue, () => {
    const rankOf = (v: number) => {
      const g = gradeSetBy(flow.steps[v]);
      return g === undefined ? undefined : (gradeRank(catalogue, g) ?? null);
    };
    return solveForward<GradeState>(flow, {
      entry: { grades: new Map(), fresh: true },
      transfer: (v, s) => {
        const r = rankOf(v);
        if (r === undefined)
          return factsOf(flow.steps[v]).length && !s.fresh ? { grades: s.grades, fresh: true } : s;
        return { grades: r === null ? new Map() : new Map([[r, v]]), fresh: false };
      },
      edge: (e, s) => (edgeFacts(e).length && !s.fresh ? { grades: s.grades, fresh: true } : s),
      join: (a, b) => {
        const grades = new Map(a.grades);
        for (const [r, v] of b.grades) if (!grades.has(r) || grades.get(r)! > v) grades.set(r, v);
        return { grades, fresh: a.fresh && b.fresh };
      },
      equals: (a, b) =>
        a.fresh === b.fresh &&
        a.grades.size === b.grades.size &&
        [...a.grades].every(([r, v]) => b.grades.get(r) === v),
    }).input;
  });
}

/** The most urgent grade in force on some path (rank and the step that set it). */
export function mostUrgent(state: GradeState | undefined): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const [r, v] of state?.grades ?? []) if (!best || r < best[0]) best = [r, v];
  return best;
}
