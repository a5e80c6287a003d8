import * as assert from 'node:assert/strict';
import { memoryService, docAt } from '../support/feature-service';
import type { Problem, Range } from '../../server/src/service';

const service = memoryService();
const SCENARIO = (cursorAt: string) =>
  `
      callflow: 1
      id: t
      title: T
      start: answer
      expected:
        grade: EMERGENCY
        determinant: 9-E-1
      steps:
        answer:
          kind: handler
          say: Police emergency, what is the address?
          next: give-address
        give-address:
          kind: caller
          say: 14 Elm Road
          next: decide
          timeout: {seconds: 20, next: done}
        decide:
          kind: choice
          prompt: What now?
          choices:
            - label: Grade it
              next: done
            - label: Ask again
              next: answer
        done:
          kind: end
  `.replace(cursorAt.replace('@', ''), cursorAt.replace('@', '|'));

const text = (range: Range, doc: { lines: { lineText(l: number): string } }) =>
  doc.lines.lineText(range.start.line).slice(range.start.character, range.end.character);

describe('hover', () => {
  it('documents a key from the schema', () => {
    const { doc, pos, project } = docAt(service, SCENARIO('st@art:'));
    const h = service.hover(doc, pos, project)!;
    assert.match(h.markdown, /\*\*First step\*\*/);
  });

  it('explains a grade code and an alias', () => {
    const { doc, pos, project } = docAt(service, SCENARIO('EMER@GENCY'));
    assert.match(service.hover(doc, pos, project)!.markdown, /Emergency[\s\S]*Target/);
    const alias = docAt(service, SCENARIO('EMER@GENCY').replace('EMER|GENCY', 'G|1'));
    assert.match(
      service.hover(alias.doc, alias.pos, alias.project)!.markdown,
      /another way to write \*\*EMERGENCY\*\*/,
    );
  });

  it('explains a determinant level', () => {
    const { doc, pos, project } = docAt(service, SCENARIO('9-E@-1'));
    assert.match(service.hover(doc, pos, project)!.markdown, /ECHO/);
  });

  it('summarises the step a next: or start: points to', () => {
    const { doc, pos, project } = docAt(service, SCENARIO('next: give@-address'));
    const h = service.hover(doc, pos, project)!;
    assert.match(h.markdown, /\*\*give-address\*\* · caller step/);
    assert.match(h.markdown, /14 Elm Road/);
    const start = docAt(service, SCENARIO('start: ans@wer'));
    assert.match(service.hover(start.doc, start.pos, start.project)!.markdown, /handler step/);
  });
});

describe('symbols and folding', () => {
  it('outlines metadata, expected and steps with their kind', () => {
    const { doc } = docAt(service, SCENARIO('@callflow'));
    const syms = service.symbols(doc);
    assert.deepEqual(
      syms.map((s) => s.name),
      ['callflow', 'id', 'title', 'start', 'expected', 'steps'],
    );
    const steps = syms.find((s) => s.name === 'steps')!;
    assert.deepEqual(
      steps.children!.map((s) => [s.name, s.detail?.split(' ')[0]]),
      [
        ['answer', 'handler'],
        ['give-address', 'caller'],
        ['decide', 'choice'],
        ['done', 'end'],
      ],
    );
    assert.deepEqual(
      steps.children![2].children!.map((c) => c.name),
      ['Grade it', 'Ask again'],
    );
    assert.deepEqual(
      syms.find((s) => s.name === 'expected')!.children!.map((c) => c.name),
      ['grade', 'determinant'],
    );
  });

  it('folds mappings and lists', () => {
    const { doc } = docAt(service, SCENARIO('@callflow'));
    const folds = service.foldingRanges(doc);
    assert.ok(
      folds.some((f) => f.startLine === 7 && f.endLine === 26),
      JSON.stringify(folds),
    );
    assert.ok(folds.some((f) => f.startLine === 8 && f.endLine === 11));
  });
});

describe('navigation', () => {
  it('goes to the step a next: names', () => {
    const { doc, pos } = docAt(service, SCENARIO('next: dec@ide'));
    const def = service.definition(doc, pos)!;
    assert.equal(def.start.line, 17);
    assert.equal(text(def, doc), 'decide');
  });

  it('finds every reference, with or without the declaration', () => {
    const { doc, pos } = docAt(service, SCENARIO('  do@ne:'));
    assert.equal(service.references(doc, pos, true).length, 3);
    assert.equal(service.references(doc, pos, false).length, 2);
    assert.equal(service.highlights(doc, pos).length, 3);
  });

  it('renames a step everywhere: key, start, next, choices and timeouts', () => {
    const { doc, pos } = docAt(service, SCENARIO('an@swer:'));
    const prep = service.prepareRename(doc, pos);
    assert.deepEqual(prep && 'placeholder' in prep ? prep.placeholder : prep, 'answer');
    const r = service.rename(doc, pos, 'pick-up');
    assert.ok('edits' in r);
    assert.equal(r.edits.length, 3);
    const done = docAt(service, SCENARIO('next: do@ne'));
    const r2 = service.rename(done.doc, done.pos, 'finish');
    assert.ok('edits' in r2 && r2.edits.length === 3);
  });

  it('rejects a taken or invalid id', () => {
    const { doc, pos } = docAt(service, SCENARIO('an@swer:'));
    assert.match((service.rename(doc, pos, 'done') as { error: string }).error, /already a step/);
    assert.match((service.rename(doc, pos, '1st step') as { error: string }).error, /not a valid step id/);
  });

  it('has nothing to rename outside step ids', () => {
    const { doc, pos } = docAt(service, SCENARIO('ti@tle'));
    assert.equal(service.prepareRename(doc, pos), undefined);
    assert.equal(service.definition(doc, pos), undefined);
  });
});

describe('code actions', () => {
  const all = (marked: string) => {
    const { doc, project } = docAt(service, marked);
    const problems = service.validate(doc, project);
    return { doc, problems };
  };
  const actionsFor = (doc: ReturnType<typeof all>['doc'], problems: Problem[], ruleId: string) => {
    const p = problems.find((x) => x.ruleId === ruleId);
    assert.ok(p, `a ${ruleId} problem in ${JSON.stringify(problems.map((x) => x.ruleId))}`);
    return { p: p!, fixes: service.codeActions(doc, p!.range, [p!]) };
  };

  it('offers the rule fixes for a dangling next (did you mean, create the step)', () => {
    const { doc, problems } = all(SCENARIO('@callflow').replace('next: decide', 'next: decid'));
    const { fixes } = actionsFor(doc, problems, 'flow/dangling-next');
    assert.ok(
      fixes.some((f) => /decide/.test(f.title)),
      JSON.stringify(fixes.map((f) => f.title)),
    );
    assert.ok(fixes.some((f) => /Create step/.test(f.title)));
  });

  it('adds a missing required property at the end of the mapping', () => {
    const { doc, problems } = all(SCENARIO('@callflow').replace(/ *prompt: What now\?\n/, ''));
    const { fixes } = actionsFor(doc, problems, 'schema/required');
    const add = fixes.find((f) => /Add missing property `prompt`/.test(f.title))!;
    assert.ok(add, JSON.stringify(fixes.map((f) => f.title)));
    assert.equal(add.edits[0].newText, '\n    prompt: ""');
  });

  it('suppresses a rule above the problem line with its indentation', () => {
    const { doc, problems } = all(SCENARIO('@callflow').replace('next: decide', 'next: decid'));
    const { p, fixes } = actionsFor(doc, problems, 'flow/dangling-next');
    const suppress = fixes.find((f) => /Suppress/.test(f.title))!;
    assert.deepEqual(suppress.edits[0], {
      range: {
        start: { line: p.range.start.line, character: 0 },
        end: { line: p.range.start.line, character: 0 },
      },
      newText: '    # callflow-disable-next-line flow/dangling-next\n',
    });
  });
});

describe('hover on a suppression comment', () => {
  it('documents the rule it names', () => {
    const { doc, pos, project } = docAt(
      service,
      '# callflow-disable-next-line flow/dangl|ing-next\ncallflow: 1\n',
    );
    assert.match(service.hover(doc, pos, project)!.markdown, /\*\*flow\/dangling-next\*\*/);
  });
});
