import type { Rule } from '../engine';
import { solveForward } from '../../../model/flow';
import { LOCATION_EXEMPT_ASKS, type Ask } from '../../../model/vocabulary';
import { code } from '../../../syntax/text';
import { edgeFacts, factsOf, isChecked, itemsOf, stringsOf, topLevel } from './common';

/**
 * The state entering a step, as bits (no allocation per transfer on large scenarios):
 * LOCATED (must) the location has been asked on every path here; REPORTED (must) an earlier question
 * before the location was already reported on every path; SILENT (may) the caller cannot talk.
 */
const LOCATED = 1;
const REPORTED = 2;
const SILENT = 4;
const MUST = LOCATED | REPORTED;

const SILENT_EVENTS = ['press-55', 'silence'];

/** The location is asked before any other question on every path. */
export const locationFirst: Rule = {
  id: 'domain/location-first',
  severity: 'error',
  title: 'Location is asked before any other question, on every path',
  why: 'Without a location nobody can be sent, and the line can drop at any moment. Control-room inspections keep finding calls where the location was never confirmed. Questions about safety (`safe-to-talk`, `caller-safety`) and yes/no questions to a caller who cannot talk may come first.',
  bad: 'answer:\n  kind: handler\n  say: "Police emergency. What has happened?"\n  asks: [what-happened]\n  next: story',
  good: 'answer:\n  kind: handler\n  say: "Police emergency, what is the address of your emergency?"\n  asks: [location]\n  next: address',
  fix: 'Put a handler step with `asks: [location]` before the first other question on every path from `start` (a step may ask both: `asks: [location, what-happened]`). Branches that end only in `fail`/`critical-failure` are not checked. To silence: `# callflow-disable-next-line domain/location-first` above the `asks:` line.',
  check(ctx) {
    const { flow, doc } = ctx;
    const call = topLevel<Record<string, unknown>>(doc, 'call');
    const offending = (v: number, s: number): Ask | undefined => {
      const d = flow.steps[v].data;
      if (d?.kind !== 'handler' || s & LOCATED) return undefined;
      const asks = stringsOf(d.asks) as Ask[];
      if (asks.includes('location')) return undefined;
      if (d.yesNo === true && s & SILENT) return undefined;
      return asks.find((a) => !LOCATION_EXEMPT_ASKS.includes(a));
    };
    const { input } = solveForward<number>(flow, {
      entry: call?.silent === true ? SILENT : 0,
      transfer: (v, s) => {
        const d = flow.steps[v].data;
        const event = d?.event;
        let out = s;
        if ((d?.kind === 'caller' || d?.kind === 'timer') && typeof event === 'string') {
          if (SILENT_EVENTS.includes(event)) out |= SILENT;
          else if (event === 'speech') out &= ~SILENT;
        }
        if (factsOf(flow.steps[v]).includes('can-talk')) out &= ~SILENT;
        if (stringsOf(d?.asks).includes('location')) out |= LOCATED;
        if (offending(v, s) !== undefined) out |= REPORTED;
        return out;
      },
      edge: (e, s) => (edgeFacts(e).includes('can-talk') ? s & ~SILENT : s),
      // Must-bits join by AND, the may-bit by OR.
      join: (a, b) => (a & b & MUST) | ((a | b) & SILENT),
      equals: (a, b) => a === b,
    });
    for (const step of flow.steps) {
      const s = input[step.index];
      if (s === undefined || s & REPORTED || !isChecked(flow, step.index)) continue;
      const ask = offending(step.index, s);
      if (!ask) continue;
      const node = itemsOf(step.node, 'asks').find((n) => n.value === ask);
      ctx.report(
        node ? { node } : { step },
        `${code(ask)} is asked at ${code(step.id)} before the location is known on some path from \`start\`: ask for the location first (\`asks: [location]\`).`,
      );
    }
  },
};
