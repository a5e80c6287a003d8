/**
 * Every quick fix, applied: each rule that offers fixes gets a minimal scenario, written with block
 * mappings and with flow mappings (`{…}`), with LF and with CRLF line endings. Every fix offered for the
 * problem (the rule's own, "add the missing property", "suppress") is applied as an editor would; the
 * result must differ from the text, keep the file's line ending, read without a new YAML problem, and
 * no longer have that problem (once a `TODO` the fix leaves is written). Everything goes through the
 * service's door.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../support/core';
import { memoryService } from '../support/feature-service';
import type { Problem, Project, ScenarioService } from '../../server/src/service';

const service = memoryService({
  'file:///ws/codes.yaml':
    'catalogue: 1\nfamilies:\n  category:\n    codes:\n      - {code: "302", label: Old domestic, deprecated: merged into 304, replacedBy: "304"}\n',
});
const defaultProject = service.loadProject(undefined, undefined);
const withCatalogue = service.loadProject(
  'file:///ws/callflow.config.yaml',
  'callflow: 1\ncatalogue: codes.yaml\n',
);

const HEAD = 'callflow: 1\nid: t\ntitle: T\n';
const END = '  done:\n    kind: end\n    outcome: {result: pass}\n';
const FAILED = '  failed:\n    kind: end\n    outcome: {result: critical-failure}\n';

/** A scenario: top-level lines (after the header), then step lines, then a `done` end. */
const doc = (top: string, steps: string) => `${HEAD}${top}start: answer\nsteps:\n${steps}${END}`;

interface Case {
  name: string;
  rule: string;
  /** The fixes that must be offered (besides "suppress"). */
  fixes: RegExp[];
  block: string;
  /** The same problem where the mapping the fix edits is a flow mapping. */
  flow?: string;
  project?: Project;
  /** False for problems a comment cannot silence (`yaml/…`: the file is not read as written). */
  suppressible?: boolean;
}

const HANDLER = '  answer:\n    kind: handler\n    say: Hi\n';
const GRADE_EMERGENCY = '  answer:\n    kind: action\n    action: grade\n    grade: EMERGENCY\n';
const CASES: Case[] = [
  {
    name: 'a step kind written twice, the last misspelt',
    rule: 'schema/step-kind',
    fixes: [/^Change to `handler`$/],
    block: doc('', '  answer:\n    kind: handler\n    kind: handlr\n    say: Hi\n    next: done\n'),
    flow: doc('', '  answer: {kind: handler, kind: handlr, say: Hi, next: done}\n'),
  },
  {
    name: 'a misspelt step kind',
    rule: 'schema/step-kind',
    fixes: [/^Change to `handler`$/],
    block: doc('', '  answer:\n    kind: handlr\n    say: Hi\n    next: done\n'),
    flow: doc('', '  answer: {kind: handlr, say: Hi, next: done}\n'),
  },
  {
    name: 'a missing required property',
    rule: 'schema/required',
    fixes: [/^Add missing property `say`$/],
    block: doc('', '  answer:\n    kind: handler\n    next: done\n'),
    flow: doc('', '  answer: {kind: handler, next: done}\n'),
  },
  {
    name: 'a misspelt property',
    rule: 'schema/unknown-property',
    fixes: [/^Change to `say`$/],
    block: doc('', '  answer:\n    kind: handler\n    sai: Hi\n    next: done\n'),
    flow: doc('', '  answer: {kind: handler, sai: Hi, next: done}\n'),
  },
  {
    name: 'a value outside an enum',
    rule: 'schema/enum',
    fixes: [/^Change to `mobile`$/],
    block: doc('call:\n  line: 999\n  device: mobil\n', HANDLER + '    next: done\n'),
    flow: doc('call: {line: 999, device: mobil}\n', HANDLER + '    next: done\n'),
  },
  {
    name: 'a next to a missing step',
    rule: 'flow/dangling-next',
    fixes: [/`done`/, /^Create step `don`$/],
    block: doc('', HANDLER + '    next: don\n'),
    flow: doc('', '  answer: {kind: handler, say: Hi, next: don}\n'),
  },
  {
    name: 'a start at a missing step',
    rule: 'flow/unknown-start',
    fixes: [/`answer`/],
    block: doc('', HANDLER + '    next: done\n').replace('start: answer', 'start: answr'),
  },
  {
    name: 'an unknown code',
    rule: 'code/unknown',
    fixes: [/EMERGENCY/],
    block: doc('expected:\n  grade: EMERGANCY\n', HANDLER + '    next: done\n'),
    flow: doc('expected: {grade: EMERGANCY}\n', HANDLER + '    next: done\n'),
  },
  {
    name: 'a deprecated code',
    rule: 'code/deprecated',
    fixes: [/304/],
    block: doc('incident:\n  category: "302"\n', HANDLER + '    next: done\n'),
    flow: doc('incident: {category: "302"}\n', HANDLER + '    next: done\n'),
    project: withCatalogue,
  },
  {
    name: 'a real-looking phone number',
    rule: 'domain/fictional-phone',
    fixes: [/^Use 07700 900678$/],
    block: doc('caller:\n  who: A neighbour\n  phone: "07912 345678"\n', HANDLER + '    next: done\n'),
    flow: doc('caller: {who: A neighbour, phone: "07912 345678"}\n', HANDLER + '    next: done\n'),
  },
  {
    name: 'an ambulance category the determinant does not map to',
    rule: 'domain/code-consistency',
    fixes: [/^Change to C1$/],
    block: doc(
      'expected:\n  determinant: 9-E-1\n  ambulance: C3\n',
      '  answer:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: done\n',
    ),
    flow: doc(
      'expected: {determinant: 9-E-1, ambulance: C3}\n',
      '  answer:\n    kind: handler\n    say: Where?\n    asks: [location]\n    next: done\n',
    ),
  },
  {
    name: 'a hand-over with a lower grade than the one in force',
    rule: 'domain/code-consistency',
    fixes: [/^Hand over EMERGENCY$/],
    block: doc(
      '',
      GRADE_EMERGENCY +
        '    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover:\n      location: here\n      nature: fight\n      grade: PRIORITY\n      hazards: none\n    next: done\n',
    ),
    flow: doc(
      '',
      GRADE_EMERGENCY +
        '    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover: {location: here, nature: fight, grade: PRIORITY, hazards: none}\n    next: done\n',
    ),
  },
  {
    name: 'a downgrade without a rationale',
    rule: 'domain/downgrade-rationale',
    fixes: [/rationale/],
    block: doc(
      '',
      GRADE_EMERGENCY +
        '    rationale: Missing child.\n    next: lower\n  lower:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: done\n',
    ),
    flow: doc(
      '',
      GRADE_EMERGENCY +
        '    rationale: Missing child.\n    next: lower\n  lower: {kind: action, action: grade, grade: PRIORITY, next: done}\n',
    ),
  },
  {
    name: 'a vulnerable caller without an assessment',
    rule: 'domain/vulnerability-assessment',
    fixes: [/^Add `vulnerability:`/],
    block: doc(
      'caller:\n  who: Elderly man\n  vulnerability: [elderly]\nexpected:\n  thrive:\n    threat: None.\n',
      '  answer:\n    kind: action\n    action: history-check\n    next: done\n',
    ),
    flow: doc(
      'caller:\n  who: Elderly man\n  vulnerability: [elderly]\nexpected:\n  thrive: {threat: None.}\n',
      '  answer:\n    kind: action\n    action: history-check\n    next: done\n',
    ),
  },
  {
    name: 'a hand-over that lacks keys',
    rule: 'domain/handover-content',
    fixes: [/^Add the missing hand-over keys$/],
    block: doc(
      '',
      '  answer:\n    kind: caller\n    quote: I will kill you\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover:\n      location: 22 Linden Close\n      nature: Break-in\n      grade: EMERGENCY\n    next: done\n',
    ),
    flow: doc(
      '',
      '  answer:\n    kind: caller\n    quote: I will kill you\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover: {location: 22 Linden Close, nature: Break-in, grade: EMERGENCY}\n    next: done\n',
    ),
  },
  {
    name: 'a transfer without a hand-over',
    rule: 'domain/handover-content',
    fixes: [/^Add a `handover:`/],
    block: doc(
      '',
      GRADE_EMERGENCY +
        '    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    next: done\n',
    ),
    flow: doc(
      '',
      GRADE_EMERGENCY +
        '    next: pass-on\n  pass-on: {kind: action, action: transfer, to: other-force, next: done}\n',
    ),
  },
  {
    name: 'an open question to a silent caller',
    rule: 'domain/silent-solution',
    fixes: [/^Add `yesNo: true`$/],
    block:
      'callflow: 1\nid: t\ntitle: T\ncall:\n  line: 999\n  device: mobile\n  silent: true\nstart: answer\nsteps:\n  answer:\n    kind: caller\n    event: press-55\n    next: ask\n  ask:\n    kind: handler\n    say: Where are you?\n    asks: [location]\n    next: done\n' +
      END,
    flow:
      'callflow: 1\nid: t\ntitle: T\ncall:\n  line: 999\n  device: mobile\n  silent: true\nstart: answer\nsteps:\n  answer:\n    kind: caller\n    event: press-55\n    next: ask\n  ask: {kind: handler, say: Where are you?, asks: [location], next: done}\n' +
      END,
  },
  {
    name: 'a grade below the danger revealed',
    rule: 'domain/grade-floor',
    fixes: [/EMERGENCY/, /^Add `justification:`$/],
    block: doc(
      '',
      '  answer:\n    kind: caller\n    say: He has a knife.\n    facts: [knife]\n    next: grade-it\n  grade-it:\n    kind: action\n    action: grade\n    grade: PRIORITY\n    next: done\n',
    ),
    flow: doc(
      '',
      '  answer:\n    kind: caller\n    say: He has a knife.\n    facts: [knife]\n    next: grade-it\n  grade-it: {kind: action, action: grade, grade: PRIORITY, next: done}\n',
    ),
  },
  {
    name: 'an end without an outcome',
    rule: 'flow/end-without-outcome',
    fixes: [/^Judge this end: pass$/],
    block: `${HEAD}start: answer\nsteps:\n  answer:\n    kind: choice\n    prompt: Now?\n    choices:\n      - {label: Stay, next: done}\n      - {label: Go, next: gone}\n  done:\n    kind: end\n    say: Bye.\n${FAILED.replace('failed', 'gone')}`,
    flow: `${HEAD}start: answer\nsteps:\n  answer:\n    kind: choice\n    prompt: Now?\n    choices:\n      - {label: Stay, next: done}\n      - {label: Go, next: gone}\n  done: {kind: end, say: Bye.}\n${FAILED.replace('failed', 'gone')}`,
  },
  {
    name: 'an outcome without a result',
    rule: 'flow/end-without-outcome',
    fixes: [/^Judge this end: pass$/],
    block: `${HEAD}start: answer\nsteps:\n${HANDLER}    next: done\n  done:\n    kind: end\n    outcome:\n      debrief: Well done.\n`,
    flow: `${HEAD}start: answer\nsteps:\n${HANDLER}    next: done\n  done:\n    kind: end\n    outcome: {debrief: Well done.}\n`,
  },
  {
    name: 'a critical option that earns points',
    rule: 'domain/critical-option-score',
    fixes: [/^Change the score to -2$/],
    block: doc(
      '',
      `  answer:\n    kind: choice\n    prompt: What now?\n    choices:\n      - label: Hang up\n        next: failed\n        score: 2\n        critical: Leaves the caller alone.\n      - label: Stay\n        next: done\n${FAILED}`,
    ),
    flow: doc(
      '',
      `  answer:\n    kind: choice\n    prompt: What now?\n    choices:\n      - {label: Hang up, next: failed, score: 2, critical: Leaves the caller alone.}\n      - {label: Stay, next: done}\n${FAILED}`,
    ),
  },
  {
    name: 'a critical option that leads to a passing end',
    rule: 'domain/critical-route-passes',
    fixes: [/^Judge this end: critical-failure$/],
    block: doc(
      '',
      `  answer:\n    kind: choice\n    prompt: What now?\n    choices:\n      - label: Hang up\n        next: gone\n        critical: Leaves the caller alone.\n      - label: Stay\n        next: done\n  gone:\n    kind: end\n    outcome:\n      result: pass\n`,
    ),
    flow: doc(
      '',
      `  answer:\n    kind: choice\n    prompt: What now?\n    choices:\n      - label: Hang up\n        next: gone\n        critical: Leaves the caller alone.\n      - label: Stay\n        next: done\n  gone: {kind: end, outcome: {result: pass}}\n`,
    ),
  },
  {
    name: 'a life threat sent a lower ambulance category',
    rule: 'domain/life-threat-category',
    fixes: [/^Change to C1$/],
    block: doc(
      '',
      '  answer:\n    kind: caller\n    say: He collapsed.\n    facts: [unconscious]\n    next: send\n  send:\n    kind: action\n    action: dispatch\n    to: ambulance\n    ambulance: C2\n    next: done\n',
    ),
    flow: doc(
      '',
      '  answer:\n    kind: caller\n    say: He collapsed.\n    facts: [unconscious]\n    next: send\n  send: {kind: action, action: dispatch, to: ambulance, ambulance: C2, next: done}\n',
    ),
  },
  {
    name: "a hand-over that loses the caller's words",
    rule: 'domain/verbatim-threat',
    fixes: [/^Pass on the caller's words$/],
    block: doc(
      '',
      '  answer:\n    kind: caller\n    quote: He said he will kill me\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover:\n      location: here\n      nature: threats\n      grade: EMERGENCY\n      hazards: none\n      threats: Suspect made threats to kill\n    next: done\n',
    ),
    flow: doc(
      '',
      '  answer:\n    kind: caller\n    quote: He said he will kill me\n    next: pass-on\n  pass-on:\n    kind: action\n    action: transfer\n    to: other-force\n    handover: {location: here, nature: threats, grade: EMERGENCY, hazards: none, threats: Suspect made threats to kill}\n    next: done\n',
    ),
  },
  {
    name: 'a comment that cuts a text short',
    rule: 'yaml/comment-in-text',
    fixes: [/^Put the text in quotes$/],
    suppressible: false,
    block: doc('', '  answer:\n    kind: handler\n    say: Go to door #2 now\n    next: done\n'),
  },
];

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const yamlRules = (ps: Problem[]) =>
  ps
    .filter((p) => p.ruleId.startsWith('yaml/'))
    .map((p) => p.ruleId)
    .sort();

/** The `yaml/…` problems of `after` that `before` did not have (by rule id, counted). */
function newYamlRules(before: Problem[], after: Problem[]): string[] {
  const had = yamlRules(before);
  const added: string[] = [];
  for (const id of yamlRules(after)) {
    const i = had.indexOf(id);
    if (i < 0) added.push(id);
    else had.splice(i, 1);
  }
  return added;
}

function checkText(svc: ScenarioService, text: string, project: Project): Problem[] {
  return svc.validate(svc.parse('file:///ws/test.scenario.yaml', text, 1), project);
}

describe('quick fixes, applied', () => {
  for (const c of CASES) {
    const variants: [string, string][] = [['block', c.block]];
    if (c.flow) variants.push(['flow', c.flow]);
    for (const [style, lf] of variants)
      for (const [eol, text] of [
        ['LF', lf],
        ['CRLF', crlf(lf)],
      ] as const)
        it(`${c.name} (${style}, ${eol}): every fix applies and checks clean`, () => {
          const project = c.project ?? defaultProject;
          const doc = service.parse('file:///ws/test.scenario.yaml', text, 1);
          const before = service.validate(doc, project);
          const found = before.find((x) => x.ruleId === c.rule);
          assert.ok(found, `a ${c.rule} problem in ${JSON.stringify(before.map((x) => x.message))}`);
          const p: Problem = found;
          const fixes = service.codeActions(doc, p.range, [p]);
          const titles = fixes.map((f) => f.title);
          const suppress = c.suppressible === false ? [] : [/^Suppress /];
          for (const want of [...c.fixes, ...suppress])
            assert.ok(
              titles.some((t) => want.test(t)),
              `${String(want)} among ${JSON.stringify(titles)}`,
            );
          for (const fix of fixes) {
            const fixed = applyEdits(text, fix.edits);
            const where = `${fix.title}:\n${fixed}`;
            assert.notEqual(fixed, text, `${fix.title} changes nothing`);
            if (eol === 'CRLF') assert.doesNotMatch(fixed, /(?<!\r)\n/, `a bare LF after ${where}`);
            else assert.doesNotMatch(fixed, /\r/, `a CR after ${where}`);
            const after = checkText(service, fixed, project);
            assert.deepEqual(newYamlRules(before, after), [], `new YAML problems after ${where}`);
            // A fix that adds a property the author must write leaves a `TODO` (the rules do not count
            // it as written): once filled in, the problem is gone.
            const filled = fixed.includes('TODO') ? fixed.replace(/TODO/g, 'Written') : fixed;
            const final: Problem[] = filled === fixed ? after : checkText(service, filled, project);
            const still = final.filter((q) => q.ruleId === p.ruleId && q.message === p.message);
            assert.deepEqual(still, [], `still there after ${where}`);
          }
        });
  }
});

describe('quick fix bugs', () => {
  it('"Change to `handler`" changes the kind that is wrong when `kind` is written twice', () => {
    const text = doc('', '  answer:\n    kind: handler\n    kind: handlr\n    say: Hi\n    next: done\n');
    const d = service.parse('file:///ws/test.scenario.yaml', text, 1);
    const p = service.validate(d, defaultProject).find((x) => x.ruleId === 'schema/step-kind')!;
    assert.equal(p.range.start.line, text.split('\n').indexOf('    kind: handlr'));
    const fix = service.codeActions(d, p.range, [p]).find((f) => f.title === 'Change to `handler`')!;
    assert.equal(applyEdits(text, fix.edits), text.replace('kind: handlr', 'kind: handler'));
  });

  it('"Add missing property" on a flow mapping adds it inside the braces', () => {
    const text = doc('', '  answer: {kind: handler, next: done}\n');
    const d = service.parse('file:///ws/test.scenario.yaml', text, 1);
    const p = service.validate(d, defaultProject).find((x) => x.ruleId === 'schema/required')!;
    const fix = service.codeActions(d, p.range, [p]).find((f) => /Add missing/.test(f.title))!;
    assert.equal(
      applyEdits(text, fix.edits),
      text.replace('{kind: handler, next: done}', '{kind: handler, next: done, say: ""}'),
    );
  });

  it('"Add missing property" on a CRLF file ends its line with CRLF', () => {
    const text = crlf(doc('', '  answer:\n    kind: handler\n    next: done\n'));
    const d = service.parse('file:///ws/test.scenario.yaml', text, 1);
    const p = service.validate(d, defaultProject).find((x) => x.ruleId === 'schema/required')!;
    const fix = service.codeActions(d, p.range, [p]).find((f) => /Add missing/.test(f.title))!;
    assert.equal(
      applyEdits(text, fix.edits),
      text.replace('    next: done\r\n', '    next: done\r\n    say: ""\r\n'),
    );
  });
});
