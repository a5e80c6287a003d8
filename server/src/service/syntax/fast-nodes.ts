/**
 * The nodes the fast reader builds: instances of the `yaml` package's classes (instanceof,
 * isScalar/isMap/…, their methods), made without those classes' constructors. Each constructor defines
 * the node's type with Object.defineProperty, which was the single largest cost of reading (a third of
 * it). Here the type sits on a prototype between the node and the package's class, and the own
 * properties are the ones the package's parser sets.
 *
 * This relies on the package's internals (the `Symbol.for('yaml.node.type')` key and the own properties
 * of its nodes): `yaml` is pinned to one exact version, and a test fails when the installed one differs.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

function derive(cls: { prototype: object }, base: { prototype: object }, type: string): void {
  Object.setPrototypeOf(cls.prototype, base.prototype);
  Object.defineProperty(cls.prototype, NODE_TYPE, { value: Symbol.for(type) });
  Object.defineProperty(cls.prototype, 'constructor', { value: base, writable: true, configurable: true });
}

type Range3 = [number, number, number];

/**
 * A node's place in the text: where it starts (`s`), where its value ends (`e`) and where the node
 * ends (`a`). The `range` array the `yaml` package gives every node is made from them when first read
 * (or set): most nodes' ranges are never read, and those arrays were a quarter of a document's memory.
 */
interface Placed {
  s: number;
  e: number;
  a: number;
  r: Range3 | undefined;
}

function withRange(cls: { prototype: object }): void {
  Object.defineProperty(cls.prototype, 'range', {
    get(this: Placed): Range3 {
      return (this.r ??= [this.s, this.e, this.a]);
    },
    set(this: Placed, range: Range3) {
      this.r = range;
    },
    configurable: true,
  });
}

/**
 * Moves a fast-reader node's place by `by` without making its `range` array (a local re-parse shifts
 * every node after the edit, and most of them are never read). False for a node whose `range` must be
 * shifted instead: another reader's, or one whose array was made already.
 */
export function shiftPlace(node: object, by: number): boolean {
  const p = node as Partial<Placed>;
  if (typeof p.s !== 'number' || p.r !== undefined) return false;
  p.s += by;
  p.e = p.e! + by;
  p.a = p.a! + by;
  return true;
}

/** A scalar node (a `Scalar` to every reader of the tree). */
export class ScalarNode implements Placed {
  r: Range3 | undefined = undefined;
  constructor(
    public value: unknown,
    public source: string,
    public type: Scalar.Type,
    public s: number,
    public e: number,
    public a: number,
  ) {}
}
derive(ScalarNode, Scalar, 'yaml.scalar');
withRange(ScalarNode);

class PairNode {
  constructor(
    public key: Node,
    public value: Node,
  ) {}
}
derive(PairNode, Pair, 'yaml.pair');

/** A block or flow collection: a mapping's pairs or a sequence's items. */
function collectionClass<Item>(base: { prototype: object }, type: string) {
  class CollectionNode implements Placed {
    items: Item[] = [];
    flow: boolean | undefined = undefined;
    s = 0;
    e = 0;
    a = 0;
    r: Range3 | undefined = undefined;
  }
  derive(CollectionNode, base, type);
  withRange(CollectionNode);
  // Collections keep a `schema` (undefined for nodes made outside a document), not enumerable.
  Object.defineProperty(CollectionNode.prototype, 'schema', {
    value: undefined,
    writable: true,
    configurable: true,
  });
  return CollectionNode;
}

/** A mapping node (a `YAMLMap`). */
export const MapNode = collectionClass<Pair>(YAMLMap, 'yaml.map');
export type MapNode = InstanceType<typeof MapNode>;
/** A sequence node (a `YAMLSeq`). */
export const SeqNode = collectionClass<Node>(YAMLSeq, 'yaml.seq');
export type SeqNode = InstanceType<typeof SeqNode>;

/** Any node the fast reader makes. */
export type Made = ScalarNode | MapNode | SeqNode;

/** A pair of a mapping. */
export const newPair = (key: Node, value: Node) => new PairNode(key, value) as unknown as Pair;
/** A made node as the `yaml` package's type. */
export const asNode = (n: Made) => n as unknown as Node;

/** A scalar with its value, source, style and [start, value end, node end] offsets. */
export function scalar(
  value: unknown,
  source: string,
  type: Scalar.Type,
  start: number,
  end: number,
  after: number,
): ScalarNode {
  return new ScalarNode(value, source, type, start, end, after);
}
