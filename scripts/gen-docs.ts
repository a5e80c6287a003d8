/**
 * Generates the README's reference sections from their sources of truth: the scenario, catalogue and
 * config schemas (titles, descriptions, examples) and the rules' own documentation. Sections sit
 * between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers.
 *
 *   npx tsx scripts/gen-docs.ts          rewrite README.md
 *   npx tsx scripts/gen-docs.ts --check  exit 1 when README.md is out of date (used by the tests)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULE_INFO } from '../server/src/service';

type Schema = {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  minimum?: number;
};

const root = join(__dirname, '..');
const load = (name: string): Schema => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 50 ? s.slice(0, 47) + '…' : s;
};

function resolve(schema: Schema, defs: Record<string, Schema>): Schema {
  return schema.$ref ? { ...defs[schema.$ref.replace('#/$defs/', '')], ...schema, $ref: undefined } : schema;
}

function typeOf(s: Schema, defs: Record<string, Schema>): string {
  const r = resolve(s, defs);
  if (r.const !== undefined) return `\`${JSON.stringify(r.const)}\``;
  if (r.enum)
    return r.enum.length <= 8 ? r.enum.map((e) => `\`${e}\``).join(' · ') : `one of ${r.enum.length} values`;
  if (r.anyOf || r.oneOf) return (r.anyOf ?? r.oneOf)!.map((b) => typeOf(b, defs)).join(' or ');
  if (r.type === 'array' && r.items) {
    const it = resolve(r.items, defs);
    return it.enum ? `list of: ${it.enum.map((e) => `\`${e}\``).join(' · ')}` : `list of ${typeOf(it, defs)}`;
  }
  if (r.type === 'object') return 'mapping';
  if (Array.isArray(r.type)) return r.type.join(' or ');
  return r.type === 'string' ? 'text' : r.type === 'integer' ? 'whole number' : (r.type ?? 'any');
}

function table(s: Schema, defs: Record<string, Schema>, prefix = ''): string {
  const props = Object.entries(s.properties ?? {});
  const req = new Set(s.required ?? []);
  const rows = props.map(([k, p]) => {
    const r = resolve(p, defs);
    const ex = r.examples?.length ? ` Example: \`${cell(short(r.examples[0]))}\`.` : '';
    return `| \`${prefix}${k}\`${req.has(k) ? ' **(required)**' : ''} | ${cell(typeOf(p, defs))} | ${cell((r.title ? `**${r.title}.** ` : '') + (r.description ?? ''))}${cell(ex)} |`;
  });
  return ['| key | value | meaning |', '|---|---|---|', ...rows].join('\n');
}

function nested(s: Schema, defs: Record<string, Schema>, keys: string[]): string {
  const out: string[] = [];
  for (const k of keys) {
    const p = resolve(s.properties![k], defs);
    out.push(`#### \`${k}\`\n\n${p.description ?? ''}\n\n${table(p, defs)}`);
    for (const [ck, cp] of Object.entries(p.properties ?? {})) {
      const c = resolve(cp, defs);
      if (c.type === 'object' && c.properties) out.push(`##### \`${k}.${ck}\`\n\n${table(c, defs)}`);
    }
  }
  return out.join('\n\n');
}

function formatReference(): string {
  const s = load('scenario.schema.json');
  const defs = s.$defs ?? {};
  const objects = Object.entries(s.properties ?? {})
    .filter(([k, p]) => resolve(p, defs).type === 'object' && k !== 'steps')
    .map(([k]) => k);
  const kinds = Object.entries(defs)
    .filter(([name]) => name.endsWith('Step') && name !== 'step')
    .map(
      ([, d]) =>
        `#### \`kind: ${d.properties?.kind?.const}\` — ${d.title}\n\n${d.description ?? ''}\n\n${table(d, defs)}`,
    );
  return [
    `### Top level\n\n${table(s, defs)}`,
    nested(s, defs, objects),
    `### Steps\n\nEach entry under \`steps:\` is keyed by its id and selected by \`kind:\`.\n\n${kinds.join('\n\n')}`,
  ].join('\n\n');
}

function catalogueReference(): string {
  const s = load('codes.schema.json');
  const defs = s.$defs ?? {};
  const family = defs.family ? `#### A family\n\n${table(defs.family, defs)}` : '';
  const codeDef = Object.entries(defs).find(([n]) => n === 'code' || n === 'codeEntry');
  const codeTable = codeDef ? `#### A code\n\n${table(codeDef[1], defs)}` : '';
  const det = s.properties?.determinant
    ? `#### \`determinant\`\n\n${table(resolve(s.properties.determinant, defs), defs)}`
    : '';
  return [table(s, defs), family, codeTable, det].filter(Boolean).join('\n\n');
}

function configReference(): string {
  const s = load('config.schema.json');
  return table(s, s.$defs ?? {});
}

function ruleReference(): string {
  const groups = new Map<string, typeof ALL_RULE_INFO>();
  for (const r of ALL_RULE_INFO) {
    const g = r.id.split('/')[0];
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const names: Record<string, string> = {
    yaml: 'Reading the file',
    schema: 'Format',
    catalogue: 'Catalogue',
    config: 'Config',
    flow: 'Flow',
    code: 'Codes',
    domain: 'Trainers\u2019 checks',
    internal: 'The checker itself',
    runs: 'Recorded runs (`*.runs.yaml`)',
  };
  const index = [
    '| rule | default | checks |',
    '|---|---|---|',
    ...ALL_RULE_INFO.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${r.severity} | ${cell(r.title)} |`),
  ].join('\n');
  const sections = [...groups].map(([g, rules]) =>
    [
      `### ${names[g] ?? g}`,
      ...rules.map((r) =>
        [
          `#### \`${r.id}\``,
          `${r.title}. Default: **${r.severity}**.`,
          `**Why:** ${r.why}`,
          r.bad ? `Bad:\n\n\`\`\`yaml\n${r.bad}\n\`\`\`` : '',
          r.good ? `Good:\n\n\`\`\`yaml\n${r.good}\n\`\`\`` : '',
          r.id.startsWith('runs/')
            ? `**Fix:** ${r.fix} In the editor, for the whole project: \`rules: {${r.id}: off}\` in \`callflow.config.yaml\` (\`callflow test\` still fails the run).`
            : `**Fix:** ${r.fix} To silence it on one line: \`# callflow-disable-next-line ${r.id}\`; for the whole project: \`rules: {${r.id}: off}\` in \`callflow.config.yaml\`.`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      ),
    ].join('\n\n'),
  );
  return [index, ...sections].join('\n\n');
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

/**
 * The CLI reference lives in docs/cli.md (also readable on its own); the README carries a copy, with the
 * links docs/cli.md makes relative to docs/ (its pictures, the other docs) made relative to the root.
 */
function cliReference(): string {
  return readFileSync(join(root, 'docs', 'cli.md'), 'utf8')
    .replace(/^## .*\n/, '')
    .replace(/\]\((?!https?:|#|\.\.\/|\/)([^)]+)\)/g, '](docs/$1)')
    .replace(/\]\(\.\.\/([^)]+)\)/g, ']($1)');
}

/** Commands and settings, from the extension's package.json contributions. */
function vscodeReference(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: {
      commands: { command: string; title: string; category?: string }[];
      configuration: {
        properties: Record<
          string,
          {
            type?: string;
            enum?: string[];
            default?: unknown;
            description?: string;
            markdownDescription?: string;
          }
        >;
      };
    };
  };
  const commands = pkg.contributes.commands.map(
    (c) => `| ${c.category ? c.category + ': ' : ''}${c.title} | \`${c.command}\` |`,
  );
  const settings = Object.entries(pkg.contributes.configuration.properties).map(
    ([key, p]) =>
      `| \`${key}\` | ${p.enum ? p.enum.map((e) => `\`${e}\``).join(' · ') : (p.type ?? '')} | \`${JSON.stringify(p.default ?? null)}\` | ${cell(p.markdownDescription ?? p.description ?? '')} |`,
  );
  return [
    '### Commands',
    '| command | id |\n|---|---|\n' + commands.join('\n'),
    '### Settings',
    'Rule levels and the catalogue live in `callflow.config.yaml`, so the editor and CI agree; the settings only say where that file is and how the editor behaves. None needs a restart.',
    '| setting | values | default | meaning |\n|---|---|---|---|\n' + settings.join('\n'),
  ].join('\n\n');
}

export const SECTIONS: Record<string, () => string> = {
  vscode: vscodeReference,
  cli: cliReference,
  format: formatReference,
  catalogue: catalogueReference,
  config: configReference,
  rules: ruleReference,
};

/** README.md with every generated section replaced. */
export function regenerate(readme: string): string {
  let out = readme;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) continue;
    out = out.slice(0, a + start.length) + '\n\n' + make().trim() + '\n\n' + out.slice(b);
  }
  return out;
}

if (require.main === module) {
  const file = join(root, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = regenerate(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md is out of date: run `npx tsx scripts/gen-docs.ts`.');
      process.exit(1);
    }
  } else writeFileSync(file, next);
}
