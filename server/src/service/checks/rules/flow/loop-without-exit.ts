import type { Rule } from '../engine';
import { code } from '../../../syntax/text';
import { canReach } from '../../../model/flow';
import { kindOf } from '../helpers';

/** Steps trapped in a loop: every way on leads back, never to an end. */
export const loopWithoutExit: Rule = {
  id: 'flow/loop-without-exit',
  severity: 'error',
  title: 'Every loop has a way out',
  why: 'A trainee who enters the loop can never finish the call. Repeated questions are realistic; endless ones are a script bug.',
  bad: 'ask-again:\n  kind: handler\n  say: "Can you repeat the address?"\n  next: caller-repeats\ncaller-repeats:\n  kind: caller\n  say: "14 Elm Road!"\n  next: ask-again',
  good: 'ask-again:\n  kind: choice\n  prompt: Did the trainee get the address?\n  choices:\n    - {label: "No", next: caller-repeats}\n    - {label: "Yes", next: grade-call}',
  fix: 'Give one step of the loop a way out (a choice or a timeout that leads on).',
  check(ctx) {
    const { flow } = ctx;
    if (flow.start < 0) return;
    const isEnd = (v: number) => kindOf(flow.steps[v]) === 'end';
    const reachesEnd = canReach(flow, isEnd);
    if (!reachesEnd[flow.start]) return; // flow/no-end says it once for the whole call
    // Steps that lead nowhere or off the map are reported by their own rules; only pure loops remain.
    const reachesOther = canReach(
      flow,
      (v) => isEnd(v) || flow.out[v].length === 0 || flow.out[v].some((e) => flow.edges[e].to < 0),
    );
    const trapped = flow.steps.map((s) => flow.reachable[s.index] && !reachesOther[s.index]);
    for (const step of flow.steps) {
      if (!trapped[step.index]) continue;
      const entered = flow.in[step.index].some((e) => !trapped[flow.edges[e].from]);
      if (!entered) continue;
      const members = collectLoop(flow, step.index, trapped);
      ctx.report(
        { step },
        `The loop through ${members.map((m) => code(flow.steps[m].id)).join(', ')} has no way out: no path from ${code(step.id)} reaches an end.`,
      );
    }
  },
};

function collectLoop(flow: Parameters<typeof canReach>[0], from: number, trapped: boolean[]): number[] {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length && seen.size < 8) {
    const v = stack.pop()!;
    for (const e of flow.out[v]) {
      const w = flow.edges[e].to;
      if (w >= 0 && trapped[w] && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return [...seen];
}
