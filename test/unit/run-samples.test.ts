/**
 * Rehearsal on the sample scenarios: each played along its best route passes with the expected grade,
 * every target met, every required action taken and every domain obligation met; every `critical:`
 * option ends the call in critical failure; replaying a run's inputs reproduces it exactly.
 */
import assert from 'node:assert/strict';
import type { RunInput } from '../../server/src/service';
import { playOn, routeTo, samples, service } from '../support/runs';

const all = samples();

describe('rehearsal on the samples', () => {
  it('finds the samples', () => {
    assert.ok(all.length >= 14, `only ${all.length} samples`);
  });

  for (const sample of all) {
    describe(sample.name, () => {
      const inputs = service.bestRoute(sample.doc);
      const view = service.rehearse(sample.doc, sample.project, { inputs });

      it('passes along its best route with the expected codes, targets and obligations', () => {
        assert.ok(inputs.length > 0, 'no best route');
        assert.equal(view.waiting.kind, 'end', JSON.stringify(view.waiting));
        assert.equal(view.diverged, undefined);
        assert.equal(view.used, inputs.length);
        const d = view.debrief!;
        assert.equal(d.result, 'pass');
        assert.equal(d.score, view.best, 'the best route earns the best score');
        assert.deepEqual(d.critical, []);
        const expectedGrade = (sample.doc.value as { expected?: { grade?: unknown } }).expected?.grade;
        const grade = d.codes.find((c) => c.field === 'grade');
        if (expectedGrade !== undefined) assert.equal(grade?.ok, true, JSON.stringify(grade));
        for (const c of d.codes) assert.notEqual(c.ok, false, JSON.stringify(c));
        const targets = (sample.doc.value as { expected?: { targets?: object } }).expected?.targets ?? {};
        assert.equal(d.targets.length, Object.keys(targets).length);
        for (const t of d.targets) assert.equal(t.status, 'met', JSON.stringify(t));
        for (const a of d.actions) assert.ok(a.done, `required action ${a.action} not taken`);
        for (const o of d.obligations) assert.ok(o.met, `${o.rule}: ${o.detail}`);
        assert.ok(d.obligations.some((o) => o.rule === 'domain/location-first'));
      });

      it('replays its inputs to the same run, and the run survives JSON', () => {
        const again = service.rehearse(sample.doc, sample.project, { inputs: [...inputs] });
        assert.deepEqual(again, view);
        assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
        const entries = view.transcript;
        for (let i = 1; i < entries.length; i++)
          assert.equal(entries[i].at, entries[i - 1].at + entries[i - 1].seconds, 'the clock adds up');
      });

      const criticals = sample.flow.edges.filter((e) => e.kind === 'choice' && e.critical !== undefined);
      for (const edge of criticals)
        it(`ends in critical failure after "${edge.label}"`, () => {
          const route = routeTo(sample.flow, edge.from);
          assert.ok(route, `no route to ${sample.flow.steps[edge.from].id}`);
          const chosen: RunInput[] = [...route, { choose: edge.label! }];
          const run = playOn(sample, chosen);
          assert.equal(run.waiting.kind, 'end', JSON.stringify(run.waiting));
          assert.equal(run.debrief!.result, 'critical-failure');
          assert.ok(run.debrief!.critical.some((c) => c.reason === edge.critical));
          const made = run.transcript.find((e) => e.choice?.label === edge.label)!;
          assert.equal(made.choice!.critical, edge.critical);
          assert.equal(made.choice!.input, route.length);
        });
    });
  }
});
