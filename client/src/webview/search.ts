/**
 * Find steps by id or text. Typing filters and jumps to the first match; Enter / Shift+Enter cycle
 * through matches; Escape clears. Matching is case-insensitive on the id and the step text.
 */
import type { GraphNode } from '../../../server/src/shared/graph';

/** Ids of the steps whose id or text contains `query` (ids that start with it first). */
export function findSteps(nodes: readonly GraphNode[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byId: string[] = [];
  const other: string[] = [];
  for (const n of nodes) {
    const id = n.id.toLowerCase();
    if (id.startsWith(q)) byId.push(n.id);
    else if (id.includes(q) || n.text.toLowerCase().includes(q)) other.push(n.id);
  }
  return byId.concat(other);
}

/** Wires the search input to the preview. */
export class SearchBox {
  private matches: string[] = [];
  private index = 0;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly status: HTMLElement,
    private readonly nodes: () => readonly GraphNode[],
    private readonly onMatches: (ids: string[], current: string | undefined) => void,
  ) {
    input.addEventListener('input', () => this.run());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        input.value = '';
        this.run();
        input.blur();
      }
    });
  }

  /** Re-runs the query (also after a new graph arrives). */
  run(keepIndex = false): void {
    this.matches = findSteps(this.nodes(), this.input.value);
    if (!keepIndex || this.index >= this.matches.length) this.index = 0;
    this.report();
  }

  /** Focuses the input and selects its text. */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private step(delta: number): void {
    if (!this.matches.length) return;
    this.index = (this.index + delta + this.matches.length) % this.matches.length;
    this.report();
  }

  private report(): void {
    const n = this.matches.length;
    this.status.textContent = this.input.value.trim() ? (n ? `${this.index + 1} of ${n}` : 'No match') : '';
    this.onMatches(this.matches, this.matches[this.index]);
  }
}
