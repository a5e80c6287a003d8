/**
 * The pure parts of the trainee pack, without a browser: hiding and revealing text, the trainee view's
 * whitelist, the catalogue as data, and the pack player (the trainee view until an end, the answers'
 * debrief at it, and without answers the trainee view's own).
 */
import {
  hideText,
  revealText,
  traineeScenario,
  catalogueData,
  catalogueFromData,
  PACK_VERSION,
  PackPlayer,
  type PackData,
  scriptBranches,
  markingSheet,
} from '../../server/src/service';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalogue, lookupCode, gradeRank } from '../../server/src/service/model/catalogue';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { ROOT } from './helpers';
import { readdirSync } from 'node:fs';

const LMS_TEXT = readFileSync(join(ROOT, 'test/fixtures/export/lms-check.scenario.yaml'), 'utf8');

function packOf(text: string, answers: boolean): PackData {
  const doc = parseScenario('file:///lms.scenario.yaml', text);
  const pack: PackData = {
    version: PACK_VERSION,
    title: 'LMS',
    scenario: JSON.stringify(traineeScenario(doc.value)),
    source: { file: 'lms.scenario.yaml', exported: '2026-01-01T00:00:00.000Z' },
  };
  if (answers) {
    const key = 'k3y';
    const hidden = hideText(
      JSON.stringify({ scenario: text, catalogue: catalogueData(defaultCatalogue()) }),
      key,
    );
    pack.answers = { hidden, key };
  }
  return pack;
}

describe('trainee pack (core)', () => {
  it('hides and reveals any text, and the hidden form shows none of it', () => {
    for (const text of [
      '',
      'a',
      'ab',
      'abc',
      'Grade EMERGENCY — “knife” 🔪 \u0000 \u2028',
      'x'.repeat(10_001),
    ]) {
      const hidden = hideText(text, 'key');
      assert.match(hidden, /^[A-Za-z0-9+/]*={0,2}$/);
      if (text.length > 3) assert.ok(!hidden.includes(text.slice(0, 4)));
      assert.equal(revealText(hidden, 'key'), text);
    }
    assert.notEqual(hideText('EMERGENCY', 'a'), hideText('EMERGENCY', 'b'));
    assert.equal(revealText('not base64!', 'key'), undefined);
    assert.equal(
      revealText(hideText('text', 'key'), 'other'),
      undefined,
      'wrong key: not UTF-8 (or not the text)',
    );
  });

  it('keeps only what the trainee may see: unknown and trainer-only fields are dropped', () => {
    const view = traineeScenario({
      callflow: 1,
      id: 's',
      title: 'T',
      start: 'a',
      summary: 'the answer',
      secretNewField: 'x',
      incident: { truth: 'truth' },
      expected: { grade: 'EMERGENCY', thrive: { threat: 't' }, targets: { location: 10 } },
      steps: {
        a: { kind: 'handler', say: 'Hello', asks: ['location'], notes: 'n', next: 'b', extra: 1 },
        b: {
          kind: 'choice',
          prompt: 'P',
          choices: [{ label: 'L', next: 'c', score: 3, critical: 'c', feedback: 'f', facts: ['knife'] }],
          timeout: { seconds: 5, next: 'c', notes: 'n' },
        },
        c: { kind: 'end', outcome: { result: 'pass', targets: { grade: 5 } }, notes: 'n' },
      },
    });
    assert.deepEqual(view, {
      callflow: 1,
      id: 's',
      title: 'T',
      start: 'a',
      expected: { targets: { location: 10 } },
      steps: {
        a: { kind: 'handler', say: 'Hello', asks: ['location'], next: 'b' },
        b: {
          kind: 'choice',
          prompt: 'P',
          choices: [{ label: 'L', next: 'c' }],
          timeout: { seconds: 5, next: 'c' },
        },
        c: { kind: 'end', outcome: { targets: { grade: 5 } } },
      },
    });
    assert.deepEqual(traineeScenario('not a scenario'), {});
  });

  it('turns a catalogue into JSON data and back with the same lookups', () => {
    const cat = defaultCatalogue();
    const back = catalogueFromData(JSON.parse(JSON.stringify(catalogueData(cat))))!;
    for (const [name, family] of cat.families)
      for (const key of family.lookup.keys())
        assert.equal(lookupCode(back, name, key)?.code, lookupCode(cat, name, key)?.code, `${name} ${key}`);
    assert.equal(gradeRank(back, 'EMERGENCY'), gradeRank(cat, 'EMERGENCY'));
    assert.equal(back.determinant?.pattern.source, cat.determinant?.pattern.source);
    assert.equal(catalogueFromData({ nonsense: true }), undefined);
  });

  it('plays the trainee view until an end, then replays the inputs on the answers for the debrief', () => {
    const player = new PackPlayer(packOf(LMS_TEXT, true));
    const start = player.run([]);
    assert.equal(start.view.waiting.kind, 'choice');
    const w = start.view.waiting as unknown as { options: Record<string, unknown>[] };
    assert.deepEqual(
      w.options.map((o) => Object.keys(o).filter((k) => ['score', 'critical', 'feedback'].includes(k))),
      [[], [], []],
      'no marks on the options',
    );
    const end = player.run([{ choose: 'End the call as a noise complaint' }]);
    assert.equal(end.answered, true);
    assert.equal(end.view.debrief?.result, 'critical-failure');
    assert.equal(end.view.debrief?.truth, 'The couple upstairs were arguing; nobody was hurt.');
    assert.deepEqual(end.choices, [
      {
        step: 'decide',
        label: 'End the call as a noise complaint',
        at: 11,
        score: -2,
        critical: 'Closed a possible domestic without asking about danger.',
      },
    ]);
    assert.equal(
      end.view.transcript.some((e) => e.notes !== undefined || e.choice?.score !== undefined),
      false,
    );
  });

  it('without answers (or with damaged ones) ends on the trainee view, unmarked', () => {
    for (const pack of [
      packOf(LMS_TEXT, false),
      { ...packOf(LMS_TEXT, true), answers: { hidden: 'AAAA', key: 'k3y' } },
    ]) {
      const end = new PackPlayer(pack).run([{ choose: 'Ask whether anyone is hurt or in danger' }]);
      assert.equal(end.answered, false);
      assert.equal(end.view.waiting.kind, 'end');
      assert.equal(end.view.debrief?.truth, undefined);
      assert.deepEqual(end.view.debrief?.notes, []);
      assert.equal(end.choices[0].score, undefined);
    }
  });

  it("writes every step of every sample exactly once in the role-player's script, each branch with its cue", () => {
    const files = (readdirSync(join(ROOT, 'samples'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.scenario.yaml'),
    );
    for (const f of files) {
      const doc = parseScenario(`file:///${f}`, readFileSync(join(ROOT, 'samples', f), 'utf8'));
      const branches = scriptBranches(doc);
      const written = branches.flatMap((b) => b.lines.map((l) => l.step));
      assert.deepEqual([...written].sort(), doc.steps.map((s) => s.id).sort(), f);
      assert.equal(branches[0].cue.kind, 'start', f);
      for (const b of branches.slice(1)) assert.notEqual(b.cue.kind, 'start', f);
      // Every option opens a branch (or joins one already written).
      const options = branches.flatMap((b) => b.lines.flatMap((l) => l.options ?? []));
      const opened = branches.filter((b) => b.cue.kind === 'option').length;
      assert.equal(opened, options.length, f);
    }
  });

  it('marks the fixture: targets, options with scores, the critical failure, THRIVE rows and the model answer', () => {
    const doc = parseScenario('file:///lms.scenario.yaml', LMS_TEXT);
    const sheet = markingSheet(doc, {
      config: { catalogue: [], rules: {}, files: [] },
      catalogue: defaultCatalogue(),
      problems: [],
    });
    assert.deepEqual(sheet.targets, [{ key: 'location', seconds: 20 }]);
    assert.deepEqual(
      sheet.choicePoints[0].options.map((o) => o.score),
      [2, 1, -2],
    );
    assert.deepEqual(sheet.critical, [
      {
        step: 'decide',
        label: 'End the call as a noise complaint',
        reason: 'Closed a possible domestic without asking about danger.',
      },
    ]);
    assert.deepEqual(sheet.expected, [['Grade', 'PRIORITY']]);
    assert.equal(sheet.thrive.length, 6);
    assert.deepEqual(sheet.best, { score: 2, route: ['Ask whether anyone is hurt or in danger'] });
    assert.equal(sheet.truth, 'The couple upstairs were arguing; nobody was hurt.');
    assert.deepEqual(
      sheet.ends.map((e) => e.result),
      ['pass', 'fail', 'critical-failure'],
    );
  });
});
