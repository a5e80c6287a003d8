import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../server/src/service/checks/didyoumean';
import { rng } from '../support/rng';

/** The whole table, no band, no early exit: what editDistance must agree with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

describe('edit distance (banded, with an early exit)', () => {
  it('agrees with the whole table on random words: exact up to max, above max otherwise', () => {
    const r = rng(23);
    const pick = (k: number) => Math.floor(r() * k);
    const word = () => Array.from({ length: pick(14) }, () => 'abcdé'[pick(5)]).join('');
    for (let k = 0; k < 20000; k++) {
      const [a, b] = [word(), word()];
      const max = pick(3) === 0 ? Infinity : pick(6);
      const want = reference(a, b);
      const got = editDistance(a, b, max);
      if (want <= max) assert.equal(got, want, `${a} / ${b} (max ${max})`);
      else assert.ok(got > max, `${a} / ${b} (max ${max}): ${got}, the distance is ${want}`);
    }
  });

  it('handles words longer than its reused rows', () => {
    const long = 'x'.repeat(300);
    assert.equal(editDistance(long, `${long}yz`), 2);
    assert.equal(editDistance('ab', 'ba'), 1);
  });

  it('finds a step id among thousands the same as a full comparison would', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `s${k}-${['decide', 'ask', 'grade', 'end'][k % 4]}`);
    assert.equal(didYouMean('s1104-decidex', ids), 's1104-decide');
    assert.equal(didYouMean('s1104-decdie', ids), 's1104-decide');
    assert.equal(didYouMean('S2001-ASK', ids), 's2001-ask');
    assert.equal(didYouMean('zzzzzzzz', ids), undefined);
  });
});
