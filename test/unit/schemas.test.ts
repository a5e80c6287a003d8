/**
 * The published schemas (scenario, catalogue, config) and the shipped default catalogue: they compile in
 * strict mode with the discriminator, they list exactly the vocabularies of format.ts, they give the
 * errors the editor relies on, and every property is documented for hover, completion and the README.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import {
  ACTIONS,
  AGENCIES,
  ASKS,
  CALLER_EVENTS,
  FACTS,
  RESULTS,
  SPEAKERS,
  STEP_ID_PATTERN,
  STEP_KINDS,
  THRIVE_KEYS,
  VULNERABILITIES,
} from '../../server/src/service/model/vocabulary';

type Json = Record<string, unknown>;

const root = join(__dirname, '..', '..');
const readJson = (path: string): Json => JSON.parse(readFileSync(join(root, path), 'utf8')) as Json;

const scenarioSchema = readJson('schemas/scenario.schema.json');
const codesSchema = readJson('schemas/codes.schema.json');
const configSchema = readJson('schemas/config.schema.json');
const defaultCodes = readJson('server/src/service/model/default-codes.json');

function newAjv(): Ajv2020 {
  return new Ajv2020({ allErrors: true, discriminator: true, strict: true, verbose: true });
}

/** The value at a path of keys, failing the test if any step is missing. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    assert.ok(
      current !== null && typeof current === 'object',
      `no object at ${path.join('.')} (stopped before ${key})`,
    );
    assert.ok(key in current, `missing ${path.join('.')} (no ${key})`);
    current = (current as Json)[key];
  }
  return current;
}

/** Every subschema with its JSON-pointer-ish location, depth first. */
function* walk(schema: unknown, where = '#'): Generator<[Json, string]> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const node = schema as Json;
  yield [node, where];
  for (const map of ['properties', '$defs']) {
    const children = node[map];
    if (children && typeof children === 'object') {
      for (const [key, child] of Object.entries(children)) yield* walk(child, `${where}/${map}/${key}`);
    }
  }
  for (const single of ['items', 'additionalProperties', 'propertyNames'])
    yield* walk(node[single], `${where}/${single}`);
  for (const list of ['oneOf', 'anyOf', 'allOf']) {
    const branches = node[list];
    if (Array.isArray(branches))
      for (const [i, b] of branches.entries()) yield* walk(b, `${where}/${list}/${i}`);
  }
}

function compileScenario(): ValidateFunction {
  return newAjv().compile(scenarioSchema);
}

const SMALL_SCENARIO = `
callflow: 1
id: silent-999-domestic
title: Silent 999 from a mobile
version: "1.0"
level: foundation
audience: [call-handler]
call: {line: 999, device: mobile, silent: true}
caller:
  who: Woman in her 30s, at home
  vulnerability: [domestic-abuse]
  phone: "07700 900123"
incident: {category: "304", qualifiers: ["633"], location: "14 Elm Road, Harbury"}
expected:
  grade: [EMERGENCY]
  thrive: {threat: Ex-partner inside, vulnerability: Domestic abuse victim}
  actions: [dispatch]
  targets: {location: 30, grade: 90}
start: answer
steps:
  answer:
    kind: handler
    say: Police emergency, what is the address of your emergency?
    asks: [location]
    seconds: 5
    next: give-address
    timeout: {seconds: 20, next: line-drops}
  give-address:
    kind: caller
    say: (whispering) 14 Elm Road... he's downstairs.
    event: speech
    facts: [suspect-on-premises]
    quote: He said he'll kill me
    next: decide
  decide:
    kind: choice
    prompt: What does the trainee do next?
    choices:
      - {label: Grade it and send officers, next: grade-it, score: 2}
      - {label: End the call, next: done, score: -5, critical: Leaves a caller in danger alone}
  grade-it:
    kind: action
    action: grade
    grade: EMERGENCY
    rationale: Threat to life, suspect on premises
    to: police
    handover: {location: 14 Elm Road, threats: '"I will kill you"'}
    next: done
  line-drops:
    kind: timer
    seconds: 30
    event: disconnect
    next: done
  done:
    kind: end
    say: Officers arrive.
    outcome: {result: pass, grade: EMERGENCY}
`;

describe('schemas', () => {
  describe('compile in strict mode with the discriminator', () => {
    for (const [name, schema] of [
      ['scenario', scenarioSchema],
      ['codes', codesSchema],
      ['config', configSchema],
    ] as const) {
      it(`${name}.schema.json`, () => {
        assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
        assert.equal(schema.$id, `https://callflow.studio/schemas/${name}.schema.json`);
        assert.doesNotThrow(() => newAjv().compile(schema));
      });
    }
  });

  describe('scenario vocabularies match format.ts', () => {
    const defs = at(scenarioSchema, '$defs') as Json;
    const branch = (name: string, ...path: string[]) => at(defs, name, 'properties', ...path);
    const stepBranches = ['callerStep', 'handlerStep', 'actionStep', 'choiceStep', 'timerStep', 'endStep'];

    it('STEP_KINDS: the discriminator branches, in order', () => {
      const step = at(defs, 'step') as Json;
      assert.deepEqual(step.discriminator, { propertyName: 'kind' });
      const kinds = (step.oneOf as Json[]).map((ref) => {
        const name = String(ref.$ref).replace('#/$defs/', '');
        const def = at(defs, name) as Json;
        assert.ok((def.required as string[]).includes('kind'), `${name} requires kind`);
        assert.equal(def.additionalProperties, false, `${name} is closed`);
        return at(def, 'properties', 'kind', 'const');
      });
      assert.deepEqual(kinds, [...STEP_KINDS]);
    });

    it('STEP_ID_PATTERN: step ids', () => {
      const steps = at(scenarioSchema, 'properties', 'steps') as Json;
      assert.equal(at(steps, 'propertyNames', 'pattern'), STEP_ID_PATTERN.source);
      assert.deepEqual(steps.additionalProperties, { $ref: '#/$defs/step' });
      assert.equal(steps.minProperties, 1);
    });

    it('ASKS', () => assert.deepEqual(branch('handlerStep', 'asks', 'items', 'enum'), [...ASKS]));

    it('FACTS on every step kind and every choice', () => {
      for (const name of stepBranches)
        assert.deepEqual(branch(name, 'facts', 'items', 'enum'), [...FACTS], name);
      assert.deepEqual(branch('choiceStep', 'choices', 'items', 'properties', 'facts', 'items', 'enum'), [
        ...FACTS,
      ]);
    });

    it('ACTIONS: action steps, expected and outcome', () => {
      assert.deepEqual(branch('actionStep', 'action', 'enum'), [...ACTIONS]);
      assert.deepEqual(
        at(scenarioSchema, 'properties', 'expected', 'properties', 'actions', 'items', 'enum'),
        [...ACTIONS],
      );
      assert.deepEqual(branch('endStep', 'outcome', 'properties', 'actions', 'items', 'enum'), [...ACTIONS]);
    });

    it('AGENCIES', () => assert.deepEqual(branch('actionStep', 'to', 'enum'), [...AGENCIES]));

    it('VULNERABILITIES: caller and subject', () => {
      for (const who of ['caller', 'subject'])
        assert.deepEqual(
          at(scenarioSchema, 'properties', who, 'properties', 'vulnerability', 'items', 'enum'),
          [...VULNERABILITIES],
          who,
        );
    });

    it('SPEAKERS: caller steps', () =>
      assert.deepEqual(branch('callerStep', 'speaker', 'enum'), [...SPEAKERS]));

    it('CALLER_EVENTS: caller and timer steps', () => {
      assert.deepEqual(branch('callerStep', 'event', 'enum'), [...CALLER_EVENTS]);
      assert.deepEqual(branch('timerStep', 'event', 'enum'), [...CALLER_EVENTS]);
    });

    it('RESULTS', () =>
      assert.deepEqual(branch('endStep', 'outcome', 'properties', 'result', 'enum'), [...RESULTS]));

    it('THRIVE keys: expected and outcome', () => {
      const expected = at(
        scenarioSchema,
        'properties',
        'expected',
        'properties',
        'thrive',
        'properties',
      ) as Json;
      const outcome = branch('endStep', 'outcome', 'properties', 'thrive', 'properties') as Json;
      assert.deepEqual(Object.keys(expected), [...THRIVE_KEYS]);
      assert.deepEqual(Object.keys(outcome), [...THRIVE_KEYS]);
    });

    it('no other copy of a vocabulary drifts', () => {
      const vocab: Record<string, readonly string[]> = {
        asks: ASKS,
        facts: FACTS,
        action: ACTIONS,
        actions: ACTIONS,
        to: AGENCIES,
        vulnerability: VULNERABILITIES,
        event: CALLER_EVENTS,
        result: RESULTS,
        speaker: SPEAKERS,
      };
      let checked = 0;
      for (const [node, where] of walk(scenarioSchema)) {
        const props = node.properties as Record<string, Json> | undefined;
        for (const [name, prop] of Object.entries(props ?? {})) {
          const values = prop.enum ?? (prop.items as Json | undefined)?.enum;
          if (values === undefined || !(name in vocab)) continue;
          assert.deepEqual(values, [...vocab[name]!], `${where}/properties/${name}`);
          checked++;
        }
      }
      assert.ok(checked === 18, `only ${checked} vocabulary properties found`);
    });
  });

  describe('scenario validation', () => {
    const validate = compileScenario();
    const errorsFor = (doc: unknown): ErrorObject[] => (validate(doc) ? [] : [...(validate.errors ?? [])]);
    const withStep = (step: unknown): Json => ({
      callflow: 1,
      id: 'x',
      title: 'X',
      start: 'a',
      steps: { a: step },
    });

    it('accepts a small scenario that uses every step kind', () => {
      const errors = errorsFor(parse(SMALL_SCENARIO));
      assert.deepEqual(
        errors.map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`),
        [],
      );
    });

    it('a wrong kind gives exactly one (discriminator) error', () => {
      const errors = errorsFor(withStep({ kind: 'narrator', say: 'Hello' }));
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]!.keyword, 'discriminator');
      assert.equal(errors[0]!.instancePath, '/steps/a');
    });

    it('an unknown step property gives an additionalProperties error', () => {
      const errors = errorsFor(withStep({ kind: 'handler', say: 'Hello', colour: 'red' }));
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]!.keyword, 'additionalProperties');
      assert.equal(errors[0]!.instancePath, '/steps/a');
      assert.equal(errors[0]!.params.additionalProperty, 'colour');
    });

    it('kind-specific required properties', () => {
      const missing = (step: Json) =>
        errorsFor(withStep(step)).map((e) => `${e.keyword}:${String(e.params.missingProperty)}`);
      assert.deepEqual(missing({ kind: 'handler' }), ['required:say']);
      assert.deepEqual(missing({ kind: 'action' }), ['required:action']);
      assert.deepEqual(missing({ kind: 'timer', seconds: 5 }), ['required:next']);
      assert.deepEqual(missing({ kind: 'choice', prompt: 'What now?' }), ['required:choices']);
      assert.deepEqual(missing({ kind: 'end' }), []);
      assert.deepEqual(missing({ kind: 'caller' }), []);
    });

    it('end steps take no timeout; choice steps no next', () => {
      const unknown = (step: Json) => errorsFor(withStep(step)).map((e) => e.params.additionalProperty);
      assert.deepEqual(unknown({ kind: 'end', timeout: { seconds: 5, next: 'a' } }), ['timeout']);
      assert.deepEqual(
        unknown({ kind: 'choice', prompt: 'p', choices: [{ label: 'l', next: 'a' }], next: 'a' }),
        ['next'],
      );
    });

    it('step ids must match the pattern; steps must not be empty', () => {
      const base = { callflow: 1, id: 'x', title: 'X', start: 'a' };
      assert.ok(
        errorsFor({ ...base, steps: { '1st': { kind: 'end' } } }).some((e) => e.keyword === 'pattern'),
      );
      assert.ok(errorsFor({ ...base, steps: {} }).some((e) => e.keyword === 'minProperties'));
    });

    it('call.line takes the emergency numbers and text-relay', () => {
      const line = (value: unknown) =>
        errorsFor({ ...withStep({ kind: 'end' }), call: { line: value } }).length === 0;
      for (const ok of [999, 101, 112, 911, 105, 'text-relay']) assert.ok(line(ok), String(ok));
      for (const bad of [998, '999', 'relay']) assert.ok(!line(bad), String(bad));
    });

    it('expected.grade is a code or a non-empty list of distinct codes', () => {
      const grade = (value: unknown) =>
        errorsFor({ ...withStep({ kind: 'end' }), expected: { grade: value } }).length === 0;
      assert.ok(grade('EMERGENCY'));
      assert.ok(grade(['SCHEDULED', 'RWD']));
      assert.ok(!grade([]));
      assert.ok(!grade(['RWD', 'RWD']));
      assert.ok(!grade(1));
    });

    it('the top level is closed and requires the essentials', () => {
      const errors = errorsFor({ callflow: 1, colour: 'red' });
      const missing = errors.filter((e) => e.keyword === 'required').map((e) => e.params.missingProperty);
      assert.deepEqual(missing.sort(), ['id', 'start', 'steps', 'title']);
      assert.ok(
        errors.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'colour'),
      );
    });
  });

  describe('documentation', () => {
    for (const [name, schema] of [
      ['scenario', scenarioSchema],
      ['codes', codesSchema],
      ['config', configSchema],
    ] as const) {
      it(`every property and definition in ${name}.schema.json has a title and a description`, () => {
        const missing: string[] = [];
        const documented = (node: unknown, where: string) => {
          const n = node as Json;
          if (typeof n.title !== 'string' || n.title.trim() === '') missing.push(`${where} (title)`);
          if (typeof n.description !== 'string' || n.description.trim() === '')
            missing.push(`${where} (description)`);
        };
        documented(schema, '#');
        for (const [node, where] of walk(schema)) {
          for (const map of ['properties', '$defs'] as const) {
            for (const [key, child] of Object.entries((node[map] as Json | undefined) ?? {}))
              documented(child, `${where}/${map}/${key}`);
          }
        }
        assert.deepEqual(missing, []);
      });
    }
  });

  describe('config schema', () => {
    const validate = newAjv().compile(configSchema);
    it('accepts the documented example', () => {
      const config = parse(`
callflow: 1
catalogue: codes/harbury.codes.yaml
rules:
  flow/unreachable-step: warning
  domain/location-first: error
files: ["**/*.scenario.yaml", "**/*.scenario.yml"]
`);
      assert.ok(validate(config), JSON.stringify(validate.errors));
      assert.ok(validate({ callflow: 1, catalogue: ['a.codes.yaml', 'b.codes.yaml'] }));
    });
    it('rejects bad rule ids and levels', () => {
      assert.ok(!validate({ callflow: 1, rules: { 'Flow/x': 'error' } }));
      assert.ok(!validate({ callflow: 1, rules: { 'flow/x': 'fatal' } }));
    });
  });

  describe('default catalogue', () => {
    type Code = {
      code: string;
      aliases?: string[];
      rank?: number;
      emergency?: boolean;
      targetSeconds?: number;
    };
    type Family = { codes?: Code[] };
    const families = at(defaultCodes, 'families') as Record<string, Family>;

    it('validates against codes.schema.json', () => {
      const validate = newAjv().compile(codesSchema);
      assert.ok(validate(defaultCodes), JSON.stringify(validate.errors, null, 2));
    });

    it('has the families the rules read', () => {
      assert.deepEqual(Object.keys(families).sort(), [
        'ambulance',
        'category',
        'grade',
        'qualifier',
        'thrive',
      ]);
    });

    it('(family, code) is unique, and aliases are unique within a family and never clash with a code', () => {
      for (const [family, { codes = [] }] of Object.entries(families)) {
        const seen = new Map<string, string>();
        for (const entry of codes) {
          for (const key of [entry.code, ...(entry.aliases ?? [])]) {
            assert.ok(!seen.has(key), `${family}: "${key}" used by ${seen.get(key)} and ${entry.code}`);
            seen.set(key, entry.code);
          }
        }
      }
    });

    it('grades: ranked 1..n, EMERGENCY is the only emergency grade, targets in seconds', () => {
      const grades = families.grade!.codes!;
      assert.deepEqual(
        grades.map((g) => [g.code, g.rank]),
        [
          ['EMERGENCY', 1],
          ['PRIORITY', 2],
          ['SCHEDULED', 3],
          ['RWD', 4],
        ],
      );
      assert.deepEqual(
        grades.filter((g) => g.emergency).map((g) => g.code),
        ['EMERGENCY'],
      );
      assert.equal(grades[0]!.targetSeconds, 900);
      assert.equal(grades[1]!.targetSeconds, 3600);
    });

    it('THRIVE has the six factors', () => {
      assert.deepEqual(
        families.thrive!.codes!.map((c) => c.code),
        ['T', 'H', 'R', 'I', 'V', 'E'],
      );
    });

    it('ambulance categories carry rank and target seconds', () => {
      assert.deepEqual(
        families.ambulance!.codes!.map((c) => [c.code, c.rank, c.targetSeconds]),
        [
          ['C1', 1, 420],
          ['C2', 2, 1080],
          ['C3', 3, 7200],
          ['C4', 4, 10800],
        ],
      );
    });

    it('the determinant pattern accepts the documented forms and every level maps to known ambulance codes', () => {
      const pattern = new RegExp(String(at(defaultCodes, 'determinant', 'pattern')), 'u');
      for (const ok of ['9-E-1', '6-D-1A', '26-A-10', '12-Ω-1', '12-O-1', '38-C-2'])
        assert.ok(pattern.test(ok), ok);
      for (const bad of ['9E1', '9-X-1', '0-E-1', '9-E-', 'E-9-1']) assert.ok(!pattern.test(bad), bad);
      const groups = pattern.exec('6-D-1A')?.groups;
      assert.deepEqual({ ...groups }, { complaint: '6', level: 'D', sub: '1', suffix: 'A' });
      assert.deepEqual(at(defaultCodes, 'determinant', 'complaintRange'), [1, 38]);

      const ambulance = new Set(families.ambulance!.codes!.map((c) => c.code));
      const levels = at(defaultCodes, 'determinant', 'levels') as Record<
        string,
        { ambulance?: string[]; aliases?: string[] }
      >;
      assert.deepEqual(Object.keys(levels).sort(), ['A', 'B', 'C', 'D', 'E', 'Ω']);
      assert.deepEqual(levels['Ω']!.aliases, ['O']);
      for (const [level, { ambulance: codes = [] }] of Object.entries(levels)) {
        assert.ok(codes.length > 0, `${level} has ambulance categories`);
        for (const code of codes) assert.ok(ambulance.has(code), `${level} → ${code}`);
      }
    });
  });
});
