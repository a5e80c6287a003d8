/**
 * What changed in the way out of one kept step: its `next`, its timeout's `next`, and its options
 * (added, removed, relabelled, re-pointed, re-scored, made critical). Targets are compared after the
 * renames, so a `next:` that follows its renamed step is no change.
 */
import { fieldRange, show, type Side } from './steps';
import { stable } from './match';
import type { FlowChange } from './types';

/** An option as written (only what the diff reads). */
interface Option {
  label?: unknown;
  next?: unknown;
  score?: unknown;
  critical?: unknown;
  feedback?: unknown;
  facts?: unknown;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function optionsOf(data: unknown): Option[] {
  const choices = (data as { choices?: unknown } | undefined)?.choices;
  return Array.isArray(choices) ? choices.map((c) => (c && typeof c === 'object' ? (c as Option) : {})) : [];
}

/** Compares one transition (`next` or `timeout.next`). */
function transition(
  path: (string | number)[],
  name: string,
  before: string | undefined,
  after: string | undefined,
  oldSide: Side,
  newSide: Side,
  rename: (id: string) => string,
): FlowChange[] {
  const mapped = before === undefined ? undefined : rename(before);
  if (mapped === after) return [];
  const field = name;
  const step = newSide.step.id;
  if (before === undefined)
    return [
      {
        kind: 'transition-added',
        step,
        field,
        after,
        message: `${name} → ${after} added`,
        side: 'new',
        range: fieldRange(newSide, path),
      },
    ];
  if (after === undefined)
    return [
      {
        kind: 'transition-removed',
        step,
        field,
        before,
        message: `${name} → ${before} removed`,
        side: 'old',
        range: fieldRange(oldSide, path),
      },
    ];
  return [
    {
      kind: 'transition-repointed',
      step,
      field,
      before,
      after,
      message: `${name}: ${before} → ${after}`,
      side: 'new',
      range: fieldRange(newSide, path),
    },
  ];
}

/** Pairs old and new options: same label, then same target, then same place. */
function pairOptions(olds: Option[], news: Option[], rename: (id: string) => string): [number, number][] {
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: [number, number][] = [];
  const pass = (same: (a: Option, b: Option, i: number, j: number) => boolean) =>
    olds.forEach((a, i) => {
      if (usedOld.has(i)) return;
      const j = news.findIndex((b, jj) => !usedNew.has(jj) && same(a, b, i, jj));
      if (j < 0) return;
      usedOld.add(i);
      usedNew.add(j);
      pairs.push([i, j]);
    });
  pass((a, b) => text(a.label) !== undefined && text(a.label) === text(b.label));
  pass((a, b) => text(a.next) !== undefined && rename(text(a.next)!) === text(b.next));
  pass((_a, _b, i, j) => i === j);
  return pairs;
}

/** The changes of one pair of options. */
function optionChanges(
  a: Option,
  b: Option,
  j: number,
  oldSide: Side,
  newSide: Side,
  rename: (id: string) => string,
): FlowChange[] {
  const step = newSide.step.id;
  const label = text(b.label) ?? `option ${j + 1}`;
  const at = (key: string) => fieldRange(newSide, ['choices', j, key]);
  const out: FlowChange[] = [];
  if (text(a.label) !== text(b.label))
    out.push({
      kind: 'option-relabelled',
      step,
      field: label,
      before: show(a.label),
      after: show(b.label),
      message: `option "${show(a.label)}" relabelled "${show(b.label)}"`,
      side: 'new',
      range: at('label'),
    });
  const moved = transition(
    ['choices', j, 'next'],
    `option "${label}"`,
    text(a.next),
    text(b.next),
    oldSide,
    newSide,
    rename,
  );
  out.push(...moved.map((c) => ({ ...c, field: label })));
  if (stable(a.score) !== stable(b.score))
    out.push({
      kind: 'option-rescored',
      step,
      field: label,
      before: show(a.score),
      after: show(b.score),
      message: `option "${label}" score ${show(a.score)} → ${show(b.score)}`,
      side: 'new',
      range: at('score'),
    });
  if (stable(a.critical) !== stable(b.critical)) {
    const how =
      a.critical === undefined
        ? 'made critical'
        : b.critical === undefined
          ? 'no longer critical'
          : 'critical reason changed';
    out.push({
      kind: 'option-critical',
      step,
      field: label,
      before: show(a.critical),
      after: show(b.critical),
      message: `option "${label}" ${how}`,
      side: 'new',
      range: at('critical'),
    });
  }
  for (const key of ['feedback', 'facts'] as const)
    if (stable(a[key]) !== stable(b[key]))
      out.push({
        kind: 'field-changed',
        step,
        field: `${label}.${key}`,
        before: show(a[key]),
        after: show(b[key]),
        message: `option "${label}" ${key}: ${show(a[key])} → ${show(b[key])}`,
        side: 'new',
        range: at(key),
      });
  return out;
}

/** The changes to a kept step's options. */
function choiceChanges(oldSide: Side, newSide: Side, rename: (id: string) => string): FlowChange[] {
  const olds = optionsOf(oldSide.step.data);
  const news = optionsOf(newSide.step.data);
  const pairs = pairOptions(olds, news, rename);
  const step = newSide.step.id;
  const out: FlowChange[] = [];
  for (const [i, j] of pairs) out.push(...optionChanges(olds[i], news[j], j, oldSide, newSide, rename));
  const pairedNew = new Set(pairs.map((p) => p[1]));
  const pairedOld = new Set(pairs.map((p) => p[0]));
  news.forEach((b, j) => {
    if (pairedNew.has(j)) return;
    const label = text(b.label) ?? `option ${j + 1}`;
    out.push({
      kind: 'option-added',
      step,
      field: label,
      after: text(b.next),
      message: `option "${label}" → ${show(b.next)} added`,
      side: 'new',
      range: fieldRange(newSide, ['choices', j]),
    });
  });
  olds.forEach((a, i) => {
    if (pairedOld.has(i)) return;
    const label = text(a.label) ?? `option ${i + 1}`;
    out.push({
      kind: 'option-removed',
      step,
      field: label,
      before: text(a.next),
      message: `option "${label}" → ${show(a.next)} removed`,
      side: 'old',
      range: fieldRange(oldSide, ['choices', i]),
    });
  });
  return out;
}

/** Every change to the ways out of a kept step. */
export function edgeChanges(oldSide: Side, newSide: Side, rename: (id: string) => string): FlowChange[] {
  const o = (oldSide.step.data ?? {}) as { next?: unknown; timeout?: { next?: unknown } };
  const n = (newSide.step.data ?? {}) as { next?: unknown; timeout?: { next?: unknown } };
  return [
    ...transition(['next'], 'next', text(o.next), text(n.next), oldSide, newSide, rename),
    ...transition(
      ['timeout', 'next'],
      'timeout',
      text(o.timeout?.next),
      text(n.timeout?.next),
      oldSide,
      newSide,
      rename,
    ),
    ...choiceChanges(oldSide, newSide, rename),
  ];
}
