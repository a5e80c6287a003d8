import {
  asNode,
  isMap,
  isScalar,
  isSeq,
  pairValue,
  seqItems,
  type Node,
  type Scalar,
} from '../../../syntax/nodes';
import type { Rule } from '../engine';
import { replaceFix } from '../helpers';
import { offsetsOf } from '../../../syntax/parse';
import { code } from '../../../syntax/text';

/**
 * Phone-number shapes: UK national (0…) or international (+44…) with 10–11 digits, North American
 * (optional +1, area code, exchange, line) and the US 7-digit `555-xxxx` form.
 */
const CANDIDATE =
  /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?[1-9](?:[\s-]?\d){8,9}|0[1-9](?:[\s-]?\d){8,9}|(?:\+?1[\s.-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[\s.-]?\d{3}[\s.-]\d{4}|555-\d{4})(?![\w])/g;

/** CANDIDATE over raw source text: any whitespace run (a folded line break) may stand for one space. */
const PREFILTER = new RegExp(
  CANDIDATE.source
    .replace(/\[\\s-\]\?/g, '(?:\\s+|-)?')
    .replace(/\\s\?/g, '\\s*')
    .replace(/\[\\s.-\]\?/g, '(?:\\s+|[.-])?')
    .replace(/\[\\s.-\]/g, '(?:\\s+|[.-])'),
  'g',
);

/** Ofcom's ranges reserved for drama (11 digits: these prefixes plus three digits). */
const UK_DRAMA_PREFIXES = [
  '07700900',
  '01134960',
  '01144960',
  '01154960',
  '01164960',
  '01174960',
  '01184960',
  '01214960',
  '01314960',
  '01414960',
  '01514960',
  '01614960',
  '02079460',
  '01914980',
  '02890180',
  '02920180',
  '01632960',
  '03069990',
  '08081570',
  '09098790',
];

/** Classifies a candidate: undefined when fictional, else a fictional replacement. */
export function fictionalReplacement(candidate: string): string | undefined {
  let digits = candidate.replace(/\D/g, '');
  const international = candidate.trim().startsWith('+');
  if (international && digits.startsWith('44')) {
    digits = digits.slice(2);
    if (!digits.startsWith('0')) digits = '0' + digits; // `+44 (0) 7700…` keeps its zero
  }
  if (digits.startsWith('0')) {
    if (digits.length === 11 && UK_DRAMA_PREFIXES.some((p) => digits.startsWith(p))) return undefined;
    const tail = digits.slice(-3).padStart(3, '0');
    return international ? `+44 7700 900${tail}` : `07700 900${tail}`;
  }
  if (digits.length === 7) return /^55501\d\d$/.test(digits) ? undefined : `555-01${digits.slice(-2)}`;
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10) return undefined;
  if (/^\d{3}55501\d\d$/.test(digits)) return undefined;
  return `${international ? '+1 ' : ''}${digits.slice(0, 3)}-555-01${digits.slice(-2)}`;
}

/** Phone numbers in scripts must be fictional. */
export const fictionalPhone: Rule = {
  id: 'domain/fictional-phone',
  severity: 'warning',
  title: 'Phone numbers in scripts are fictional',
  why: 'Trainees ring the numbers they see, and scenarios get shared, printed and projected. A real number in a script ends up called at 3 a.m. by a room of trainees. Ofcom reserves 07700 900000–900999 (and some landline ranges) for drama; in North America 555-0100 to 555-0199 are reserved.',
  bad: 'caller:\n  phone: "07912 345678"',
  good: 'caller:\n  phone: "07700 900123"   # UK drama range; US: "217-555-0163"',
  fix: 'Use a number from the reserved ranges (a quick fix rewrites it into 07700 900xxx or 555-01xx, keeping the last digits). To silence a number that is deliberately real (a public helpline): `# callflow-disable-next-line domain/fictional-phone`.',
  check(ctx) {
    const root = asNode(ctx.doc.yaml?.contents);
    if (root) this.checkValues!(ctx, [root]);
  },
  checkValues(ctx, roots) {
    const { doc } = ctx;
    // Most files hold only fictional numbers (or none): one scan of the text (line breaks and
    // indentation allowed wherever a value could fold them) settles that without walking the tree.
    const suspect = roots.some((root) => {
      const [from, to] = offsetsOf(root);
      for (const m of doc.text.slice(from, to).matchAll(PREFILTER))
        if (fictionalReplacement(m[0])) return true;
      return false;
    });
    if (!suspect) return;
    // Every string scalar that is a value (not a key), walked iteratively.
    const scalars: Scalar[] = [];
    const stack: Node[] = [...roots];
    while (stack.length) {
      const node = stack.pop()!;
      if (isScalar(node)) {
        if (typeof node.value === 'string' && /\d{3}/.test(node.value)) scalars.push(node);
      } else if (isMap(node)) {
        for (const p of node.items) {
          const value = pairValue(p);
          if (value) stack.push(value);
        }
      } else if (isSeq(node)) stack.push(...seqItems(node));
    }
    for (const node of scalars) {
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const value = node.value;
      const [start, end] = offsetsOf(node);
      const source = doc.text.slice(start, end);
      const seen = new Map<string, number>();
      for (const m of value.matchAll(CANDIDATE)) {
        const replacement = fictionalReplacement(m[0]);
        // Which occurrence of this text in the value, found again in the source (exact for plain and
        // quoted scalars; a number folded over two lines falls back to the whole scalar).
        const k = seen.get(m[0]) ?? 0;
        seen.set(m[0], k + 1);
        if (!replacement) continue;
        let at = -1;
        for (let i = 0; i <= k; i++) {
          at = source.indexOf(m[0], at + 1);
          if (at < 0) break;
        }
        const offsets: [number, number] = at >= 0 ? [start + at, start + at + m[0].length] : [start, end];
        ctx.report(
          { offsets },
          `${code(m[0])} does not look fictional: use the drama range 07700 900000–900999 (UK) or 555-0100–555-0199 (US).`,
          at >= 0
            ? {
                fixes: [replaceFix(doc, { offsets }, replacement, `Use ${replacement}`)],
              }
            : undefined,
        );
      }
    }
  },
};
