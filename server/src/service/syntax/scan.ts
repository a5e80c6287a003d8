/**
 * The safety walks of a parse: the nesting estimate made before the YAML composer (which recurses) sees
 * the text, and one walk over the node tree for duplicate and merge keys, the nesting depth and the
 * expanded size of aliases (see the decisions in parse.ts).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { offsetsOf, type KeyFindings } from './document';
import { pairKey } from './nodes';
import { code, type LineIndex } from './text';
import type { Problem } from '../model/types';

/** Deeper nesting than this is reported and not converted (no scenario needs more than a dozen). */
export const MAX_DEPTH = 256;
/**
 * Documents the fast reader finds no deeper than this skip the nesting estimate (which counts at most two
 * levels per collection, so cannot reach MAX_DEPTH) and the depth part of the node walk.
 */
export const SHALLOW = 64;

/** Mapping keys that are collections (never needed in a scenario) may nest this deep at most. */
export const MAX_KEY_NESTING = 8;

/** The problems of duplicate and merge keys. */
export function keyProblems(keys: KeyFindings, lines: LineIndex): Problem[] {
  const problems: Problem[] = [];
  for (const [a, b] of keys.duplicates) {
    const key = isScalar(b.key) ? (b.key.source ?? String(b.key.value)) : '?';
    const firstLine = lines.position(offsetsOf(pairKey(a))[0]).line + 1;
    const [s, e] = offsetsOf(pairKey(b));
    problems.push({
      ruleId: 'yaml/duplicate-key',
      severity: 'error',
      message: `Duplicate key ${code(key)}: it is already set on line ${firstLine}, and YAML keeps only the last one.`,
      range: lines.range(s, e),
      related: [{ range: lines.range(...offsetsOf(pairKey(a))), message: `First ${code(key)} is here.` }],
    });
  }
  for (const m of keys.mergeKeys)
    problems.push({
      ruleId: 'yaml/merge-key',
      severity: 'error',
      message:
        'Merge keys (`<<`) are not supported: write the properties out, or reuse a whole value with an alias (`*name`).',
      range: lines.range(...offsetsOf(m)),
    });
  return problems;
}

/**
 * A conservative estimate of the nesting depth, made before the YAML composer (which recurses) sees the
 * text: indentation levels plus open flow brackets outside quotes and comments. Returns the offset where
 * the estimate first exceeds MAX_DEPTH, if it does.
 */
export function findExcessiveNesting(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation (spaces and `- `/`? ` markers). Each marker opens a level
    // (`- - - x` nests three sequences on one line), and so does the content after them.
    let col = 0;
    while (i < n && (text[i] === ' ' || ((text[i] === '-' || text[i] === '?') && text[i + 1] === ' '))) {
      if (text[i] !== ' ' && flow === 0) {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        if (indents.length > MAX_DEPTH) return i;
      }
      col++;
      i++;
    }
    const c = text[i];
    if (flow === 0 && c !== '\n' && c !== '\r' && c !== '#' && i < n) {
      while (indents.length && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      if (indents.length > MAX_DEPTH) return i;
    }
    // Rest of the line: flow brackets outside quotes and comments.
    while (i < n && text[i] !== '\n' && text[i] !== '\r') {
      const ch = text[i];
      if (ch === '"' || ch === "'") {
        i++;
        while (i < n && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' && ch === '"' ? 2 : 1;
      } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        break;
      } else if (ch === '[' || ch === '{') {
        flow++;
        if (flow + indents.length > MAX_DEPTH) return i;
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      i++;
    }
    while (i < n && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return undefined;
}

/** What the walk over the node tree found. */
export interface ScanResult {
  duplicates: [Pair, Pair][];
  mergeKeys: Node[];
  tooDeep?: number;
  /** Where mapping keys that are themselves collections nest too deeply (`? ? ? x`). */
  keysTooDeep?: number;
  aliasBomb?: [number, number];
  hasAliases: boolean;
}

/**
 * One iterative walk over the node tree: duplicate keys (a hash set per mapping), merge keys, the
 * nesting depth and the expanded size of aliases (memoised per anchored node, so checking is linear).
 */
export function scanNodes(root: Node | null, sourceSize: number, rootDepth = 1): ScanResult {
  const result: ScanResult = { duplicates: [], mergeKeys: [], hasAliases: false };
  if (!root) return result;
  let sourceNodes = 0;
  // `keys`: how many collection keys enclose the node. Converting a collection key stringifies it, and
  // nested ones cost exponentially (250 levels of `? ` took 30 s), so more than a few are refused.
  // Three parallel stacks (no object per node: this walk runs on every keystroke in large files).
  const nodes: Node[] = [root];
  const depths: number[] = [rootDepth];
  const keyDepths: number[] = [0];
  const push = (n: Node, d: number, k: number) => {
    nodes.push(n);
    depths.push(d);
    keyDepths.push(k);
  };
  const aliases: Node[] = [];
  const anchored: Node[] = [];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const keys = keyDepths.pop()!;
    sourceNodes++;
    if (depth > MAX_DEPTH) {
      result.tooDeep = offsetsOf(node)[0];
      return result;
    }
    if (keys > MAX_KEY_NESTING) {
      result.keysTooDeep = offsetsOf(node)[0];
      return result;
    }
    if (isAlias(node)) aliases.push(node);
    else if ((node as { anchor?: string }).anchor) anchored.push(node);
    if (isAlias(node)) continue;
    if (isMap(node)) {
      // Small mappings (nearly all) are compared pairwise; large ones through a hash map.
      const items = node.items;
      const seen = items.length > 16 ? new Map<string, Pair>() : undefined;
      for (let i = 0; i < items.length; i++) {
        const pair = items[i];
        if (isScalar(pair.key)) {
          const k = String(pair.key.value);
          if (k === '<<' && pair.key.source === '<<') result.mergeKeys.push(pair.key);
          let prev: Pair | undefined;
          if (seen) {
            prev = seen.get(k);
            if (!prev) seen.set(k, pair);
          } else {
            for (let j = 0; j < i && !prev; j++) {
              const other = items[j].key;
              if (isScalar(other) && String(other.value) === k) prev = items[j];
            }
          }
          if (prev) result.duplicates.push([prev, pair]);
        } else if (pair.key) push(pair.key as Node, depth + 1, keys + 1);
        if (pair.value) push(pair.value as Node, depth + 1, keys);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) push(item as Node, depth + 1, keys);
    }
  }
  result.hasAliases = aliases.length > 0 || anchored.length > 0;
  if (aliases.length) {
    const limit = 100_000 + 50 * Math.max(sourceNodes, sourceSize / 20);
    const targets = resolveAliases(aliases, anchored);
    const sizes = new Map<Node, number>();
    let total = sourceNodes;
    for (const a of aliases) {
      if (!isAlias(a)) continue;
      const target = targets.get(a);
      total += target ? expandedSize(target, targets, sizes, new Set(), limit) : 0;
      if (total > limit) {
        result.aliasBomb = offsetsOf(a);
        return result;
      }
    }
  }
  return result;
}

/** Each alias's target: the closest anchor of that name before it in the text (YAML's rule). */
function resolveAliases(aliases: Node[], anchored: Node[]): Map<Node, Node> {
  const events = [...anchored, ...aliases].sort((a, b) => offsetsOf(a)[0] - offsetsOf(b)[0]);
  const byName = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  for (const n of events) {
    if (isAlias(n)) {
      const t = byName.get(n.source);
      if (t) targets.set(n, t);
    } else byName.set((n as { anchor?: string }).anchor!, n);
  }
  return targets;
}

function expandedSize(
  node: Node,
  targets: Map<Node, Node>,
  memo: Map<Node, number>,
  active: Set<Node>,
  limit: number,
): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  if (active.has(node)) return limit + 1;
  active.add(node);
  let size = 1;
  if (isAlias(node)) {
    const t = targets.get(node);
    size = t ? expandedSize(t, targets, memo, active, limit) : 1;
  } else if (isMap(node)) {
    for (const p of node.items) {
      if (isPair(p)) {
        if (p.key) size += expandedSize(p.key as Node, targets, memo, active, limit);
        if (p.value) size += expandedSize(p.value as Node, targets, memo, active, limit);
      }
      if (size > limit) break;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (item) size += expandedSize(item as Node, targets, memo, active, limit);
      if (size > limit) break;
    }
  }
  active.delete(node);
  memo.set(node, size);
  return size;
}
