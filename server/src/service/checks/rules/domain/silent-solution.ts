import type { Rule } from '../engine';
import { solveForward } from '../../../model/flow';
import { isScalar, valueNode } from '../../../syntax/nodes';
import { addPropertiesFix, replaceFix } from '../helpers';
import type { Step } from '../../../model/vocabulary';
import { code } from '../../../syntax/text';
import { edgeFacts, factsOf, isChecked, topLevel } from './common';

/** True for a silent 999 call from a mobile, which BT routes to the Silent Solution system. */
function isSilentMobile999(call: Record<string, unknown> | undefined): boolean {
  return call?.silent === true && call.device === 'mobile' && String(call.line) === '999';
}

/** A silent mobile 999 call has a press-55 path, and questions after 55 are yes/no until the caller can talk. */
export const silentSolution: Rule = {
  id: 'domain/silent-solution',
  severity: 'error',
  title: 'Silent mobile 999 calls have a press-55 path with yes/no questions',
  why: 'A silent 999 call from a mobile goes to the Silent Solution system: the caller presses 55 to show they need the police. After that, every question must be answerable by a keypress (once for yes, twice for no) until the caller can talk — an open question forces a victim to speak in front of the suspect.',
  bad: 'call: {line: 999, device: mobile, silent: true}\n…\nask-what:\n  kind: handler\n  say: "Tell me what is happening."\n  asks: [what-happened]',
  good: 'press-55:\n  kind: caller\n  event: press-55\n  next: ask-danger\nask-danger:\n  kind: handler\n  say: "Are you in danger? Press once for yes, twice for no."\n  asks: [caller-safety]\n  yesNo: true',
  fix: 'Add a caller step with `event: press-55` reachable from the start, and mark the questions after it `yesNo: true` (a quick fix does this) until a step reveals `facts: [can-talk]`. To silence: `# callflow-disable-next-line domain/silent-solution`.',
  check(ctx) {
    const { flow, doc } = ctx;
    const call = topLevel<Record<string, unknown>>(doc, 'call');
    const isPress55 = (v: number) => {
      const d = flow.steps[v].data;
      return d?.kind === 'caller' && d.event === 'press-55';
    };
    if (isSilentMobile999(call) && !flow.steps.some((s) => flow.reachable[s.index] && isPress55(s.index))) {
      const silentNode = valueNode(valueNode(doc.root, 'call'), 'silent');
      ctx.report(
        { node: silentNode },
        'A silent 999 call from a mobile goes to the Silent Solution system, but no reachable caller step has `event: press-55`: add the path where the caller presses 55.',
      );
    }
    // May-dataflow: "in a Silent Solution call and the caller cannot talk yet".
    const canTalk = (facts: string[]) => facts.includes('can-talk');
    const { input } = solveForward<boolean>(flow, {
      entry: false,
      transfer: (v, s) => !canTalk(factsOf(flow.steps[v])) && (s || isPress55(v)),
      edge: (e, s) => s && !canTalk(edgeFacts(e)),
      join: (a, b) => a || b,
      equals: (a, b) => a === b,
    });
    for (const step of flow.steps) {
      const d: Partial<Step> | undefined = step.data;
      if (d?.kind !== 'handler' || !input[step.index] || !isChecked(flow, step.index)) continue;
      if (d.yesNo === true || !Array.isArray(d.asks) || d.asks.length === 0) continue;
      const yesNoNode = valueNode(step.node, 'yesNo');
      const fix = isScalar(yesNoNode)
        ? replaceFix(doc, yesNoNode, 'true', 'Set `yesNo: true`')
        : addPropertiesFix(doc, step.node, [['yesNo', true]], 'Add `yesNo: true`', {
            after: 'asks',
            preferred: true,
          });
      ctx.report(
        isScalar(yesNoNode) ? { node: yesNoNode } : { step },
        `${code(step.id)} asks a question after the caller pressed 55 and before they can talk: make it a yes/no question (\`yesNo: true\`) the caller can answer with a keypress.`,
        { fixes: fix ? [fix] : [] },
      );
    }
  },
};
