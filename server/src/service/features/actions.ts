/**
 * Code actions for the problems in a range: the fixes the rules attach (did-you-mean replacements,
 * "create the missing step"…), "add the missing property" for `schema/required`, and "suppress this rule
 * here", which adds a `# callflow-disable-next-line <rule-id>` comment above the problem line.
 */
import { stepKind } from './complete';
import { nodeAt, type Segment } from '../syntax/locate';
import type { ScenarioDocument } from '../syntax/parse';
import { hasKey, isMap, nodeAtPath, pairsOf, pairValue, type YAMLMap } from '../syntax/nodes';
import {
  insertAt,
  insertLineAbove,
  insertProperties,
  type NewProperty,
  type NewValue,
} from '../edits/builder';
import { deref, enumValues, isArraySchema, isObjectSchema, schemaAt } from '../schema/navigate';
import type { Fix, Problem, Range } from '../model/types';

/** Problems that cannot be silenced by a comment (the file could not be read as a scenario). */
const UNSUPPRESSIBLE = /^(yaml|internal)\//;

/** Quick fixes for the problems that overlap `range`. */
export function codeActions(doc: ScenarioDocument, range: Range, problems: Problem[]): Fix[] {
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  const add = (fix: Fix | undefined) => {
    if (!fix) return;
    const key = fix.title + JSON.stringify(fix.edits);
    if (seen.has(key)) return;
    seen.add(key);
    fixes.push(fix);
  };
  const relevant = problems.filter((p) => overlaps(p.range, range));
  for (const p of relevant) for (const f of p.fixes ?? []) add(f);
  for (const p of relevant) if (p.ruleId === 'schema/required') add(addMissingProperty(doc, p));
  for (const p of relevant) if (!UNSUPPRESSIBLE.test(p.ruleId)) add(suppressHere(doc, p));
  return fixes;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * "Add missing property `say`": the property, with a placeholder the schema suggests, after the last
 * pair of the mapping that lacks it (a block or a flow mapping).
 */
export function addMissingProperty(doc: ScenarioDocument, problem: Problem): Fix | undefined {
  if (problem.data?.kind !== 'missing-property') return undefined;
  const missing = problem.data.property;
  const found = mappingLacking(doc, problem, missing);
  if (!found) return undefined;
  const schema = schemaAt([...found.path, missing], (id) => stepKind(doc, id));
  const edit = insertProperties(doc, found.map, [[missing, placeholder(schema)]]);
  return edit && { title: `Add missing property \`${missing}\``, edits: [edit], preferred: true };
}

/** The mapping a `schema/required` problem is about: the value of the key it is on, or that key's. */
function mappingLacking(
  doc: ScenarioDocument,
  problem: Problem,
  missing: string,
): { map: YAMLMap; path: Segment[] } | undefined {
  const hit = nodeAt(doc, doc.lines.offset(problem.range.start));
  if (!hit?.isKey) return undefined;
  const parentPath = hit.path.slice(0, -1);
  const parent = nodeAtPath(doc.yaml?.contents, parentPath);
  const pair = pairsOf(parent).find((p) => p.key === hit.node);
  const value = pair && pairValue(pair);
  if (isMap(value) && !hasKey(value, missing)) return { map: value, path: hit.path };
  if (isMap(parent) && !hasKey(parent, missing)) return { map: parent, path: parentPath };
  return undefined;
}

/** A value that satisfies the schema's shape, for the author to change. */
function placeholder(schemaIn: ReturnType<typeof schemaAt>): NewValue {
  const schema = deref(schemaIn);
  if (!schema) return '';
  const values = enumValues(schema);
  if (values.length) {
    const v = values[0];
    return typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  }
  if (isArraySchema(schema)) return { raw: '[]' };
  if (isObjectSchema(schema)) {
    const req = schema.required ?? [];
    return req.length ? { entries: req.map((r): NewProperty => [r, '']) } : { raw: '{}' };
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const example = schema.examples?.[0];
    return typeof example === 'number' ? example : 0;
  }
  if (schema.type === 'boolean') return false;
  return '';
}

/** "Suppress `rule` here": a disable comment above the problem line (or one more id on an existing one). */
export function suppressHere(doc: ScenarioDocument, problem: Problem): Fix {
  const line = problem.range.start.line;
  const text = doc.lines.lineText(line);
  const indent = /^[ \t]*/.exec(text)![0];
  const above = line > 0 ? doc.lines.lineText(line - 1) : '';
  const existing = /^([ \t]*#\s*callflow-disable-next-line\s+)(.*?)\s*$/.exec(above);
  const title = `Suppress \`${problem.ruleId}\` on this line`;
  if (existing) {
    const ids = existing[2].split(/[\s,]+/);
    if (!ids.includes(problem.ruleId)) {
      const pos = { line: line - 1, character: above.trimEnd().length };
      return { title, edits: [insertAt(pos, `, ${problem.ruleId}`)] };
    }
  }
  return {
    title,
    edits: [insertLineAbove(doc, line, `${indent}# callflow-disable-next-line ${problem.ruleId}`)],
  };
}
