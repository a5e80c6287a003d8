import type { Rule } from '../engine';
import type { FlowModel } from '../../../model/flow';
import { scalarText, valueNode } from '../../../syntax/nodes';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';
import { actionOf, isChecked, isWritten } from './common';

/** Quotes compared at most (each costs a walk over the flow). */
const MAX_QUOTES = 32;

/** Text as words: lower case, one kind of apostrophe, punctuation and spacing dropped. */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** True when `quote` appears word for word inside `text` (case, punctuation and quote marks aside). */
export function saysVerbatim(text: string, quote: string): boolean {
  const q = words(quote);
  return q === '' || ` ${words(text)} `.includes(` ${q} `);
}

/** The steps some route reaches after a step. */
function after(flow: FlowModel, from: number): Uint8Array {
  const seen = new Uint8Array(flow.steps.length);
  const stack = [from];
  while (stack.length) {
    const v = stack.pop()!;
    for (const ei of flow.out[v]) {
      const w = flow.edges[ei].to;
      if (w >= 0 && !seen[w]) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return seen;
}

/** A hand-over's `threats:` carries the caller's recorded `quote:` word for word. */
export const verbatimThreat: Rule = {
  id: 'domain/verbatim-threat',
  severity: 'error',
  reads: { quote: 'words', 'handover.threats': 'words' },
  title: "A hand-over's `threats:` quotes the caller word for word",
  why: 'Threats travel verbatim: "he said he\'d burn the house down with us in it" tells the receiving force and the officers attending what they face; "suspect made threats" does not, and cannot be used later as evidence. When the caller\'s words are recorded with `quote:`, the hand-over must carry them unchanged.',
  bad: 'threat:\n  kind: caller\n  quote: "He said if I call the police he\'ll kill me"\n…\n  handover:\n    threats: Suspect made threats to kill',
  good: "  handover:\n    threats: '\"He said if I call the police he''ll kill me\" (caller, verbatim)'",
  fix: "Copy the caller's `quote:` into `threats:` word for word (quote marks, capitals and punctuation may differ); a quick fix puts it there. To silence: `# callflow-disable-next-line domain/verbatim-threat` above the `threats:` line.",
  check(ctx) {
    const { flow, doc } = ctx;
    const handovers = flow.steps.filter((s) => {
      const a = actionOf(s);
      return (
        (a === 'transfer' || a === 'conference') &&
        isChecked(flow, s.index) &&
        isWritten(s.data?.handover?.threats)
      );
    });
    if (!handovers.length) return;
    let quotes = 0;
    for (const source of flow.steps) {
      const quote = source.data?.kind === 'caller' ? source.data.quote : undefined;
      if (!isWritten(quote) || !flow.reachable[source.index]) continue;
      if (++quotes > MAX_QUOTES) break;
      const reached = after(flow, source.index);
      for (const step of handovers) {
        const node = valueNode(valueNode(step.node, 'handover'), 'threats');
        const threats = scalarText(node);
        if (!node || !reached[step.index] || threats === undefined || saysVerbatim(threats, quote!)) continue;
        ctx.report(
          { node },
          `The hand-over's \`threats:\` does not carry the caller's words from ${code(source.id)} ("${quote!.trim()}"): a threat is passed on word for word.`,
          {
            fixes: [
              valueFix(doc, node, `"${quote!.trim()}" (caller, verbatim)`, "Pass on the caller's words"),
            ],
            related: [
              { range: source.keyRange, message: `The caller's words, recorded at ${code(source.id)}.` },
            ],
          },
        );
      }
    }
  },
};
