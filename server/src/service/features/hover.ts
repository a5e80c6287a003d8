/**
 * Hover: the schema's documentation for a key, the meaning of a triage code (label, family, target,
 * description), the level of a medical determinant, a step's summary on a `next:` / `start:` target or
 * a step id, and a rule's documentation on a suppression comment.
 */
import { isScalar } from '../syntax/nodes';
import type { HoverResult } from '../api';
import type { Project } from '../model/project';
import type { Catalogue } from '../model/catalogue';
import { codeFamilyAt, codeMarkdown, isStepRefPath, stepKind, stepText } from './complete';
import { nodeAt } from '../syntax/locate';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
import type { RuleInfo } from '../checks/rules/engine';
import { schemaAt, schemaMarkdown } from '../schema/navigate';
import type { Position } from '../model/types';

/** Hover text at a position, or undefined when there is nothing to say. */
export function hover(
  doc: ScenarioDocument,
  position: Position,
  project: Project,
  rules: readonly RuleInfo[] = [],
): HoverResult | undefined {
  const suppression = suppressionHover(doc, position, rules);
  if (suppression) return suppression;
  const hit = nodeAt(doc, doc.lines.offset(position));
  if (!hit || !isScalar(hit.node)) return undefined;
  const range = doc.lines.range(...offsetsOf(hit.node));
  const kindOf = (id: string) => stepKind(doc, id);
  const path = hit.path;
  if (hit.isKey) {
    if (path.length === 2 && path[0] === 'steps') {
      const markdown = stepMarkdown(doc, String(path[1]));
      return markdown ? { markdown, range } : undefined;
    }
    const markdown = schemaMarkdown(schemaAt(path, kindOf), String(path[path.length - 1]));
    return markdown ? { markdown, range } : undefined;
  }
  const value = hit.node.value;
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  if (isStepRefPath(path)) {
    return { markdown: stepMarkdown(doc, text) ?? `No step \`${text}\` in this scenario.`, range };
  }
  const family = codeFamilyAt(path);
  if (family === 'determinant') {
    const markdown = determinantMarkdown(project.catalogue, text);
    return markdown ? { markdown, range } : undefined;
  }
  if (family) return { markdown: codeHover(project.catalogue, family, text), range };
  const markdown = schemaMarkdown(schemaAt(path, kindOf), String(path[path.length - 1] ?? ''));
  return markdown ? { markdown, range } : undefined;
}

/** A step's summary: id, kind and first lines of text. */
function stepMarkdown(doc: ScenarioDocument, id: string): string | undefined {
  const step = doc.stepsById.get(id);
  if (!step) return undefined;
  const kind = step.data?.kind;
  const text = stepText(step.data as Record<string, unknown> | undefined);
  const lines = [`**${id}**${kind ? ` · ${kind} step` : ''} (line ${step.keyRange.start.line + 1})`];
  if (text) {
    const trimmed = text.trim();
    lines.push('> ' + (trimmed.length > 300 ? trimmed.slice(0, 299) + '…' : trimmed).replace(/\n/g, '\n> '));
  }
  const next = step.data?.next;
  if (typeof next === 'string') lines.push(`Next: \`${next}\``);
  return lines.join('\n\n');
}

function codeHover(catalogue: Catalogue, family: string, value: string): string {
  const f = catalogue.families.get(family);
  const entry = f?.lookup.get(value);
  if (!f || !entry) return `\`${value}\` is not a code of the \`${family}\` family in ${catalogue.name}.`;
  const alias = entry.code !== value ? `\`${value}\` is another way to write **${entry.code}**.\n\n` : '';
  return alias + codeMarkdown(entry, f.label ?? family);
}

function determinantMarkdown(catalogue: Catalogue, value: string): string | undefined {
  const d = catalogue.determinant;
  if (!d) return undefined;
  const m = d.pattern.exec(value);
  if (!m)
    return `\`${value}\` does not have the form of a ${d.label ?? 'determinant'} (for example \`9-E-1\`).`;
  const letter = m.groups?.level;
  const level = letter
    ? (d.levels[letter] ?? Object.values(d.levels).find((l) => l.aliases?.includes(letter)))
    : undefined;
  const parts = [`**${value}** — ${d.label ?? 'determinant'}`];
  if (m.groups?.complaint) parts.push(`Complaint ${m.groups.complaint}`);
  if (level) {
    parts.push(`Level **${letter}** (${level.name}): ${level.meaning ?? ''}`);
    if (level.ambulance?.length) parts.push(`Typical ambulance response: ${level.ambulance.join(', ')}`);
  }
  return parts.join('\n\n');
}

const SUPPRESSION = /#\s*callflow-disable(?:-next-line|-line)?\s+(.*)$/;

function suppressionHover(
  doc: ScenarioDocument,
  position: Position,
  rules: readonly RuleInfo[],
): HoverResult | undefined {
  const line = doc.lines.lineText(position.line);
  const m = SUPPRESSION.exec(line);
  if (!m || position.character < m.index) return undefined;
  const idRe = /[a-z]+\/[a-z0-9-]+/g;
  const base = m.index + m[0].length - m[1].length;
  for (let r = idRe.exec(m[1]); r; r = idRe.exec(m[1])) {
    const start = base + r.index;
    const end = start + r[0].length;
    if (position.character < start || position.character > end) continue;
    const rule = rules.find((x) => x.id === r![0]);
    const markdown = rule
      ? `**${rule.id}** (${rule.severity}) — ${rule.title}\n\n${rule.why}\n\nFix: ${rule.fix}`
      : `Unknown rule \`${r[0]}\`.`;
    return {
      markdown,
      range: {
        start: { line: position.line, character: start },
        end: { line: position.line, character: end },
      },
    };
  }
  return undefined;
}
