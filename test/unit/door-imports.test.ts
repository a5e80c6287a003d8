/**
 * Tests and benchmarks reach the core through its door (server/src/service/index.ts) for every name the
 * door exports, so regrouping the rooms behind it does not churn them. Importing a deeper module is
 * fine for what the door does not export (the fast reader, reuse, incremental comparisons…).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const SERVICE = join(ROOT, 'server/src/service');

/** The names a module exports by `export { a, type b as c } from` / `export type { … }` and declarations. */
function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
  for (const m of source.matchAll(
    /export\s+(?:declare\s+)?(?:interface|type|const|function|class|enum)\s+(\w+)/g,
  ))
    names.push(m[1]);
  return names;
}

/** Every name the door exports, including `export type * from './x'`. */
function doorNames(): Set<string> {
  const door = readFileSync(join(SERVICE, 'index.ts'), 'utf8');
  const names = new Set(exportedNames(door));
  for (const m of door.matchAll(/export\s+(?:type\s+)?\*\s+from\s+'\.\/([^']+)'/g))
    for (const n of exportedNames(readFileSync(join(SERVICE, `${m[1]}.ts`), 'utf8'))) names.add(n);
  return names;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === 'fixtures' || f === 'e2e' ? [] : tsFiles(path);
    return f.endsWith('.ts') ? [path] : [];
  });
}

describe('tests reach the core through its door', () => {
  it('reads the door: the service factory, the problem types and the rule list', () => {
    const names = doorNames();
    for (const n of [
      'createScenarioService',
      'Problem',
      'ScenarioDocument',
      'ALL_RULE_INFO',
      'ScenarioService',
    ])
      assert.ok(names.has(n), n);
  });

  it('imports no name the door exports from a module behind it', () => {
    const names = doorNames();
    const deep: string[] = [];
    for (const file of [...tsFiles(join(ROOT, 'test')), ...tsFiles(join(ROOT, 'bench'))]) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']*server\/src\/service\/[^']+)'/g,
      )) {
        const through = m[1]
          .split(',')
          .map(
            (s) =>
              s
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)[0],
          )
          .filter((n) => n && names.has(n));
        if (through.length) deep.push(`${relative(ROOT, file)}: ${through.join(', ')} from ${m[2]}`);
      }
    }
    assert.deepEqual(deep, [], 'import these from server/src/service (the door)');
  });
});
