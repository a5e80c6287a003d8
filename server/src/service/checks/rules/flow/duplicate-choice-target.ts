import type { Rule } from '../engine';
import { code } from '../../../syntax/text';

/** Two choices of one choice point lead to the same step. */
export const duplicateChoiceTarget: Rule = {
  id: 'flow/duplicate-choice-target',
  severity: 'warning',
  title: 'The choices of a choice point lead to different steps',
  why: 'If two options lead to the same place, the choice teaches nothing — usually one `next` was copied and not changed.',
  bad: 'decide:\n  kind: choice\n  prompt: What next?\n  choices:\n    - {label: Ask about weapons, next: ask-weapon}\n    - {label: End the call, next: ask-weapon}',
  good: 'decide:\n  kind: choice\n  prompt: What next?\n  choices:\n    - {label: Ask about weapons, next: ask-weapon}\n    - {label: End the call, next: fail-ended-early}',
  fix: 'Point each choice to its own step, or merge the choices.',
  check(ctx) {
    for (const step of ctx.flow.steps) {
      const out = ctx.flow.out[step.index];
      if (out.length < 2) continue;
      const seen = new Map<string, number>();
      for (const ei of out) {
        const e = ctx.flow.edges[ei];
        if (e.kind !== 'choice') continue;
        const first = seen.get(e.target);
        if (first !== undefined) {
          const f = ctx.flow.edges[first];
          ctx.report(
            { range: e.range },
            `Choices ${(f.choice ?? 0) + 1} and ${(e.choice ?? 0) + 1} both lead to ${code(e.target)}.`,
            {
              related: [
                { range: f.range, message: `Choice ${(f.choice ?? 0) + 1} also leads to ${code(e.target)}.` },
              ],
            },
          );
        } else seen.set(e.target, ei);
      }
    }
  },
};
