/**
 * Completion: property keys valid at the cursor (from the published schema, following the step `kind`),
 * fixed values, step ids after `next:` / `start:`, triage codes of the family the key expects (aliases
 * match through the filter text), the determinant's levels and snippets for new steps and choices.
 * Works on half-typed documents: the YAML path comes from the text (see `contextAt`).
 */
import type { CompletionItem, Project } from './api';
import type { Catalogue } from './catalogue';
import { CODE_KEYS } from './code-slots';
import { contextAt, lineFrames, type Segment, type YamlContext } from './locate';
import type { ScenarioDocument } from './parse';
import {
  deref,
  enumValues,
  isArraySchema,
  isObjectSchema,
  propertiesOf,
  requiredOf,
  schemaAt,
  schemaMarkdown,
  type JsonSchema,
} from './schema-nav';
import type { Position } from './types';
import { CHOICE_BODY, STEP_SNIPPETS } from '../shared/snippets';

/** The catalogue family a value path expects (`determinant` for the medical determinant), if any. */
export function codeFamilyAt(path: Segment[]): string | undefined {
  if (!['expected', 'incident', 'steps'].includes(String(path[0]))) return undefined;
  const keys = path.filter((s): s is string => typeof s === 'string');
  const key = keys[keys.length - 1];
  if (!key || !(key in CODE_KEYS)) return undefined;
  if (path[0] === 'steps' && keys.length > 3 && !['outcome', 'handover'].includes(keys[keys.length - 2]))
    return undefined;
  return CODE_KEYS[key];
}

/** True when a value path holds a step id (`start`, any `next`). */
export function isStepRefPath(path: Segment[]): boolean {
  if (path.length === 1) return path[0] === 'start';
  return path[0] === 'steps' && path[path.length - 1] === 'next';
}

/** The kind of a step: from the parsed data, else from the text under its key. */
export function stepKind(doc: ScenarioDocument, id: string, keyLine = -1): string | undefined {
  const kind = doc.stepsById.get(id)?.data?.kind;
  if (typeof kind === 'string') return kind;
  if (keyLine < 0) return undefined;
  const col = lineFrames(doc.lines.lineText(keyLine)).find((f) => f.key === id)?.col ?? 0;
  for (let i = keyLine + 1; i < doc.lines.lineCount; i++) {
    const frames = lineFrames(doc.lines.lineText(i));
    if (!frames.length) continue;
    if (frames[0].col <= col) break;
    const f = frames[0];
    if (f.type === 'key' && f.key === 'kind')
      return doc.lines
        .lineText(i)
        .slice(f.valueCol)
        .replace(/#.*$/, '')
        .trim()
        .replace(/^["']|["']$/g, '');
  }
  return undefined;
}

/** The step ids of a document, with their first line of text (also when the YAML does not parse). */
export function stepSummaries(doc: ScenarioDocument): { id: string; kind?: string; text?: string }[] {
  if (doc.steps.length)
    return doc.steps.map((s) => ({ id: s.id, kind: s.data?.kind, text: firstLine(stepText(s.data)) }));
  const out: { id: string; kind?: string }[] = [];
  let inSteps = false;
  let col = -1;
  for (let i = 0; i < doc.lines.lineCount; i++) {
    const frames = lineFrames(doc.lines.lineText(i));
    if (!frames.length) continue;
    if (frames[0].col === 0) {
      inSteps = frames[0].key === 'steps';
      col = -1;
      continue;
    }
    if (!inSteps) continue;
    if (col < 0) col = frames[0].col;
    if (frames[0].col === col && frames[0].type === 'key')
      out.push({ id: frames[0].key!, kind: stepKind(doc, frames[0].key!, i) });
  }
  return out;
}

/** A step's main text: what is said, the prompt, or the action in words. */
export function stepText(data: Record<string, unknown> | undefined): string | undefined {
  if (!data) return undefined;
  for (const k of ['say', 'prompt']) if (typeof data[k] === 'string') return data[k] as string;
  if (typeof data.action === 'string')
    return [data.action, data.to, data.grade].filter((x) => typeof x === 'string').join(' ');
  return undefined;
}

function firstLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.trim().split(/\r?\n/)[0];
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}

/** Completion proposals at a position. */
export function complete(doc: ScenarioDocument, position: Position, project: Project): CompletionItem[] {
  const ctx = contextAt(doc, position);
  if (!ctx) return [];
  const kindOf = (id: string) => stepKind(doc, id, ctx.lines[1] ?? -1);
  const schema = schemaAt(ctx.path, kindOf);
  if (ctx.kind === 'key') {
    if (ctx.path.length === 1 && ctx.path[0] === 'steps') return stepSnippets(ctx);
    if (isObjectSchema(schema)) return [...propertyItems(ctx, schema), ...choiceSnippets(ctx)];
    if (isArraySchema(schema))
      return [
        ...choiceSnippets(ctx),
        ...valueItems(doc, ctx, [...ctx.path, 0], deref(schema?.items), project.catalogue, '- '),
      ];
    if (ctx.path.length === 0 && !doc.root && !ctx.word) return propertyItems(ctx, schemaAt([], kindOf));
  }
  return valueItems(doc, ctx, ctx.path, schema, project.catalogue, '');
}

function propertyItems(ctx: YamlContext, schema: JsonSchema | undefined): CompletionItem[] {
  const props = propertiesOf(schema);
  const required = new Set(requiredOf(schema));
  const items: CompletionItem[] = [];
  for (const [key, raw] of Object.entries(props)) {
    if (ctx.siblings.has(key)) continue;
    const prop = deref(raw);
    items.push({
      label: key,
      kind: 'property',
      detail: prop?.title,
      documentation: schemaMarkdown(prop, key),
      insertText: key + ': ' + (ctx.inFlow ? '$0' : valueSnippet(prop, key)),
      snippet: true,
      range: ctx.range,
      sortText: (key === 'kind' ? '0' : required.has(key) ? '1' : '2') + key,
    });
  }
  return items;
}

function valueSnippet(prop: JsonSchema | undefined, key: string): string {
  const values = enumValues(prop);
  if (isObjectSchema(prop) && !isArraySchema(prop)) return '\n  $0';
  if (isArraySchema(prop)) {
    const items = deref(prop?.items);
    if (key === 'choices') return '\n  - ' + CHOICE_BODY.replace(/\n/g, '\n  ');
    return isObjectSchema(items) ? '\n  - $0' : '[$0]';
  }
  if (values.length > 1 && values.every((v) => typeof v === 'string' && /^[\w-]+$/.test(v)))
    return '${1|' + values.join(',') + '|}';
  return '$0';
}

function stepSnippets(ctx: YamlContext): CompletionItem[] {
  return STEP_SNIPPETS.map((s) => ({
    label: `${s.kind} step`,
    kind: 'snippet' as const,
    detail: `New ${s.kind} step`,
    documentation:
      s.description +
      '\n\n```yaml\n' +
      s.body.replace(
        /\$\{\d+:?([^}|]*)(\|[^}]*\|)?\}/g,
        (_m, d: string, c?: string) => d || (c ? c.slice(1).split(',')[0] : ''),
      ) +
      '\n```',
    insertText: s.body,
    snippet: true,
    range: ctx.range,
    filterText: ctx.word ? `${ctx.word} ${s.kind}` : s.kind,
    sortText: '0' + s.kind,
  }));
}

function choiceSnippets(ctx: YamlContext): CompletionItem[] {
  const p = ctx.path;
  const last = p[p.length - 1];
  const inItem =
    typeof last === 'number' && p[p.length - 2] === 'choices' && ctx.afterDash && ctx.siblings.size === 0;
  const newItem = last === 'choices' && !ctx.inFlow;
  if (p[0] !== 'steps' || (!inItem && !newItem)) return [];
  return [
    {
      label: 'new choice',
      kind: 'snippet',
      detail: 'A new option: label and next step',
      insertText: (inItem ? '' : '- ') + CHOICE_BODY,
      snippet: true,
      range: ctx.range,
      filterText: ctx.word || 'label',
      sortText: '0choice',
    },
  ];
}

function valueItems(
  doc: ScenarioDocument,
  ctx: YamlContext,
  path: Segment[],
  schema: JsonSchema | undefined,
  catalogue: Catalogue,
  prefix: string,
): CompletionItem[] {
  const range = ctx.range;
  const quoteIfNeeded = (v: string) => (ctx.quote || !needsQuotes(v) ? v : `"${v}"`);
  if (isStepRefPath(path)) {
    return stepSummaries(doc).map((s, i) => ({
      label: s.id,
      kind: 'step' as const,
      detail: [s.kind, s.text].filter(Boolean).join(' · ') || undefined,
      insertText: prefix + s.id,
      range,
      filterText: s.id,
      sortText: String(i).padStart(5, '0'),
    }));
  }
  const family = codeFamilyAt(path);
  if (family === 'determinant') return determinantItems(ctx, catalogue, prefix);
  if (family) {
    const f = catalogue.families.get(family);
    if (!f) return [];
    return f.codes.map((c, i) => ({
      label: c.code,
      kind: 'code' as const,
      detail: [c.label, c.deprecated ? '(deprecated)' : undefined].filter(Boolean).join(' '),
      documentation: codeMarkdown(c, f.label),
      insertText: prefix + quoteIfNeeded(c.code),
      range,
      filterText: [c.code, ...c.aliases].join(' '),
      sortText: (c.deprecated ? '1' : '0') + String(i).padStart(5, '0'),
    }));
  }
  return enumValues(schema).map((v, i) => {
    const text = String(v);
    return {
      label: text,
      kind: 'value' as const,
      documentation: schemaMarkdown(schema),
      insertText: prefix + (typeof v === 'string' ? quoteIfNeeded(text) : text),
      range,
      sortText: String(i).padStart(5, '0'),
    };
  });
}

/** Markdown for a code: label, family, target, description, aliases. */
export function codeMarkdown(
  c: {
    code: string;
    label?: string;
    description?: string;
    target?: string;
    aliases: string[];
    deprecated?: string | boolean;
    replacedBy?: string;
  },
  familyLabel?: string,
): string {
  const parts = [`**${c.code}**${c.label ? ` — ${c.label}` : ''}${familyLabel ? ` (${familyLabel})` : ''}`];
  if (c.target) parts.push(`Target: ${c.target}`);
  if (c.description) parts.push(c.description);
  if (c.aliases.length) parts.push('Also written: ' + c.aliases.map((a) => `\`${a}\``).join(', '));
  if (c.deprecated)
    parts.push(
      `Deprecated${typeof c.deprecated === 'string' ? `: ${c.deprecated}` : ''}${c.replacedBy ? ` (use \`${c.replacedBy}\`)` : ''}`,
    );
  return parts.join('\n\n');
}

function determinantItems(ctx: YamlContext, catalogue: Catalogue, prefix: string): CompletionItem[] {
  const d = catalogue.determinant;
  if (!d) return [];
  const complaint = /^(\d{1,2})-?/.exec(ctx.word)?.[1];
  return Object.entries(d.levels).map(([letter, level], i) => ({
    label: `${complaint ?? 'N'}-${letter}-…`,
    kind: 'code' as const,
    detail: `${level.name}: ${level.meaning ?? ''}`.trim(),
    documentation: [
      `**${letter}** — ${level.name}`,
      level.meaning ?? '',
      level.ambulance?.length ? `Typical ambulance response: ${level.ambulance.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    insertText: prefix + (complaint ? `${complaint}-${letter}-\${1:1}` : `\${1:9}-${letter}-\${2:1}`),
    snippet: true,
    range: ctx.range,
    filterText: complaint ? `${complaint}-${letter}` : ctx.word + letter,
    sortText: String(level.rank ?? i).padStart(3, '0'),
  }));
}

function needsQuotes(v: string): boolean {
  return (
    /^[-+]?(\d|\.\d)/.test(v) ||
    /^(true|false|null|~)$/i.test(v) ||
    /[:#,[\]{}&*!|>'"%@`]/.test(v) ||
    v === ''
  );
}
