/**
 * The outline (metadata, caller, incident, expected outcome, steps with their kind) and folding ranges
 * (every mapping, list and block of text that spans several lines).
 */
import type { DocumentSymbol, FoldingRange, SymbolKind } from '../api';
import { stepText } from './complete';
import { offsetsOf, type ScenarioDocument } from '../syntax/parse';
import {
  asNode,
  isMap,
  isScalar,
  isSeq,
  keyText,
  pairKey,
  pairValue,
  seqItems,
  valueNode,
  type Node,
  type Pair,
} from '../syntax/nodes';
import type { Range } from '../model/types';

/** The document outline. */
export function symbols(doc: ScenarioDocument): DocumentSymbol[] {
  if (!doc.root) return [];
  const out: DocumentSymbol[] = [];
  for (const pair of doc.root.items) {
    const key = keyText(pair);
    if (key === undefined) continue;
    if (key === 'steps') out.push(stepsSymbol(doc, pair));
    else out.push(pairSymbol(doc, pair, 1));
  }
  return out;
}

function pairRange(doc: ScenarioDocument, pair: Pair): { range: Range; selectionRange: Range } {
  const [ks, ke] = offsetsOf(pairKey(pair));
  const value = pairValue(pair);
  const end = value?.range ? trimEnd(doc, value.range[1]) : ke;
  return { range: doc.lines.range(ks, Math.max(ke, end)), selectionRange: doc.lines.range(ks, ke) };
}

/** The end of a node without the trailing line break(s) the parser includes. */
function trimEnd(doc: ScenarioDocument, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(doc.text[e - 1])) e--;
  return e;
}

function kindOf(value: Node | undefined): SymbolKind {
  if (isMap(value)) return 'object';
  if (isSeq(value)) return 'array';
  if (isScalar(value) && typeof value.value === 'number') return 'number';
  return isScalar(value) ? 'string' : 'property';
}

function summary(value: Node | undefined): string | undefined {
  if (isScalar(value) && value.value !== null && value.value !== undefined) {
    const s = String(value.value).trim().split(/\r?\n/)[0];
    return s.length > 60 ? s.slice(0, 59) + '…' : s;
  }
  if (isSeq(value)) return `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
  return undefined;
}

function pairSymbol(doc: ScenarioDocument, pair: Pair, depth: number): DocumentSymbol {
  const value = pairValue(pair);
  const sym: DocumentSymbol = {
    name: keyText(pair) ?? '',
    detail: summary(value),
    kind: kindOf(value),
    ...pairRange(doc, pair),
  };
  if (isMap(value) && depth > 0) {
    sym.children = value.items
      .filter((p) => keyText(p) !== undefined)
      .map((p) => pairSymbol(doc, p, depth - 1));
  }
  return sym;
}

function stepsSymbol(doc: ScenarioDocument, pair: Pair): DocumentSymbol {
  const children = doc.steps.map((step) => {
    const data = step.data as Record<string, unknown> | undefined;
    const kind = typeof data?.kind === 'string' ? data.kind : 'step';
    const text = stepText(data)?.trim().split(/\r?\n/)[0];
    const sym: DocumentSymbol = {
      name: step.id,
      detail: text ? `${kind} · ${text.length > 50 ? text.slice(0, 49) + '…' : text}` : kind,
      kind: 'step',
      range: doc.lines.range(step.fullOffsets[0], trimEnd(doc, step.fullOffsets[1])),
      selectionRange: step.keyRange,
    };
    const choices = valueNode(step.node, 'choices');
    if (isSeq(choices)) {
      sym.children = seqItems(choices)
        .filter(isMap)
        .map((item, i) => {
          const label = valueNode(item, 'label');
          const next = valueNode(item, 'next');
          const [s, e] = offsetsOf(item);
          const labelText = isScalar(label) ? String(label.value) : `option ${i + 1}`;
          return {
            name: labelText.length > 60 ? labelText.slice(0, 59) + '…' : labelText,
            detail: isScalar(next) ? `→ ${String(next.value)}` : undefined,
            kind: 'event' as const,
            range: doc.lines.range(s, trimEnd(doc, e)),
            selectionRange: label ? doc.lines.range(...offsetsOf(label)) : doc.lines.range(s, s),
          };
        });
    }
    return sym;
  });
  return {
    name: 'steps',
    detail: `${doc.steps.length} step${doc.steps.length === 1 ? '' : 's'}`,
    kind: 'array',
    ...pairRange(doc, pair),
    children,
  };
}

/** Folding ranges for every mapping, list and multi-line text value. */
export function foldingRanges(doc: ScenarioDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const root = asNode(doc.yaml?.contents);
  const stack: { node: Node; startLine?: number }[] = root ? [{ node: root }] : [];
  let guard = 0;
  while (stack.length && guard++ < 1_000_000) {
    const { node, startLine } = stack.pop()!;
    if (!node?.range) continue;
    const endLine = doc.lines.position(trimEnd(doc, node.range[1])).line;
    if (startLine !== undefined && endLine > startLine) out.push({ startLine, endLine });
    if (isMap(node)) {
      for (const p of node.items) {
        const key = pairKey(p);
        const value = pairValue(p);
        if (key?.range && value)
          stack.push({ node: value, startLine: doc.lines.position(key.range[0]).line });
      }
    } else if (isSeq(node)) {
      for (const item of seqItems(node))
        if (item.range) stack.push({ node: item, startLine: doc.lines.position(item.range[0]).line });
    }
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.filter((r, i) => i === 0 || r.startLine !== out[i - 1].startLine);
}
