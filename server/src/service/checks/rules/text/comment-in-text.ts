import type { Rule, RuleContext } from '../engine';
import {
  isMap,
  isScalar,
  isSeq,
  keyText,
  pairValue,
  seqItems,
  type Node,
  type Scalar,
} from '../../../syntax/nodes';
import { replaceFix } from '../helpers';

/** Keys whose values are ids, codes or fixed words, never sentences (a comment after them is meant). */
const WORD_KEYS = new Set([
  'callflow',
  'id',
  'version',
  'level',
  'start',
  'kind',
  'next',
  'action',
  'to',
  'event',
  'result',
  'grade',
  'category',
  'ambulance',
  'determinant',
  'line',
  'device',
  'phone',
  'score',
  'seconds',
]);

/** Sentence endings: a comment after one of them starts a new thought. */
const ENDS_SENTENCE = /[.!?:;)\]"'\u2019\u201d\u2026]$/;

/**
 * The comment that cuts a plain text scalar short, as offsets of its `#` and the end of the line, when it
 * reads as part of the sentence: `#` directly followed by a letter or digit (`#2`, `#hashtag`), or a
 * lower-case word or a number after text that does not end a sentence.
 */
export function cutComment(text: string, node: Scalar): [number, number] | undefined {
  if (node.type !== 'PLAIN' || typeof node.value !== 'string' || !node.range) return undefined;
  const end = node.range[1];
  let eol = text.indexOf('\n', end);
  if (eol < 0) eol = text.length;
  const rest = text.slice(end, eol).replace(/\r$/, '');
  const m = /^([ \t]+)#(.*)$/.exec(rest);
  if (!m) return undefined;
  const body = m[2];
  const glued = /^[\p{L}\p{N}]/u.test(body);
  const continues =
    !ENDS_SENTENCE.test(node.value) && /^ +[\p{Ll}\p{N}]/u.test(body) && /\s/.test(node.value);
  if (!glued && !continues) return undefined;
  const hash = end + m[1].length;
  return [hash, hash + 1 + body.replace(/\s+$/, '').length];
}

function walk(ctx: RuleContext, node: Node | undefined, key: string | undefined): void {
  if (isMap(node)) {
    for (const p of node.items) walk(ctx, pairValue(p), keyText(p));
  } else if (isSeq(node)) {
    for (const item of seqItems(node)) walk(ctx, item, key);
  } else if (isScalar(node) && !(key !== undefined && WORD_KEYS.has(key))) {
    const cut = cutComment(ctx.doc.text, node);
    if (!cut) return;
    const [start] = node.range!;
    const whole = ctx.doc.text.slice(start, cut[1]);
    const kept = String(node.value);
    ctx.report(
      { offsets: [cut[0], cut[1]] },
      `YAML reads \`${ctx.doc.text.slice(cut[0], cut[1])}\` as a comment, so this text stops at "${kept}". Put the whole text in quotes to keep it.`,
      {
        fixes: [
          replaceFix(ctx.doc, { offsets: [start, cut[1]] }, JSON.stringify(whole), 'Put the text in quotes'),
        ],
      },
    );
  }
}

/** A ` #` inside unquoted text starts a comment: the rest of the line is silently dropped. */
export const commentInText: Rule = {
  id: 'yaml/comment-in-text',
  severity: 'warning',
  title: 'Text is not cut short by a `#` that YAML reads as a comment',
  why: 'In unquoted YAML text, a space followed by `#` starts a comment: `say: Ran left to Church Street #2 alley` keeps only "Ran left to Church Street", and nothing says so. The trainee then hears half a sentence, or a hand-over loses the detail that mattered.',
  bad: 'say: He ran left into Church Street #2 alley, the one by the chip shop',
  good: 'say: "He ran left into Church Street #2 alley, the one by the chip shop"',
  fix: 'Put the text in quotes (quick fix). A comment meant as a comment is not reported when it starts with `# ` after a finished sentence, or follows an id or a code. To silence: `# callflow-disable-next-line yaml/comment-in-text` above the line.',
  check(ctx) {
    walk(ctx, ctx.doc.root ?? undefined, undefined);
  },
  checkValues(ctx, roots) {
    for (const root of roots) walk(ctx, root, undefined);
  },
};
