import type { Rule } from '../engine';
import { lookupCode } from '../../../model/catalogue';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';

/** A code the catalogue marks as deprecated. */
export const deprecatedCode: Rule = {
  id: 'code/deprecated',
  severity: 'warning',
  title: 'No deprecated codes',
  why: 'Forces retire codes; scenarios should train the codes in use today.',
  bad: '# catalogue: {code: "302", deprecated: "merged into 304", replacedBy: "304"}\nincident:\n  category: "302"',
  good: 'incident:\n  category: "304"',
  fix: 'Use the replacement the catalogue names (quick fix).',
  // A code is checked where it is written, so an edit inside one step checks that step's codes again:
  // `ctx.codeSlots()` holds the whole document's codes in `check`, the edited steps' in `checkValues`.
  check(ctx) {
    this.checkValues!(ctx, []);
  },
  checkValues(ctx) {
    for (const slot of ctx.codeSlots()) {
      if (slot.family === 'determinant') continue;
      const entry = lookupCode(ctx.catalogue, slot.family, slot.value);
      if (!entry?.deprecated) continue;
      const reason = typeof entry.deprecated === 'string' ? `: ${entry.deprecated}` : '';
      ctx.report(
        { node: slot.node },
        `${code(slot.value)} is deprecated${reason}.${entry.replacedBy ? ` Use ${code(entry.replacedBy)}.` : ''}`,
        {
          fixes: entry.replacedBy ? [valueFix(ctx.doc, slot.node, entry.replacedBy)] : [],
        },
      );
    }
  },
};
