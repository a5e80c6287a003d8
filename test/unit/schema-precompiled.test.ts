import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { generate } from '../../bench/generate';
import {
  SchemaValidators,
  type Precompiled,
  type SchemaName,
} from '../../server/src/service/schema/validators';
import { precompiledSource } from '../../server/src/service/schema/code';
import { rng } from '../support/rng';

// The bundles validate with code the build generated from the schemas (ajv's standalone code) instead of
// compiling them at start-up. It must report exactly what compiling at run time reports: the same
// errors, in the same order, with the same paths, parameters, schema parts and data.

const ROOT = join(__dirname, '../..');

function loadPrecompiled(): Precompiled {
  const module = { exports: {} as Precompiled };
  new Function('module', 'exports', 'require', precompiledSource())(
    module,
    module.exports,
    createRequire(join(ROOT, 'package.json')),
  );
  return module.exports;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return f.endsWith('.yaml') ? [path] : [];
  });
}

function read(path: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Values a slip or a misunderstanding puts where another belongs. */
const WRONG: unknown[] = [null, 0, -1, 1.5, '', 'x', 'G9', true, [], {}, ['a'], { a: 1 }, '01:00', 'Grade 1'];

/** One random change to plain data: a value replaced, a key removed or added, an item dropped. */
function mutate(value: unknown, r: () => number): unknown {
  const copy = structuredClone(value);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      for (const c of Object.values(v)) walk(c);
    }
  };
  walk(copy);
  for (let k = 0; k < 1 + Math.floor(r() * 4); k++) {
    const c = containers[Math.floor(r() * containers.length)];
    const keys = Object.keys(c);
    const key = keys[Math.floor(r() * keys.length)];
    const roll = r();
    if (key === undefined || roll < 0.15) (c as Record<string, unknown>)[`extra${k}`] = 'x';
    else if (roll < 0.35) {
      if (Array.isArray(c)) c.splice(Number(key), 1);
      else delete c[key];
    } else (c as Record<string, unknown>)[key] = WRONG[Math.floor(r() * WRONG.length)];
  }
  return copy;
}

describe('precompiled schema validators', () => {
  const runtime = new SchemaValidators({});
  const precompiled = new SchemaValidators(loadPrecompiled());

  const same = (name: SchemaName | 'step', value: unknown, what: string): boolean => {
    const a = name === 'step' ? runtime.step() : runtime.get(name);
    const b = name === 'step' ? precompiled.step() : precompiled.get(name);
    const okA = a(value);
    const okB = b(value);
    assert.equal(okB, okA, `${what}: valid or not`);
    assert.deepEqual(b.errors ?? null, a.errors ?? null, `${what}: errors`);
    return okA;
  };

  it('exports a validator for every schema and for a step', () => {
    const loaded = loadPrecompiled();
    for (const name of ['scenario', 'codes', 'config', 'step'] as const)
      assert.equal(typeof loaded[name], 'function', name);
    assert.notEqual(precompiled.get('scenario'), runtime.get('scenario'));
  });

  it('agrees on every YAML file of the repository, as a scenario, a catalogue and a config', () => {
    const files = [...yamlFiles(join(ROOT, 'samples')), ...yamlFiles(join(ROOT, 'test/fixtures'))];
    let invalid = 0;
    for (const f of files) {
      const value = read(f);
      for (const name of ['scenario', 'codes', 'config'] as const)
        if (!same(name, value, `${f} (${name})`)) invalid++;
    }
    assert.ok(invalid > files.length, `${invalid} invalid checks: the files exercise the errors`);
  });

  it('agrees on 1,500 generated scenarios and steps with random wrong values', function () {
    this.timeout(120000);
    const r = rng(2718);
    const kinds = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { text } = generate({ steps: 3 + Math.floor(r() * 12), seed: 900 + i, id: `p${i}` });
      const value = parseYaml(text) as { steps: Record<string, unknown> };
      assert.ok(same('scenario', value, `generated ${i}`), `generated scenario ${i} is valid`);
      const mutated = mutate(value, r);
      same('scenario', mutated, `mutated ${i}`);
      for (const e of precompiled.get('scenario').errors ?? []) kinds.add(e.keyword);
      const steps = Object.values((mutated as typeof value).steps ?? {});
      if (steps.length) same('step', steps[Math.floor(r() * steps.length)], `step of mutated ${i}`);
    }
    for (const keyword of ['required', 'additionalProperties', 'type', 'enum'])
      assert.ok(kinds.has(keyword), `mutations produce ${keyword} errors (${[...kinds].join(', ')})`);
  });

  it('agrees on mutated catalogues and configs', () => {
    const r = rng(1618);
    for (const name of ['codes', 'config'] as const) {
      const files = yamlFiles(join(ROOT, 'test/fixtures')).filter((f) =>
        name === 'codes' ? f.endsWith('codes.yaml') : f.endsWith('callflow.config.yaml'),
      );
      assert.ok(files.length >= 2, name);
      for (const f of files)
        for (let i = 0; i < 100; i++) same(name, mutate(read(f), r), `${f} mutated ${i}`);
    }
  });
});
