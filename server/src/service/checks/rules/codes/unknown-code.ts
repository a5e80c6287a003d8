import type { Rule } from '../engine';
import { didYouMean } from '../../didyoumean';
import { familiesOf, lookupCode } from '../../../model/catalogue';
import { code } from '../../../syntax/text';
import { valueFix } from '../helpers';

/** A code that is in no family of the catalogue. */
export const unknownCode: Rule = {
  id: 'code/unknown',
  severity: 'error',
  title: 'Codes exist in the catalogue',
  why: 'A code the control room does not use teaches trainees a wrong habit, and reports built from scenarios break.',
  bad: 'expected:\n  grade: EMERGANCY\n  category: "3040"',
  good: 'expected:\n  grade: EMERGENCY\n  category: "304"',
  fix: 'Pick a code from the catalogue (completion lists them with their meaning), or add the code to your workspace catalogue.',
  // A code is checked where it is written, so an edit inside one step checks that step's codes again:
  // `ctx.codeSlots()` holds the whole document's codes in `check`, the edited steps' in `checkValues`.
  check(ctx) {
    this.checkValues!(ctx, []);
  },
  checkValues(ctx) {
    const cat = ctx.catalogue;
    for (const slot of ctx.codeSlots()) {
      if (slot.family === 'determinant') continue;
      const family = cat.families.get(slot.family);
      if (!family || lookupCode(cat, slot.family, slot.value)) continue;
      if (familiesOf(cat, slot.value, slot.family).length) continue; // code/wrong-family
      const suggestion = didYouMean(slot.value, family.lookup.keys());
      const label = family.label ?? slot.family;
      ctx.report(
        { node: slot.node },
        `${code(slot.value)} is not a code of ${label.toLowerCase()} in the catalogue (${ctx.catalogue.name}).${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
        {
          fixes: suggestion ? [valueFix(ctx.doc, slot.node, suggestion)] : [],
        },
      );
    }
  },
};
