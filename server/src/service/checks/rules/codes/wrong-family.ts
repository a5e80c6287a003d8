import type { Rule } from '../engine';
import { familiesOf, lookupCode } from '../../../model/catalogue';
import { code } from '../../../syntax/text';

/** A code of another family than the key expects (a qualifier written as a category, a THRIVE letter as a grade…). */
export const wrongFamily: Rule = {
  id: 'code/wrong-family',
  severity: 'error',
  title: 'Codes belong to the family their key expects',
  why: 'Grades, incident categories, qualifiers and ambulance categories are different things; mixing them records the wrong incident.',
  bad: 'incident:\n  category: "633"   # a qualifier (knife), not a category',
  good: 'incident:\n  category: "001"\n  qualifiers: ["633"]',
  fix: 'Move the code under the key of its family, or use a code of the expected family.',
  // A code is checked where it is written, so an edit inside one step checks that step's codes again:
  // `ctx.codeSlots()` holds the whole document's codes in `check`, the edited steps' in `checkValues`.
  check(ctx) {
    this.checkValues!(ctx, []);
  },
  checkValues(ctx) {
    const cat = ctx.catalogue;
    for (const slot of ctx.codeSlots()) {
      if (slot.family === 'determinant' || !cat.families.has(slot.family)) continue;
      if (lookupCode(cat, slot.family, slot.value)) continue;
      const others = familiesOf(cat, slot.value, slot.family).filter(
        (f) => f.name !== 'thrive' || slot.family === 'grade',
      );
      if (!others.length) continue;
      const f = others[0];
      const entry = f.lookup.get(slot.value)!;
      const expected = cat.families.get(slot.family)!;
      ctx.report(
        { node: slot.node },
        `${code(slot.value)} is ${(f.label ?? f.name).toLowerCase()} ${entry.label ? `(${entry.label}) ` : ''}, not ${(expected.label ?? expected.name).toLowerCase()}: \`${slot.key}\` expects ${(expected.label ?? expected.name).toLowerCase()}.`.replace(
          ' ,',
          ',',
        ),
      );
    }
  },
};
