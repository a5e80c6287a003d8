/** "Did you mean …?" suggestions: the closest candidate by edit distance, case-insensitively. */

/** Three rows of the distance table, reused by every call (grown when a longer word comes). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), so
 * the commonest typos (`doen` for `done`, `sya` for `say`) are one edit away. With `max`: any result above
 * it is `max + 1` (only the diagonal band of width `max` is computed, and a row wholly above `max` ends the
 * work), so comparing a word with thousands of step ids stays cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (rows[0].length < m + 2) rows = [new Int32Array(m + 2), new Int32Array(m + 2), new Int32Array(m + 2)];
  const band = Math.min(Math.max(n, m), max);
  const out = n + m + 1; // stands for every cell outside the band (all above max)
  let [before, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  if (band < m) prev[band + 1] = out;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[0] = i;
    if (lo > 1) cur[lo - 1] = out;
    let rowMin = lo === 1 ? i : out;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (j > 1 && aPrev >= 0 && ai === b.charCodeAt(j - 2) && aPrev === bj)
        d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < m) cur[hi + 1] = out;
    if (rowMin > max) return max + 1;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], max + 1);
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
