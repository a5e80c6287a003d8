/**
 * A small, strict command-line parser: `--name value`, `--name=value`, `-n value`, boolean flags,
 * `--` to end options and `-` as a positional (stdin). Every mistake is a UsageError naming the flag.
 */
import { UsageError } from './errors';

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Allowed values (string options). */
  choices?: readonly string[];
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** The parsed command line of one command. */
export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

/** Parses `argv` (without the command name) against a command's options. */
export function parseArgs(
  argv: readonly string[],
  spec: Record<string, OptionSpec>,
  command: string,
): ParsedArgs {
  const values: OptionValues = {};
  const positionals: string[] = [];
  const shorts = new Map(
    Object.entries(spec)
      .filter(([, s]) => s.short)
      .map(([name, s]) => [s.short as string, name]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      name = shorts.get(arg.slice(1, 2));
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, '');
      if (!name) throw new UsageError(`Unknown option ${arg} for \`callflow ${command}\` (see --help).`);
    }
    const option = spec[name];
    if (!option) throw new UsageError(`Unknown option --${name} for \`callflow ${command}\` (see --help).`);
    if (option.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`The option --${name} takes no value.`);
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A negative number is a value (`--max-warnings -1`), not an option.
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d+$/.test(next)))
        throw new UsageError(`The option --${name} needs a value.`);
      value = next;
      i++;
    }
    if (option.choices && !option.choices.includes(value))
      throw new UsageError(
        `Invalid value "${value}" for --${name}: use one of ${option.choices.join(', ')}.`,
      );
    values[name] = value;
  }
  return { values, positionals };
}

/** A non-negative integer option, or undefined when absent. */
export function intOption(values: OptionValues, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`The option --${name} needs a whole number, not "${raw}".`);
  return Number(raw);
}

/** A string option, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}
