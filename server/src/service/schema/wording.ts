/** How schema problems are worded for trainers: paths, JSON types and ajv keywords in plain words. */
import type { ErrorObject } from 'ajv/dist/2020';
import scenarioSchema from '../../../../schemas/scenario.schema.json';
import { code } from '../syntax/text';

/** A path in the data as a trainer reads it: `step \`answer\``, `\`choices[1]\``, `the file`. */
export function describe(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') {
      if (path[i - 1] === 'steps' && i === 1) return `step ${code(seg)}`;
      const after = path.slice(i + 1);
      return code(seg + after.map((n) => `[${n}]`).join(''));
    }
  }
  return 'the file';
}

/** The first sentence of a schema description. */
export function firstSentence(text: unknown): string {
  if (typeof text !== 'string') return '';
  const m = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (m ? m[1] : text).trim();
}

/** The step kinds a discriminated `oneOf` allows (the `kind` const of each branch). */
export function discriminatorValues(schema: Record<string, unknown>): string[] {
  const root = scenarioSchema as unknown as {
    $defs: Record<string, { properties?: { kind?: { const?: string } } }>;
  };
  const oneOf = (schema.oneOf as { $ref?: string }[] | undefined) ?? [];
  return oneOf
    .map((b) => (b.$ref ? root.$defs[b.$ref.replace('#/$defs/', '')]?.properties?.kind?.const : undefined))
    .filter((k): k is string => typeof k === 'string');
}

/** The JSON type of a value (`integer` for whole numbers). */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

/** A JSON type in words. */
export function typeWord(t: string): string {
  return Object.hasOwn(TYPE_WORDS, t) ? TYPE_WORDS[t] : t;
}

/** What an ajv error of another keyword says, in words (after the path). */
export function plainAjvMessage(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'minItems':
      return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `can have at most ${p.limit} items`;
    case 'minProperties':
      return `needs at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'uniqueItems':
      return `lists the same value twice (items ${Math.min(Number(p.i), Number(p.j)) + 1} and ${Math.max(Number(p.i), Number(p.j)) + 1})`;
    case 'pattern': {
      // A regular expression means nothing to a trainer: the property's description says it in words.
      const said = firstSentence((err.parentSchema as { description?: unknown } | undefined)?.description);
      return said
        ? `does not have the expected form: ${lowerFirst(said.replace(/[.!?]$/, ''))}`
        : `does not have the expected form (${String(p.pattern)})`;
    }
    default:
      return err.message ?? 'is not valid';
  }
}

/** The text with its first letter in upper case. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The text with its first letter in lower case, unless it starts an acronym. */
export function lowerFirst(s: string): string {
  return /^[A-Z](?![A-Z])/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
