/**
 * One mistake, one problem, first: each kind of YAML slip a trainer makes (a tab, a key indented too far
 * or not far enough — a step's last key then reads as a step —, `: ` in unquoted text, a step id written
 * twice, an unknown `*alias`), made at three places in every sample, gives at most three problems, the
 * first of them on the slip's line and in words that name it; the problems it spoils are held back (and
 * counted in the first).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createNodeHost, loadProjectFor, pathToUri } from '../../server/src/node/project';
import { createScenarioService, type Problem } from '../../server/src/service';

const root = join(__dirname, '..', '..');
const service = createScenarioService(createNodeHost());

function samples(dir = join(root, 'samples')): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? samples(join(dir, e.name))
        : e.name.endsWith('.scenario.yaml')
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

/** A slip: the changed text and the (0-based) line of the slip. */
interface Slip {
  text: string;
  line: number;
}

/** Three places spread over a list (a quarter, half and three quarters of the way). */
function spread<T>(items: T[]): T[] {
  return [...new Set([0.25, 0.5, 0.75].map((f) => items[Math.floor(items.length * f)]))];
}

/** The slips of each kind, made at three places of a scenario. */
function slips(text: string): Record<string, Slip[]> {
  const lines = text.split('\n');
  const start = lines.indexOf('steps:');
  const at = (pattern: RegExp) => lines.flatMap((l, i) => (i > start && pattern.test(l) ? [i] : []));
  const edit = (i: number, line: string): Slip => {
    const copy = [...lines];
    copy[i] = line;
    return { text: copy.join('\n'), line: i };
  };
  // `say:` lines of steps followed by another key of the same step.
  const says = at(/^ {4}say: \S/).filter((i) => /^ {4}[a-z]/i.test(lines[i + 1] ?? ''));
  const words = (i: number) =>
    lines[i]
      .slice(9)
      .replace(/^["']|["']$/g, '')
      .replace(/[:#*&]/g, '');
  const ids = at(/^ {2}[A-Za-z][\w-]*:$/);
  // `next:` lines that end a step (the next line is a step id).
  const lastNexts = at(/^ {4}next: \S/).filter((i) => /^ {2}[A-Za-z]/.test(lines[i + 1] ?? ''));
  return {
    tab: spread(says).map((i) => edit(i, '\t' + lines[i].slice(2))),
    'over-indented': spread(says).map((i) => edit(i, '  ' + lines[i])),
    'under-indented': spread(says).map((i) => edit(i, lines[i].slice(2))),
    'under-indented last key': spread(lastNexts).map((i) => edit(i, lines[i].slice(2))),
    'colon in text': spread(says).map((i) => edit(i, `    say: Note: ${words(i)}`)),
    'duplicate step id': spread(ids.slice(1)).map((i) => edit(i, lines[ids[ids.indexOf(i) - 1]])),
    'unknown alias': spread(says).map((i) => edit(i, `    say: *whispering* ${words(i)}`)),
  };
}

/** What a trainer should read first for each kind of slip. */
const NAMED: Record<string, RegExp> = {
  tab: /indented with a tab/,
  'over-indented': /`say:` is indented deeper than `\w+:` above it/,
  'under-indented': /`say:` is indented less than `\w+:` above it/,
  'under-indented last key':
    /`next:` is indented less than `\w+:` above it, so YAML reads it as a step called `next`/,
  'colon in text': /contains `: `.*quotes/,
  'duplicate step id': /written twice: YAML keeps/,
  'unknown alias': /`\*whispering\*` refers to an anchor/,
};

function check(file: string, text: string): Problem[] {
  const uri = pathToUri(file);
  return service.validate(service.parse(uri, text), loadProjectFor(service, uri));
}

describe('one mistake, one problem, first', () => {
  const files = samples();
  it('finds the samples', () => assert.ok(files.length >= 12));
  for (const file of files) {
    const name = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    it(`${name} checks clean as it is`, () => assert.deepEqual(check(file, text), []));
    for (const [kind, list] of Object.entries(slips(text)))
      it(`${name}: ${kind}`, () => {
        assert.equal(list.length, 3, 'three places');
        for (const slip of list) {
          const found = check(file, slip.text);
          const where = `slip on line ${slip.line + 1}: ${found.map((p) => `${p.range.start.line + 1} ${p.ruleId} ${p.message}`).join(' | ')}`;
          assert.ok(found.length >= 1 && found.length <= 3, where);
          assert.equal(found[0].range.start.line, slip.line, where);
          assert.match(found[0].message, NAMED[kind], where);
        }
      });
  }

  it('reports an unknown alias at the alias, with did-you-mean over the anchors in the file', () => {
    const text = [
      'callflow: 1',
      'id: anchors',
      'title: Hand-overs written once',
      'start: transfer',
      'steps:',
      '  transfer:',
      '    kind: action',
      '    action: transfer',
      '    to: other-force',
      '    handover: &westmere-handover',
      '      location: 22 Linden Close, Kelford',
      '      nature: Ex-partner breaking in',
      '      grade: EMERGENCY',
      '      hazards: Suspect inside',
      '    next: conference',
      '  conference:',
      '    kind: action',
      '    action: conference',
      '    to: other-force',
      '    handover: *westmere-handovr',
      '    next: done',
      '  done: {kind: end, outcome: {result: pass}}',
      '',
    ].join('\n');
    const [first, ...rest] = check(join(root, 'anchors.scenario.yaml'), text);
    assert.equal(first.range.start.line, 19);
    assert.equal(first.range.start.character, 14);
    assert.match(first.message, /Did you mean `\*westmere-handover`\?/);
    assert.equal(first.fixes?.[0].edits[0].newText, '*westmere-handover');
    assert.ok(rest.length <= 2, rest.map((p) => p.message).join(' | '));
  });

  it('reads a step id written twice as YAML does: the last step, in its place', () => {
    const text = [
      'callflow: 1',
      'id: twice',
      'title: A step id written twice',
      'start: answer',
      'steps:',
      '  answer: {kind: handler, say: Police emergency, asks: [location], next: done}',
      '  done: {kind: handler, say: Old draft, next: nowhere}',
      '  done: {kind: end, outcome: {result: pass}}',
      '',
    ].join('\n');
    const doc = service.parse('file:///twice.scenario.yaml', text);
    const done = doc.stepsById.get('done')!;
    assert.equal(done.keyRange.start.line, 7);
    assert.equal(done.data?.kind, 'end');
    assert.equal(doc.steps.length, 2);
    const found = check(join(root, 'twice.scenario.yaml'), text);
    assert.deepEqual(
      found.map((p) => `${p.range.start.line} ${p.ruleId}`),
      ['7 yaml/duplicate-key'],
    );
    assert.match(found[0].message, /YAML keeps this one \(line 8\) and drops the one on line 7/);
  });

  it('offers the fix that undoes the slip', () => {
    const file = files[3];
    const text = readFileSync(file, 'utf8');
    for (const [kind, list] of Object.entries(slips(text))) {
      if (kind === 'duplicate step id') continue;
      const slip = list[0];
      const fix = check(file, slip.text)[0].fixes?.find((f) => f.preferred);
      assert.ok(fix, `${kind}: a preferred fix`);
      const lines = slip.text.split('\n');
      for (const e of [...fix.edits].reverse()) {
        const l = lines[e.range.start.line];
        lines[e.range.start.line] =
          l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
      }
      assert.deepEqual(check(file, lines.join('\n')), [], `${kind}: the fixed text checks clean`);
    }
  });
});
