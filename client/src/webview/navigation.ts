/**
 * Keyboard navigation over step boxes: reading order for Tab, nearest step in a direction for the
 * arrow keys. Pure functions over layout boxes, so culled (not drawn) steps are reachable too.
 */
import type { Box } from '../../../server/src/shared/layout';

/** Arrow directions. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** Step ids in reading order: by row (top to bottom), then left to right. */
export function readingOrder(boxes: Map<string, Box>): string[] {
  return [...boxes.entries()]
    .sort(([, a], [, b]) => Math.round(a.y - b.y) || Math.round(a.x - b.x))
    .map(([id]) => id);
}

/**
 * The nearest step from `from` in `dir`: candidates must lie in that half-plane; distance along the
 * direction counts once, sideways drift counts double, so "down" prefers the step straight below.
 */
export function nearestInDirection(
  boxes: Map<string, Box>,
  from: string,
  dir: Direction,
): string | undefined {
  const a = boxes.get(from);
  if (!a) return undefined;
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, b] of boxes) {
    if (id === from) continue;
    const dx = b.x + b.width / 2 - ax;
    const dy = b.y + b.height / 2 - ay;
    const along = dir === 'down' ? dy : dir === 'up' ? -dy : dir === 'right' ? dx : -dx;
    const side = dir === 'down' || dir === 'up' ? Math.abs(dx) : Math.abs(dy);
    if (along <= 1) continue;
    const score = along + 2 * side;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

/** Maps a key to an arrow direction. */
export function arrowDirection(key: string): Direction | undefined {
  return ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[
    key as 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'
  ];
}
