/**
 * Reading the YAML tree (the `yaml` package's nodes), written once: a mapping's pair, key and value by
 * key, a pair's key and value as nodes, a scalar's text, a sequence's items.
 *
 * The `yaml` package types a pair's key and value, and a collection's items, as `unknown`; these
 * accessors narrow them, so readers need no casts.
 *
 * One rule for duplicate keys: **the last pair wins**. That is what YAML's data (`toJS`) keeps, so it is
 * the value the schema validated and the rules read as plain data; every lookup by key agrees with it
 * (the parse reports the duplicate itself as `yaml/duplicate-key`). Keys are compared as the data has
 * them: a scalar key's value as text (`1:` and `'1':` are the same key), an empty key as `''`.
 */
import { isMap, isNode, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

export { isMap, isScalar, isSeq };
export type { Node, Pair, Scalar, YAMLMap };

/** `x` as a node, when it is one (a pair's key or value, a sequence's item, a document's contents). */
export function asNode(x: unknown): Node | undefined {
  return isNode(x) ? x : undefined;
}

/** A pair's key node. */
export function pairKey(pair: Pair): Node | undefined {
  return isNode(pair.key) ? pair.key : undefined;
}

/**
 * A pair's value node. Undefined when the pair has none: `{a}` or `? a` (a block `a:` with nothing
 * after it has an empty scalar of zero width).
 */
export function pairValue(pair: Pair): Node | undefined {
  return isNode(pair.value) ? pair.value : undefined;
}

/** The key of a pair as the data has it (a scalar's value as text, `''` for an empty key). */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (!isScalar(k)) return undefined;
  const v = k.value;
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : String(v);
}

/** A mapping's pairs in source order (none when `map` is not a mapping). */
export function pairsOf(map: unknown): Pair[] {
  return isMap(map) ? map.items : [];
}

/** The pair of `key` in a mapping: the last one when the key is written twice. */
export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) {
    // Most keys are scalars holding text: compare that first, and read other keys as keyText does.
    const k = items[i].key as { value?: unknown } | null;
    const v = k?.value;
    if (typeof v === 'string' ? v === key && isScalar(k) : keyText(items[i]) === key) return items[i];
  }
  return undefined;
}

/** The value node of `key` in a mapping (the last one when the key is written twice). */
export function valueNode(map: unknown, key: string): Node | undefined {
  const pair = pairOf(map, key);
  return pair ? pairValue(pair) : undefined;
}

/** The key node of `key` in a mapping (the last one when the key is written twice). */
export function keyNode(map: unknown, key: string): Node | undefined {
  const pair = pairOf(map, key);
  return pair ? pairKey(pair) : undefined;
}

/** True when a mapping has `key`. */
export function hasKey(map: unknown, key: string): boolean {
  return pairOf(map, key) !== undefined;
}

/** The first key node of a mapping (the mapping's place when it is reported as a whole). */
export function firstKeyNode(map: unknown): Node | undefined {
  return isMap(map) && map.items.length ? pairKey(map.items[0]) : undefined;
}

/** The text of a scalar node (undefined for other nodes and for an empty scalar). */
export function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/**
 * A sequence's items as nodes (none when `node` is not a sequence). A parsed sequence holds only nodes,
 * so the index of an item is its index in the data.
 */
export function seqItems(node: unknown): Node[] {
  return isSeq(node) ? node.items.filter(isNode) : [];
}

/** The item at `index` of a sequence. */
export function itemAt(node: unknown, index: number): Node | undefined {
  return isSeq(node) ? asNode(node.items[index]) : undefined;
}

/** The scalar items of a sequence (a lone scalar counts as a list of one). */
export function scalarItems(node: unknown): Scalar[] {
  if (isSeq(node)) return node.items.filter((i): i is Scalar => isScalar(i));
  return isScalar(node) ? [node] : [];
}

/** The children of a collection node: a mapping's keys and values, a sequence's items. */
export function childNodes(node: unknown): Node[] {
  const out: Node[] = [];
  if (isMap(node))
    for (const p of node.items) {
      const k = pairKey(p);
      const v = pairValue(p);
      if (k) out.push(k);
      if (v) out.push(v);
    }
  else if (isSeq(node)) for (const i of node.items) if (isNode(i)) out.push(i);
  return out;
}

/**
 * The node at a path of keys and indices from `root` (a number also names a mapping key written as a
 * number), or undefined when some step of it is missing.
 */
export function nodeAtPath(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node = asNode(root);
  for (const seg of path) {
    if (isMap(node)) node = valueNode(node, String(seg));
    else if (isSeq(node)) node = itemAt(node, Number(seg));
    else return undefined;
  }
  return node;
}
