/**
 * JSON Schema checks (ajv, draft 2020-12 with the `kind` discriminator) and the mapping of ajv's
 * errors to exact YAML ranges and messages written for trainers:
 * - a missing property → the key of the mapping that lacks it, naming what is missing;
 * - an unknown property → that key, with "did you mean";
 * - a wrong enum value or step kind → the value, with "did you mean" and the allowed values;
 * - anything else → the value; a path that does not exist in the YAML falls back to the nearest parent.
 */
import Ajv2020, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import scenarioSchema from '../../../../schemas/scenario.schema.json';
import codesSchema from '../../../../schemas/codes.schema.json';
import configSchema from '../../../../schemas/config.schema.json';
import { didYouMean } from '../checks/didyoumean';
import * as PRECOMPILED from './precompiled';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
import { code, listOr } from '../syntax/text';
import type { Fix, Problem } from '../model/types';

export type SchemaName = 'scenario' | 'codes' | 'config';

export const SCHEMAS: Record<SchemaName, object> = {
  scenario: scenarioSchema,
  codes: codesSchema,
  config: configSchema,
};

/** The published schema objects (for hover and completion, which read titles and descriptions). */
export function schemaObject(name: SchemaName): Record<string, unknown> {
  return SCHEMAS[name] as Record<string, unknown>;
}

/** Validators compiled ahead of time, by schema (and `step`: the scenario schema's step definition). */
export type Precompiled = Partial<Record<SchemaName | 'step', ValidateFunction>>;

/** How the schemas are compiled (at run time, and ahead of time by the build: see schema-code.ts). */
export const AJV_OPTIONS: Options = { allErrors: true, discriminator: true, strict: false, verbose: true };

/**
 * Compiled validators, created once per service and compiled on first use — or, in the bundles, taken
 * from the code the build generated from the same schemas and options (no compiling at start-up).
 */
export class SchemaValidators {
  private ajvInstance: Ajv2020 | undefined;
  private readonly compiled = new Map<SchemaName, ValidateFunction>();

  constructor(private readonly precompiled: Precompiled = PRECOMPILED) {}

  private get ajv(): Ajv2020 {
    return (this.ajvInstance ??= new Ajv2020(AJV_OPTIONS));
  }

  get(name: SchemaName): ValidateFunction {
    let v = this.compiled.get(name);
    if (!v) {
      v = this.precompiled[name] ?? this.ajv.compile(SCHEMAS[name]);
      this.compiled.set(name, v);
    }
    return v;
  }

  private stepValidator: ValidateFunction | undefined;

  /** The scenario schema's step definition, compiled with it (one step's value is checked alone). */
  step(): ValidateFunction {
    if (!this.stepValidator && this.precompiled.step) this.stepValidator = this.precompiled.step;
    if (!this.stepValidator) {
      this.get('scenario');
      const id = (SCHEMAS.scenario as { $id: string }).$id;
      const v = this.ajv.getSchema(`${id}#/$defs/step`);
      if (!v) throw new Error('The scenario schema has no step definition.');
      this.stepValidator = v;
    }
    return this.stepValidator;
  }
}

/** Validates a parsed document against a schema and maps the errors to problems. */
export function validateAgainst(
  name: SchemaName,
  doc: ScenarioDocument,
  validators: SchemaValidators,
): Problem[] {
  if (!doc.convertible || doc.value === undefined) return [];
  const validate = validators.get(name);
  if (validate(doc.value)) return [];
  return mapErrors(doc, validate.errors ?? []);
}

/** Schema problems of a scenario, split into those inside one step's value and the rest. */
export interface GroupedSchemaProblems {
  /** Problems outside any step's value (top-level properties, the steps mapping itself). */
  top: Problem[];
  /** Problems inside a step, by the step's index. */
  steps: Map<number, Problem[]>;
}

/**
 * The scenario schema's problems, grouped by step: a step's own problems depend on its value alone, so
 * an edit inside one step needs only that step checked again (validateStep).
 */
export function validateScenarioGrouped(
  doc: ScenarioDocument,
  validators: SchemaValidators,
): GroupedSchemaProblems {
  const grouped: GroupedSchemaProblems = { top: [], steps: new Map() };
  if (!doc.convertible || doc.value === undefined) return grouped;
  const validate = validators.get('scenario');
  if (validate(doc.value)) return grouped;
  const byStep = new Map<number, ErrorObject[]>();
  const top: ErrorObject[] = [];
  for (const err of validate.errors ?? []) {
    const m = /^\/steps\/([^/]+)/.exec(err.instancePath);
    const step = m ? doc.stepsById.get(unescapePointer(m[1])) : undefined;
    if (!step) top.push(err);
    else {
      const list = byStep.get(step.index);
      if (list) list.push(err);
      else byStep.set(step.index, [err]);
    }
  }
  grouped.top = top.length ? mapErrors(doc, top) : [];
  for (const [index, errors] of byStep) grouped.steps.set(index, mapErrors(doc, errors));
  return grouped;
}

/** The schema problems inside one step's value (the same as validateScenarioGrouped gives for it). */
export function validateStep(doc: ScenarioDocument, id: string, validators: SchemaValidators): Problem[] {
  const steps = (doc.value as { steps?: Record<string, unknown> } | undefined)?.steps;
  if (!doc.convertible || !steps || typeof steps !== 'object' || !Object.hasOwn(steps, id)) return [];
  const validate = validators.step();
  if (validate(steps[id])) return [];
  const prefix = `/steps/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
  return mapErrors(doc, errors);
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

type Located = { node: Node | undefined; pair: Pair | undefined; exact: boolean; path: (string | number)[] };

/** Finds the YAML node at a JSON pointer, or the nearest parent that exists. */
function locate(doc: ScenarioDocument, pointer: string): Located {
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Node | undefined = (doc.yaml?.contents as Node | null) ?? undefined;
  let pair: Pair | undefined;
  const path: (string | number)[] = [];
  for (const seg of segments) {
    if (isMap(node)) {
      let found: Pair | undefined;
      for (const p of node.items) if (isScalar(p.key) && String(p.key.value) === seg) found = p;
      if (!found) return { node, pair, exact: false, path };
      pair = found;
      node = (found.value as Node | null) ?? undefined;
      path.push(seg);
      if (!node) return { node: found.key as Node, pair, exact: false, path };
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) return { node, pair, exact: false, path };
      node = item;
      pair = undefined;
      path.push(Number(seg));
    } else return { node, pair, exact: false, path };
  }
  return { node, pair, exact: true, path };
}

function describe(path: (string | number)[]): string {
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

function firstSentence(text: unknown): string {
  if (typeof text !== 'string') return '';
  const m = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (m ? m[1] : text).trim();
}

function mapErrors(doc: ScenarioDocument, errors: ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const { lines } = doc;
  // Paths that carry an anyOf/oneOf (non-discriminator) error: their branch errors are noise.
  const alternatives = new Set(
    errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  const discriminated = new Set(
    errors.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath),
  );

  const push = (ruleId: string, message: string, node: Node | undefined, fixes?: Fix[]) => {
    const [s, e] = offsetsOf(node);
    const range = lines.range(s, e);
    const key = `${ruleId}|${message}|${s}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ruleId, severity: 'error', message, range, ...(fixes?.length ? { fixes } : {}) });
  };
  const keyOf = (loc: Located): Node | undefined => (loc.pair ? (loc.pair.key as Node) : undefined);
  // The value's node; an empty value (`caller:` with nothing after it) has no width, so its key instead.
  const valueOf = (loc: Located): Node | undefined => {
    if (!loc.exact) return keyOf(loc);
    const [s, e] = offsetsOf(loc.node);
    return s === e && isScalar(loc.node) && loc.node.value === null && loc.pair ? keyOf(loc) : loc.node;
  };

  for (const err of errors) {
    const loc = locate(doc, err.instancePath);
    const parentSchema = (err.parentSchema ?? {}) as Record<string, unknown>;
    const what = describe(loc.path);
    if (err.keyword === 'propertyNames' || (err.keyword === 'pattern' && err.propertyName !== undefined))
      continue; // step ids: parse reports them
    if (
      err.instancePath.startsWith('/steps/') &&
      err.keyword === 'required' &&
      (err.params as { missingProperty?: string }).missingProperty === 'kind' &&
      discriminated.has(err.instancePath)
    )
      continue;
    if (
      (err.keyword === 'type' || err.keyword === 'enum' || err.keyword === 'const') &&
      alternatives.has(err.instancePath)
    )
      continue;
    switch (err.keyword) {
      case 'required': {
        const missing = (err.params as { missingProperty: string }).missingProperty;
        const props = parentSchema.properties as Record<string, { description?: string }> | undefined;
        const hint = firstSentence(props?.[missing]?.description);
        // The key naming the mapping; a list item has none, so its own first key; the root, the file's.
        const target =
          keyOf(loc) ?? (loc.exact && loc.path.length ? firstKeyOf(loc.node) : undefined) ?? firstKey(doc);
        push(
          'schema/required',
          `Missing ${code(missing)} in ${what}${hint ? `: ${lowerFirst(hint)}` : '.'}`,
          target,
        );
        break;
      }
      case 'additionalProperties': {
        const extra = (err.params as { additionalProperty: string }).additionalProperty;
        if (extra === '<<') break; // parse reports merge keys
        const keyNode = findKey(loc.node, extra);
        const allowed = Object.keys((parentSchema.properties as object) ?? {});
        const suggestion = didYouMean(extra, allowed);
        const title = typeof parentSchema.title === 'string' ? ` ${lowerFirst(parentSchema.title)}` : '';
        const fixes: Fix[] =
          suggestion && keyNode
            ? [
                {
                  title: `Change to ${code(suggestion)}`,
                  edits: [{ range: lines.range(...offsetsOf(keyNode)), newText: suggestion }],
                  preferred: true,
                },
              ]
            : [];
        push(
          'schema/unknown-property',
          `Unknown property ${code(extra)} in${title || ' ' + what}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ` Allowed here: ${listOr(allowed)}.`}`,
          keyNode ?? keyOf(loc),
          fixes,
        );
        break;
      }
      case 'discriminator': {
        const params = err.params as { error: string; tag: string; tagValue: unknown };
        const kinds = discriminatorValues(parentSchema);
        if (params.error === 'mapping' && typeof params.tagValue === 'string') {
          const kindNode = findValue(loc.node, params.tag);
          const suggestion = didYouMean(params.tagValue, kinds);
          const fixes: Fix[] =
            suggestion && kindNode
              ? [
                  {
                    title: `Change to ${code(suggestion)}`,
                    edits: [{ range: lines.range(...offsetsOf(kindNode)), newText: suggestion }],
                    preferred: true,
                  },
                ]
              : [];
          push(
            'schema/step-kind',
            `Unknown step kind ${code(params.tagValue)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''} A step is one of ${listOr(kinds)}.`,
            kindNode ?? keyOf(loc),
            fixes,
          );
        } else {
          const kindNode = findValue(loc.node, params.tag);
          push(
            'schema/step-kind',
            `${cap(what)} needs a ${code(params.tag + ':')}: one of ${listOr(kinds)}.`,
            kindNode ?? keyOf(loc) ?? loc.node,
          );
        }
        break;
      }
      case 'enum':
      case 'const': {
        const allowed =
          err.keyword === 'enum'
            ? ((err.params as { allowedValues: unknown[] }).allowedValues ?? [])
            : [(err.params as { allowedValue: unknown }).allowedValue];
        const value = err.data;
        const suggestion = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
        const target = valueOf(loc);
        const fixes: Fix[] =
          suggestion && target && isScalar(target)
            ? [
                {
                  title: `Change to ${code(suggestion)}`,
                  edits: [{ range: lines.range(...offsetsOf(target)), newText: suggestion }],
                  preferred: true,
                },
              ]
            : [];
        push(
          'schema/enum',
          allowed.length === 1
            ? `${cap(what)} must be ${code(allowed[0])}.`
            : `${code(value)} is not allowed for ${what}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''} Use ${listOr(allowed.map(String))}.`,
          target,
          fixes,
        );
        break;
      }
      case 'type': {
        const type = (err.params as { type: string | string[] }).type;
        const types = (Array.isArray(type) ? type : [type]).map(typeWord);
        const hint =
          typeof err.data === 'number' && types.includes('text') ? ' Quote it if it should be text.' : '';
        push(
          'schema/type',
          `${cap(what)} must be ${types.join(' or ')}, not ${typeWord(jsonType(err.data))}.${hint}`,
          valueOf(loc),
        );
        break;
      }
      case 'oneOf':
      case 'anyOf': {
        const title =
          typeof parentSchema.description === 'string' ? ` ${firstSentence(parentSchema.description)}` : '';
        push('schema/value', `${cap(what)} does not have a valid form.${title}`, valueOf(loc));
        break;
      }
      default:
        push('schema/value', `${cap(what)} ${plainAjvMessage(err)}.`, valueOf(loc));
    }
  }
  return out;
}

function firstKey(doc: ScenarioDocument): Node | undefined {
  const root = doc.yaml?.contents;
  if (isMap(root) && root.items.length) return root.items[0].key as Node;
  return (root as Node | null) ?? undefined;
}

function firstKeyOf(node: Node | undefined): Node | undefined {
  return isMap(node) && node.items.length ? (node.items[0].key as Node) : undefined;
}

function findKey(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const p of node.items) if (isScalar(p.key) && String(p.key.value) === key) return p.key as Node;
  return undefined;
}

function findValue(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const p of node.items)
    if (isScalar(p.key) && String(p.key.value) === key) return (p.value as Node) ?? (p.key as Node);
  return undefined;
}

function discriminatorValues(schema: Record<string, unknown>): string[] {
  const root = scenarioSchema as unknown as {
    $defs: Record<string, { properties?: { kind?: { const?: string } } }>;
  };
  const oneOf = (schema.oneOf as { $ref?: string }[] | undefined) ?? [];
  return oneOf
    .map((b) => (b.$ref ? root.$defs[b.$ref.replace('#/$defs/', '')]?.properties?.kind?.const : undefined))
    .filter((k): k is string => typeof k === 'string');
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeWord(t: string): string {
  switch (t) {
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping (key: value lines)';
    case 'null':
      return 'empty';
    default:
      return t;
  }
}

function plainAjvMessage(err: ErrorObject): string {
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

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return /^[A-Z](?![A-Z])/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
