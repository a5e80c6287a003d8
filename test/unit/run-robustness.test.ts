/**
 * The run engine never throws: every scenario fixture (broken ones included: bad YAML, wrong types,
 * dangling targets, hostile text) played along its best route and along seeded random routes, from its
 * start and from every step, gives a well-formed, JSON-safe run whose clock never runs backwards.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunInput, RunView } from '../../server/src/service';
import { rng } from '../support/rng';
import { project } from '../support/core';
import { service } from '../support/runs';

const fixturesDir = join(__dirname, '..', 'fixtures');

function scenarios(dir = fixturesDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return scenarios(path);
    return /\.scenario\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

function wellFormed(v: RunView, what: string): void {
  assert.ok(['choice', 'end', 'stopped'].includes(v.waiting.kind), what);
  assert.deepEqual(JSON.parse(JSON.stringify(v)), v, `${what}: JSON-safe`);
  for (let i = 1; i < v.transcript.length; i++)
    assert.ok(v.transcript[i].at >= v.transcript[i - 1].at, `${what}: the clock runs backwards`);
  assert.equal(v.waiting.kind === 'end', v.debrief !== undefined, what);
}

describe('run engine robustness', () => {
  const proj = project();
  const files = scenarios();

  it('finds the fixtures', () => assert.ok(files.length > 20));

  it('plays every fixture from its start and every step, along best and random routes', function () {
    this.timeout(60000);
    const random = rng(20261207);
    let runs = 0;
    for (const file of files) {
      const name = relative(fixturesDir, file);
      const doc = service.parse(`mem:/${name}`, readFileSync(file, 'utf8'));
      const starts = [undefined, ...doc.steps.slice(0, 40).map((s) => s.id)];
      for (const step of starts) {
        const start = step === undefined ? undefined : { step, state: { seconds: 5, facts: ['weapon'] } };
        wellFormed(
          service.rehearse(doc, proj, { start, inputs: service.bestRoute(doc, start) }),
          `${name} best from ${step}`,
        );
        const inputs: RunInput[] = [];
        for (let i = 0; i < 12; i++) {
          const v = service.rehearse(doc, proj, { start, inputs });
          wellFormed(v, `${name} random from ${step}`);
          runs++;
          if (v.waiting.kind !== 'choice') break;
          const options = v.waiting.options;
          const r = random();
          inputs.push(
            r < 0.15
              ? { timeout: true }
              : r < 0.25
                ? { choose: 'no such option' }
                : { choose: options[Math.floor(random() * options.length)]?.label ?? '' },
          );
        }
      }
    }
    assert.ok(runs > 100, `only ${runs} runs`);
  });
});
