/**
 * The debrief at the end of a run: the result, the score against the best reachable one, the time targets
 * met or missed by how many seconds, the codes given against those expected, the required actions, the
 * domain obligations met or missed on this route, the critical-failure reasons, then the trainer's notes
 * and the scenario's truth (revealed here in the trainee view too). Text nodes only.
 */
import type { Debrief } from '../../../../server/src/shared/rehearsal';
import { clockText, h, type Child } from './dom';
import { TARGET_NAMES } from './render';

const RESULTS: Record<Debrief['result'], string> = {
  pass: 'Pass',
  acceptable: 'Acceptable',
  fail: 'Fail',
  'critical-failure': 'Critical failure',
};

const FIELDS: Record<string, string> = {
  grade: 'Grade',
  category: 'Category',
  qualifiers: 'Qualifiers',
  ambulance: 'Ambulance category',
  determinant: 'Determinant',
};

const item = (ok: boolean | undefined, ...children: Child[]) =>
  h('li', { class: ok === undefined ? '' : ok ? 'ok' : 'no' }, ...children);

/** The figures of the targets, one sentence each. */
export function targetSentence(t: Debrief['targets'][number]): string {
  const name = TARGET_NAMES[t.key] ?? t.key;
  const target = `target ${t.target} s`;
  if (t.at === undefined) return `${name}: not done (${target})`;
  const by = t.by ?? t.at - t.target;
  const when = `at ${clockText(t.at)}`;
  if (t.status === 'met') return `${name}: met ${when}, ${Math.abs(by)} s inside the ${target}`;
  return `${name}: missed ${when}, ${Math.abs(by)} s over the ${target}`;
}

/** The debrief section. */
export function debriefElement(d: Debrief): HTMLElement {
  const score = d.best === null ? `${d.score}` : `${d.score} of ${d.best} (the best score reachable)`;
  const section = h(
    'section',
    { id: 'debrief', 'aria-labelledby': 'debrief-title' },
    h('h2', { id: 'debrief-title' }, 'Debrief'),
    h('p', { class: `result ${d.result}`, 'data-result': d.result }, RESULTS[d.result]),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Score'),
      h('dd', { 'data-figure': 'score' }, score),
      h('dt', {}, 'Call time'),
      h('dd', { 'data-figure': 'time' }, clockText(d.seconds)),
      d.declared && d.declared !== d.result
        ? [h('dt', {}, 'The end says'), h('dd', {}, d.declared.replace(/-/g, ' '))]
        : null,
    ),
  );
  const list = (title: string, items: HTMLLIElement[], cls = '') => {
    if (items.length) section.append(h('h3', {}, title), h('ul', { class: cls }, items));
  };
  list(
    'Time targets',
    d.targets.map((t) => item(t.status === 'met', targetSentence(t))),
    'targets',
  );
  list(
    'Codes',
    d.codes.map((c) =>
      item(
        c.ok,
        `${FIELDS[c.field] ?? c.field}: ${c.given ?? 'not given'}`,
        c.at !== undefined ? ` at ${clockText(c.at)}` : '',
        c.expected.length ? ` — expected ${c.expected.join(' or ')}` : '',
      ),
    ),
  );
  list(
    'Required actions',
    d.actions.map((a) =>
      item(a.done, a.action, a.done && a.at !== undefined ? ` at ${clockText(a.at)}` : ' — not done'),
    ),
  );
  list(
    'Obligations on this route',
    d.obligations.map((o) => item(o.met, h('strong', {}, o.title), ' — ', o.detail)),
  );
  list(
    'Critical failures',
    d.critical.map((c) => item(false, `${clockText(c.at)} ${c.reason}`)),
  );
  list(
    "Trainer's notes",
    d.notes.map((n) => h('li', {}, n.text)),
  );
  if (d.truth) section.append(h('h3', {}, 'What really happened'), h('p', { class: 'truth' }, d.truth));
  return section;
}
