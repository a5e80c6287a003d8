/**
 * One-line flow collections of scalars for the fast reader (`[a, "b", 3]`, `{a: 1, b: two}`); nested
 * collections, multi-line ones and spacing the `yaml` package ranges differently give up (GIVE_UP).
 */
import { GIVE_UP } from './fast-give-up';
import { MapNode, SeqNode, asNode, newPair, scalar, type ScalarNode } from './fast-nodes';
import { INDICATOR, plainDash, quoted, resolvePlain } from './fast-scalars';

/** A one-line flow sequence or mapping of scalars, starting at `p`. */
export function flow(
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
