/**
 * What the rehearsal page draws from a run: transcript entries, the options at a choice point, the
 * trainer's state panel and the time targets. Pure builders from plain run data to DOM (text nodes
 * only); the trainee view leaves out scores, critical markers, risks, notes and step ids.
 */
import type { RehearsalMode } from '../../../../server/src/shared/rehearsal-protocol';
import type {
  ActionDetails,
  RunOption,
  RunState,
  TargetStatus,
  TranscriptEntry,
} from '../../../../server/src/shared/rehearsal';
import { clockText, h, scoreClass, signed, type Child } from './dom';

const WHO: Record<string, string> = {
  caller: 'Caller',
  handler: 'Handler',
  system: 'Action',
  trainee: 'Trainee',
};

/** Target names as trainers say them. */
export const TARGET_NAMES: Record<string, string> = {
  location: 'Location',
  grade: 'Grade',
  dispatch: 'Dispatch',
};
const targetName = (key: string) => TARGET_NAMES[key] ?? key;

/** One line describing what an action step did (`Grade EMERGENCY · 003 · 667`). */
export function actionText(a: ActionDetails): string {
  const verb = a.action.charAt(0).toUpperCase() + a.action.slice(1);
  const codes = [a.grade, a.category, ...(a.qualifiers ?? []), a.ambulance, a.determinant].filter(Boolean);
  return [a.to ? `${verb} → ${a.to}` : verb, ...codes].join(' · ');
}

/** Options for drawing a transcript entry. */
export interface EntryContext {
  mode: RehearsalMode;
  /** Called when the trainer clicks a step id. */
  reveal(stepId: string): void;
}

/** One transcript entry as a list item. A choice made reads as the trainee's line. */
export function entryElement(e: TranscriptEntry, ctx: EntryContext): HTMLLIElement {
  const trainer = ctx.mode === 'trainer';
  const choice = e.kind === 'choice' || Boolean(e.choice && e.who === 'trainee');
  const who = e.kind === 'end' ? 'End' : choice ? 'Trainee' : (WHO[e.who] ?? e.who);
  const lines: Child[] = [
    h(
      'div',
      { class: 'line' },
      h('span', { class: 'who' }, who),
      // Plain speech is no cue; noise, silence, a dropped line… are.
      e.event && e.event !== 'speech'
        ? h('span', { class: 'cue', title: 'Event cue' }, e.event.replace(/-/g, ' '))
        : null,
      e.action ? h('span', { class: 'action' }, actionText(e.action), e.text ? ' — ' : '') : null,
      e.text && !choice ? h('span', { class: 'text' }, e.text) : null,
      choice && e.choice ? choiceMadeElement(e, trainer) : null,
    ),
  ];
  if (e.choice && !choice) lines.push(h('div', { class: 'made' }, choiceMadeElement(e, trainer)));
  if (e.quote) lines.push(h('div', { class: 'meta' }, 'Verbatim: ', h('q', {}, e.quote)));
  if (trainer) lines.push(...trainerLines(e, choice, ctx));
  return h(
    'li',
    { class: `entry ${choice ? 'trainee' : e.who} kind-${e.kind}`, 'data-step': e.step },
    h('span', { class: 'at', title: 'Call clock when the step started' }, clockText(e.at)),
    lines,
  );
}

/** What only the trainer sees under an entry: the prompt, rationale, facts, asks, step id and notes. */
function trainerLines(e: TranscriptEntry, choice: boolean, ctx: EntryContext): Child[] {
  const out: Child[] = [];
  if (choice && e.text) out.push(h('div', { class: 'meta' }, 'Prompt: ', e.text));
  if (e.action?.rationale) out.push(h('div', { class: 'meta' }, 'Rationale: ', e.action.rationale));
  const meta = [
    e.facts?.length ? `facts: ${e.facts.join(', ')}` : '',
    e.asks?.length ? `asks: ${e.asks.join(', ')}` : '',
    e.result ? `result: ${e.result}` : '',
    `${e.seconds} s`,
  ].filter(Boolean);
  const step = h('button', { type: 'button', class: 'step', title: 'Show this step in the editor' }, e.step);
  step.addEventListener('click', () => ctx.reveal(e.step));
  out.push(h('div', { class: 'meta' }, step, ' · ', meta.join(' · ')));
  if (e.notes) out.push(h('div', { class: 'note' }, 'Note: ', e.notes));
  return out;
}

function choiceMadeElement(e: TranscriptEntry, trainer: boolean): HTMLElement {
  const c = e.choice!;
  const what = c.timeout ? `No action in time — the timeout fired after ${e.seconds} s` : `Chose: ${c.label}`;
  return h(
    'span',
    { class: 'text made' },
    what,
    trainer && c.score !== undefined
      ? [' ', h('span', { class: scoreClass(c.score) }, signed(c.score))]
      : null,
    trainer && c.critical ? [' ', h('span', { class: 'critical' }, `Critical: ${c.critical}`)] : null,
  );
}

/** The details under an option: score, critical marker and risk (trainer view only). */
export function optionDetails(o: RunOption, mode: RehearsalMode): Child[] {
  if (mode !== 'trainer') return [];
  const out: Child[] = [];
  if (o.score !== undefined)
    out.push(h('span', { class: `detail ${scoreClass(o.score)}` }, `Score ${signed(o.score)}`));
  if (o.critical) out.push(h('span', { class: 'detail critical' }, `Critical failure: ${o.critical}`));
  if (o.risk) out.push(h('span', { class: 'detail risk' }, `Risky: ${o.risk}`));
  out.push(h('span', { class: 'detail meta' }, `→ ${o.next}`));
  return out;
}

/** A target's status at `clock`: as the run has it once done, else open or overdue by the clock. */
export function targetAt(
  t: TargetStatus,
  clock: number,
): { status: 'met' | 'missed' | 'open'; text: string } {
  const name = targetName(t.key);
  if (t.at !== undefined && t.at <= clock) {
    const late = t.at > t.target;
    return {
      status: late ? 'missed' : 'met',
      text: `${name} ${late ? 'late' : 'met'} at ${clockText(t.at)} (target ${clockText(t.target)})`,
    };
  }
  if (clock > t.target)
    return { status: 'missed', text: `${name} overdue by ${Math.round(clock - t.target)} s` };
  return { status: 'open', text: `${name}: ${Math.round(t.target - clock)} s left` };
}

/** The time targets at `clock` as list items. */
export function targetElements(targets: TargetStatus[], clock: number): HTMLLIElement[] {
  return targets.map((t) => {
    const s = targetAt(t, clock);
    return h('li', { class: s.status, 'data-target': t.key }, s.text);
  });
}

const given = (g: { value: string; at: number } | undefined) =>
  g ? `${g.value} at ${clockText(g.at)}` : '—';
const reached = (list: { to: string; at: number }[]) =>
  list.length ? list.map((r) => `${r.to} at ${clockText(r.at)}`).join(', ') : '—';

/** The trainer's live state panel. */
export function stateElements(s: RunState, best: number | null): Child[] {
  const row = (term: string, value: Child) => [h('dt', {}, term), h('dd', {}, value)];
  return [
    h('h2', {}, 'State'),
    h(
      'dl',
      { class: 'facts' },
      row('Clock', clockText(s.seconds)),
      row(
        'Score',
        h('span', { class: scoreClass(s.score) }, String(s.score)),
        // best is appended below when known
      ),
      best !== null ? row('Best', String(best)) : null,
      row('Grade', s.grades.length > 1 ? s.grades.map((g) => given(g)).join(' → ') : given(s.grade)),
      row('Category', given(s.category)),
      row('Qualifiers', s.qualifiers.join(', ') || '—'),
      s.ambulance ? row('Ambulance', given(s.ambulance)) : null,
      s.determinant ? row('Determinant', given(s.determinant)) : null,
      row('Dispatched', reached(s.dispatched)),
      s.conferenced.length ? row('Conferenced', reached(s.conferenced)) : null,
      s.transferred.length ? row('Transferred', reached(s.transferred)) : null,
      row('Facts', s.facts.join(', ') || '—'),
      row('Asked', s.asked.join(', ') || '—'),
    ),
    s.critical.length
      ? [
          h('h2', {}, 'Critical failures'),
          h(
            'ul',
            {},
            s.critical.map((c) => h('li', { class: 'critical' }, `${clockText(c.at)} ${c.reason}`)),
          ),
        ]
      : null,
  ] as Child[];
}
