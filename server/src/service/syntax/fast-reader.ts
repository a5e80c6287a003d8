/**
 * A fast reader for the YAML scenarios are written in: block mappings and sequences, plain and quoted
 * one-line scalars, one-line flow collections (nested too), and `|` / `>` block scalars. It builds the
 * same nodes the `yaml` package builds (ranges, values, sources, styles; see fast-nodes.ts) and the same
 * plain data, about ten times faster, and gives up on anything else (anchors, tags, multi-line plain or
 * quoted scalars, multi-line flow collections, tabs, CR line ends, documents markers, syntax errors…), so
 * that the full parser reads those files and reports their problems. Tests compare both readers node by
 * node on every sample and fixture and on thousands of generated and mutated documents.
 *
 * Why: `parseDocument` reads ~2 MB/s here; checking 500 scenarios in CI spent most of its time in it.
 *
 * The fence: giving up is deliberate and has one signal (GIVE_UP, see fast-give-up.ts); `fastRead`
 * lets every other exception through, so a bug in the reader fails the comparison tests instead of
 * being hidden by the full parser (the parse records it on the document, see parse.ts). The reader
 * keeps no state between reads, and relies on one exact version of `yaml` (pinned, and tested).
 */
import { Document, type YAMLMap } from 'yaml';
import { GiveUp, GIVE_UP } from './fast-give-up';
import { flow } from './fast-flow';
import { Lines } from './fast-lines';
import { asNode, MapNode, newPair, scalar, SeqNode, type Made } from './fast-nodes';
import { commentAt, INDICATOR, keyColon, KeyTable, plainDash, quoted, resolvePlain } from './fast-scalars';

/** What the fast reader gives for a text it reads. */
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

/**
 * The document, or undefined when the text needs the full parser (the reader gave up). Any other
 * exception is a bug of the reader and is thrown on: the caller decides what to do with it.
 */
export function fastRead(text: string): FastReadResult | undefined {
  if (/[\t\r\0\ufeff]/.test(text) || /^(?:%|---|\.\.\.)/m.test(text)) return undefined;
  try {
    return new BlockReader(text).read();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/** Collections nested deeper than this are left to the full parser (and its nesting checks). */
const DEEPEST = 1000;

interface Read {
  node: Made;
  js: unknown;
  /** The line after the node's last line. */
  next: number;
}

/** The block structure of one text: mappings, sequences and the values on their lines. Used once. */
export class BlockReader extends Lines {
  private depth = 0;
  private maxDepth = 0;
  private oddKeys = false;
  private readonly keys = new KeyTable();

  /** Goes one collection deeper; gives up past DEEPEST (rather than run out of stack). */
  private enter(): void {
    if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
    if (this.depth > DEEPEST) throw GIVE_UP;
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
    this.enter();
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
      const keySource = this.keys.intern(text.slice(keyStart, colon));
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
    this.enter();
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
      if (this.depth + f.depth > this.maxDepth) this.maxDepth = this.depth + f.depth;
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
}
