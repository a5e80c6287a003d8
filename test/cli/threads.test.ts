/** The default thread count of `callflow check` (server/src/cli/threads.ts): one per free CPU, at most 8. */
import assert from 'node:assert/strict';
import { otherRunnableTasks, threadsFor } from '../../server/src/cli/threads';

describe('cli: default threads', () => {
  it('one per CPU (at most 8) on an idle machine, or when the load is unknown', () => {
    assert.equal(threadsFor(2, 0), 2);
    assert.equal(threadsFor(4, undefined), 4);
    assert.equal(threadsFor(16, 0), 8);
    assert.equal(threadsFor(1, 0), 1);
    assert.equal(threadsFor(0, 0), 1, 'a machine reporting no CPU still checks in this thread');
  });

  it('a CPU another runnable task holds is not counted, with one of slack; never fewer than one', () => {
    assert.equal(threadsFor(2, 1), 2, 'one passing task costs no thread');
    assert.equal(threadsFor(2, 2), 1);
    assert.equal(threadsFor(2, 12), 1);
    assert.equal(threadsFor(8, 3), 6);
    assert.equal(threadsFor(16, 4), 8, 'still at most 8');
    assert.equal(threadsFor(4, Number.NaN), 4);
  });

  it('reads the runnable tasks besides this thread from /proc/loadavg, and nothing from anything else', () => {
    if (process.platform !== 'linux') return void assert.equal(otherRunnableTasks(), undefined);
    assert.equal(
      otherRunnableTasks(() => '7.87 6.85 6.21 13/281 22422\n'),
      12,
    );
    assert.equal(
      otherRunnableTasks(() => '0.00 0.01 0.05 1/120 999\n'),
      0,
    );
    assert.equal(
      otherRunnableTasks(() => 'garbage'),
      undefined,
    );
    assert.equal(
      otherRunnableTasks(() => {
        throw new Error('EACCES');
      }),
      undefined,
    );
    const live = otherRunnableTasks();
    assert.ok(live !== undefined && live >= 0, `this machine's /proc/loadavg reads: ${live}`);
  });
});
