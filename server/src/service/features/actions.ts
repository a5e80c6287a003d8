/**
 * Code actions for the problems in a range: the fixes the rules attach (did-you-mean replacements,
 * "create the missing step"…), "add the missing property" for `schema/required`, and "suppress this rule
 * here", which adds a `# callflow-disable-next-line <rule-id>` comment above the problem line.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { stepKind } from './complete';
import { nodeAt, type Segment } from '../syntax/locate';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
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

/** "Add missing property `say`": a new line at the end of the mapping that lacks it. */
export function addMissingProperty(doc: ScenarioDocument, problem: Problem): Fix | undefined {
  const missing = /^Missing `([^`]+)`/.exec(problem.message)?.[1];
  if (!missing) return undefined;
  const hit = nodeAt(doc, doc.lines.offset(problem.range.start));
  let map: YAMLMap | undefined;
  let path: Segment[] = [];
  if (hit?.isKey) {
    const parentPath = hit.path.slice(0, -1);
    const parent = parentPath.length ? nodeAtPath(doc, parentPath) : (doc.yaml?.contents as Node | null);
    const value = isMap(parent)
      ? (parent.items.find((p) => isScalar(p.key) && p.key === hit.node)?.value as Node | null)
      : null;
    if (isMap(value) && !hasKey(value, missing)) {
      map = value;
      path = hit.path;
    } else if (isMap(parent) && !hasKey(parent, missing)) {
      map = parent;
      path = parentPath;
    }
  } else if (!doc.root && !doc.text.trim()) {
    return undefined;
  }
  if (!map) return undefined;
  const kindOf = (id: string) => stepKind(doc, id);
  const schema = schemaAt([...path, missing], kindOf);
  const firstKey = map.items[0]?.key as Node | undefined;
  const col = firstKey?.range ? doc.lines.position(firstKey.range[0]).character : 0;
  const indent = ' '.repeat(col);
  const last = map.items[map.items.length - 1];
  const endNode = ((last?.value as Node | null) ?? (last?.key as Node | null)) as Node | null;
  let end = endNode?.range ? endNode.range[1] : offsetsOf(map)[1];
  while (end > 0 && /\s/.test(doc.text[end - 1])) end--;
  const endPos = doc.lines.position(end);
  const lineEnd = { line: endPos.line, character: doc.lines.lineText(endPos.line).length };
  return {
    title: `Add missing property \`${missing}\``,
    edits: [
      {
        range: { start: lineEnd, end: lineEnd },
        newText: `\n${indent}${missing}: ${placeholder(schema, col)}`,
      },
    ],
    preferred: true,
  };
}

function hasKey(map: YAMLMap, key: string): boolean {
  return map.items.some((p) => isScalar(p.key) && String(p.key.value) === key);
}

function nodeAtPath(doc: ScenarioDocument, path: Segment[]): Node | undefined {
  let node = (doc.yaml?.contents as Node | null) ?? undefined;
  for (const seg of path) {
    if (isMap(node))
      node =
        (node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))
          ?.value as Node | null) ?? undefined;
    else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items))
      node = (node as { items: Node[] }).items[Number(seg)];
    else return undefined;
  }
  return node;
}

function placeholder(schemaIn: ReturnType<typeof schemaAt>, col: number): string {
  const schema = deref(schemaIn);
  if (!schema) return '""';
  const values = enumValues(schema);
  if (values.length) return String(values[0]);
  if (isArraySchema(schema)) return '[]';
  if (isObjectSchema(schema)) {
    const req = schema.required ?? [];
    return req.length ? req.map((r) => `\n${' '.repeat(col + 2)}${r}: ""`).join('') : '{}';
  }
  if (schema.type === 'number' || schema.type === 'integer') return String(schema.examples?.[0] ?? 0);
  if (schema.type === 'boolean') return 'false';
  return '""';
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
      return { title, edits: [{ range: { start: pos, end: pos }, newText: `, ${problem.ruleId}` }] };
    }
  }
  const pos = { line, character: 0 };
  return {
    title,
    edits: [
      {
        range: { start: pos, end: pos },
        newText: `${indent}# callflow-disable-next-line ${problem.ruleId}\n`,
      },
    ],
  };
}
