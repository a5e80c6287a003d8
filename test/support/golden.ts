/**
 * Golden files: output compared with a file kept under test/golden/.
 *
 * `UPDATE_GOLDEN=1` rewrites the golden files that differ (or are missing), and such a run never passes:
 * each test whose golden it rewrote fails ("golden updated"), and a last hook fails the run with how many
 * files it wrote. Review `git diff test/golden`, then run the tests again without `UPDATE_GOLDEN`: a CI
 * job that sets it by mistake cannot be green.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** True when this run rewrites golden files (`UPDATE_GOLDEN=1`). */
export const UPDATING = process.env.UPDATE_GOLDEN === '1';

const ROOT = resolve(__dirname, '../..');
const written: string[] = [];
let unchanged = 0;

/** What an update run did so far: the files it wrote (relative to the repository) and how many matched. */
export function updateReport(): { written: readonly string[]; unchanged: number } {
  return { written, unchanged };
}

/** The closing line of an update run, also the message of its failing hook. */
export function updateSummary(): string {
  return (
    `UPDATE_GOLDEN=1 wrote ${written.length} golden file${written.length === 1 ? '' : 's'}` +
    (written.length ? ` (${written.join(', ')})` : '') +
    `, ${unchanged} unchanged. An update run never passes: review \`git diff test/golden\`, ` +
    'then run the tests again without UPDATE_GOLDEN.'
  );
}

// Registered on mocha's root suite when the first golden test file loads this module.
if (UPDATING && typeof after === 'function')
  after('golden files were updated, not checked', () => {
    throw new Error(updateSummary());
  });

/**
 * Asserts that `actual` is the text of the golden file `file` (absolute). In an update run, writes it
 * when it differs and fails the test saying so.
 */
export function assertGolden(file: string, actual: string): void {
  const name = relative(ROOT, file).split('\\').join('/');
  if (UPDATING) {
    if (existsSync(file) && readFileSync(file, 'utf8') === actual) {
      unchanged++;
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    written.push(name);
    assert.fail(`golden updated: ${name} (UPDATE_GOLDEN=1); review the change, then run without it`);
  }
  assert.ok(existsSync(file), `no golden file ${name}: run with UPDATE_GOLDEN=1 to write it, then review it`);
  assert.equal(
    actual,
    readFileSync(file, 'utf8'),
    `output differs from ${name} (UPDATE_GOLDEN=1 rewrites it)`,
  );
}
