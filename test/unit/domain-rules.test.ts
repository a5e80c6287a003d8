/**
 * The domain rules (server/src/service/rules/domain): each fires on a minimal bad scenario at the exact
 * range, and stays quiet on the fixed one — including the `justification:` escape, the failure-branch
 * exemption and `# callflow-disable-next-line`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../server/src/service/syntax/parse';
import { validateDocument } from '../../server/src/service/checks/validate';
import { project as defaultProject, validators } from '../support/core';
import { DOMAIN_RULES } from '../../server/src/service/checks/rules/domain';
import type { Problem } from '../../server/src/service';

const project = defaultProject();

/** Every problem of a scenario text; fails when the text is not schema-valid. */
function problems(text: string): Problem[] {
  const all = validateDocument(parseScenario('file:///t.scenario.yaml', text), project, validators);
  const invalid = all.filter((p) => p.ruleId.startsWith('schema/') || p.ruleId.startsWith('yaml/'));
  assert.deepEqual(invalid, [], 'the test scenario itself must be valid');
  return all;
}

/** The problems of one rule. */
function of(rule: string, text: string): Problem[] {
  return problems(text).filter((p) => p.ruleId === rule);
}

/** Zero-based position of the n-th occurrence of `needle`. */
function pos(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} not found`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Asserts that a problem covers exactly the n-th occurrence of `needle`. */
function assertAt(p: Problem | undefined, text: string, needle: string, nth = 0): void {
  assert.ok(p, `expected a problem at ${needle}`);
  const start = pos(text, needle, nth);
  assert.deepEqual(p.range, { start, end: { line: start.line, character: start.character + needle.length } });
}

/** A scenario with a header and the given steps (each line already indented by two spaces). */
function scenario(steps: string, head = ''): string {
  return `callflow: 1\nid: t\ntitle: T\n${head}start: answer\nsteps:\n${steps}`;
}

const END = `  done:\n    kind: end\n    outcome: {result: pass}\n`;
const FAIL = `  failed:\n    kind: end\n    outcome: {result: critical-failure}\n`;

describe('domain rules', () => {
  it('are registered with stable ids and complete docs', () => {
    const ids = DOMAIN_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of DOMAIN_RULES) {
      assert.match(r.id, /^domain\/[a-z-]+$/);
      for (const k of ['title', 'why', 'bad', 'good', 'fix'] as const)
        assert.ok(r[k].length > 10, `${r.id}.${k}`);
      assert.match(r.fix, new RegExp(`callflow-disable-next-line ${r.id}`), `${r.id} says how to silence it`);
    }
  });

  it('each have a section in docs/rules-domain.md', () => {
    const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'rules-domain.md'), 'utf8');
    for (const r of DOMAIN_RULES)
      assert.ok(docs.includes(`## \`${r.id}\``), `docs/rules-domain.md lacks ${r.id}`);
  });

  describe('domain/location-first', () => {
    const bad = scenario(
      `  answer:\n    kind: handler\n    say: What happened?\n    asks: [what-happened]\n    next: done\n${END}`,
    );
    it('reports the first question asked before the location', () => {
      const [p, ...rest] = of('domain/location-first', bad);
      assertAt(p, bad, 'what-happened');
      assert.equal(p.severity, 'error');
      assert.deepEqual(rest, []);
    });
    it('accepts a step that asks the location with it, and safety questions first', () => {
      assert.deepEqual(
        of('domain/location-first', bad.replace('[what-happened]', '[location, what-happened]')),
        [],
      );
      const safety = scenario(
        `  answer:\n    kind: handler\n    say: Are you safe?\n    asks: [safe-to-talk]\n    next: where\n  where:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: done\n${END}`,
      );
      assert.deepEqual(of('domain/location-first', safety), []);
    });
    it('is a must-dataflow: a branch that skips the location is reported after the join', () => {
      const text = scenario(
        `  answer:\n    kind: choice\n    prompt: Ask?\n    choices:\n      - {label: yes, next: where}\n      - {label: no, next: ask}\n  where:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: ask\n  ask:\n    kind: handler\n    say: Any weapons?\n    asks: [weapons]\n    next: done\n${END}`,
      );
      const [p, ...rest] = of('domain/location-first', text);
      assertAt(p, text, 'weapons', 1);
      assert.deepEqual(rest, []);
    });
    it('exempts yes/no questions to a silent caller, failure branches and suppressed lines', () => {
      const silent = scenario(
        `  answer:\n    kind: handler\n    say: Press once if he has a weapon.\n    asks: [weapons]\n    yesNo: true\n    next: done\n${END}`,
        'call: {line: 999, device: landline, silent: true}\n',
      );
      assert.deepEqual(of('domain/location-first', silent), []);
      const failing = bad.replace('next: done', 'next: failed') + FAIL;
      assert.deepEqual(of('domain/location-first', failing), []);
      const suppressed = bad.replace(
        '    asks:',
        '    # callflow-disable-next-line domain/location-first\n    asks:',
      );
      assert.deepEqual(of('domain/location-first', suppressed), []);
    });
  });

  describe('domain/grade-floor', () => {
    const bad = scenario(
      `  answer:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: story\n  story:\n    kind: caller\n    say: He has a knife.\n    facts: [knife]\n    next: grade-it\n  grade-it:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: done\n${END}`,
      'expected:\n  grade: [PRIORITY]\n',
    );
    it('reports the grading step and the expected grade, naming the fact', () => {
      const ps = of('domain/grade-floor', bad);
      assert.equal(ps.length, 2);
      assertAt(ps[0], bad, 'PRIORITY', 0);
      assertAt(ps[1], bad, 'PRIORITY', 1);
      assert.match(ps[1].message, /`knife` is revealed at `story`/);
      assert.deepEqual(ps[1].related?.[0].range.start, pos(bad, 'knife]'));
      assert.equal(ps[1].fixes?.[0].edits[0].newText, 'EMERGENCY');
    });
    it('accepts an emergency grade or a written justification', () => {
      assert.deepEqual(of('domain/grade-floor', bad.replace(/PRIORITY/g, 'EMERGENCY')), []);
      const justified = bad
        .replace(
          '    grade: PRIORITY\n',
          '    grade: PRIORITY\n    justification: The knife is locked in a display cabinet.\n',
        )
        .replace(
          '  grade: [PRIORITY]\n',
          '  grade: [PRIORITY]\n  justification: Locked cabinet; no threat.\n',
        );
      assert.deepEqual(of('domain/grade-floor', justified), []);
    });
    it('sees facts revealed by a choice', () => {
      const text = scenario(
        `  answer:\n    kind: choice\n    prompt: Trainer picks\n    choices:\n      - {label: A, next: grade-it, facts: [missing-child]}\n  grade-it:\n    kind: action\n    action: grade\n    grade: SCHEDULED\n    next: done\n${END}`,
      );
      const [p] = of('domain/grade-floor', text);
      assertAt(p, text, 'SCHEDULED');
    });
  });

  describe('domain/code-consistency', () => {
    const bad = scenario(
      `  answer:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: done\n${END}`,
      'expected:\n  determinant: 9-E-1\n  ambulance: C3\n  grade: [EMERGENCY, SCHEDULED]\n',
    );
    it('reports an ambulance category the determinant level does not map to, and mixed grade lists', () => {
      const ps = of('domain/code-consistency', bad);
      assert.equal(ps.length, 2);
      assertAt(ps[0], bad, 'C3');
      assert.match(ps[0].message, /level E/);
      assertAt(ps[1], bad, '[EMERGENCY, SCHEDULED]');
    });
    it('accepts the mapped category and a justified list', () => {
      const good = bad
        .replace('C3', 'C1')
        .replace('SCHEDULED]\n', 'SCHEDULED]\n  justification: Either is defensible here.\n');
      assert.deepEqual(of('domain/code-consistency', good), []);
    });
    it('reports a hand-over that passes on a lower grade than the one in force', () => {
      const text = scenario(
        `  answer:\n    kind: action\n    action: grade\n    grade: EMERGENCY\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover: {location: here, nature: fight, grade: PRIORITY, hazards: none}\n    next: done\n${END}`,
      );
      const [p] = of('domain/code-consistency', text);
      assertAt(p, text, 'PRIORITY');
      assert.deepEqual(
        of('domain/code-consistency', text.replace('grade: PRIORITY', 'grade: EMERGENCY')),
        [],
      );
    });
  });

  describe('domain/disconnect-decision', () => {
    const bad = scenario(
      `  answer:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: drop\n  drop:\n    kind: caller\n    event: disconnect\n    next: done\n${END}`,
    );
    it('reports a disconnect with no regrade or call-back before the end', () => {
      const [p, ...rest] = of('domain/disconnect-decision', bad);
      assertAt(p, bad, 'disconnect');
      assert.deepEqual(rest, []);
    });
    it('accepts a call-back, and a path that ends in a scripted failure', () => {
      const good = bad.replace(
        '    event: disconnect\n    next: done',
        '    event: disconnect\n    next: ring\n  ring:\n    kind: action\n    action: callback\n    next: done',
      );
      assert.deepEqual(of('domain/disconnect-decision', good), []);
      assert.deepEqual(
        of('domain/disconnect-decision', bad.replace('next: done\n  done', 'next: failed\n  done') + FAIL),
        [],
      );
    });
  });

  describe('domain/silent-solution', () => {
    const head = 'call:\n  line: 999\n  device: mobile\n  silent: true\n';
    const bad = scenario(
      `  answer:\n    kind: handler\n    say: Police. Can you talk?\n    asks: [safe-to-talk]\n    yesNo: true\n    next: done\n${END}`,
      head,
    );
    it('reports a silent mobile 999 call with no press-55 path', () => {
      const [p] = of('domain/silent-solution', bad);
      assertAt(p, bad, 'true');
    });
    const press = scenario(
      `  answer:\n    kind: caller\n    event: press-55\n    next: ask\n  ask:\n    kind: handler\n    say: Where are you?\n    asks: [location]\n    next: done\n${END}`,
      head,
    );
    it('reports open questions after 55 with a yesNo quick fix', () => {
      const [p, ...rest] = of('domain/silent-solution', press);
      assert.deepEqual(p.range.start, { line: pos(press, '  ask:').line, character: 2 });
      assert.equal(p.range.end.character, 5);
      assert.deepEqual(rest, []);
      const edit = p.fixes?.[0].edits[0];
      assert.equal(edit?.newText, '\n    yesNo: true');
      assert.deepEqual(edit?.range.start, { line: pos(press, 'asks: [location]').line, character: 20 });
    });
    it('accepts yes/no questions, and open ones once the caller can talk', () => {
      assert.deepEqual(
        of(
          'domain/silent-solution',
          press.replace('asks: [location]\n', 'asks: [location]\n    yesNo: true\n'),
        ),
        [],
      );
      const talk = press.replace('    event: press-55\n', '    event: press-55\n    facts: [can-talk]\n');
      assert.deepEqual(of('domain/silent-solution', talk), []);
    });
  });

  describe('domain/downgrade-rationale', () => {
    const bad = scenario(
      `  answer:\n    kind: action\n    action: grade\n    grade: EMERGENCY\n    rationale: Missing child.\n    next: lower\n  lower:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: done\n${END}`,
    );
    it('reports a lower grade with no rationale and no new facts, with a fix', () => {
      const [p, ...rest] = of('domain/downgrade-rationale', bad);
      assertAt(p, bad, 'PRIORITY');
      assert.match(p.message, /rationale.*new `facts:`/);
      assert.match(p.fixes?.[0].edits[0].newText ?? '', /^\n {4}rationale: /);
      assert.deepEqual(rest, []);
    });
    it('accepts new facts plus a rationale, or a rationale plus a justification', () => {
      const good = bad
        .replace(
          '    next: lower\n',
          '    next: found\n  found:\n    kind: caller\n    facts: [no-injuries]\n    next: lower\n',
        )
        .replace('    grade: PRIORITY\n', '    grade: PRIORITY\n    rationale: Child found unhurt.\n');
      assert.deepEqual(of('domain/downgrade-rationale', good), []);
      const justified = bad.replace(
        '    grade: PRIORITY\n',
        '    grade: PRIORITY\n    rationale: Supervisor review.\n    justification: The first grade was a precaution.\n',
      );
      assert.deepEqual(of('domain/downgrade-rationale', justified), []);
    });
  });

  describe('domain/handover-content', () => {
    const bad = scenario(
      `  answer:\n    kind: caller\n    quote: I will kill you\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover:\n      location: 22 Linden Close\n      nature: Break-in\n      grade: EMERGENCY\n    next: done\n${END}`,
    );
    it('reports missing hazards and the verbatim threat after a quote', () => {
      const [p, ...rest] = of('domain/handover-content', bad);
      assertAt(p, bad, 'handover');
      assert.match(p.message, /`hazards`, `threats`/);
      assert.equal(p.fixes?.[0].edits[0].newText, '\n      hazards: TODO\n      threats: TODO');
      assert.deepEqual(rest, []);
    });
    it('accepts a complete hand-over', () => {
      const good = bad.replace(
        '      grade: EMERGENCY\n',
        '      grade: EMERGENCY\n      hazards: None known\n      threats: \'"I will kill you"\'\n',
      );
      assert.deepEqual(of('domain/handover-content', good), []);
    });
    it('reports a transfer with no hand-over at its action', () => {
      const text = bad.replace(/ {4}handover:\n(?: {6}.*\n)+/, '');
      const [p] = of('domain/handover-content', text);
      assertAt(p, text, 'transfer');
    });
  });

  describe('domain/injury-ambulance and domain/fire-service', () => {
    const bad = scenario(
      `  answer:\n    kind: caller\n    facts: [entrapment, injury]\n    next: done\n${END}`,
    );
    it('report facts with no ambulance or fire service on the way to an end', () => {
      const [a] = of('domain/injury-ambulance', bad);
      assertAt(a, bad, 'injury');
      assert.deepEqual(a.related?.[0].range.start, pos(bad, 'done:'));
      const [f] = of('domain/fire-service', bad);
      assertAt(f, bad, 'entrapment');
    });
    it('accept the services brought in before or after the fact', () => {
      const before = bad
        .replace('start: answer', 'start: ambulance')
        .replace(
          'steps:\n',
          'steps:\n  ambulance:\n    kind: action\n    action: dispatch\n    to: ambulance\n    next: answer\n',
        )
        .replace(
          '    next: done\n  done',
          '    next: fire\n  fire:\n    kind: action\n    action: conference\n    to: fire\n    handover: {location: A, nature: B, grade: EMERGENCY, hazards: C}\n    next: done\n  done',
        );
      assert.deepEqual(of('domain/injury-ambulance', before), []);
      assert.deepEqual(of('domain/fire-service', before), []);
    });
  });

  describe('domain/vulnerability-assessment', () => {
    const bad = scenario(
      `  answer:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: done\n${END}`,
      'caller:\n  who: Elderly man\n  vulnerability: [elderly]\nexpected:\n  thrive:\n    threat: None.\n',
    );
    it('reports the missing assessment and the missing history check', () => {
      const ps = of('domain/vulnerability-assessment', bad);
      assert.equal(ps.length, 2);
      assertAt(ps[0], bad, '[elderly]');
      assert.equal(ps[0].severity, 'warning');
      assert.equal(ps[0].fixes?.[0].edits[0].newText, '\n    vulnerability: TODO');
      assertAt(ps[1], bad, 'PRIORITY');
    });
    it('accepts a written assessment and a history check first', () => {
      const good = bad
        .replace('    threat: None.\n', '    threat: None.\n    vulnerability: 84, lives alone.\n')
        .replace('start: answer', 'start: history')
        .replace(
          'steps:\n',
          'steps:\n  history:\n    kind: action\n    action: history-check\n    next: answer\n',
        );
      assert.deepEqual(of('domain/vulnerability-assessment', good), []);
    });
  });

  describe('domain/timing', () => {
    const bad = scenario(
      `  answer:\n    kind: choice\n    prompt: Which?\n    seconds: 2\n    choices:\n      - {label: quick, next: grade-it}\n      - {label: slow, next: chat}\n  chat:\n    kind: caller\n    seconds: 30\n    next: grade-it\n  grade-it:\n    kind: action\n    action: grade\n    grade: EMERGENCY\n    seconds: 5\n    next: done\n${END}`,
      'expected:\n  grade: EMERGENCY\n  targets: {grade: 20}\n',
    );
    it('reports the worst path to the first grade with its length and steps', () => {
      const [p, ...rest] = of('domain/timing', bad);
      assertAt(p, bad, 'grade', 5);
      assert.match(p.message, /Up to 37 s .* 20 s target .*answer → chat → grade-it/);
      assert.deepEqual(rest, []);
    });
    it('accepts a path that fits, and falls back to the catalogue target', () => {
      assert.deepEqual(of('domain/timing', bad.replace('{grade: 20}', '{grade: 60}')), []);
      const slow = bad.replace('  targets: {grade: 20}\n', '').replace('seconds: 30', 'seconds: 1000');
      const [p] = of('domain/timing', slow);
      assert.match(p.message, /900 s target \(the `EMERGENCY` grade's target\)/);
    });
    it('ignores loops (back edges) and flags a timeout longer than the call', () => {
      const loop = bad.replace(
        '    seconds: 30\n    next: grade-it',
        '    seconds: 3\n    timeout: {seconds: 700, next: answer}\n    next: grade-it',
      );
      const ps = of('domain/timing', 'duration: 600\n' + loop);
      assert.equal(ps.length, 1);
      assertAt(ps[0], 'duration: 600\n' + loop, '700');
    });
  });

  describe('domain/fictional-phone', () => {
    const text = scenario(
      `  answer:\n    kind: handler\n    say: Ring 07912 345678 or 07700 900123 now.\n    notes: 'It''s +44 7911 123456, or (217) 555-0163'\n    asks: [location]\n    next: done\n  done:\n    kind: end\n    say: >-\n      Call 07700\n      912345 or 212-555-1234.\n`,
    );
    it('reports real-looking numbers at their exact range with a fix', () => {
      const ps = of('domain/fictional-phone', text);
      assert.equal(ps.length, 4);
      assertAt(ps[0], text, '07912 345678');
      assert.equal(ps[0].fixes?.[0].edits[0].newText, '07700 900678');
      assertAt(ps[1], text, '+44 7911 123456');
      // Folded over a line break: the whole scalar.
      assert.deepEqual(ps[2].range.start, pos(text, '>-'));
      assert.equal(ps[2].fixes, undefined);
      assertAt(ps[3], text, '212-555-1234');
      assert.equal(ps[3].fixes?.[0].edits[0].newText, '212-555-0134');
    });
    it('accepts the drama ranges', () => {
      const good = scenario(
        `  answer:\n    kind: handler\n    say: "Ring 07700 900123, +44 7700 900999, 0113 496 0000 or 217-555-0199."\n    asks: [location]\n    next: done\n${END}`,
        'caller:\n  who: Someone\n  phone: 555-0100\n',
      );
      assert.deepEqual(of('domain/fictional-phone', good), []);
    });
  });
});
