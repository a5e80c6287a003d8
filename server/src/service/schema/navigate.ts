/**
 * Reading the published scenario schema by path, for completion and hover: `$ref`s resolved, the step
 * `kind` discriminator followed to the branch of the step's kind, `anyOf` alternatives merged.
 */
import { schemaObject } from './validators';
import type { Segment } from '../syntax/locate';

/** A JSON Schema object (the parts the editor features read). */
export interface JsonSchema {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
  discriminator?: { propertyName: string };
  [key: string]: unknown;
}

/** The scenario schema's root. */
export function scenarioSchema(): JsonSchema {
  return schemaObject('scenario') as JsonSchema;
}

/** Follows `$ref` (local `#/$defs/…` references only). */
export function deref(
  schema: JsonSchema | undefined,
  root: JsonSchema = scenarioSchema(),
): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) {
    const parts = s.$ref.replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p];
    s = target as JsonSchema | undefined;
  }
  return s;
}

/** The branches of a `oneOf` / `anyOf`, dereferenced. */
export function branches(schema: JsonSchema): JsonSchema[] {
  return [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
    .map((b) => deref(b))
    .filter((b): b is JsonSchema => !!b);
}

/** The values of the `kind` discriminator (`caller`, `handler`, …). */
export function discriminatorValues(schema: JsonSchema): string[] {
  const tag = schema.discriminator?.propertyName ?? 'kind';
  return branches(schema)
    .map((b) => deref(b.properties?.[tag])?.const)
    .filter((v): v is string => typeof v === 'string');
}

/**
 * The branch for a discriminated schema given the tag value, or the schema itself when it has none.
 * Without a (known) tag value a discriminated schema stays as it is: callers merge its branches.
 */
export function selectBranch(schema: JsonSchema, tagValue: string | undefined): JsonSchema {
  if (!schema.discriminator) return schema;
  const tag = schema.discriminator.propertyName;
  return branches(schema).find((b) => deref(b.properties?.[tag])?.const === tagValue) ?? schema;
}

/**
 * The schema at a path. `kindOf(stepId)` gives a step's kind, so that the properties of the right branch
 * apply; an unknown kind merges the branches.
 */
export function schemaAt(
  path: Segment[],
  kindOf: (stepId: string) => string | undefined,
): JsonSchema | undefined {
  let s = deref(scenarioSchema());
  for (let i = 0; i < path.length && s; i++) {
    const seg = path[i];
    if (s.discriminator && seg === s.discriminator.propertyName) {
      const tag = deref(branches(s)[0]?.properties?.[seg]);
      return {
        title: tag?.title ?? seg,
        description: s.description,
        type: 'string',
        enum: discriminatorValues(s),
      };
    }
    if (s.discriminator)
      s = selectBranch(s, path[0] === 'steps' && i === 2 ? kindOf(String(path[1])) : undefined);
    if (typeof seg === 'number') {
      s = deref(s.items) ?? deref(branches(s).find((b) => b.items)?.items);
      continue;
    }
    const props = propertiesOf(s);
    if (props[seg]) s = props[seg];
    else if (s.additionalProperties && typeof s.additionalProperties === 'object')
      s = deref(s.additionalProperties);
    else s = undefined;
  }
  if (s?.discriminator && path[0] === 'steps' && path.length === 2)
    s = selectBranch(s, kindOf(String(path[1])));
  return s;
}

/** The properties of an object schema; the union over branches when it is a oneOf/anyOf. */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const s = deref(schema);
  if (!s) return {};
  const out: Record<string, JsonSchema> = {};
  for (const b of branches(s))
    for (const [k, v] of Object.entries(b.properties ?? {})) out[k] ??= deref(v) ?? v;
  for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = deref(v) ?? v;
  return out;
}

/** The required properties (of the schema, or common to its branches). */
export function requiredOf(schema: JsonSchema | undefined): string[] {
  const s = deref(schema);
  if (!s) return [];
  if (s.required) return s.required;
  const bs = branches(s);
  if (!bs.length) return [];
  return (bs[0].required ?? []).filter((r) => bs.every((b) => b.required?.includes(r)));
}

/** True when the schema describes a mapping. */
export function isObjectSchema(schema: JsonSchema | undefined): boolean {
  const s = deref(schema);
  return (
    !!s &&
    (s.type === 'object' || !!s.properties || branches(s).some((b) => b.type === 'object' || !!b.properties))
  );
}

/** True when the schema describes a list. */
export function isArraySchema(schema: JsonSchema | undefined): boolean {
  const s = deref(schema);
  return !!s && (s.type === 'array' || !!s.items);
}

/** The fixed values a schema allows (enum, const, booleans), including those of its alternatives. */
export function enumValues(schema: JsonSchema | undefined): unknown[] {
  const s = deref(schema);
  if (!s) return [];
  if (s.enum) return s.enum;
  if (s.const !== undefined) return [s.const];
  if (s.type === 'boolean') return [true, false];
  if (s.discriminator) return discriminatorValues(s);
  return branches(s).flatMap((b) => enumValues(b));
}

/** Markdown documentation of a property: its title in bold, then its description. */
export function schemaMarkdown(schema: JsonSchema | undefined, key?: string): string {
  const s = deref(schema);
  if (!s) return '';
  const head = s.title ? `**${s.title}**` : key ? `**${key}**` : '';
  const parts = [head, s.description ?? ''].filter(Boolean);
  const values = enumValues(s);
  if (values.length && values.length <= 12 && !s.discriminator)
    parts.push('Values: ' + values.map((v) => `\`${String(v)}\``).join(', '));
  return parts.join('\n\n');
}
