/**
 * A run file being typed never makes reading, replaying or coverage throw: seeded random edits of every
 * sample's run file (characters deleted, inserted or swapped, lines dropped) are read and replayed
 * through their scenario, and every problem has a range inside the text.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectFor, pathToUri } from '../../server/src/node/project';
import { rng } from '../support/rng';
import { service } from '../support/runs';

const ROOT = join(__dirname, '../..');
const SNIPPETS = [
  '\t',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  '"',
  "'",
  '#',
  '\n',
  '  ',
  'timeout: true',
  '&a ',
  '*a',
  '~',
  '\u0000',
];

function mutate(text: string, random: () => number): string {
  let t = text;
  for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
    const at = Math.floor(random() * t.length);
    const what = random();
    if (what < 0.3) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 20));
    else if (what < 0.7) t = t.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + t.slice(at);
    else {
      const lines = t.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      t = lines.join('\n');
    }
  }
  return t;
}

describe('run files: robustness', function () {
  this.timeout(60_000);
  it('random edits of the sample run files never throw, and problems stay inside the text', () => {
    const random = rng(1807);
    let edits = 0;
    for (const dir of ['samples', 'samples/force'])
      for (const name of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.runs.yaml'))) {
        const runsPath = join(ROOT, dir, name);
        const scenarioPath = runsPath.replace('.runs.yaml', '.scenario.yaml');
        const doc = service.parse(pathToUri(scenarioPath), readFileSync(scenarioPath, 'utf8'));
        const project = loadProjectFor(service, pathToUri(scenarioPath));
        const original = readFileSync(runsPath, 'utf8');
        for (let i = 0; i < 12; i++) {
          const text = mutate(original, random);
          const lines = text.split(/\r\n|\r|\n/).length;
          const file = service.parseRuns(pathToUri(runsPath), text);
          const outcomes = service.replayRuns(file, doc, project);
          service.runCoverage(doc, outcomes);
          for (const p of service.checkRuns(file, doc, project, outcomes)) {
            assert.ok(
              p.range.start.line >= 0 && p.range.end.line < lines,
              `${name}: ${p.message} at ${JSON.stringify(p.range)}`,
            );
            assert.ok(p.message.length > 0);
          }
          edits++;
        }
      }
    assert.equal(edits, 14 * 12);
  });
});
