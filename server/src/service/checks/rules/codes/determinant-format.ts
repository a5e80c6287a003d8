import type { Rule } from '../engine';
import { code, listOr } from '../../../syntax/text';

/** A medical determinant that does not match the catalogue's pattern, or names an unknown level. */
export const determinantFormat: Rule = {
  id: 'code/determinant-format',
  severity: 'error',
  title: "Medical determinants have the catalogue's form",
  why: 'Determinants drive the ambulance response; a malformed one means the trainee is drilled on a code the system would reject.',
  bad: 'expected:\n  determinant: 9E1',
  good: 'expected:\n  determinant: 9-E-1',
  fix: 'Write complaint–level–number, e.g. `9-E-1` or `6-D-1A`.',
  // A code is checked where it is written, so an edit inside one step checks that step's codes again:
  // `ctx.codeSlots()` holds the whole document's codes in `check`, the edited steps' in `checkValues`.
  check(ctx) {
    this.checkValues!(ctx, []);
  },
  checkValues(ctx) {
    const fmt = ctx.catalogue.determinant;
    if (!fmt) return;
    for (const slot of ctx.codeSlots()) {
      if (slot.family !== 'determinant') continue;
      const m = fmt.pattern.exec(slot.value);
      const levels = Object.keys(fmt.levels);
      if (!m) {
        ctx.report(
          { node: slot.node },
          `${code(slot.value)} is not a medical determinant: write complaint–level–number such as \`9-E-1\` or \`6-D-1A\` (levels ${listOr(levels)}).`,
        );
        continue;
      }
      const complaint = Number(m.groups?.complaint);
      const range = fmt.complaintRange;
      if (range && Number.isFinite(complaint) && (complaint < range[0] || complaint > range[1])) {
        ctx.report(
          { node: slot.node },
          `Complaint number ${complaint} in ${code(slot.value)} is outside ${range[0]}–${range[1]}.`,
        );
      }
    }
  },
};
