/**
 * The one quoting policy for text the quick fixes write into a scenario: a value is written plain when
 * YAML reads it back as the same text, and quoted otherwise (a code `304` must stay text, `TODO: x`
 * must not become a mapping). A replacement keeps the quotes of the scalar it replaces.
 */
import { parse } from 'yaml';
import { isScalar } from '../syntax/nodes';

/**
 * Characters that cannot start a plain scalar, sequences that end one early, and the flow indicators
 * (`,[]{}` end a plain scalar inside `{…}` or `[…]`: quoted, the text is the same in either style).
 */
const NOT_PLAIN = /^\s|\s$|: | #|:$|^[-?:#&*!|>'"%@`]|[,[\]{}\r\n\t]/;

/** True when `value` written plain reads back as the same text. */
export function isPlainText(value: string): boolean {
  if (NOT_PLAIN.test(value)) return false;
  try {
    return parse(value) === value;
  } catch {
    return false;
  }
}

/**
 * `value` written as a YAML scalar: in the quotes of `like` (the scalar it replaces) when that one was
 * quoted, plain when YAML would read it back as the same text, double-quoted otherwise.
 */
export function quoteScalar(value: string, like?: unknown): string {
  const type = isScalar(like) ? like.type : undefined;
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (type === 'QUOTE_DOUBLE' || !isPlainText(value)) return JSON.stringify(value);
  return value;
}
