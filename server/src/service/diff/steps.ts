/**
 * What changed inside one step kept from the old version to the new: its kind, its text (with a word
 * diff), its grade, its outcome and targets, and any other field. Transitions and options are compared
 * in `edges.ts`. Values are compared as data, so indentation, comments, quoting and key order are no change.
 */
import type { StepInfo } from '../syntax/parse';
import { nodeAtPath } from '../syntax/nodes';
import type { LineIndex } from '../syntax/text';
import type { Range } from '../model/types';
import { stable } from './match';
import type { ChangeKind, FlowChange } from './types';
import { spoken, wordDiff } from './words';

/** Fields whose value is text the trainee reads or hears. */
const TEXT_FIELDS = ['say', 'prompt', 'quote', 'rationale', 'justification', 'notes'];
/** Fields that set the grade. */
const GRADE_FIELDS = ['grade', 'category', 'qualifiers', 'ambulance', 'determinant'];
/** Fields compared elsewhere (transitions, options) or here on their own. */
const SPECIAL = new Set(['kind', 'next', 'choices', 'timeout', 'outcome', ...TEXT_FIELDS, ...GRADE_FIELDS]);

/** One side of a compared step: the step and the text it was read from. */
export interface Side {
  step: StepInfo;
  lines: LineIndex;
}

/** The range of a field of a step (the step's id when the field is not written). */
export function fieldRange(side: Side, path: (string | number)[]): Range {
  const node = nodeAtPath(side.step.node, path);
  const r = node?.range;
  return r ? side.lines.range(r[0], r[1]) : side.step.keyRange;
}

/** A value as short text for a report. */
export function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return spoken(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ');
  return stable(v);
}

/** Builds a change on the new side of a kept step. */
function change(
  kind: ChangeKind,
  newSide: Side,
  path: (string | number)[],
  before: unknown,
  after: unknown,
  message: string,
): FlowChange {
  return {
    kind,
    step: newSide.step.id,
    field: path.join('.'),
    before: show(before),
    after: show(after),
    message,
    side: 'new',
    range: fieldRange(newSide, after === undefined ? [] : path),
  };
}

function textChanges(o: Record<string, unknown>, n: Record<string, unknown>, side: Side): FlowChange[] {
  const out: FlowChange[] = [];
  for (const f of TEXT_FIELDS) {
    const a = typeof o[f] === 'string' ? spoken(o[f] as string) : o[f];
    const b = typeof n[f] === 'string' ? spoken(n[f] as string) : n[f];
    if (stable(a) === stable(b)) continue;
    const c = change('text-changed', side, [f], o[f], n[f], `${f} changed`);
    if (typeof a === 'string' && typeof b === 'string') c.words = wordDiff(a, b);
    out.push(c);
  }
  return out;
}

function fieldChanges(
  kind: ChangeKind,
  fields: string[],
  o: Record<string, unknown>,
  n: Record<string, unknown>,
  side: Side,
  prefix: string[] = [],
): FlowChange[] {
  const out: FlowChange[] = [];
  for (const f of fields) {
    if (stable(o[f]) === stable(n[f])) continue;
    const path = [...prefix, f];
    const label = path.join('.');
    const message = `${label}: ${show(o[f])} → ${show(n[f])}`;
    out.push(change(kind, side, path, o[f], n[f], message));
  }
  return out;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Time targets: one change per target changed, added or removed. */
function targetChanges(before: unknown, after: unknown, side: Side, prefix: string[]): FlowChange[] {
  const o = asRecord(before);
  const n = asRecord(after);
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  return fieldChanges('targets-changed', keys, o, n, side, prefix);
}

/** An outcome's changes: `targets` as targets, everything else as the outcome. */
export function outcomeChanges(
  oldOutcome: unknown,
  newOutcome: unknown,
  side: Side,
  prefix: string[],
  gradeKind: ChangeKind = 'outcome-changed',
): FlowChange[] {
  const o = asRecord(oldOutcome);
  const n = asRecord(newOutcome);
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].filter((k) => k !== 'targets');
  const grades = keys.filter((k) => GRADE_FIELDS.includes(k));
  const rest = keys.filter((k) => !GRADE_FIELDS.includes(k));
  return [
    ...fieldChanges(gradeKind, grades, o, n, side, prefix),
    ...fieldChanges('outcome-changed', rest, o, n, side, prefix),
    ...targetChanges(o.targets, n.targets, side, [...prefix, 'targets']),
  ];
}

/** The changes inside a kept step, transitions and options aside. */
export function stepChanges(oldSide: Side, newSide: Side): FlowChange[] {
  const o = asRecord(oldSide.step.data);
  const n = asRecord(newSide.step.data);
  const out: FlowChange[] = [];
  if (stable(o.kind) !== stable(n.kind))
    out.push(
      change('kind-changed', newSide, ['kind'], o.kind, n.kind, `kind: ${show(o.kind)} → ${show(n.kind)}`),
    );
  out.push(...textChanges(o, n, newSide));
  out.push(...fieldChanges('grade-changed', GRADE_FIELDS, o, n, newSide));
  out.push(...outcomeChanges(o.outcome, n.outcome, newSide, ['outcome']));
  const others = [...new Set([...Object.keys(o), ...Object.keys(n)])].filter((k) => !SPECIAL.has(k));
  out.push(...fieldChanges('field-changed', others, o, n, newSide));
  const ot = asRecord(o.timeout);
  const nt = asRecord(n.timeout);
  if (o.timeout !== undefined && n.timeout !== undefined)
    out.push(...fieldChanges('field-changed', ['seconds'], ot, nt, newSide, ['timeout']));
  return out;
}
