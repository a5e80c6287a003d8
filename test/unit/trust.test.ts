/**
 * Checks a trainer can trust: realistic scenarios in test/fixtures/clean check clean (each is a case a
 * rule used to report wrongly, or the base the broken fixtures in test/fixtures/domain/trust start from),
 * a `justification:` silences every rule whose documentation says it does, and the mistakes the rules
 * must still see are seen when the case is changed back.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { validateDocument } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';
import { ALL_RULE_INFO, type Problem } from '../../server/src/service';

const project = defaultProject();
const cleanDir = join(__dirname, '..', 'fixtures', 'clean');
const read = (name: string) => readFileSync(join(cleanDir, name), 'utf8');

function check(text: string): Problem[] {
  return validateDocument(parseScenario('file:///t.scenario.yaml', text), project, validators);
}

/** The rule ids a text raises, in order. */
function ids(text: string): string[] {
  return check(text).map((p) => p.ruleId);
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function change(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

describe('checks a trainer can trust', () => {
  describe('realistic scenarios that check clean', () => {
    const files = readdirSync(cleanDir).filter((f) => f.endsWith('.scenario.yaml'));
    it('finds them', () => assert.ok(files.length >= 4));
    for (const f of files)
      it(f, () =>
        assert.deepEqual(
          check(read(f)).map((p) => `${p.range.start.line + 1} ${p.ruleId}`),
          [],
        ),
      );
  });

  describe('domain/vulnerability-assessment', () => {
    const fire = read('vulnerability-assessment-life-at-risk.scenario.yaml');

    it('asks for the history check first when no life is at risk', () => {
      const noRisk = change(
        change(
          change(fire, 'facts: [fire, entrapment]', 'facts: [hazard]'),
          'facts: [threat-to-life, arson-suspected]',
          'facts: [threat]',
        ),
        '  ambulance: C1\n  thrive:',
        '  thrive:',
      );
      assert.ok(ids(noRisk).includes('domain/vulnerability-assessment'), ids(noRisk).join());
    });

    it('reads the subject’s flags as it reads the caller’s', () => {
      const subjectOnly = change(
        change(fire, '  vulnerability: [hearing-impaired]\n', ''),
        '    vulnerability: Caller is deaf and relies on the relay; the neighbour is elderly and lives alone.\n',
        '',
      );
      const found = check(subjectOnly).filter((p) => p.ruleId === 'domain/vulnerability-assessment');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /^The subject is flagged `elderly`/);
    });
  });

  describe('yaml/comment-in-text', () => {
    const file = join(__dirname, '..', 'fixtures', 'domain', 'trust', 'yaml-comment-in-text.scenario.yaml');
    const text = readFileSync(file, 'utf8');

    it('quotes the text, comment and all, with its quick fix', () => {
      const cut = check(text).filter((p) => p.ruleId === 'yaml/comment-in-text');
      assert.equal(cut.length, 2);
      let fixed = text;
      for (const p of [...cut].reverse()) {
        const [edit] = p.fixes![0].edits;
        const lines = fixed.split('\n');
        const l = lines[edit.range.start.line];
        lines[edit.range.start.line] =
          l.slice(0, edit.range.start.character) + edit.newText + l.slice(edit.range.end.character);
        fixed = lines.join('\n');
      }
      assert.deepEqual(ids(fixed), []);
      const doc = parseScenario('file:///t.scenario.yaml', fixed);
      assert.equal(
        doc.stepsById.get('address')?.data?.say,
        'Forty-one Quarry Road, flat #3 above the launderette',
      );
    });

    it('leaves a comment after a finished sentence alone', () => {
      assert.ok(text.includes('bail.)  # from the CAD history screen'));
      const lines = check(text).map((p) => p.range.start.line);
      assert.ok(!lines.includes(text.split('\n').findIndex((l) => l.includes('# from the CAD'))));
    });
  });

  describe('domain/disconnect-decision', () => {
    const quiet = read('disconnect-decision-silence-is-not-a-drop.scenario.yaml');
    it('still asks for a decision when the line drops', () => {
      const dropped = change(quiet, 'event: silence', 'event: disconnect');
      assert.ok(ids(dropped).includes('domain/disconnect-decision'), ids(dropped).join());
    });
  });

  describe('justification: silences every rule whose docs say so', () => {
    const documented = ALL_RULE_INFO.filter((r) => /`justification:`/.test(r.fix)).map((r) => r.id);
    const bridge = read('man-on-bridge.scenario.yaml');
    const fire = read('vulnerability-assessment-life-at-risk.scenario.yaml');
    const child = read('child-domestic.scenario.yaml');
    const grade = '    rationale: Man outside the bridge railings above the river; immediate risk to life.\n';
    /** Each rule: a scenario that breaks it, and the same with a justification written. */
    const cases: Record<string, [string, string]> = {
      'domain/grade-floor': [
        change(
          bridge,
          '    grade: EMERGENCY\n    category: "309"',
          '    grade: PRIORITY\n    category: "309"',
        ),
        change(
          change(
            bridge,
            '    grade: EMERGENCY\n    category: "309"',
            '    grade: PRIORITY\n    category: "309"',
          ),
          grade,
          grade +
            '    justification: Officers are already on the bridge with him; this call adds a witness.\n',
        ),
      ],
      'domain/downgrade-rationale': (() => {
        const downgrade = change(
          child,
          '    next: referral\n  referral:',
          '    next: regrade\n  regrade:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: referral\n  referral:',
        );
        return [
          downgrade,
          change(
            downgrade,
            '    grade: PRIORITY\n',
            '    grade: PRIORITY\n    rationale: Officers on scene.\n    justification: Officers are with the family; the call itself is now a referral.\n',
          ),
        ];
      })(),
      'domain/code-consistency': [
        change(bridge, 'expected:\n  grade: EMERGENCY', 'expected:\n  grade: [EMERGENCY, PRIORITY]'),
        change(
          bridge,
          'expected:\n  grade: EMERGENCY',
          'expected:\n  grade: [EMERGENCY, PRIORITY]\n  justification: A force that already has officers on the bridge may grade PRIORITY.',
        ),
      ],
      'domain/vulnerability-assessment': [
        change(
          child,
          'facts: [violence-in-progress, child-present]\n    next: history',
          'facts: [child-present]\n    next: grade-it',
        ),
        change(
          change(
            child,
            'facts: [violence-in-progress, child-present]\n    next: history',
            'facts: [child-present]\n    next: grade-it',
          ),
          '    rationale: Assault in progress with a child in the house.\n',
          '    rationale: Assault in progress with a child in the house.\n    justification: Graded at once on a child’s report; history follows.\n',
        ),
      ],
      'domain/life-threat-category': [
        change(fire, '    ambulance: C1\n', '    ambulance: C2\n'),
        change(
          fire,
          '    ambulance: C1\n',
          '    ambulance: C2\n    justification: The crew report she is breathing normally and waking up.\n',
        ),
      ],
    };

    it('covers every rule that documents it', () =>
      assert.deepEqual(Object.keys(cases).sort(), [...documented].sort()));

    for (const [rule, [bad, justified]] of Object.entries(cases))
      it(rule, () => {
        assert.ok(ids(bad).includes(rule), `${rule} is raised without a justification: ${ids(bad).join()}`);
        assert.ok(!ids(justified).includes(rule), `${rule} is silenced: ${ids(justified).join()}`);
      });
  });

  describe('the new facts carry their weight', () => {
    const bridge = read('man-on-bridge.scenario.yaml');

    it('suicidal intent or someone in the water without threat-to-life still needs the top grade', () => {
      for (const fact of ['suicidal-intent', 'in-water', 'at-height, suicidal-intent']) {
        const lowered = change(
          change(
            change(bridge, 'facts: [threat-to-life]', `facts: [${fact}]`),
            '    grade: EMERGENCY\n    category: "309"\n    rationale:',
            '    grade: PRIORITY\n    category: "309"\n    rationale:',
          ),
          'expected:\n  grade: EMERGENCY',
          'expected:\n  grade: PRIORITY',
        );
        assert.ok(ids(lowered).includes('domain/grade-floor'), `${fact}: ${ids(lowered).join()}`);
      }
      // Someone at height alone (a window cleaner on a ladder) is not a danger fact.
      const height = change(
        change(
          change(bridge, 'facts: [threat-to-life]', 'facts: [at-height]'),
          '    grade: EMERGENCY\n    category: "309"\n    rationale:',
          '    grade: PRIORITY\n    category: "309"\n    rationale:',
        ),
        'expected:\n  grade: EMERGENCY',
        'expected:\n  grade: PRIORITY',
      );
      assert.ok(!ids(height).includes('domain/grade-floor'), ids(height).join());
    });

    it('smoke inhalation brings in the ambulance service', () => {
      const smoke = change(bridge, 'facts: [threat-to-life]', 'facts: [threat-to-life, smoke-inhalation]');
      assert.ok(ids(smoke).includes('domain/injury-ambulance'), ids(smoke).join());
      assert.ok(!ids(bridge).includes('domain/injury-ambulance'));
    });
  });
});
