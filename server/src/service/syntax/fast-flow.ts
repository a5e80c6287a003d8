/**
 * One-line flow collections for the fast reader (`[a, "b", 3]`, `{a: 1, b: two}`), nested ones too
 * (`{say: Hi, outcome: {result: pass}}`, `[{a: 1}, [b]]`); multi-line ones, collections as keys and
 * spacing the `yaml` package ranges differently give up (GIVE_UP).
 */
import { GIVE_UP } from './fast-give-up';
import { MapNode, SeqNode, asNode, newPair, scalar, type Made, type ScalarNode } from './fast-nodes';
import { INDICATOR, plainDash, quoted, resolvePlain } from './fast-scalars';

/** Flow collections nested deeper than this (inside one another) are left to the full parser. */
const DEEPEST_FLOW = 64;

/** A flow collection read: its node, plain data, end (after the bracket) and how deep it nests. */
export interface FlowRead {
  node: MapNode | SeqNode;
  js: unknown;
  end: number;
  /** Whether some mapping in it repeats a key or has a `<<` key. */
  oddKeys: boolean;
  /** Collections deep, counting this one as 1. */
  depth: number;
}

/** A one-line flow sequence or mapping, starting at `p` (a `[` or `{`), its items possibly nested. */
export function flow(text: string, p: number, eol: number, nesting = 1): FlowRead {
  if (nesting > DEEPEST_FLOW) throw GIVE_UP;
  const isSeq = text[p] === '[';
  const close = isSeq ? ']' : '}';
  const node = isSeq ? new SeqNode() : new MapNode();
  node.flow = true;
  const arr: unknown[] = [];
  const obj: Record<string, unknown> = {};
  const read: FlowRead = { node, js: isSeq ? arr : obj, end: p, oddKeys: false, depth: 1 };
  let i = p + 1;
  const skip = () => {
    while (i < eol && text[i] === ' ') i++;
  };
  skip();
  if (text[i] === close) i++;
  else
    for (;;) {
      if (isSeq) {
        const item = flowItem(text, i, eol, ',]', nesting, read);
        i = item.after;
        (node as SeqNode).items.push(asNode(item.node));
        arr.push(item.js);
      } else {
        // Keys are plain scalars: `key: value`.
        if (text[i] === '[' || text[i] === '{') throw GIVE_UP;
        const key = flowItem(text, i, eol, ':,}', nesting, read);
        i = key.after;
        if (text[i] !== ':' || text[i + 1] !== ' ' || (key.node as ScalarNode).type !== 'PLAIN')
          throw GIVE_UP;
        const name = key.js;
        if (typeof name !== 'string' || name === '__proto__') throw GIVE_UP;
        i += 2;
        skip();
        const value = flowItem(text, i, eol, ',}', nesting, read);
        i = value.after;
        (node as MapNode).items.push(newPair(asNode(key.node), asNode(value.node)));
        if (name === '<<' || Object.hasOwn(obj, name)) read.oddKeys = true;
        obj[name] = value.js;
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
  read.end = i;
  return read;
}

/**
 * An item of a flow collection at `p`: a nested collection or a scalar ending before one of `stops`
 * (outside quotes). A space before what follows gives up: the `yaml` package counts it into the range.
 * Nested collections' depth and odd keys are recorded on `parent`.
 */
function flowItem(
  text: string,
  p: number,
  eol: number,
  stops: string,
  nesting: number,
  parent: FlowRead,
): { node: Made; js: unknown; after: number } {
  const c = text[p];
  let item: { node: Made; js: unknown; after: number };
  if (c === '[' || c === '{') {
    const inner = flow(text, p, eol, nesting + 1);
    if (inner.oddKeys) parent.oddKeys = true;
    if (inner.depth + 1 > parent.depth) parent.depth = inner.depth + 1;
    item = { node: inner.node, js: inner.js, after: inner.end };
  } else {
    const s = flowScalar(text, p, eol, stops);
    item = { node: s.node, js: s.node.value, after: s.after };
  }
  if (text[item.after] === ' ') throw GIVE_UP;
  return item;
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
