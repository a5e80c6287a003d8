/**
 * Scalars for the fast reader: where a key's colon and a comment are, plain scalars resolved under the
 * YAML 1.2 core schema exactly as the `yaml` package resolves them, and one-line quoted scalars. Gives
 * up (GIVE_UP) on anything it does not handle the package's way.
 */
import { Schema, isScalar } from 'yaml';
import { GIVE_UP } from './fast-give-up';

interface ResolvingTag {
  test: RegExp;
  resolve(source: string, onError: (message: string) => void, options: object): unknown;
}

/** The YAML 1.2 core schema's scalar tags, in the order the `yaml` package tries them. */
const TAGS: readonly ResolvingTag[] = (
  new Schema({ schema: 'core', merge: false }).tags as unknown as Partial<
    ResolvingTag & { default: boolean }
  >[]
).filter((t): t is ResolvingTag & { default: boolean } => Boolean(t.default && t.test && t.resolve));

/** Characters that cannot start a plain scalar (or that this reader leaves to the full parser). */
export const INDICATOR: ReadonlySet<string> = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

/** First characters of plain scalars that may resolve to something other than a string. */
const MAYBE_NOT_STRING: ReadonlySet<string> = new Set([...'~nNtTfF0123456789+-.']);

/** The plain scalars starting with a letter that the core schema does not resolve to a string. */
const NULL_OR_BOOL: ReadonlySet<string> = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);

/** The offset of the first `: ` in [from, to), or of a colon just before `to`; else `to`. */
export function keyColon(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++)
    if (text.charCodeAt(i) === 58 && (i + 1 === to || text.charCodeAt(i + 1) === 32)) return i;
  return to;
}

/** The offset of ` #` (a comment after a value) in [from, eol), or eol. */
export function commentAt(text: string, from: number, eol: number): number {
  for (let i = from + 1; i < eol; i++)
    if (text.charCodeAt(i) === 35 && text.charCodeAt(i - 1) === 32) return i - 1;
  return eol;
}

/** A `-` that starts a plain scalar (`-2`), not an item marker. */
export function plainDash(text: string, p: number, eol: number): boolean {
  return text[p] === '-' && p + 1 < eol && text[p + 1] !== ' ' && !',[]{}'.includes(text[p + 1]);
}

/**
 * One string per distinct key, for one read. A key sliced from the text is a new string each time;
 * setting it as a property of the plain data makes the engine look it up in its table of property names
 * on every store, while a string already used as a property name is stored directly.
 */
export class KeyTable {
  private readonly keys = new Map<string, string>();

  intern(key: string): string {
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    this.keys.set(key, key);
    return key;
  }
}

/** A plain scalar's value under the core schema, as the `yaml` package resolves it. */
export function resolvePlain(source: string): unknown {
  if (source !== '' && !MAYBE_NOT_STRING.has(source[0])) return source;
  // A word starting with n, t or f (`next`, `title`, `follow_up`) is a string unless it is one of these.
  const letter = source.charCodeAt(0) | 32;
  if (letter >= 97 && letter <= 122 && !NULL_OR_BOOL.has(source)) return source;
  for (const tag of TAGS) {
    if (!tag.test.test(source)) continue;
    let failed = false;
    const res = tag.resolve(
      source,
      () => {
        failed = true;
      },
      {},
    );
    if (failed) throw GIVE_UP;
    return isScalar(res) ? res.value : res;
  }
  return source;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
};

/**
 * A one-line quoted scalar starting at `p`; the escapes this reader knows, or it gives up. The value is
 * built from slices of the text between escapes (most quoted scalars have none: one slice).
 */
export function quoted(text: string, p: number, eol: number): { value: string; end: number } {
  const q = text.charCodeAt(p);
  let value = '';
  let from = p + 1;
  let i = from;
  for (;;) {
    if (i >= eol) throw GIVE_UP;
    const c = text.charCodeAt(i);
    if (c === q) {
      if (q === 39 && text.charCodeAt(i + 1) === 39) {
        value += text.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      value = from === p + 1 ? text.slice(from, i) : value + text.slice(from, i);
      return { value, end: i + 1 };
    }
    if (c === 92 && q === 34) {
      value += text.slice(from, i);
      const escaped = escape(text, i);
      value += escaped.value;
      i = from = escaped.next;
      continue;
    }
    i++;
  }
}

/** The character a `\` escape at `i` in a double-quoted scalar stands for, and the offset after it. */
function escape(text: string, i: number): { value: string; next: number } {
  const e = text[i + 1];
  const simple = ESCAPES[e];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const hex = text.slice(i + 2, i + 2 + digits);
  if (!digits || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw GIVE_UP;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw GIVE_UP;
  return { value: String.fromCodePoint(code), next: i + 2 + digits };
}
