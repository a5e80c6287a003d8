/**
 * Comparing a replayed run with what it expects: one difference per expectation that does not hold,
 * worded for a trainer (expected end `officers-arrive`, reached `line-drops` at 00:45 after choosing "…").
 */
import type { RunView } from '../../shared/rehearsal';
import { didYouMean } from '../checks/didyoumean';
import type { ScenarioDocument } from '../syntax/parse';
import { NONE, type NumberRange, type RecordedRun, type RunFailure } from './model';

/**
 * The option (or step) meant by a name that no longer fits: did-you-mean by spelling, else (there are only a
 * few options at a step) the one sharing most of its words, when it shares more than half of them
 * (`end-cleared` → `end-line-cleared`, "Stay on the line" → "Stay on the open line, listen…").
 */
export function nearest(written: string, candidates: readonly string[]): string | undefined {
  const near = didYouMean(written, candidates);
  if (near !== undefined) return near;
  const words = (s: string) =>
    new Set(
      s
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    );
  const want = words(written);
  if (!want.size) return undefined;
  let best: string | undefined;
  let bestShared = 0;
  let tie = false;
  for (const c of candidates) {
    const have = words(c);
    const shared = [...want].filter((w) => have.has(w)).length;
    if (shared > bestShared) [best, bestShared, tie] = [c, shared, false];
    else if (shared === bestShared && c !== best) tie = true;
  }
  return best !== undefined && !tie && bestShared / want.size > 0.5 ? best : undefined;
}

/** Seconds as `mm:ss` (or `h:mm:ss` past an hour), as the rehearsal shows its clock. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

/** A text quoted for a message, on one line and shortened when long. */
export function quoted(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > 80 ? one.slice(0, 77) + '…' : one}"`;
}

/** "exactly 9", "at least 3", "between 30 and 45". */
export function rangeText(r: NumberRange, unit: (n: number) => string = String): string {
  if (r.min !== undefined && r.max !== undefined)
    return r.min === r.max ? unit(r.min) : `between ${unit(r.min)} and ${unit(r.max)}`;
  return r.min !== undefined ? `at least ${unit(r.min)}` : `at most ${unit(r.max!)}`;
}

function inRange(n: number, r: NumberRange): boolean {
  return (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max);
}

/** Where the run was when it stopped: `at 07:58 after choosing "…"`. */
export function whereText(view: RunView): string {
  const last = [...view.transcript].reverse().find((e) => e.choice);
  const at = `at ${clockText(view.state.seconds)}`;
  if (!last?.choice) return at;
  return last.choice.timeout
    ? `${at} after letting \`${last.step}\` time out`
    : `${at} after choosing ${quoted(last.choice.label)}`;
}

type Fail = (
  what: string,
  range: RunFailure['range'],
  expected: string,
  actual: string,
  message: string,
) => void;

/** The differences between a run that reached an end and what it expects. */
export function compareEnd(doc: ScenarioDocument, run: RecordedRun, view: RunView): RunFailure[] {
  const out: RunFailure[] = [];
  const fail: Fail = (what, range, expected, actual, message) =>
    out.push({ ruleId: 'runs/failed', what, range, expected, actual, message });
  const unknownEnd = checkEnd(doc, run, view, fail);
  if (unknownEnd) out.push(unknownEnd);
  checkNumbers(run, view, fail);
  checkCodes(run, view, fail);
  checkTargets(run, view, fail);
  if (run.expect.critical) checkCritical(view, run.expect.critical, fail);
  return out;
}

/** `end` and `result`; an end the scenario does not have is an unknown step (with did-you-mean). */
function checkEnd(
  doc: ScenarioDocument,
  run: RecordedRun,
  view: RunView,
  fail: Fail,
): RunFailure | undefined {
  const debrief = view.debrief!;
  const where = whereText(view);
  const e = run.expect;
  let unknown: RunFailure | undefined;
  if (e.end && e.end.value !== debrief.end) {
    if (doc.stepsById.get(e.end.value)?.data?.kind !== 'end') {
      const ends = doc.steps.filter((s) => s.data?.kind === 'end').map((s) => s.id);
      const near = nearest(e.end.value, ends);
      const hint = near ? ` Did you mean \`${near}\`?` : '';
      unknown = {
        ruleId: 'runs/unknown-step',
        what: 'end',
        range: e.end.range,
        expected: e.end.value,
        actual: debrief.end,
        message: `expected end \`${e.end.value}\`, but the scenario has no such end (the run reached \`${debrief.end}\` ${where}).${hint}`,
      };
    } else
      fail(
        'end',
        e.end.range,
        e.end.value,
        debrief.end,
        `expected end \`${e.end.value}\`, reached \`${debrief.end}\` ${where}`,
      );
  }
  if (e.result && e.result.value !== debrief.result)
    fail(
      'result',
      e.result.range,
      e.result.value,
      debrief.result,
      `expected result ${e.result.value}, got ${debrief.result} at \`${debrief.end}\` ${where}${criticalNote(view)}`,
    );
  return unknown;
}

function checkNumbers(run: RecordedRun, view: RunView, fail: Fail): void {
  const debrief = view.debrief!;
  const e = run.expect;
  if (e.score && !inRange(debrief.score, e.score.value)) {
    const want = rangeText(e.score.value);
    fail(
      'score',
      e.score.range,
      want,
      String(debrief.score),
      `expected score ${want}, scored ${debrief.score} at \`${debrief.end}\` ${whereText(view)}`,
    );
  }
  if (e.seconds && !inRange(debrief.seconds, e.seconds.value)) {
    const want = rangeText(e.seconds.value, clockText);
    const at = e.seconds.value.min === e.seconds.value.max ? 'at ' : '';
    fail(
      'seconds',
      e.seconds.range,
      want,
      clockText(debrief.seconds),
      `expected the call to end ${at}${want}, it ended at ${clockText(debrief.seconds)} at \`${debrief.end}\``,
    );
  }
}

function checkCodes(run: RecordedRun, view: RunView, fail: Fail): void {
  for (const c of run.expect.codes) {
    const given = view.state[c.key]?.value;
    const want = c.value.value;
    const ok = want.toLowerCase() === NONE ? given === undefined : given === want;
    if (ok) continue;
    const got = given === undefined ? 'none given' : `\`${given}\` given`;
    fail(
      c.key,
      c.value.range,
      want,
      given ?? NONE,
      `expected ${c.key} \`${want}\`, ${got} by the end (\`${view.debrief!.end}\` ${whereText(view)})`,
    );
  }
}

function checkTargets(run: RecordedRun, view: RunView, fail: Fail): void {
  for (const t of run.expect.targets) {
    const status = view.state.targets.find((s) => s.key === t.key);
    if (!status) {
      fail(
        `targets.${t.key}`,
        t.keyRange,
        t.value.value,
        'no target',
        `expected the ${t.key} target ${t.value.value}, but the scenario sets no \`${t.key}\` target`,
      );
      continue;
    }
    if (status.status === t.value.value) continue;
    const when =
      status.at !== undefined
        ? ` (done at ${clockText(status.at)}, target ${clockText(status.target)})`
        : ` (not done, target ${clockText(status.target)})`;
    fail(
      `targets.${t.key}`,
      t.value.range,
      t.value.value,
      status.status,
      `expected the ${t.key} target ${t.value.value}, it was ${status.status}${when}`,
    );
  }
}

function checkCritical(
  view: RunView,
  want: NonNullable<RecordedRun['expect']['critical']>,
  fail: Fail,
): void {
  const reasons = view.state.critical.map((c) => c.reason);
  const none = want.value.toLowerCase() === NONE;
  if (none && reasons.length) {
    const first = view.state.critical[0];
    fail(
      'critical',
      want.range,
      NONE,
      first.reason,
      `expected no critical failure, got one at \`${first.step}\` (${clockText(first.at)}): ${quoted(first.reason)}`,
    );
  } else if (!none && !reasons.some((r) => r.toLowerCase().includes(want.value.toLowerCase()))) {
    const got = reasons.length
      ? `the route's critical failure says ${quoted(reasons[0])}`
      : 'the route has no critical failure';
    fail(
      'critical',
      want.range,
      want.value,
      reasons[0] ?? NONE,
      `expected a critical failure about ${quoted(want.value)}, but ${got} (ended at \`${view.debrief?.end}\`)`,
    );
  }
}

function criticalNote(view: RunView): string {
  const c = view.state.critical[0];
  return view.debrief?.result === 'critical-failure' && c
    ? ` (critical at \`${c.step}\`: ${quoted(c.reason)})`
    : '';
}
