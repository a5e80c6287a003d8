/**
 * What the trainee takes away: the run as JSON (the inputs, the lines shown, the debrief) and the limited
 * debrief a page without answers shows. Pure data builders and DOM builders (text nodes only).
 */
import type { PackData } from '../../../service/export/pack';
import type { RunInput, RunView } from '../../../shared/rehearsal';
import { clockText, h } from '../../../../../client/src/webview/rehearsal/dom';
import { targetSentence } from '../../../../../client/src/webview/rehearsal/debrief';

/** The version of the result file. */
export const RESULT_VERSION = 1;

/** The JSON a trainee downloads at the end of a run. */
export interface ResultFile {
  kind: 'callflow-result';
  version: typeof RESULT_VERSION;
  scenario: { id?: string; title: string; file: string; exported: string };
  finished: string;
  /** Whether the debrief includes the trainer's answers (false for a page exported without them). */
  answered: boolean;
  inputs: RunInput[];
  transcript: { at: number; who: string; text: string }[];
  debrief?: RunView['debrief'];
  /** The time the run took on the call clock (seconds). */
  seconds: number;
}

/** The result file of a finished (or abandoned) run. */
export function resultFile(
  pack: PackData,
  view: RunView,
  inputs: RunInput[],
  answered: boolean,
  now: Date,
): ResultFile {
  const transcript = view.transcript.map((e) => ({
    at: e.at,
    who: e.choice ? 'trainee' : e.kind === 'end' ? 'end' : e.who,
    text: e.choice ? e.choice.label : (e.text ?? e.action?.action ?? ''),
  }));
  const out: ResultFile = {
    kind: 'callflow-result',
    version: RESULT_VERSION,
    scenario: { title: pack.title, file: pack.source.file, exported: pack.source.exported },
    finished: now.toISOString(),
    answered,
    inputs: inputs.slice(0, view.used),
    transcript,
    seconds: view.state.seconds,
  };
  if (pack.id !== undefined) out.scenario.id = pack.id;
  if (answered && view.debrief) out.debrief = view.debrief;
  return out;
}

/** The debrief of a page exported without answers: what the run itself shows, and who has the rest. */
export function limitedDebrief(view: RunView): HTMLElement {
  const d = view.debrief;
  const targets = (d?.targets ?? view.state.targets).map((t) => h('li', {}, targetSentence(t)));
  return h(
    'section',
    { id: 'debrief', 'aria-labelledby': 'debrief-title' },
    h('h2', { id: 'debrief-title' }, 'End of the call'),
    h(
      'p',
      { class: 'result', 'data-result': 'unmarked' },
      'This page carries no marking: your trainer marks the run from your result file.',
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Call time'),
      h('dd', { 'data-figure': 'time' }, clockText(d?.seconds ?? view.state.seconds)),
      h('dt', {}, 'Choices made'),
      h('dd', { 'data-figure': 'choices' }, String(view.used)),
    ),
    targets.length ? [h('h3', {}, 'Time targets'), h('ul', { class: 'targets' }, targets)] : null,
  );
}
