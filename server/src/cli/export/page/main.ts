/**
 * The trainee page's script (bundled to `dist/trainee-page.js`, inlined into every exported page): the
 * rehearsal panel's controller and renderer, with the run engine in the page as its host. The page reads
 * its pack from the `callflow-pack` data block, plays the trainee view, and at an end shows the debrief
 * (from the answers when the pack has them) with Download my result and Print.
 *
 * Only the trainee view exists here: the trainer view's switch (T) is not offered.
 */
import { Rehearsal } from '../../../../../client/src/webview/rehearsal/controller';
import type { RehearsalWebviewMessage, ShownMessage } from '../../../shared/rehearsal-protocol';
import type { RunInput } from '../../../shared/rehearsal';
import { isPackData, PackPlayer, type PackData, type PackRun } from '../../../service/export/pack';
import { h } from '../../../../../client/src/webview/rehearsal/dom';
import { limitedDebrief, resultFile } from './result';
import { connectLms, type LmsReporter } from './lms';

/** What the page exposes to tests and to the learning platform bridge. */
export interface TraineePageHook {
  /** Every `shown` report, in order. */
  shown: ShownMessage[];
  /** The result file of the run on screen. */
  result(): unknown;
}

function readPack(): PackData | undefined {
  try {
    const data: unknown = JSON.parse(document.getElementById('callflow-pack')?.textContent ?? '');
    return isPackData(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function start(pack: PackData): void {
  const player = new PackPlayer(pack);
  let inputs: RunInput[] = [];
  let current: PackRun | undefined;
  const lms: LmsReporter | undefined = connectLms(window, pack.lms);
  const hook: TraineePageHook = {
    shown: [],
    result: () => current && resultFile(pack, current.view, inputs, current.answered, new Date()),
  };
  (window as unknown as { __callflowTrainee: TraineePageHook }).__callflowTrainee = hook;
  const answer = (asked: RunInput[], reason: 'open' | 'play') => {
    current = player.run(asked);
    inputs = asked;
    rehearsal.handle({ type: 'run', view: current.view, inputs: asked, title: pack.title, reason });
  };
  const ended = () => {
    if (!current) return;
    const box = document.getElementById('waiting');
    const shown = document.getElementById('debrief');
    if (!current.answered && shown) shown.replaceWith(limitedDebrief(current.view));
    const file = resultFile(pack, current.view, inputs, current.answered, new Date());
    const save = h('button', { type: 'button', id: 'download' }, 'Download my result');
    save.addEventListener('click', () =>
      download(`${pack.id ?? 'scenario'}-result.json`, JSON.stringify(file, null, 2) + '\n'),
    );
    const print = h('button', { type: 'button', id: 'print' }, 'Print summary');
    print.addEventListener('click', () => window.print());
    box?.append(h('div', { id: 'takeaway', role: 'group', 'aria-label': 'Your result' }, save, print));
    lms?.finish(file, current.choices);
  };
  const post = (m: RehearsalWebviewMessage) => {
    if (m.type === 'play') setTimeout(() => answer(m.inputs, 'play'), 0);
    else if (m.type === 'shown') {
      hook.shown.push(m);
      if (m.waiting === 'end' && m.debrief !== undefined) ended();
    } else if (m.type === 'error') console.warn(m.message);
  };
  // Only the trainee view exists in this page: T does not switch to the trainer's.
  window.addEventListener(
    'keydown',
    (e) => {
      if ((e.key === 't' || e.key === 'T') && !e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation();
    },
    true,
  );
  const rehearsal = new Rehearsal(post);
  rehearsal.handle({ type: 'options', options: { mode: 'trainee', realTime: false, readAloud: false } });
  lms?.begin();
  window.addEventListener('pagehide', () => lms?.end());
  answer([], 'open');
}

const pack = readPack();
if (pack) start(pack);
else {
  const empty = document.getElementById('empty');
  if (empty) empty.textContent = 'This page cannot be played: its scenario data is missing or damaged.';
}
