// A lint rule for the core: no circle of imports between its files, type-only imports included
// (eslint-plugin-import's no-cycle skips those, and a circle of types is still a knot a newcomer has to
// untie). The import graph of the folder is read once per lint run.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*'(\.{1,2}\/[^']*)'/g;
const graphs = new Map();

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const c of [base + '.ts', join(base, 'index.ts')]) if (existsSync(c)) return c;
  return undefined;
}

/** Every file in a circle, with the circle it is in (Tarjan's strongly connected components). */
function circles(root) {
  const edges = new Map();
  for (const file of listTs(root)) {
    const text = readFileSync(file, 'utf8');
    const to = new Set();
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveSpec(file, m[1]);
      if (target && target.startsWith(root)) to.add(target);
    }
    edges.set(file, [...to]);
  }
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const inCircle = new Map();
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) for (const f of scc) inCircle.set(f, scc);
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return { edges, inCircle };
}

export default {
  rules: {
    'no-import-circle': {
      meta: {
        type: 'problem',
        schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
        messages: { circle: 'Import circle: {{path}}. Move the shared part to the room both build on.' },
      },
      create(context) {
        const root = resolve(context.cwd ?? process.cwd(), context.options[0]?.root ?? '.');
        if (!graphs.has(root)) graphs.set(root, circles(root));
        const { inCircle } = graphs.get(root);
        const file = resolve(context.filename);
        const scc = inCircle.get(file);
        if (!scc) return {};
        const members = new Set(scc);
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = resolveSpec(file, spec);
          if (!target || !members.has(target)) return;
          const names = scc.map((f) => relative(root, f)).sort();
          context.report({ node, messageId: 'circle', data: { path: names.join(' ↔ ') } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
      },
    },
  },
};
