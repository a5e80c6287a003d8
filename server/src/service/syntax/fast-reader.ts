/**
 * A fast reader for the YAML scenarios are written in: block mappings and sequences, plain and quoted
 * one-line scalars, one-line flow collections of scalars, and `|` / `>` block scalars. It builds the
 * same nodes the `yaml` package builds (ranges, values, sources, styles) and the same plain data, about
 * ten times faster, and gives up on anything else (anchors, tags, multi-line plain or quoted scalars,
 * nested flow collections, tabs, CR line ends, documents markers, syntax errors…), so that the full
 * parser reads those files and reports their problems. Tests compare both readers node by node on every
 * sample and fixture and on thousands of generated and mutated documents.
 *
 * Why: `parseDocument` reads ~2 MB/s here; checking 500 scenarios in CI spent most of its time in it.
 */
import { Document, Pair, Scalar, Schema, YAMLMap, YAMLSeq, isScalar, type Node } from 'yaml';

/*
 * The nodes are instances of the `yaml` package's classes (instanceof, isScalar/isMap/…, their methods),
 * made without those classes' constructors: each constructor defines the node's type with
 * Object.defineProperty, which was the single largest cost of reading (a third of it). Here the type sits
 * on a prototype between the node and the package's class, and the own properties are the ones the
 * package's parser sets.
 */
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

class ScalarNode implements Placed {
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

const MapNode = collectionClass<Pair>(YAMLMap, 'yaml.map');
type MapNode = InstanceType<typeof MapNode>;
const SeqNode = collectionClass<Node>(YAMLSeq, 'yaml.seq');
type SeqNode = InstanceType<typeof SeqNode>;
withRange(ScalarNode);

const newPair = (key: Node, value: Node) => new PairNode(key, value) as unknown as Pair;
const asNode = (n: ScalarNode | MapNode | SeqNode) => n as unknown as Node;

/** Thrown (and caught in fastRead) when the text is outside what this reader handles. */
const GIVE_UP = { giveUp: true };

interface ResolvingTag {
  test: RegExp;
  resolve(source: string, onError: (message: string) => void, options: object): unknown;
}

/** The YAML 1.2 core schema's scalar tags, in the order the `yaml` package tries them. */
const TAGS: ResolvingTag[] = (
  new Schema({ schema: 'core', merge: false }).tags as unknown as Partial<
    ResolvingTag & { default: boolean }
  >[]
).filter((t): t is ResolvingTag & { default: boolean } => Boolean(t.default && t.test && t.resolve));

/** Characters that cannot start a plain scalar (or that this reader leaves to the full parser). */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

/** First characters of plain scalars that may resolve to something other than a string. */
const MAYBE_NOT_STRING = new Set([...'~nNtTfF0123456789+-.']);

/** The plain scalars starting with a letter that the core schema does not resolve to a string. */
const NULL_OR_BOOL = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

export interface FastReadResult {
  doc: Document.Parsed;
  /** The document as plain data (what `doc.toJS()` gives). */
  value: unknown;
  /** Where each line starts (as LineIndex keeps them: a final line break starts an empty last line). */
  lineStarts: Int32Array;
  /** The deepest collection, counting the top-level mapping as 1. */
  depth: number;
  /** Whether some mapping repeats a key or has a `<<` key (the walk over the nodes reports those). */
  oddKeys: boolean;
}

/** The document, or undefined when the text needs the full parser. */
export function fastRead(text: string): FastReadResult | undefined {
  if (/[\t\r\0\ufeff]/.test(text) || /^(?:%|---|\.\.\.)/m.test(text)) return undefined;
  try {
    return new Reader(text).read();
  } catch {
    // GIVE_UP, or anything unforeseen: parsing must never throw, and the full parser reads any text.
    return undefined;
  }
}

type Made = ScalarNode | MapNode | SeqNode;

interface Read {
  node: Made;
  js: unknown;
  /** The line after the node's last line. */
  next: number;
}

class Reader {
  /** Where each line starts, and a last empty line after a final line break (not one of the n). */
  private readonly starts: Int32Array;
  private readonly n: number;
  /** Where the last line's content ends (before a final line break). */
  private readonly last: number;
  /** Leading spaces of each line; -1 for blank and comment-only lines. */
  private readonly indents: Int32Array;
  /** Leading spaces of each comment-only line; -1 for every other line. */
  private readonly comments: Int32Array;
  private depth = 0;
  private maxDepth = 0;
  private oddKeys = false;

  constructor(private readonly text: string) {
    let breaks = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks++;
    this.starts = new Int32Array(breaks + 1);
    for (let i = text.indexOf('\n'), k = 1; i >= 0; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    // A final line break does not start a line of its own here.
    this.n = this.starts.length;
    this.last = text.length;
    if (text.length > 0 && this.starts[this.n - 1] === text.length) {
      this.n--;
      this.last = text.length - 1;
    }
    this.indents = new Int32Array(this.n);
    this.comments = new Int32Array(this.n).fill(-1);
    for (let line = 0; line < this.n; line++) {
      const start = this.starts[line];
      const end = this.lineEnd(line);
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const comment = i < end && text.charCodeAt(i) === 35;
      this.indents[line] = i === end || comment ? -1 : i - start;
      if (comment) this.comments[line] = i - start;
    }
  }

  read(): FastReadResult {
    const first = this.nextContent(0);
    if (first >= this.n || this.indentOf(first) !== 0) throw GIVE_UP;
    const root = this.map(0, first, 0);
    if (this.nextContent(root.next) < this.n) throw GIVE_UP;
    const doc = new Document() as Document.Parsed;
    doc.contents = asNode(root.node) as YAMLMap.Parsed;
    const end = root.node.a;
    doc.range = [0, end, end];
    return { doc, value: root.js, lineStarts: this.starts, depth: this.maxDepth, oddKeys: this.oddKeys };
  }

  private lineEnd(line: number): number {
    return line + 1 < this.n ? this.starts[line + 1] - 1 : this.last;
  }

  /** Leading spaces of a line; -1 for a blank or comment-only line. */
  private indentOf(line: number): number {
    return this.indents[line];
  }

  /**
   * Gives up when a comment line indented at least as deep as a collection follows its last item (in
   * lines [from, to)): the `yaml` package counts such comments into the collection's range.
   */
  private endOfCollection(from: number, to: number, indent: number): void {
    for (let l = from; l < to; l++) if (this.comments[l] >= indent) throw GIVE_UP;
  }

  /** Gives up on comment lines deeper than the items between two items (counted into the one before). */
  private betweenItems(from: number, to: number, indent: number): void {
    for (let l = from; l < to; l++) if (this.comments[l] > indent) throw GIVE_UP;
  }

  /**
   * The line of a collection's next item, after an item that ended before line `next`; -1 where the
   * collection ends (items are at column `indent`).
   */
  private nextItem(next: number, indent: number): number {
    const line = this.nextContent(next);
    const ind = line < this.n ? this.indentOf(line) : -1;
    if (ind < indent) {
      this.endOfCollection(next, line, indent);
      return -1;
    }
    if (ind > indent) throw GIVE_UP;
    this.betweenItems(next, line, indent);
    return line;
  }

  private nextContent(line: number): number {
    while (line < this.n && this.indentOf(line) < 0) line++;
    return line;
  }

  /** A block node whose first line is `line`, indented by `indent`. */
  private block(indent: number, line: number): Read {
    const at = this.starts[line] + indent;
    return this.isDash(at) ? this.seq(indent, line) : this.map(indent, line, indent);
  }

  private isDash(at: number): boolean {
    const next = this.text[at + 1];
    return this.text[at] === '-' && (next === ' ' || next === '\n' || next === undefined);
  }

  /** A block mapping whose keys are at column `indent`; its first key at column `col` of `line`. */
  private map(indent: number, line: number, col: number): Read {
    const text = this.text;
    const map = new MapNode();
    const js: Record<string, unknown> = {};
    if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
    const start = this.starts[line] + col;
    let end = start;
    // The line after the last item (trailing comments after it are the caller's to judge).
    let after = line;
    for (;;) {
      const keyStart = this.starts[line] + col;
      const eol = this.lineEnd(line);
      if (INDICATOR.has(text[keyStart])) throw GIVE_UP;
      // The key ends at the first `: ` (or a colon ending the line), unless a comment comes first.
      let colon = keyColon(text, keyStart, eol);
      if (colon >= eol) colon = -1;
      const hash = commentAt(text, keyStart, colon < 0 ? eol : colon);
      if (hash < (colon < 0 ? eol : colon)) throw GIVE_UP;
      if (colon < 0 || text[colon - 1] === ' ' || colon - keyStart > 1000) throw GIVE_UP;
      const keySource = internKey(text.slice(keyStart, colon));
      const key = resolvePlain(keySource);
      if (typeof key !== 'string' || key === '__proto__') throw GIVE_UP;
      const keyNode = scalar(key, keySource, 'PLAIN', keyStart, colon, colon);
      let p = colon + 1;
      while (p < eol && text[p] === ' ') p++;
      let value: Read;
      if (p === eol) value = this.emptyOrNested(indent, line, eol);
      else if (text[p] === '#') throw GIVE_UP;
      else value = this.inline(p, line, indent);
      map.items.push(newPair(asNode(keyNode), asNode(value.node)));
      if (key === '<<' || Object.hasOwn(js, key)) this.oddKeys = true;
      js[key] = value.js;
      end = value.node.a;
      after = value.next;
      line = this.nextItem(value.next, indent);
      if (line < 0) break;
      if (this.isDash(this.starts[line] + indent)) throw GIVE_UP;
      col = indent;
    }
    map.s = start;
    map.e = map.a = end;
    this.depth--;
    return { node: map, js, next: after };
  }

  /**
   * The value of `key:` with nothing after it: a nested block, a sequence at the key's column, or null
   * (placed at the end of the line, after any spaces, as the `yaml` package places it).
   */
  private emptyOrNested(indent: number, line: number, at: number): Read {
    const next = this.nextContent(line + 1);
    if (next < this.n) {
      const ind = this.indentOf(next);
      if (ind > indent) return this.block(ind, next);
      if (ind === indent && this.isDash(this.starts[next] + ind)) return this.seq(ind, next);
    }
    const node = scalar(resolvePlain(''), '', 'PLAIN', at, at, at);
    return { node, js: node.value, next: line + 1 };
  }

  /** A block sequence whose dashes are at column `indent`. */
  private seq(indent: number, line: number): Read {
    const text = this.text;
    const seq = new SeqNode();
    const js: unknown[] = [];
    if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
    const start = this.starts[line] + indent;
    let end = start;
    let gap = line;
    let after = line;
    for (;;) {
      const dash = this.starts[line] + indent;
      if (!this.isDash(dash)) {
        this.endOfCollection(gap, line, indent);
        break;
      }
      const eol = this.lineEnd(line);
      let p = dash + 1;
      while (p < eol && text[p] === ' ') p++;
      let item: Read;
      if (p === eol) {
        const next = this.nextContent(line + 1);
        if (next >= this.n || this.indentOf(next) <= indent) throw GIVE_UP;
        item = this.block(this.indentOf(next), next);
      } else if (text[p] === '#' || this.isDash(p)) throw GIVE_UP;
      else if (this.startsKey(p, eol)) item = this.map(p - this.starts[line], line, p - this.starts[line]);
      else item = this.inline(p, line, indent);
      seq.items.push(asNode(item.node));
      js.push(item.js);
      end = item.node.a;
      after = item.next;
      line = this.nextItem(item.next, indent);
      if (line < 0) break;
      gap = item.next;
    }
    seq.s = start;
    seq.e = seq.a = end;
    this.depth--;
    return { node: seq, js, next: after };
  }

  /** True when the text at `p` is `key: …` (an implicit key of a mapping). */
  private startsKey(p: number, eol: number): boolean {
    const c = this.text[p];
    if (c === '"' || c === "'" || c === '[' || c === '{' || c === '|' || c === '>') return false;
    for (let i = p; i < eol; i++) {
      const ch = this.text[i];
      if (ch === ':' && (i + 1 === eol || this.text[i + 1] === ' ')) return true;
      if (ch === '#' && this.text[i - 1] === ' ') return false;
    }
    return false;
  }

  /** A value that starts on the line of its key or dash, at `p`. */
  private inline(p: number, line: number, parentIndent: number): Read {
    const text = this.text;
    const c = text[p];
    if (c === '|' || c === '>') return this.blockScalar(p, line, parentIndent);
    const eol = this.lineEnd(line);
    let node: Made;
    let js: unknown;
    let valueEnd: number;
    if (c === '"' || c === "'") {
      const q = quoted(text, p, eol);
      node = scalar(q.value, q.value, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', p, q.end, q.end);
      js = q.value;
      valueEnd = q.end;
    } else if (c === '[' || c === '{') {
      const f = flow(text, p, eol);
      if (this.depth + 1 > this.maxDepth) this.maxDepth = this.depth + 1;
      if (f.oddKeys) this.oddKeys = true;
      node = f.node;
      js = f.js;
      valueEnd = f.end;
    } else {
      if (INDICATOR.has(c) && !plainDash(text, p, eol)) throw GIVE_UP;
      // To the end of the line or a comment; a `: ` (or a colon ending it) would make it a key.
      const i = commentAt(text, p, eol);
      if (keyColon(text, p, i) < i) throw GIVE_UP;
      let e = i;
      while (e > p && text[e - 1] === ' ') e--;
      const source = text.slice(p, e);
      js = resolvePlain(source);
      node = scalar(js, source, 'PLAIN', p, e, e);
      valueEnd = e;
    }
    // The rest of the line: spaces and a comment at most. The node's range then runs to the line's end.
    let q = valueEnd;
    while (q < eol && text[q] === ' ') q++;
    if (q < eol) {
      if (text[q] !== '#' || q === valueEnd) throw GIVE_UP;
      q = eol;
    }
    node.a = q < text.length ? q + 1 : q;
    return { node, js, next: line + 1 };
  }

  /** `|` or `>` (clip or `-` strip), content lines more indented than the parent. */
  private blockScalar(p: number, line: number, parentIndent: number): Read {
    const text = this.text;
    const literal = text[p] === '|';
    let h = p + 1;
    const strip = text[h] === '-';
    if (strip) h++;
    if (h < text.length && text[h] !== '\n') throw GIVE_UP;
    const first = line + 1;
    if (first >= this.n) throw GIVE_UP;
    const blockIndent = this.spacesAt(first);
    if (blockIndent <= parentIndent || this.isBlankLine(first)) throw GIVE_UP;
    const parts: string[] = [];
    let last = first;
    let l = first;
    for (; l < this.n; l++) {
      if (this.isBlankLine(l)) {
        if (this.lineEnd(l) - this.starts[l] > blockIndent) throw GIVE_UP;
        parts.push('');
        continue;
      }
      if (this.spacesAt(l) < blockIndent) break;
      const content = text.slice(this.starts[l] + blockIndent, this.lineEnd(l));
      if (!literal && content.startsWith(' ')) throw GIVE_UP;
      parts.push(content);
      last = l;
    }
    const lines = parts.slice(0, last - first + 1);
    let value: string;
    if (literal) value = lines.join('\n');
    else {
      value = lines[0];
      for (let k = 1; k < lines.length; k++) {
        if (lines[k] === '') continue;
        let empties = 0;
        while (lines[k - 1 - empties] === '') empties++;
        value += empties ? '\n'.repeat(empties) + lines[k] : ' ' + lines[k];
      }
    }
    const endOfLast = this.lineEnd(last);
    if (endOfLast >= text.length) throw GIVE_UP;
    if (!strip) value += '\n';
    const end = endOfLast + 1;
    const node = scalar(value, value, literal ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', p, end, end);
    return { node, js: value, next: last + 1 };
  }

  private spacesAt(line: number): number {
    const start = this.starts[line];
    const end = this.lineEnd(line);
    let i = start;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i - start;
  }

  private isBlankLine(line: number): boolean {
    return this.spacesAt(line) === this.lineEnd(line) - this.starts[line];
  }
}

/** The offset of the first `: ` in [from, to), or of a colon just before `to`; else `to`. */
function keyColon(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++)
    if (text.charCodeAt(i) === 58 && (i + 1 === to || text.charCodeAt(i + 1) === 32)) return i;
  return to;
}

/** The offset of ` #` (a comment after a value) in [from, eol), or eol. */
function commentAt(text: string, from: number, eol: number): number {
  for (let i = from + 1; i < eol; i++)
    if (text.charCodeAt(i) === 35 && text.charCodeAt(i - 1) === 32) return i - 1;
  return eol;
}

/** A `-` that starts a plain scalar (`-2`), not an item marker. */
function plainDash(text: string, p: number, eol: number): boolean {
  return text[p] === '-' && p + 1 < eol && text[p + 1] !== ' ' && !',[]{}'.includes(text[p + 1]);
}

function scalar(
  value: unknown,
  source: string,
  type: Scalar.Type,
  start: number,
  end: number,
  after: number,
): ScalarNode {
  return new ScalarNode(value, source, type, start, end, after);
}

/**
 * One string per distinct key. A key sliced from the text is a new string each time; setting it as a
 * property of the plain data makes the engine look it up in its table of property names on every
 * store, while a string already used as a property name is stored directly. Scenarios use a few dozen
 * keys, so the table stays small; it starts again if some text brings thousands.
 */
const KEYS = new Map<string, string>();

function internKey(key: string): string {
  const known = KEYS.get(key);
  if (known !== undefined) return known;
  if (KEYS.size >= 4096) KEYS.clear();
  KEYS.set(key, key);
  return key;
}

/** A plain scalar's value under the core schema, as the `yaml` package resolves it. */
function resolvePlain(source: string): unknown {
  if (source !== '' && !MAYBE_NOT_STRING.has(source[0])) return source;
  // A word starting with n, t or f (`next`, `title`, `follow_up`) is a string unless it is one of these.
  const letter = source.charCodeAt(0) | 32;
  if (letter >= 97 && letter <= 122 && !NULL_OR_BOOL.has(source)) return source;
  for (const tag of TAGS) {
    if (!tag.test.test(source)) continue;
    resolveFailed = false;
    const res = tag.resolve(source, onResolveError, RESOLVE_OPTIONS);
    if (resolveFailed) throw GIVE_UP;
    return isScalar(res) ? res.value : res;
  }
  return source;
}

let resolveFailed = false;
const onResolveError = () => {
  resolveFailed = true;
};
const RESOLVE_OPTIONS = {};

/**
 * A one-line quoted scalar starting at `p`; the escapes this reader knows, or it gives up. The value is
 * built from slices of the text between escapes (most quoted scalars have none: one slice).
 */
function quoted(text: string, p: number, eol: number): { value: string; end: number } {
  const q = text.charCodeAt(p);
  let value = '';
  let from = p + 1;
  let i = from;
  for (;;) {
    if (i >= eol) throw GIVE_UP;
    const c = text.charCodeAt(i);
    if (c === q) {
      if (q === 39 && text.charCodeAt(i + 1) === 39) {
        value += text.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      value = from === p + 1 ? text.slice(from, i) : value + text.slice(from, i);
      return { value, end: i + 1 };
    }
    if (c === 92 && q === 34) {
      value += text.slice(from, i);
      const e = text[i + 1];
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
        from = i;
        continue;
      }
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = text.slice(i + 2, i + 2 + digits);
      if (!digits || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw GIVE_UP;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw GIVE_UP;
      value += String.fromCodePoint(code);
      i += 2 + digits;
      from = i;
      continue;
    }
    i++;
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
};

/** A one-line flow sequence or mapping of scalars, starting at `p`. */
function flow(
  text: string,
  p: number,
  eol: number,
): { node: MapNode | SeqNode; js: unknown; end: number; oddKeys: boolean } {
  const isSeq = text[p] === '[';
  const close = isSeq ? ']' : '}';
  const node = isSeq ? new SeqNode() : new MapNode();
  node.flow = true;
  const arr: unknown[] = [];
  const obj: Record<string, unknown> = {};
  let oddKeys = false;
  let i = p + 1;
  const skip = () => {
    while (i < eol && text[i] === ' ') i++;
  };
  skip();
  if (text[i] === close) i++;
  else
    for (;;) {
      const item = flowScalar(text, i, eol, isSeq ? ',]' : ':,}');
      i = item.after;
      // Spaces before a separator count into the scalar's range; left to the full parser.
      if (text[i] === ' ') throw GIVE_UP;
      if (isSeq) {
        (node as SeqNode).items.push(asNode(item.node));
        arr.push(item.node.value);
      } else {
        if (text[i] !== ':' || text[i + 1] !== ' ' || item.node.type !== 'PLAIN') throw GIVE_UP;
        const key = item.node.value;
        if (typeof key !== 'string' || key === '__proto__') throw GIVE_UP;
        i += 2;
        skip();
        const value = flowScalar(text, i, eol, ',}');
        i = value.after;
        if (text[i] === ' ') throw GIVE_UP;
        (node as MapNode).items.push(newPair(asNode(item.node), asNode(value.node)));
        if (obj[key] !== undefined || key === '<<') oddKeys = true;
        obj[key] = value.node.value;
      }
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === close) throw GIVE_UP;
        continue;
      }
      if (text[i] === close) {
        i++;
        break;
      }
      throw GIVE_UP;
    }
  node.s = p;
  node.e = node.a = i;
  return { node, js: isSeq ? arr : obj, end: i, oddKeys };
}

/** A scalar inside a flow collection, ending before one of `stops` (outside quotes). */
function flowScalar(
  text: string,
  p: number,
  eol: number,
  stops: string,
): { node: ScalarNode; after: number } {
  const c = text[p];
  if (c === '"' || c === "'") {
    const q = quoted(text, p, eol);
    return {
      node: scalar(q.value, q.value, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', p, q.end, q.end),
      after: q.end,
    };
  }
  if (p >= eol || (INDICATOR.has(c) && !plainDash(text, p, eol))) throw GIVE_UP;
  let i = p;
  while (i < eol && !stops.includes(text[i])) {
    const ch = text[i];
    if (
      ch === ':' ||
      ch === '[' ||
      ch === ']' ||
      ch === '{' ||
      ch === '}' ||
      (ch === '#' && text[i - 1] === ' ')
    )
      throw GIVE_UP;
    i++;
  }
  if (stops.includes(':') && text[i] === ':' && text[i + 1] !== ' ') throw GIVE_UP;
  let e = i;
  while (e > p && text[e - 1] === ' ') e--;
  const source = text.slice(p, e);
  return { node: scalar(resolvePlain(source), source, 'PLAIN', p, e, e), after: e };
}
