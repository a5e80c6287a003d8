/**
 * Options no run can pick: on a step no route reaches, written on a step that is not a choice point (the
 * run engine never offers them), or shadowed by an earlier option of the same step with the same label
 * (a run, or a number typed in `callflow play`, names an option by its label and gets the first).
 */
import type { FlowModel } from '../model/flow';
import type { UnpickableOption } from '../../shared/routes';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The options (choices and timeouts) no run can pick, in source order. `reached[v]`: a route reaches step v. */
export function unpickableOptions(flow: FlowModel, reached: (v: number) => boolean): UnpickableOption[] {
  const found: UnpickableOption[] = [];
  for (let v = 0; v < flow.steps.length; v++) {
    const step = flow.steps[v];
    const kind = step.data?.kind;
    const labels = new Map<string, number>();
    for (const ei of flow.out[v]) {
      const e = flow.edges[ei];
      if (e.kind === 'next') continue;
      const label = e.kind === 'timeout' ? 'timeout' : (e.label ?? `Option ${(e.choice ?? 0) + 1}`);
      const base = () => ({
        step: step.id,
        label,
        ...(e.choice !== undefined ? { index: e.choice } : {}),
        range: e.range,
      });
      const what = e.kind === 'timeout' ? 'Its timeout' : `"${label}"`;
      if (!reached(v)) {
        const message = `${what} cannot be picked: no route from the start reaches \`${step.id}\`.`;
        found.push({ ...base(), reason: 'unreachable', message });
      } else if (e.kind === 'choice' && kind !== 'choice') {
        const message = `"${label}" is never offered: \`${step.id}\` is a ${String(kind ?? 'step without a kind')} step, and only a choice point offers its \`choices:\`.`;
        found.push({ ...base(), reason: 'not-offered', message });
      } else if (e.kind === 'choice' && flow.out[v].length > 1) {
        const first = labels.get(norm(label));
        if (first !== undefined)
          found.push({ ...base(), reason: 'shadowed', message: shadowed(label, first) });
        else labels.set(norm(label), (e.choice ?? 0) + 1);
      }
    }
  }
  return found;
}

function shadowed(label: string, first: number): string {
  return `"${label}" cannot be picked by its label: option ${first} of the same step has the same label, and a run (or a number typed in \`callflow play\`) names an option by its label, so it gets option ${first}.`;
}
