import * as assert from 'node:assert/strict';
import { MAX_DELAY_MS, MIN_DELAY_MS, ValidationScheduler } from '../../server/src/lsp/diagnostics';

describe('validation scheduler', () => {
  it('waits a few ms for a small file and at most 50 ms for a large one', () => {
    const s = new ValidationScheduler(() => undefined);
    assert.equal(s.delayFor('a'), MIN_DELAY_MS, 'never validated: the minimum');
    s.record('a', 2);
    assert.equal(s.delayFor('a'), MIN_DELAY_MS);
    s.record('a', 120);
    assert.equal(s.delayFor('a'), 30);
    s.record('a', 900);
    assert.equal(s.delayFor('a'), MAX_DELAY_MS);
    assert.equal(MAX_DELAY_MS, 50);
  });

  it('checks a document whose last check ran in slices after the minimum delay', () => {
    const s = new ValidationScheduler(() => undefined);
    s.record('big', 400, true);
    assert.equal(s.delayFor('big'), MIN_DELAY_MS, 'a newer change stops a check in slices: no need to wait');
    s.record('big', 400, false);
    assert.equal(s.delayFor('big'), MAX_DELAY_MS);
  });

  it('runs only the newest of several quick changes', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler((uri) => runs.push(uri));
    s.record('doc', 20);
    for (let i = 0; i < 5; i++) s.schedule('doc');
    s.schedule('other', true);
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(runs.sort(), ['doc', 'other']);
  });

  it('forgets a closed document: its pending run never happens', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler((uri) => runs.push(uri));
    s.schedule('doc');
    s.forget('doc');
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(runs, []);
  });
});
