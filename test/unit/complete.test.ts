import * as assert from 'node:assert/strict';
import { memoryService, docAt } from '../support/feature-service';

const service = memoryService();
function labels(marked: string): string[] {
  const { doc, pos, project } = docAt(service, marked);
  return service.complete(doc, pos, project).items.map((i) => i.label);
}
function items(marked: string) {
  const { doc, pos, project } = docAt(service, marked);
  return service.complete(doc, pos, project).items;
}

const HEAD = `
      callflow: 1
      id: t
      title: T
      start: answer
`;

describe('complete', () => {
  it('proposes top-level keys that are not there yet, with schema docs', () => {
    const got = items(HEAD + '      |\n');
    const names = got.map((i) => i.label);
    assert.ok(names.includes('steps') && names.includes('expected') && names.includes('caller'));
    assert.ok(!names.includes('title'), 'existing keys are left out');
    const steps = got.find((i) => i.label === 'steps')!;
    assert.match(steps.documentation ?? '', /\*\*Steps\*\*/);
  });

  it('proposes the properties of the step kind (discriminator)', () => {
    const got = labels(
      HEAD +
        `
      steps:
        answer:
          kind: handler
          |
    `,
    );
    assert.ok(got.includes('say') && got.includes('asks') && got.includes('yesNo') && got.includes('next'));
    assert.ok(!got.includes('prompt') && !got.includes('kind'));
  });

  it('proposes choice properties for a choice step and a half-typed key', () => {
    const got = items(
      HEAD +
        `
      steps:
        decide:
          kind: choice
          pro|
    `,
    );
    assert.ok(got.some((i) => i.label === 'prompt'));
    assert.ok(!got.some((i) => i.label === 'say'));
    const prompt = got.find((i) => i.label === 'prompt')!;
    assert.deepEqual(prompt.range?.start.character, 4);
  });

  it('proposes enum values (kind, level, asks in a flow list)', () => {
    assert.deepEqual(
      labels(
        HEAD +
          `
      steps:
        a:
          kind: |
    `,
      ),
      ['caller', 'handler', 'action', 'choice', 'timer', 'end'],
    );
    assert.deepEqual(labels('level: |\n'), ['foundation', 'intermediate', 'advanced']);
    const asks = labels(
      HEAD +
        `
      steps:
        a:
          kind: handler
          asks: [location, |]
    `,
    );
    assert.ok(asks.includes('weapons'));
  });

  it('proposes block sequence values after a dash', () => {
    const got = items(
      HEAD +
        `
      steps:
        a:
          kind: caller
          facts:
            - kn|
    `,
    );
    assert.ok(got.some((i) => i.label === 'knife'));
    assert.equal(got[0].range?.start.character, 8);
  });

  it('proposes step ids after next: with the step text as detail', () => {
    const got = items(
      HEAD +
        `
      steps:
        answer:
          kind: handler
          say: Police emergency, what is the address?
          next: |
        give-address:
          kind: caller
          say: 14 Elm Road
    `,
    );
    assert.deepEqual(
      got.map((i) => i.label),
      ['answer', 'give-address'],
    );
    assert.match(got[1].detail ?? '', /caller · 14 Elm Road/);
  });

  describe('in a scenario with more steps than fit in one list', () => {
    // 300 steps in a chain; `loose` is a step nothing leads to yet. The cursor is at st-100's next.
    const chain = Array.from(
      { length: 300 },
      (_, i) =>
        `        st-${i}:\n          kind: handler\n          say: Step ${i}\n          next: ${i === 100 ? '|' : `st-${i + 1}`}\n`,
    ).join('');
    const doc = (tail: string) =>
      HEAD.replace('start: answer', 'start: st-0') +
      '      steps:\n' +
      chain.replace('next: |', `next: ${tail}`) +
      '        loose:\n          kind: end\n          outcome: {result: pass}\n';

    it('lists the best 100, marked incomplete: loose steps first, then the steps after the cursor', () => {
      const { doc: d, pos, project } = docAt(service, doc('|'));
      const list = service.complete(d, pos, project);
      assert.equal(list.incomplete, true);
      assert.equal(list.items.length, 100);
      const ordered = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      // st-101 is loose too (its only way in is the next being typed), so it ranks with `loose`; the
      // start step is not loose.
      assert.deepEqual(
        ordered.slice(0, 4).map((i) => i.label),
        ['st-101', 'loose', 'st-102', 'st-103'],
      );
    });

    it('filters by what is typed before the list is cut, prefix matches first', () => {
      const { doc: d, pos, project } = docAt(service, doc('st-29|'));
      const list = service.complete(d, pos, project);
      const labels = list.items.map((i) => i.label);
      assert.equal(list.incomplete, false, 'st-29 and st-290…299 and their subsequences fit');
      assert.ok(labels.includes('st-29') && labels.includes('st-299'));
      assert.ok(labels.every((l) => /s.*t.*-.*2.*9/.test(l)));
      const ordered = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      assert.ok(ordered[0].label.startsWith('st-29'));
    });
  });

  it('proposes step ids in a choice, a timeout and start', () => {
    const doc =
      HEAD.replace('start: answer', 'start: |') +
      `
      steps:
        answer: {kind: end}
    `;
    assert.deepEqual(labels(doc), ['answer']);
    assert.deepEqual(
      labels(
        HEAD +
          `
      steps:
        answer:
          kind: choice
          prompt: P
          choices:
            - label: One
              next: |
    `,
      ),
      ['answer'],
    );
    assert.deepEqual(
      labels(
        HEAD +
          `
      steps:
        answer:
          kind: caller
          timeout: {seconds: 20, next: |}
    `,
      ),
      ['answer'],
    );
  });

  it('proposes grade codes with aliases in the filter text', () => {
    const got = items(
      HEAD +
        `
      expected:
        grade: G|
    `,
    );
    const emergency = got.find((i) => i.label === 'EMERGENCY')!;
    assert.ok(emergency, 'EMERGENCY proposed');
    assert.match(emergency.filterText ?? '', /\bG1\b/);
    assert.match(emergency.filterText ?? '', /\bIMMEDIATE\b/);
    assert.match(emergency.documentation ?? '', /Target/);
    assert.ok(!got.some((i) => i.label === 'C1'), 'no codes from another family');
  });

  it('proposes category codes quoted, and unquoted inside quotes', () => {
    const got = items(
      HEAD +
        `
      incident:
        category: 30|
    `,
    );
    const dom = got.find((i) => i.label === '304')!;
    assert.equal(dom.insertText, '"304"');
    const quoted = items(
      HEAD +
        `
      incident:
        category: "30|"
    `,
    );
    assert.equal(quoted.find((i) => i.label === '304')!.insertText, '304');
  });

  it('proposes qualifier, ambulance codes and determinant levels in steps', () => {
    const step = (line: string) =>
      HEAD +
      `
      steps:
        g:
          kind: action
          action: grade
          ${line}
    `;
    assert.ok(labels(step('qualifiers: ["|"]')).includes('635'));
    assert.ok(labels(step('ambulance: |')).includes('C1'));
    const det = items(step('determinant: 9-|'));
    assert.ok(det.some((i) => i.label === '9-E-…' && /ECHO/.test(i.detail ?? '')));
    assert.ok(labels(step('handover:\n            grade: |')).includes('PRIORITY'));
  });

  it('offers a snippet for each step kind under steps:', () => {
    const got = items(
      HEAD +
        `
      steps:
        answer: {kind: end}
        |
    `,
    );
    assert.deepEqual(
      got.map((i) => i.label),
      ['caller step', 'handler step', 'action step', 'choice step', 'timer step', 'end step'],
    );
    assert.ok(got.every((i) => i.snippet && /kind: /.test(i.insertText ?? '')));
  });

  it('offers a new choice in a choices list', () => {
    const got = items(
      HEAD +
        `
      steps:
        d:
          kind: choice
          prompt: P
          choices:
            - label: A
              next: d
            - |
    `,
    );
    assert.ok(got.some((i) => i.label === 'new choice' && i.insertText?.startsWith('label:')));
  });

  it('works on a broken document', () => {
    const got = labels(
      HEAD +
        `
      steps:
        answer:
          kind: handler
          say: "unterminated
          next: |
        other: {kind: end
    `,
    );
    assert.ok(got.includes('answer'));
  });

  it('proposes nothing inside a comment', () => {
    assert.deepEqual(labels('# a comment |\n'), []);
  });
});
