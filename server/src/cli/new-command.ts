/**
 * `callflow new [--premise TEXT] FILE`: writes a starter scenario that checks clean — a header (id from
 * the file name, title and summary from the premise), the address asked first, the caller's answer, a
 * grading step, and a passing and a failing end — for the author to grow. Never overwrites a file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs, stringOption } from './args';
import { COMMON_OPTIONS } from './check-command';
import { EXIT, InputError, UsageError } from './errors';
import { NEW_HELP } from './help';

/** The id a file name suggests: `Pub fight.scenario.yaml` → `pub-fight`. */
export function idFromFileName(path: string): string {
  const stem = basename(path)
    .replace(/\.scenario\.ya?ml$/i, '')
    .replace(/\.ya?ml$/i, '');
  const id = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `scenario-${id || 'new'}`;
}

/** A YAML double-quoted string (JSON's escapes are YAML's). */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The starter scenario's text. */
export function starterScenario(id: string, premise: string | undefined): string {
  const title = premise ? premise.split(/(?<=[.!?])\s/)[0].slice(0, 80) : 'New scenario';
  return [
    'callflow: 1',
    `id: ${id}`,
    `title: ${quoted(title)}`,
    ...(premise ? [`summary: ${quoted(premise)}`] : []),
    'start: answer',
    'steps:',
    '  answer:',
    '    kind: handler',
    '    say: "Police emergency. What is the address where you need help?"',
    '    asks: [location]',
    '    next: address',
    '  address:',
    '    kind: caller',
    '    say: "Twelve Mill Lane, Harbury."',
    '    next: done',
    '  done:',
    '    kind: end',
    '    say: "The caller is safe and officers are on their way."',
    '    outcome:',
    '      result: pass',
    '',
  ].join('\n');
}

/** `callflow new [--premise TEXT] FILE` */
export function newScenario(argv: string[]): number {
  const { values, positionals } = parseArgs(
    argv,
    { help: COMMON_OPTIONS.help, debug: COMMON_OPTIONS.debug, premise: { type: 'string' } },
    'new',
  );
  if (values.help) {
    process.stdout.write(NEW_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || !positionals[0])
    throw new UsageError('`callflow new` needs one file name (for example fire-alarm.scenario.yaml).');
  const path = resolve(process.cwd(), positionals[0]);
  if (existsSync(path))
    throw new InputError(`${positionals[0]} already exists: callflow new never overwrites a file.`);
  const premise = stringOption(values, 'premise')?.trim() || undefined;
  try {
    writeFileSync(path, starterScenario(idFromFileName(path), premise), { flag: 'wx' });
  } catch (e) {
    throw new InputError(
      `Cannot write ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  process.stderr.write(
    `callflow: wrote ${positionals[0]}; check it with: callflow check ${positionals[0]}\n`,
  );
  return EXIT.ok;
}
