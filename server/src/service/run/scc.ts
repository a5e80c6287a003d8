/**
 * Strongly connected components (Tarjan's algorithm, iterative so a 10,000-step chain does not overflow
 * the stack): the groups of steps that can all reach each other, i.e. the loops of a call flow. Route
 * analysis collapses each group to one node, which leaves an acyclic graph (the condensation).
 */

/** The components of the part of a graph reachable from `root`. */
export interface Components {
  /** The component of each vertex; -1 for a vertex not reachable from the root. */
  of: Int32Array;
  /**
   * The components' vertices, in reverse topological order: every edge between two components goes from
   * a component listed later to one listed earlier (so the root's component is last).
   */
  list: number[][];
}

/**
 * The strongly connected components reachable from `root` in a graph of `n` vertices whose successors are
 * `next(v)` (targets outside 0..n-1 are ignored). O(vertices + edges).
 */
export function stronglyConnected(
  n: number,
  root: number,
  next: (v: number) => readonly number[],
): Components {
  const of = new Int32Array(n).fill(-1);
  const list: number[][] = [];
  if (root < 0 || root >= n) return { of, list };
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const cursor = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const call: number[] = [root];
  let counter = 0;
  index[root] = low[root] = counter++;
  stack.push(root);
  onStack[root] = 1;
  while (call.length) {
    const v = call[call.length - 1];
    const succ = next(v);
    if (cursor[v] < succ.length) {
      const w = succ[cursor[v]++];
      if (w < 0 || w >= n) continue;
      if (index[w] < 0) {
        index[w] = low[w] = counter++;
        stack.push(w);
        onStack[w] = 1;
        call.push(w);
      } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
      continue;
    }
    call.pop();
    if (call.length) {
      const parent = call[call.length - 1];
      if (low[v] < low[parent]) low[parent] = low[v];
    }
    if (low[v] !== index[v]) continue;
    const members: number[] = [];
    let w: number;
    do {
      w = stack.pop()!;
      onStack[w] = 0;
      of[w] = list.length;
      members.push(w);
    } while (w !== v);
    list.push(members);
  }
  return { of, list };
}
