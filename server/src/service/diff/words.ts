/** Word diffs of changed text (the `diff` package's word tokenizer), bounded for very long texts. */
import { diffWords } from 'diff';
import type { WordPart } from './types';

/** Past this many edits the word diff gives up and shows the old text removed and the new one added. */
const MAX_EDITS = 400;

/** Text as a trainee reads it: runs of white space are one space (re-wrapping a line changes nothing). */
export function spoken(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The word diff of two texts, runs of the same operation merged. */
export function wordDiff(before: string, after: string): WordPart[] {
  const changes = diffWords(before, after, { maxEditLength: MAX_EDITS });
  const parts: WordPart[] = changes
    ? changes.map((c) => ({ text: c.value, op: c.added ? 'added' : c.removed ? 'removed' : 'same' }))
    : [
        { text: before, op: 'removed' },
        { text: after, op: 'added' },
      ];
  const merged: WordPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = merged[merged.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else merged.push({ ...p });
  }
  return merged;
}
