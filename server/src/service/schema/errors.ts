/**
 * ajv's errors as problems at exact YAML ranges, worded for trainers, one handler per keyword:
 * - a missing property → the key of the mapping that lacks it, naming what is missing;
 * - an unknown property → that key, with "did you mean";
 * - a wrong enum value or step kind → the value, with "did you mean" and the allowed values;
 * - anything else → the value; a path that does not exist in the YAML falls back to the nearest parent.
 * When a key is written twice, the last one is the one the data holds (syntax/nodes.ts): problems and
 * fixes point at it.
 */
import type { ErrorObject } from 'ajv/dist/2020';
import { didYouMean } from '../checks/didyoumean';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
import {
  asNode,
  firstKeyNode,
  isMap,
  isScalar,
  isSeq,
  itemAt,
  keyNode,
  pairKey,
  pairOf,
  pairValue,
  valueNode,
  type Node,
  type Pair,
} from '../syntax/nodes';
import { code, listOr } from '../syntax/text';
import { replaceScalar } from '../edits/builder';
import type { Fix, Problem, ProblemData, RuleId } from '../model/types';
import {
  cap,
  describe,
  discriminatorValues,
  firstSentence,
  jsonType,
  lowerFirst,
  plainAjvMessage,
  typeWord,
} from './wording';

/** Where an error's instance path leads in the YAML tree. */
interface Located {
  node: Node | undefined;
  pair: Pair | undefined;
  /** False when the path stops early (the nearest parent that exists). */
  exact: boolean;
  path: (string | number)[];
}

/** Finds the YAML node at a JSON pointer, or the nearest parent that exists. */
function locate(doc: ScenarioDocument, pointer: string): Located {
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = asNode(doc.yaml?.contents);
  let pair: Pair | undefined;
  const path: (string | number)[] = [];
  for (const seg of segments) {
    if (isMap(node)) {
      const found = pairOf(node, seg);
      if (!found) return { node, pair, exact: false, path };
      pair = found;
      node = pairValue(found);
      path.push(seg);
      if (!node) return { node: pairKey(found), pair, exact: false, path };
    } else if (isSeq(node)) {
      const item = itemAt(node, Number(seg));
      if (!item) return { node, pair, exact: false, path };
      node = item;
      pair = undefined;
      path.push(Number(seg));
    } else return { node, pair, exact: false, path };
  }
  return { node, pair, exact: true, path };
}

/** One ajv error being mapped: where it is, and how to report it. */
interface ErrorContext {
  err: ErrorObject;
  doc: ScenarioDocument;
  loc: Located;
  /** The path in words (`step \`answer\``). */
  what: string;
  parentSchema: Record<string, unknown>;
  push(ruleId: RuleId, message: string, node: Node | undefined, extra?: Extra): void;
}

interface Extra {
  fixes?: Fix[];
  data?: ProblemData;
}

/** The key of the pair the error's path ends at. */
function keyOf(loc: Located): Node | undefined {
  return loc.pair ? pairKey(loc.pair) : undefined;
}

/** The value's node; an empty value (`caller:` with nothing after it) has no width, so its key instead. */
function valueOf(loc: Located): Node | undefined {
  if (!loc.exact) return keyOf(loc);
  const [s, e] = offsetsOf(loc.node);
  return s === e && isScalar(loc.node) && loc.node.value === null && loc.pair ? keyOf(loc) : loc.node;
}

/** "Change to `x`", replacing a scalar (in its quotes, if it had any). */
function changeTo(c: ErrorContext, node: Node | undefined, suggestion: string | undefined): Fix[] {
  if (!suggestion || !node) return [];
  const edit = replaceScalar(c.doc, node, suggestion);
  return [{ title: `Change to ${code(suggestion)}`, edits: [edit], preferred: true }];
}

function required(c: ErrorContext): void {
  const missing = (c.err.params as { missingProperty: string }).missingProperty;
  const props = c.parentSchema.properties as Record<string, { description?: string }> | undefined;
  const hint = firstSentence(props?.[missing]?.description);
  // The key naming the mapping; a list item has none, so its own first key; the root, the file's.
  const { loc } = c;
  const root = asNode(c.doc.yaml?.contents);
  const target =
    keyOf(loc) ??
    (loc.exact && loc.path.length ? firstKeyNode(loc.node) : undefined) ??
    firstKeyNode(root) ??
    root;
  c.push(
    'schema/required',
    `Missing ${code(missing)} in ${c.what}${hint ? `: ${lowerFirst(hint)}` : '.'}`,
    target,
    { data: { kind: 'missing-property', property: missing } },
  );
}

function additionalProperties(c: ErrorContext): void {
  const extra = (c.err.params as { additionalProperty: string }).additionalProperty;
  if (extra === '<<') return; // parse reports merge keys
  const key = keyNode(c.loc.node, extra);
  const allowed = Object.keys((c.parentSchema.properties as object) ?? {});
  const suggestion = didYouMean(extra, allowed);
  const title = typeof c.parentSchema.title === 'string' ? ` ${lowerFirst(c.parentSchema.title)}` : '';
  c.push(
    'schema/unknown-property',
    `Unknown property ${code(extra)} in${title || ' ' + c.what}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ` Allowed here: ${listOr(allowed)}.`}`,
    key ?? keyOf(c.loc),
    { fixes: changeTo(c, key, suggestion), data: { kind: 'unknown-property', property: extra, allowed } },
  );
}

function discriminator(c: ErrorContext): void {
  const params = c.err.params as { error: string; tag: string; tagValue: unknown };
  const kinds = discriminatorValues(c.parentSchema);
  const kindNode = valueNode(c.loc.node, params.tag) ?? keyNode(c.loc.node, params.tag);
  if (params.error === 'mapping' && typeof params.tagValue === 'string') {
    const suggestion = didYouMean(params.tagValue, kinds);
    c.push(
      'schema/step-kind',
      `Unknown step kind ${code(params.tagValue)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''} A step is one of ${listOr(kinds)}.`,
      kindNode ?? keyOf(c.loc),
      {
        fixes: changeTo(c, kindNode, suggestion),
        data: { kind: 'unknown-value', value: params.tagValue, expected: kinds },
      },
    );
  } else
    c.push(
      'schema/step-kind',
      `${cap(c.what)} needs a ${code(params.tag + ':')}: one of ${listOr(kinds)}.`,
      kindNode ?? keyOf(c.loc) ?? c.loc.node,
    );
}

function enumOrConst(c: ErrorContext): void {
  const { err } = c;
  const allowed =
    err.keyword === 'enum'
      ? ((err.params as { allowedValues: unknown[] }).allowedValues ?? [])
      : [(err.params as { allowedValue: unknown }).allowedValue];
  const value = err.data;
  const expected = allowed.map(String);
  const suggestion = typeof value === 'string' ? didYouMean(value, expected) : undefined;
  const target = valueOf(c.loc);
  c.push(
    'schema/enum',
    allowed.length === 1
      ? `${cap(c.what)} must be ${code(allowed[0])}.`
      : `${code(value)} is not allowed for ${c.what}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''} Use ${listOr(expected)}.`,
    target,
    {
      fixes: isScalar(target) ? changeTo(c, target, suggestion) : [],
      data: { kind: 'unknown-value', value: typeof value === 'string' ? value : String(value), expected },
    },
  );
}

function type(c: ErrorContext): void {
  const t = (c.err.params as { type: string | string[] }).type;
  const types = (Array.isArray(t) ? t : [t]).map(typeWord);
  const hint =
    typeof c.err.data === 'number' && types.includes('text') ? ' Quote it if it should be text.' : '';
  c.push(
    'schema/type',
    `${cap(c.what)} must be ${types.join(' or ')}, not ${typeWord(jsonType(c.err.data))}.${hint}`,
    valueOf(c.loc),
  );
}

function alternatives(c: ErrorContext): void {
  const description = c.parentSchema.description;
  const title = typeof description === 'string' ? ` ${firstSentence(description)}` : '';
  c.push('schema/value', `${cap(c.what)} does not have a valid form.${title}`, valueOf(c.loc));
}

function other(c: ErrorContext): void {
  c.push('schema/value', `${cap(c.what)} ${plainAjvMessage(c.err)}.`, valueOf(c.loc));
}

const HANDLERS: Record<string, (c: ErrorContext) => void> = {
  required,
  additionalProperties,
  discriminator,
  enum: enumOrConst,
  const: enumOrConst,
  type,
  oneOf: alternatives,
  anyOf: alternatives,
};

/** Errors another problem already says better. */
function isNoise(err: ErrorObject, alternativesAt: Set<string>, discriminatedAt: Set<string>): boolean {
  if (err.keyword === 'propertyNames' || (err.keyword === 'pattern' && err.propertyName !== undefined))
    return true; // step ids: parse reports them
  if (
    err.instancePath.startsWith('/steps/') &&
    err.keyword === 'required' &&
    (err.params as { missingProperty?: string }).missingProperty === 'kind' &&
    discriminatedAt.has(err.instancePath)
  )
    return true;
  // Paths that carry an anyOf/oneOf (non-discriminator) error: their branch errors are noise.
  return (
    (err.keyword === 'type' || err.keyword === 'enum' || err.keyword === 'const') &&
    alternativesAt.has(err.instancePath)
  );
}

/** Maps ajv's errors for a document to problems (one per error and place, in the errors' order). */
export function mapErrors(doc: ScenarioDocument, errors: ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const pathsOf = (...keywords: string[]) =>
    new Set(errors.filter((e) => keywords.includes(e.keyword)).map((e) => e.instancePath));
  const alternativesAt = pathsOf('oneOf', 'anyOf');
  const discriminatedAt = pathsOf('discriminator');
  const push: ErrorContext['push'] = (ruleId, message, node, extra) => {
    const [s, e] = offsetsOf(node);
    const key = `${ruleId}|${message}|${s}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      ruleId,
      severity: 'error',
      message,
      range: doc.lines.range(s, e),
      ...(extra?.fixes?.length ? { fixes: extra.fixes } : {}),
      ...(extra?.data ? { data: extra.data } : {}),
    });
  };
  for (const err of errors) {
    if (isNoise(err, alternativesAt, discriminatedAt)) continue;
    const loc = locate(doc, err.instancePath);
    const parentSchema = (err.parentSchema ?? {}) as Record<string, unknown>;
    const handle = Object.hasOwn(HANDLERS, err.keyword) ? HANDLERS[err.keyword] : other;
    handle({ err, doc, loc, what: describe(loc.path), parentSchema, push });
  }
  return out;
}
