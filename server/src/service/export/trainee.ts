/**
 * The trainee view of a scenario: what a trainee's page may carry in the clear. Built by keeping only
 * the fields the run engine needs to play the call and the trainee view shows (a whitelist, so a new
 * trainer-only field in the format stays out until someone decides otherwise).
 *
 * Left out: notes, `truth`, the summary and objectives, the caller profile, every score, critical-failure
 * reason, risk and feedback, `facts:`, rationales and justifications, hand-over contents, end
 * results and the expected outcome except its time targets (the page's clock runs against them).
 */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Top-level fields a trainee sees (the title) or the engine needs to play. */
const TOP = ['callflow', 'id', 'title', 'start'] as const;

/** Step fields the run plays or the trainee view draws (caller lines, cues, actions taken, choices). */
const STEP = [
  'kind',
  'say',
  'speaker',
  'seconds',
  'next',
  'event',
  'quote',
  // The location target is met when a step asks for it: the clock against the targets needs them.
  'asks',
  'prompt',
  'action',
  'to',
  'grade',
  'category',
  'qualifiers',
  'ambulance',
  'determinant',
] as const;

function pick(from: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** Only the time targets of an outcome (`expected:` or an end's `outcome:`), when it has any. */
function targetsOnly(outcome: unknown): Obj | undefined {
  return isObj(outcome) && isObj(outcome.targets) ? { targets: outcome.targets } : undefined;
}

function traineeStep(step: unknown): unknown {
  if (!isObj(step)) return step;
  const out = pick(step, STEP);
  if (isObj(step.timeout)) out.timeout = pick(step.timeout, ['seconds', 'next']);
  if (Array.isArray(step.choices))
    out.choices = step.choices.map((c) => (isObj(c) ? pick(c, ['label', 'next']) : c));
  const targets = targetsOnly(step.outcome);
  if (targets) out.outcome = targets;
  return out;
}

/**
 * The trainee view of a scenario's plain data (as parsed): a new object, the input is not changed.
 * Anything that is not a mapping comes back as an empty mapping.
 */
export function traineeScenario(value: unknown): Obj {
  if (!isObj(value)) return {};
  const out = pick(value, TOP);
  const expected = targetsOnly(value.expected);
  if (expected) out.expected = expected;
  if (isObj(value.steps)) {
    const steps: Obj = {};
    for (const [id, step] of Object.entries(value.steps)) steps[id] = traineeStep(step);
    out.steps = steps;
  }
  return out;
}
