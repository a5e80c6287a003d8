/**
 * Completion: property keys valid at the cursor (from the published schema, following the step `kind`),
 * fixed values, step ids after `next:` / `start:`, triage codes of the family the key expects (aliases
 * match through the filter text), the determinant's levels and snippets for new steps and choices.
 * Works on half-typed documents: the YAML path comes from the text (see `contextAt`).
 */
import { Slot } from '../syntax/analysis';
import type { CompletionItem, CompletionList } from '../api';
import type { Project } from '../model/project';
import type { Catalogue } from '../model/catalogue';
import { CODE_KEYS } from '../model/code-slots';
import { contextAt, lineFrames, type Segment, type YamlContext } from '../syntax/locate';
import type { ScenarioDocument } from '../syntax/parse';
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
} from '../schema/navigate';
import type { Position } from '../model/types';
import { CHOICE_BODY, STEP_SNIPPETS } from '../../shared/snippets';

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

/** Step ids for a `next:` or `start:` value: all of them, or the best MAX_STEP_ITEMS (see there). */
function stepRefItems(
  doc: ScenarioDocument,
  ctx: YamlContext,
  position: Position | undefined,
  prefix: string,
): CompletionList {
  const item = (s: { id: string; kind?: string; text?: string }, rank: number): CompletionItem => ({
    label: s.id,
    kind: 'step',
    detail: [s.kind, s.text].filter(Boolean).join(' · ') || undefined,
    insertText: prefix + s.id,
    range: ctx.range,
    filterText: s.id,
    sortText: String(rank).padStart(5, '0'),
  });
  const steps = doc.steps;
  if (steps.length <= MAX_STEP_ITEMS || !position) {
    return { items: stepSummaries(doc).map((s, i) => item(s, i)), incomplete: false };
  }
  // What is typed so far (up to the cursor), matched as a subsequence like the editor's own filter.
  const typed =
    position.line === ctx.range.start.line
      ? ctx.word.slice(0, Math.max(0, position.character - ctx.range.start.character)).toLowerCase()
      : '';
  const matches = (id: string) => {
    if (!typed) return true;
    let k = 0;
    const lower = id.toLowerCase();
    for (let i = 0; i < lower.length && k < typed.length; i++) if (lower[i] === typed[k]) k++;
    return k === typed.length;
  };
  const targeted = targetsOf(doc);
  const here = typeof ctx.path[1] === 'string' ? (doc.stepsById.get(ctx.path[1])?.index ?? 0) : 0;
  // Four ranks (typed prefix or not × loose or not), each in source order from the step after this one.
  const ranks: number[][] = [[], [], [], []];
  let matched = 0;
  for (let k = 1; k <= steps.length; k++) {
    const s = steps[(here + k) % steps.length];
    if (!matches(s.id)) continue;
    matched++;
    const prefixed = typed && s.id.toLowerCase().startsWith(typed) ? 0 : 1;
    const loose = !targeted.has(s.id) && s.index !== here ? 0 : 1;
    const rank = ranks[prefixed * 2 + loose];
    if (rank.length < MAX_STEP_ITEMS) rank.push(s.index);
  }
  const shown = ranks.flat().slice(0, MAX_STEP_ITEMS);
  return {
    items: shown.map((index, rank) => {
      const s = steps[index];
      return item({ id: s.id, kind: s.data?.kind, text: firstLine(stepText(s.data)) }, rank);
    }),
    incomplete: matched > shown.length,
  };
}

/** The step ids something leads to, kept in the document's analysis cache. */
const TARGETS = new Slot<Set<string>>('step targets');

/** The step ids something leads to: `start`, and every `next` (of steps, choices and timeouts). */
function targetsOf(doc: ScenarioDocument): Set<string> {
  return doc.analysis.getOrCompute(TARGETS, () => findTargets(doc));
}

function findTargets(doc: ScenarioDocument): Set<string> {
  const targets = new Set<string>();
  const start = (doc.value as { start?: unknown } | undefined)?.start;
  if (typeof start === 'string') targets.add(start);
  for (const { data } of doc.steps) {
    if (!data) continue;
    if (typeof data.next === 'string') targets.add(data.next);
    if (Array.isArray(data.choices))
      for (const c of data.choices) if (c && typeof c.next === 'string') targets.add(c.next);
    if (data.timeout && typeof data.timeout.next === 'string') targets.add(data.timeout.next);
  }
  return targets;
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

/**
 * At most this many step ids are proposed at once. Longer lists are ranked (ids matching what is typed,
 * steps nothing leads to yet, then the steps after the cursor's) and marked incomplete, so the editor
 * asks again as the trainer types: 10,000 proposals would cost ~100 ms per keystroke to build and send.
 */
export const MAX_STEP_ITEMS = 100;

/** Completion proposals at a position; `incomplete` when more would match than are listed. */
export function complete(doc: ScenarioDocument, position: Position, project: Project): CompletionList {
  const ctx = contextAt(doc, position);
  if (!ctx) return { items: [], incomplete: false };
  if (isStepRefPath(ctx.path) && ctx.kind !== 'key') return stepRefItems(doc, ctx, position, '');
  return { items: proposals(doc, ctx, project), incomplete: false };
}

function proposals(doc: ScenarioDocument, ctx: YamlContext, project: Project): CompletionItem[] {
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
  if (isStepRefPath(path)) return stepRefItems(doc, ctx, undefined, prefix).items;
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
