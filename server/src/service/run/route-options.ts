/**
 * Options no run can pick: on a step no route reaches, written on a step that is not a choice point (the
 * run engine never offers them), or shadowed by an earlier option of the same step with the same label:
 * the run engine picks an option by its label first (the rehearsal and `callflow play` send the label of
 * the option clicked or numbered), so it gets the earlier one; only a run that names the step a shadowed
 * option leads to can pick it, and not even that when the earlier option leads to the same step.
 */
import type { FlowModel } from '../model/flow';
import type { UnpickableOption } from '../../shared/routes';

/** The options (choices and timeouts) no run can pick, in source order. `reached[v]`: a route reaches step v. */
export function unpickableOptions(flow: FlowModel, reached: (v: number) => boolean): UnpickableOption[] {
  const found: UnpickableOption[] = [];
  for (let v = 0; v < flow.steps.length; v++) {
    const step = flow.steps[v];
    const kind = step.data?.kind;
    const labels = new Map<string, { option: number; next: Set<string> }>();
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
        const first = labels.get(label);
        if (first) {
          const message = shadowed(label, first.option, first.next.has(e.target) ? undefined : e.target);
          found.push({ ...base(), reason: 'shadowed', message });
          first.next.add(e.target);
        } else labels.set(label, { option: (e.choice ?? 0) + 1, next: new Set([e.target]) });
      }
    }
  }
  return found;
}

function shadowed(label: string, first: number, ownStep: string | undefined): string {
  const gets = `option ${first} of the same step has the same label, and picking by label (as the rehearsal and \`callflow play\` do) gets option ${first}`;
  if (ownStep === undefined)
    return `"${label}" cannot be picked: ${gets}, and it leads to the same step, so not even a run that names the step can tell them apart.`;
  return `"${label}" cannot be picked by its label: ${gets}; only a run that names its step \`${ownStep}\` picks it.`;
}
