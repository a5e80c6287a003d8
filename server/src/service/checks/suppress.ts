/**
 * Inline suppression by comments naming rule ids (several separated by commas or spaces):
 * - `# callflow-disable-next-line flow/unreachable-step` silences the next line;
 * - `# callflow-disable-line code/unknown` (at the end of a line) silences that line;
 * - `# callflow-disable domain/location-first` on a line of its own silences the whole file.
 * A suppression must name its rule ids: a blanket "disable everything" is not offered.
 */
import type { ScenarioDocument } from '../syntax/parse';
import type { Problem } from '../model/types';

const PATTERN =
  /(?:^|\s)#\s*callflow-disable(-next-line|-line)?\s+([a-z]+\/[a-z0-9-]+(?:[\s,]+[a-z]+\/[a-z0-9-]+)*)/;

/** Removes suppressed problems. */
export function applySuppressions(doc: ScenarioDocument, problems: Problem[]): Problem[] {
  if (!doc.text.includes('callflow-disable')) return problems;
  const byLine = new Map<number, Set<string>>();
  const file = new Set<string>();
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line);
    if (!text.includes('callflow-disable')) continue;
    const m = PATTERN.exec(text);
    if (!m) continue;
    const ids = m[2].split(/[\s,]+/).filter(Boolean);
    const target = m[1] === '-next-line' ? line + 1 : m[1] === '-line' ? line : -1;
    if (target < 0) ids.forEach((id) => file.add(id));
    else {
      const set = byLine.get(target) ?? new Set<string>();
      ids.forEach((id) => set.add(id));
      byLine.set(target, set);
    }
  }
  return problems.filter((p) => !file.has(p.ruleId) && !byLine.get(p.range.start.line)?.has(p.ruleId));
}
