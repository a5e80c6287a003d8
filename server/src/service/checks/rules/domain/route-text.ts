/**
 * Route messages that show the part that matters: where a route to an end leaves the expected path (the
 * last step from which the expected step could still be met), not an ellipsis over the whole route.
 */
import { canReach, type FlowModel } from '../../../model/flow';
import { code } from '../../../syntax/text';
import { pathText } from './common';

/**
 * How a route misses what it should meet: `meets(v)` is true for the steps that would have met it. Says
 * where the route leaves the expected path — the last step from which such a step was still reachable,
 * and the step it goes on to — and shows the route from there; or shows the whole route when no step on
 * it could have led to one.
 */
export function whereRouteLeaves(
  flow: FlowModel,
  route: readonly number[],
  meets: (v: number) => boolean,
): string {
  const canMeet = canReach(flow, meets);
  let i = route.length - 1;
  while (i >= 0 && !canMeet[route[i]]) i--;
  if (i < 0 || i >= route.length - 1) return pathText(flow, [...route]);
  const leave = flow.steps[route[i]].id;
  const next = flow.steps[route[i + 1]].id;
  return `the route leaves the expected path at ${code(leave)} (on to ${code(next)}): ${pathText(flow, route.slice(i))}`;
}
