/** "Did you mean …?" suggestions: the closest candidate by edit distance, case-insensitively. */

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), so
 * the commonest typos (`doen` for `done`, `sya` for `say`) are one edit away. Exits early above `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: a case-only difference,
 * a prefix of at least three characters, or an edit distance of at most a third of the length (min 1).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  // A one-character word is one edit from every other one-character candidate: only case counts there.
  const limit = w.length <= 1 ? 0 : Math.max(1, Math.floor(w.length / 3));
  for (const c of candidates) {
    if (c === word) continue;
    const l = c.toLowerCase();
    let score: number;
    if (l === w) score = 0;
    else {
      const d = editDistance(w, l, limit);
      if (d <= limit) score = d;
      else if (w.length >= 3 && l.startsWith(w)) score = limit + 0.5;
      else continue;
    }
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
