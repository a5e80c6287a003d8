/**
 * `callflow codes [family] [--format text|json]`: the triage-code catalogue in force for the current
 * folder (the config found as `check` finds it, or --config / --codes): each family and its codes with
 * label, aliases, rank, deprecation, and the file a force's own catalogue defines them in (overrides of
 * the shipped catalogue show their file; the shipped ones show none).
 */
import { resolve } from 'node:path';
import { createNodeHost, uriToPath } from '../node/project';
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS, PROJECT_OPTIONS, projectOptionsOf } from './check-command';
import { displayPath } from './check';
import { EXIT, UsageError } from './errors';
import { CODES_HELP } from './help';
import { write } from './io';
import { CliProjects } from './projects';
import { printable } from './reporters/ansi';
import { createScenarioService } from '../service';

interface CodeRow {
  code: string;
  label?: string;
  aliases: string[];
  rank?: number;
  emergency?: boolean;
  deprecated?: string | boolean;
  replacedBy?: string;
  /** The catalogue file (relative to the working directory); absent for the shipped catalogue. */
  source?: string;
}

/** `callflow codes [family]` */
export function codes(argv: string[]): number {
  const { values, positionals } = parseArgs(
    argv,
    {
      ...COMMON_OPTIONS,
      config: PROJECT_OPTIONS.config,
      codes: PROJECT_OPTIONS.codes,
      format: { type: 'string', short: 'f', choices: ['text', 'json'] },
    },
    'codes',
  );
  if (values.help) {
    process.stdout.write(CODES_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError('`callflow codes` takes at most one family name.');
  const cwd = process.cwd();
  const service = createScenarioService(createNodeHost());
  const projects = new CliProjects(service, projectOptionsOf(values, cwd));
  const { catalogue } = projects.forFile(resolve(cwd, '__probe__.scenario.yaml')).project;
  const wanted = positionals[0];
  const families = [...catalogue.families.values()].filter((f) => !wanted || f.name === wanted);
  if (wanted && !families.length)
    throw new UsageError(
      `No code family "${wanted}" in the catalogue: use one of ${[...catalogue.families.keys()].join(', ')}.`,
    );
  const data = families.map((f) => ({
    family: f.name,
    ...(f.label ? { label: f.label } : {}),
    codes: f.codes.map((c): CodeRow => {
      const source = c.source ? uriToPath(c.source.uri) : undefined;
      return {
        code: c.code,
        ...(c.label ? { label: c.label } : {}),
        aliases: c.aliases,
        ...(c.rank !== undefined ? { rank: c.rank } : {}),
        ...(c.emergency !== undefined ? { emergency: c.emergency } : {}),
        ...(c.deprecated !== undefined ? { deprecated: c.deprecated } : {}),
        ...(c.replacedBy ? { replacedBy: c.replacedBy } : {}),
        ...(source ? { source: displayPath(source, cwd) } : {}),
      };
    }),
  }));
  const format = stringOption(values, 'format') ?? 'text';
  const text =
    format === 'json'
      ? JSON.stringify({ version: 1, catalogue: catalogue.name, families: data }, null, 2) + '\n'
      : textOf(catalogue.name, data);
  write(text, stringOption(values, 'output'));
  return EXIT.ok;
}

function textOf(name: string, families: { family: string; label?: string; codes: CodeRow[] }[]): string {
  const out = [printable(`Catalogue: ${name}`)];
  for (const f of families) {
    out.push('', printable(`${f.family}${f.label ? ` — ${f.label}` : ''}`));
    const width = Math.max(...f.codes.map((c) => c.code.length), 4);
    for (const c of f.codes) {
      const notes = [
        c.aliases.length ? `also ${c.aliases.join(', ')}` : '',
        c.deprecated
          ? `deprecated${typeof c.deprecated === 'string' ? `: ${c.deprecated}` : ''}${c.replacedBy ? ` (use ${c.replacedBy})` : ''}`
          : '',
        c.source ? `from ${c.source}` : '',
      ].filter(Boolean);
      const line = `  ${c.code.padEnd(width)}  ${c.label ?? ''}${notes.length ? `  (${notes.join('; ')})` : ''}`;
      out.push(printable(line));
    }
  }
  return out.join('\n') + '\n';
}
