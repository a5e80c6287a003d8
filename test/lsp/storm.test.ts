/**
 * The storm's short form (the long one is `npm run fuzz`): a seeded storm of multi-edit messages and
 * requests against the built server, whose diagnostics must equal a fresh open of the editor's text at
 * every checkpoint, with nothing on stderr, no handler failing and the server alive.
 */
import * as assert from 'node:assert/strict';
import { ensureBuilt } from '../support/build-once';
import { runStorm } from '../support/storm';

describe('language server: storm (short form)', function () {
  this.timeout(60_000);
  before(ensureBuilt);

  it('keeps diagnostics equal to a fresh open of the editor text through 5,000 messages of hostile edits', async () => {
    const r = await runStorm({ seed: 15, messages: 5000, checkpointEvery: 500 });
    assert.deepEqual(r.mismatches, []);
    assert.deepEqual(r.badAnswers, []);
    assert.deepEqual(r.failures, []);
    assert.equal(r.stderr, '');
    assert.ok(r.alive);
    assert.equal(r.checkpoints, 10);
    assert.ok(r.edits > 7000 && r.requests > 2000, `${r.edits} edits, ${r.requests} requests`);
    assert.ok(Math.max(...r.rssMb) < 400, `RSS ${r.rssMb.join(', ')} MB`);
  });
});
