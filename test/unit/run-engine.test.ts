/**
 * The run engine on small inline scenarios: the clock, timers and timeouts, choices by label or target,
 * starting state and "from here", targets met and missed by seconds, divergence after an edit, broken
 * scenarios (dangling `next`, a loop without an end, no start) that stop with a clear message, the
 * limit on a run, the best score and the request validators.
 */
import assert from 'node:assert/strict';
import {
  MAX_ENTRIES,
  isRunInput,
  isRunParams,
  isRunRequest,
  type RunRequest,
  type RunView,
} from '../../server/src/service';
import { rehearse } from '../../server/src/service/run/rehearse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, project } from '../support/core';

const proj = project();
const run = (text: string, request: Partial<RunRequest> = {}): RunView =>
  rehearse(parse(text), proj, { inputs: [], ...request });

const CALL = `callflow: 1
id: test
title: T
expected:
  grade: EMERGENCY
  targets: {location: 10, grade: 30, dispatch: 60}
start: answer
steps:
  answer: {kind: handler, say: "Police, what is the address?", asks: [location], seconds: 5, next: address}
  address: {kind: caller, speaker: bystander, say: "1 High Street.", facts: [weapon], seconds: 5, next: decide}
  decide:
    kind: choice
    prompt: What now?
    seconds: 2
    timeout: {seconds: 40, next: too-slow}
    choices:
      - {label: Grade it now, next: grade, score: 3, feedback: Right first.}
      - {label: Ask more questions, next: more, score: -1}
      - {label: Hang up, next: hung-up, score: -10, critical: Ends a call with a weapon reported.}
  more: {kind: handler, say: "Tell me more.", asks: [weapons], seconds: 30, next: grade}
  grade: {kind: action, action: grade, grade: EMERGENCY, seconds: 3, next: dispatch}
  dispatch: {kind: action, action: dispatch, to: police, seconds: 5, next: wait}
  wait: {kind: timer, seconds: 100, say: Officers arrive., next: done}
  done: {kind: end, notes: Well handled., outcome: {result: pass}}
  too-slow: {kind: end, outcome: {result: fail}}
  hung-up: {kind: end, outcome: {result: critical-failure}}
incident:
  truth: It was a burglary.
`;

describe('run engine', () => {
  it('plays lines until the first choice and waits with the options, the clock and the state', () => {
    const v = run(CALL);
    assert.equal(v.start, 'answer');
    assert.deepEqual(
      v.transcript.map((e) => [e.step, e.who, e.at]),
      [
        ['answer', 'handler', 0],
        ['address', 'caller', 5],
        ['decide', 'trainee', 10],
      ],
    );
    assert.equal(v.waiting.kind, 'choice');
    if (v.waiting.kind !== 'choice') return;
    assert.equal(v.waiting.prompt, 'What now?');
    assert.deepEqual(
      v.waiting.options.map((o) => [o.label, o.next, o.score]),
      [
        ['Grade it now', 'grade', 3],
        ['Ask more questions', 'more', -1],
        ['Hang up', 'hung-up', -10],
      ],
    );
    assert.match(v.waiting.options[2].risk ?? '', /ends in fail or critical failure/);
    assert.deepEqual(v.waiting.timeout, { seconds: 40, next: 'too-slow' });
    assert.equal(v.state.seconds, 10);
    assert.deepEqual(v.state.facts, ['weapon']);
    assert.deepEqual(v.state.asked, ['location']);
    assert.deepEqual(
      v.state.targets.map((t) => [t.key, t.status, t.at]),
      [
        ['location', 'met', 5],
        ['grade', 'open', undefined],
        ['dispatch', 'open', undefined],
      ],
    );
    assert.equal(v.best, 3);
    assert.equal(v.debrief, undefined);
  });

  it('plays a choice by label to an end, with a debrief', () => {
    const v = run(CALL, { inputs: [{ choose: 'Grade it now' }] });
    assert.equal(v.waiting.kind, 'end');
    const d = v.debrief!;
    assert.equal(d.result, 'pass');
    assert.equal(d.score, 3);
    assert.equal(d.best, 3);
    assert.equal(d.end, 'done');
    assert.equal(d.seconds, 120);
    assert.deepEqual(
      d.targets.map((t) => [t.key, t.status, t.at, t.by]),
      [
        ['location', 'met', 5, -5],
        ['grade', 'met', 15, -15],
        ['dispatch', 'met', 20, -40],
      ],
    );
    assert.deepEqual(d.codes, [
      { field: 'grade', expected: ['EMERGENCY'], given: 'EMERGENCY', at: 15, ok: true },
    ]);
    assert.deepEqual(d.notes, [{ step: 'done', text: 'Well handled.' }]);
    assert.equal(d.truth, 'It was a burglary.');
    const weapon = d.obligations.find((o) => o.rule === 'debrief/weapon-question')!;
    assert.equal(weapon.met, false);
    assert.match(weapon.detail, /`weapon` was reported at `address` \(5 s\)/);
    assert.deepEqual(v.state.dispatched, [{ to: 'police', at: 20, step: 'dispatch' }]);
    const decide = v.transcript.find((e) => e.step === 'decide')!;
    assert.deepEqual(decide.choice, {
      input: 0,
      index: 0,
      label: 'Grade it now',
      next: 'grade',
      score: 3,
      feedback: 'Right first.',
    });
    assert.deepEqual(d.feedback, [{ step: 'decide', label: 'Grade it now', text: 'Right first.' }]);
    assert.equal(v.transcript[1].speaker, 'bystander');
  });

  it('matches options ignoring case and spacing, then by the step they lead to', () => {
    for (const choose of ['  grade IT   now ', 'grade']) {
      const v = run(CALL, { inputs: [{ choose }] });
      assert.equal(v.debrief?.end, 'done', choose);
    }
  });

  it('misses targets by the seconds they are late', () => {
    const v = run(CALL, { inputs: [{ choose: 'Ask more questions' }] });
    const d = v.debrief!;
    assert.deepEqual(
      d.targets.map((t) => [t.key, t.status, t.at, t.by]),
      [
        ['location', 'met', 5, -5],
        ['grade', 'missed', 45, 15],
        ['dispatch', 'met', 50, -10],
      ],
    );
    assert.equal(d.score, -1);
    assert.equal(d.result, 'pass', 'the end declares pass');
    assert.ok(d.obligations.find((o) => o.rule === 'debrief/weapon-question')!.met);
  });

  it('marks targets missed while the clock passes them, before they are reached', () => {
    const v = run(CALL, { start: { step: 'wait', state: { seconds: 50 } } });
    assert.equal(v.waiting.kind, 'end');
    assert.deepEqual(
      v.state.targets.map((t) => [t.key, t.status, t.by]),
      [
        ['location', 'missed', 140],
        ['grade', 'missed', 120],
        ['dispatch', 'missed', 90],
      ],
    );
  });

  it('fires a timeout when nobody acts, with the timeout seconds on the clock', () => {
    const v = run(CALL, { inputs: [{ timeout: true }] });
    assert.equal(v.debrief?.end, 'too-slow');
    assert.equal(v.debrief?.result, 'fail');
    const decide = v.transcript.find((e) => e.step === 'decide')!;
    assert.equal(decide.seconds, 40);
    assert.equal(decide.choice?.timeout, true);
    assert.equal(v.debrief?.seconds, 50);
  });

  it('waits at a line with a timeout: Continue goes on, a timeout branches', () => {
    const text = `callflow: 1
id: t
title: T
start: line
steps:
  line: {kind: caller, say: "Hello?", seconds: 4, timeout: {seconds: 20, next: silent}, next: ok}
  silent: {kind: timer, seconds: 10, event: silence, say: "(Nothing.)", next: ok}
  ok: {kind: end, outcome: {result: pass}}
`;
    const waiting = run(text).waiting;
    assert.equal(waiting.kind, 'choice');
    if (waiting.kind === 'choice') {
      assert.deepEqual(
        waiting.options.map((o) => o.label),
        ['Continue'],
      );
      assert.deepEqual(waiting.timeout, { seconds: 20, next: 'silent' });
    }
    assert.equal(run(text, { inputs: [{ choose: 'Continue' }] }).debrief?.seconds, 4);
    const timedOut = run(text, { inputs: [{ timeout: true }] });
    assert.deepEqual(
      timedOut.transcript.map((e) => [e.step, e.at, e.seconds, e.event]),
      [
        ['line', 0, 20, undefined],
        ['silent', 20, 10, 'silence'],
        ['ok', 30, 0, undefined],
      ],
    );
  });

  it('ends in critical failure after a critical option, with the reason', () => {
    const d = run(CALL, { inputs: [{ choose: 'Hang up' }] }).debrief!;
    assert.equal(d.result, 'critical-failure');
    assert.equal(d.critical[0].reason, 'Ends a call with a weapon reported.');
    assert.equal(d.critical[0].step, 'decide');
  });

  it('starts from any step with a starting state', () => {
    const v = run(CALL, {
      start: {
        step: 'dispatch',
        state: { seconds: 8, grade: 'EMERGENCY', asked: ['location'], facts: ['weapon'], score: 2 },
      },
    });
    assert.equal(v.start, 'dispatch');
    assert.equal(v.transcript[0].step, 'dispatch');
    assert.equal(v.transcript[0].at, 8);
    const d = v.debrief!;
    assert.equal(d.score, 2);
    assert.equal(d.best, 2);
    assert.deepEqual(
      d.targets.map((t) => [t.key, t.status, t.at]),
      [
        ['location', 'met', 8],
        ['grade', 'met', 8],
        ['dispatch', 'met', 13],
      ],
    );
    assert.equal(d.codes[0].ok, true);
    assert.ok(d.obligations.find((o) => o.rule === 'domain/location-first')!.met);
  });

  it('reports the first input that no longer fits after an edit, and keeps the run up to there', () => {
    const inputs = [{ choose: 'Ask more questions' }];
    const edited = CALL.replace('Ask more questions', 'Ask who has the weapon');
    const v = run(edited, { inputs });
    assert.deepEqual(v.diverged?.index, 0);
    assert.match(
      v.diverged!.reason,
      /`decide` has no option "Ask more questions"; its options are "Grade it now", "Ask who has the weapon", "Hang up"/,
    );
    assert.equal(v.waiting.kind, 'choice');
    assert.equal(v.used, 0);
  });

  it('reports inputs left over when the run ends earlier, and a timeout where there is none', () => {
    const shorter = run(CALL, { inputs: [{ choose: 'Grade it now' }, { choose: 'Anything' }] });
    assert.deepEqual(shorter.diverged, { index: 1, reason: 'The run ended at `done` before this input.' });
    const noTimeout = run(CALL.replace('    timeout: {seconds: 40, next: too-slow}\n', ''), {
      inputs: [{ timeout: true }],
    });
    assert.match(noTimeout.diverged!.reason, /`decide` has no `timeout:`/);
  });

  it('reports divergence at the input whose option was edited', () => {
    const text = readFileSync(join(__dirname, '../../samples/05-pub-fight-knife.scenario.yaml'), 'utf8');
    const before = rehearse(parse(text), proj, { inputs: [] });
    assert.equal(before.waiting.kind, 'choice');
    const inputs = [
      { choose: 'Ask about the knife — who has it and where is it now' },
      { choose: 'Conference the ambulance service now, while Gary is on the line' },
      { choose: "If it's safe now, get someone to press hard on the wound with a cloth and keep pressing" },
    ];
    assert.equal(run(text, { inputs }).debrief?.result, 'pass');
    const edited = text.replace(
      'Conference the ambulance service now,',
      'Bring in the ambulance service now,',
    );
    const v = run(edited, { inputs });
    assert.equal(v.diverged?.index, 1);
    assert.match(
      v.diverged!.reason,
      /^`ambulance-timing` has no option "Conference the ambulance service now/,
    );
    assert.equal(v.used, 1);
    assert.equal(v.transcript.at(-1)?.step, 'ambulance-timing');
    const retargeted = text.replace(
      'next: conference-ambulance\n        score: 3',
      'next: ask-breathing\n        score: 3',
    );
    assert.equal(
      run(retargeted, { inputs }).transcript.find((e) => e.step === 'ambulance-timing')?.choice?.next,
      'ask-breathing',
    );
  });

  it('judges the domain obligations on the route taken', () => {
    const text = `callflow: 1
id: t
title: T
start: answer
steps:
  answer: {kind: handler, say: "What happened?", asks: [what-happened], seconds: 3, next: story}
  story:
    kind: caller
    say: "He stabbed my brother, he says he'll kill us."
    quote: "I'll kill the lot of you"
    facts: [injury, knife]
    seconds: 5
    next: where
  where: {kind: handler, say: "Where are you?", asks: [location], seconds: 3, next: grade}
  grade: {kind: action, action: grade, grade: PRIORITY, seconds: 2, next: conf}
  conf:
    kind: action
    action: conference
    to: police
    handover: {location: 1 High St, nature: Stabbing, grade: PRIORITY, hazards: Knife}
    next: line-drops
  line-drops: {kind: caller, event: disconnect, say: "(Line drops.)", next: done}
  done: {kind: end, outcome: {result: pass}}
`;
    const d = run(text).debrief!;
    const by = (rule: string) => d.obligations.filter((o) => o.rule === rule);
    assert.deepEqual(
      d.obligations.map((o) => [o.rule, o.met]),
      [
        ['domain/location-first', false],
        ['debrief/weapon-question', false],
        ['domain/handover-content', false],
        ['domain/injury-ambulance', false],
        ['domain/disconnect-decision', false],
        ['domain/grade-floor', false],
      ],
    );
    assert.match(by('domain/location-first')[0].why ?? '', /Without a location nobody can be sent/);
    assert.match(by('debrief/weapon-question')[0].why ?? '', /Who has the weapon/);
    assert.equal(
      by('domain/location-first')[0].detail,
      '`what-happened` was asked at `answer` (0 s) before the location.',
    );
    assert.equal(
      by('domain/handover-content')[0].detail,
      'The conference to police at `conf` (13 s) did not pass on `threats`.',
    );
    assert.match(
      by('domain/injury-ambulance')[0].detail,
      /`injury` was reported at `story` \(3 s\) but the ambulance service was never brought in/,
    );
    assert.match(
      by('domain/grade-floor')[0].detail,
      /`knife` was reported at `story` \(3 s\) but `grade` \(11 s\) graded `PRIORITY`/,
    );
    assert.equal(d.result, 'pass', 'the end declares the result; the obligations say what was missed');
  });

  it('judges the Silent Solution on a silent mobile 999 call', () => {
    const text = `callflow: 1
id: t
title: T
call: {line: 999, device: mobile, silent: true}
start: line
steps:
  line: {kind: caller, event: silence, say: "(Silence.)", next: press}
  press: {kind: caller, event: press-55, next: ask}
  ask: {kind: handler, say: "Are you in danger? Press once for yes.", asks: [caller-safety], yesNo: true, next: where}
  where: {kind: handler, say: "Are you at home? Press once for yes.", asks: [location], yesNo: true, next: done}
  done: {kind: end}
`;
    const ok = run(text).debrief!.obligations.find((o) => o.rule === 'domain/silent-solution')!;
    assert.equal(ok.met, true);
    const open = run(text.replace('[location], yesNo: true', '[location], yesNo: false')).debrief!;
    const missed = open.obligations.find((o) => o.rule === 'domain/silent-solution')!;
    assert.deepEqual([missed.met, missed.step], [false, 'where']);
  });

  it("uses the reached end's outcome over `expected:`, field by field", () => {
    const text = CALL.replace(
      'too-slow: {kind: end, outcome: {result: fail}}',
      'too-slow: {kind: end, outcome: {result: fail, grade: PRIORITY, targets: {grade: 5}}}',
    );
    const d = run(text, { inputs: [{ timeout: true }] }).debrief!;
    assert.deepEqual(d.codes, [{ field: 'grade', expected: ['PRIORITY'], ok: false }]);
    assert.deepEqual(
      d.targets.map((t) => [t.key, t.target, t.status]),
      [['grade', 5, 'missed']],
      'the end gives its own targets',
    );
  });

  it('derives the result when the end declares none: pass, acceptable on a late target, fail on a wrong grade', () => {
    // No weapon here, so no weapon question is owed; the first route misses nothing.
    const undeclared = CALL.replace(
      'done: {kind: end, notes: Well handled., outcome: {result: pass}}',
      'done: {kind: end}',
    ).replace('facts: [weapon], ', '');
    assert.equal(run(undeclared, { inputs: [{ choose: 'Grade it now' }] }).debrief?.result, 'pass');
    assert.equal(
      run(undeclared, { inputs: [{ choose: 'Ask more questions' }] }).debrief?.result,
      'acceptable',
    );
    const wrongGrade = undeclared.replace('grade: EMERGENCY, seconds: 3', 'grade: PRIORITY, seconds: 3');
    assert.equal(run(wrongGrade, { inputs: [{ choose: 'Grade it now' }] }).debrief?.result, 'fail');
    const withWeapon = CALL.replace(
      'done: {kind: end, notes: Well handled., outcome: {result: pass}}',
      'done: {kind: end}',
    );
    const missed = run(withWeapon, { inputs: [{ choose: 'Grade it now' }] }).debrief!;
    assert.equal(missed.result, 'fail', 'a missed obligation fails an end without a declared result');
  });

  it('counts a loop once in the best score', () => {
    const text = `callflow: 1
id: t
title: T
start: ask
steps:
  ask: {kind: choice, choices: [{label: Again, next: ask, score: 5}, {label: Stop, next: done, score: 1}]}
  done: {kind: end}
`;
    assert.equal(run(text).best, 1);
    assert.equal(
      run(text, { inputs: [{ choose: 'Again' }, { choose: 'Again' }, { choose: 'Stop' }] }).debrief?.score,
      11,
    );
  });

  it('stops with a clear message at a dangling next', () => {
    const v = run(CALL.replace('next: dispatch}', 'next: dispach}'), {
      inputs: [{ choose: 'Grade it now' }],
    });
    assert.deepEqual(v.waiting, {
      kind: 'stopped',
      step: 'grade',
      reason: '`grade` leads to `dispach`, which does not exist.',
    });
    assert.equal(v.transcript.at(-1)?.step, 'grade');
    assert.equal(v.debrief, undefined);
  });

  it('stops at a loop that no choice or end breaks', () => {
    const text = `callflow: 1
id: t
title: T
start: a
steps:
  a: {kind: handler, say: A, next: b}
  b: {kind: caller, say: B, next: c}
  c: {kind: timer, seconds: 5, next: b}
`;
    const v = run(text);
    assert.deepEqual(v.waiting, {
      kind: 'stopped',
      step: 'b',
      reason: 'The steps `b` → `c` → `b` repeat forever: no choice, timeout or end breaks the loop.',
    });
    assert.equal(v.best, null);
  });

  it('stops after the limit in a loop the trainee keeps choosing', () => {
    const text = `callflow: 1
id: t
title: T
start: ask
steps:
  ask: {kind: choice, prompt: Again?, choices: [{label: Again, next: line}, {label: Stop, next: done}]}
  line: {kind: caller, say: Again, next: ask}
  done: {kind: end}
`;
    const inputs = Array.from({ length: 10_000 }, () => ({ choose: 'Again' }));
    const v = run(text, { inputs });
    assert.equal(v.waiting.kind, 'stopped');
    assert.match((v.waiting as { reason: string }).reason, new RegExp(`Stopped after ${MAX_ENTRIES} steps`));
    assert.equal(v.transcript.length, MAX_ENTRIES);
    assert.equal(run(text, { inputs: [{ choose: 'Again' }, { choose: 'Stop' }] }).debrief?.result, 'pass');
  });

  it('stops with a message when there is no start, an unknown start step, or a step without next', () => {
    const noStart = run('callflow: 1\nid: t\ntitle: T\nsteps:\n  a: {kind: end}\n');
    assert.deepEqual(noStart.waiting, {
      kind: 'stopped',
      reason: 'The scenario has no `start:` step to begin from.',
    });
    const unknown = run(CALL, { start: { step: 'nowhere' } });
    assert.deepEqual(unknown.waiting, {
      kind: 'stopped',
      reason: 'There is no step `nowhere` to start from.',
    });
    const noOptions = run(
      'callflow: 1\nid: t\ntitle: T\nstart: a\nsteps:\n  a: {kind: choice, prompt: P, choices: []}\n',
    );
    assert.deepEqual(noOptions.waiting, {
      kind: 'stopped',
      step: 'a',
      reason: '`a` offers no options (no `choices:` with a `next:`), so the call cannot go on.',
    });
    const noNext = run(CALL.replace(', next: address}', '}'));
    assert.match((noNext.waiting as { reason: string }).reason, /`answer` has no `next:` step/);
  });

  it('never throws on broken documents', () => {
    const broken = [
      '',
      'not: [a mapping',
      'start: a\nsteps: [1, 2]',
      'start: a\nsteps:\n  a: 12\n',
      'start: a\nsteps:\n  a: {kind: choice, choices: 7}\n',
      'start: a\nsteps:\n  a: {kind: choice, choices: [null, 3, {next: 5}]}\n',
      'start: a\nsteps:\n  a: {kind: wobble, next: a}\n',
      'start: a\nsteps:\n  a: {kind: caller, timeout: {seconds: x, next: b}, next: b}\n  b: {kind: end, outcome: {result: 9}}\n',
      'start: a\nsteps:\n  a: {kind: action, action: [1], grade: {x: 1}, handover: [1], next: b}\n  b: {kind: end}\n',
    ];
    for (const text of broken)
      for (const inputs of [[], [{ choose: 'x' }], [{ timeout: true as const }], [{ choose: 'Option 3' }]]) {
        const v = run(text, { inputs });
        assert.ok(['choice', 'end', 'stopped'].includes(v.waiting.kind), text);
        assert.deepEqual(JSON.parse(JSON.stringify(v)), v, text);
      }
  });

  it('validates requests', () => {
    assert.ok(isRunParams({ uri: 'file:///a', inputs: [] }));
    assert.ok(
      isRunParams({
        uri: 'x',
        start: { step: 's', state: { facts: ['a'], seconds: 3 } },
        inputs: [{ choose: 'a' }, { timeout: true }],
      }),
    );
    assert.ok(!isRunParams({ uri: '', inputs: [] }));
    assert.ok(!isRunParams({ uri: 'x' }));
    assert.ok(!isRunParams({ uri: 'x', inputs: [{ choose: 1 }] }));
    assert.ok(!isRunParams({ uri: 'x', inputs: [], start: { state: { seconds: -1 } } }));
    assert.ok(!isRunParams({ uri: 'x', inputs: [], start: { state: { facts: 'weapon' } } }));
    assert.ok(!isRunRequest({ inputs: new Array(10_001).fill({ timeout: true }) }));
    assert.ok(!isRunInput({ timeout: false }));
    assert.ok(!isRunInput({ choose: 'a', timeout: true }));
    assert.ok(!isRunInput(null));
  });
});
