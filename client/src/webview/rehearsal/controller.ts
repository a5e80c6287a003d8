/**
 * The rehearsal panel's controller: holds the run the host sent, paces the transcript in the trainee view
 * (Enter shows the next line), turns keys and clicks into the list of inputs to play, runs the live clock
 * and, in real-time mode, fires a step's `timeout:` when the trainee does not act in time.
 *
 * A run is stateless: choosing, stepping back and restarting all send `play` with the inputs wanted; the
 * host answers with the run replayed from the start.
 */
import type {
  RehearsalHostMessage,
  RehearsalOptions,
  RehearsalWebviewMessage,
  RunMessage,
} from '../../../../server/src/shared/rehearsal-protocol';
import type { RunInput, RunView, TranscriptEntry } from '../../../../server/src/shared/rehearsal';
import { debriefElement } from './debrief';
import { byId, clockText, h } from './dom';
import { entryElement, optionDetails, stateElements, targetElements } from './render';
import { Speech, type SpeechStatus } from './speech';

/** Real-time mode: how often the live clock and the countdown are redrawn. */
const TICK_MS = 200;

/** Entries at the start of both transcripts that are the same steps at the same clock. */
function commonPrefix(a: TranscriptEntry[], b: TranscriptEntry[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].step === b[i].step && a[i].at === b[i].at) i++;
  return i;
}

/** The running rehearsal page. */
export class Rehearsal {
  private view: RunView | undefined;
  private inputs: RunInput[] = [];
  private title = '';
  private from: string | undefined;
  private shown = 0;
  private spoken = 0;
  /** What each drawn transcript line shows (the view and the entry), to redraw only what changed. */
  private drawn: string[] = [];
  private pending = false;
  /** What the last `play` asked for, so its run is paced accordingly. */
  private intent: 'forward' | 'back' | 'restart' = 'forward';
  private options: RehearsalOptions = { mode: 'trainee', realTime: false, readAloud: false };
  /** The choice the real-time clock runs for (`inputs used:step`) and when its options appeared. */
  private waitKey = '';
  private waitStart = 0;
  private ticker = 0;
  private readonly speech: Speech;

  constructor(private readonly post: (m: RehearsalWebviewMessage) => void) {
    this.speech = new Speech((s) => this.showSpeech(s));
    this.showSpeech(this.speech.status());
    byId('mode-trainee').addEventListener('click', () => this.setMode('trainee'));
    byId('mode-trainer').addEventListener('click', () => this.setMode('trainer'));
    byId<HTMLInputElement>('real-time').addEventListener('change', (e) => {
      this.options.realTime = (e.target as HTMLInputElement).checked;
      this.render();
    });
    byId<HTMLInputElement>('read-aloud').addEventListener('change', (e) => {
      this.options.readAloud = (e.target as HTMLInputElement).checked;
      if (!this.options.readAloud) this.speech.stop();
    });
    byId('back').addEventListener('click', () => this.back());
    byId('restart').addEventListener('click', () => this.restart());
    document.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      const onControl = t instanceof HTMLButtonElement || t instanceof HTMLInputElement;
      if (onControl && (e.key === 'Enter' || e.key === ' ')) return; // the control's own action
      if (this.key(e.key)) e.preventDefault();
    });
  }

  /** Handles one (already validated) host message. */
  handle(m: RehearsalHostMessage): void {
    switch (m.type) {
      case 'run':
        return this.setRun(m);
      case 'options':
        this.options = { ...m.options };
        if (!this.speech.status().available) this.options.readAloud = false;
        return this.render();
      case 'press':
        this.key(m.key);
        return;
      case 'unavailable':
        this.pending = false;
        byId('empty').textContent = m.message;
        byId('empty').hidden = false;
        return;
    }
  }

  /** Acts on a key as the page's keyboard does; true when the key meant something here. */
  key(key: string): boolean {
    const digit = /^[0-9]$/.test(key) ? (key === '0' ? 10 : Number(key)) : 0;
    if (digit) return this.chooseOption(digit - 1);
    switch (key) {
      case 'Enter':
        return this.continue();
      case 'Backspace':
        return this.back();
      case 'r':
      case 'R':
        return this.restart();
      case 't':
      case 'T':
        this.setMode(this.options.mode === 'trainee' ? 'trainer' : 'trainee');
        return true;
      case 'End':
        return this.reveal(Infinity);
      default:
        return false;
    }
  }

  private setRun(m: RunMessage): void {
    const prev = this.view;
    const prevAll = !prev || this.shown >= prev.transcript.length;
    const n = m.view.transcript.length;
    const same = prev ? commonPrefix(prev.transcript, m.view.transcript) : 0;
    const intent = m.reason === 'play' ? this.intent : m.reason === 'restore' ? 'edit' : m.reason;
    let shown: number;
    if (intent === 'open' || intent === 'restart') shown = Math.min(1, n);
    else if (intent === 'edit') shown = prevAll ? n : Math.max(1, Math.min(this.shown, same));
    else if (intent === 'back') shown = n;
    else shown = Math.min(n, same + 1);
    // Lines already seen are not read aloud again.
    this.spoken = intent === 'open' || intent === 'restart' ? 0 : intent === 'forward' ? same : shown;
    if (intent === 'open' || intent === 'restart') this.speech.stop();
    this.view = m.view;
    this.inputs = m.inputs;
    this.title = m.title;
    this.from = m.from;
    this.pending = false;
    this.shown = shown;
    this.skipOwnChoices();
    this.render();
  }

  /**
   * The trainee's own lines need no Enter: a choice point shows with the line before it (its options
   * appear), and a choice made shows with the line it leads to.
   */
  private skipOwnChoices(): void {
    const t = this.view?.transcript ?? [];
    while (
      this.shown < t.length &&
      (t[this.shown].kind === 'choice' || (this.shown > 0 && t[this.shown - 1].kind === 'choice'))
    )
      this.shown++;
  }

  private get paced(): boolean {
    return this.options.mode === 'trainee';
  }

  private get visible(): number {
    const n = this.view?.transcript.length ?? 0;
    return this.paced ? Math.min(this.shown, n) : n;
  }

  private get allShown(): boolean {
    return this.visible >= (this.view?.transcript.length ?? 0);
  }

  /** Shows `count` more lines (Infinity: all). */
  private reveal(count: number): boolean {
    if (!this.view || this.allShown) return false;
    this.shown = Math.min(this.view.transcript.length, this.visible + count);
    this.skipOwnChoices();
    this.render();
    return true;
  }

  /** Enter: the next line, or the only option (`Continue` at a step that waits). */
  private continue(): boolean {
    if (this.reveal(1)) return true;
    const w = this.view?.waiting;
    if (w?.kind === 'choice' && w.options.length === 1) return this.chooseOption(0);
    return false;
  }

  private chooseOption(index: number): boolean {
    const w = this.view?.waiting;
    if (!this.view || w?.kind !== 'choice' || !this.allShown || this.pending) return false;
    const option = w.options[index];
    if (!option) return false;
    this.play([...this.inputs.slice(0, this.view.used), { choose: option.label }], 'forward');
    return true;
  }

  private back(): boolean {
    if (!this.view || this.pending) return false;
    const used = Math.min(this.view.used, this.inputs.length);
    if (this.inputs.length > used) this.play(this.inputs.slice(0, used), 'back');
    else if (used > 0) this.play(this.inputs.slice(0, used - 1), 'back');
    else return false;
    return true;
  }

  private restart(): boolean {
    if (!this.view || this.pending) return false;
    this.play([], 'restart');
    return true;
  }

  private timeout(): void {
    if (!this.view || this.pending) return;
    this.play([...this.inputs.slice(0, this.view.used), { timeout: true }], 'forward');
  }

  private play(inputs: RunInput[], intent: Rehearsal['intent']): void {
    this.intent = intent;
    this.pending = true;
    this.stopTicker();
    this.post({ type: 'play', inputs });
  }

  private setMode(mode: RehearsalOptions['mode']): void {
    if (this.options.mode === mode) return;
    this.options.mode = mode;
    if (mode === 'trainee' && this.view) this.shown = this.view.transcript.length;
    this.render();
  }

  private showSpeech(s: SpeechStatus): void {
    const box = byId<HTMLInputElement>('read-aloud');
    box.disabled = !s.available;
    if (!s.available) box.checked = this.options.readAloud = false;
    byId('speech-text').textContent = s.available ? 'Read aloud' : `Read aloud (${s.reason})`;
    byId('speech-label').classList.toggle('unavailable', !s.available);
    byId('speech-label').title = s.available
      ? 'Read caller lines aloud'
      : `Caller lines cannot be read aloud: ${s.reason}`;
  }

  /** The call clock now: the scripted clock at the last line shown, plus real seconds spent waiting. */
  private clock(): number {
    const v = this.view;
    if (!v) return 0;
    const t = v.transcript;
    const base = this.allShown ? v.state.seconds : (t[this.visible]?.at ?? v.state.seconds);
    return base + (this.realTimeWaiting() ? (performance.now() - this.waitStart) / 1000 : 0);
  }

  private realTimeWaiting(): boolean {
    return this.options.realTime && !this.pending && this.allShown && this.view?.waiting.kind === 'choice';
  }

  /** Draws everything from the current run and options, then tells the host what is shown. */
  private render(): void {
    const v = this.view;
    document.body.classList.toggle('trainer', this.options.mode === 'trainer');
    byId('mode-trainee').setAttribute('aria-pressed', String(this.options.mode === 'trainee'));
    byId('mode-trainer').setAttribute('aria-pressed', String(this.options.mode === 'trainer'));
    byId<HTMLInputElement>('real-time').checked = this.options.realTime;
    byId<HTMLInputElement>('read-aloud').checked = this.options.readAloud;
    byId<HTMLButtonElement>('back').disabled = !v || this.inputs.length === 0;
    byId<HTMLButtonElement>('restart').disabled = !v;
    if (!v) return;
    const name = v.scenario.title ?? v.scenario.id ?? this.title;
    byId('title').textContent = this.from ? `${name} — from ${this.from}` : name;
    byId('empty').hidden = true;
    this.renderDiverged(v);
    this.renderTranscript(v);
    this.renderWaiting(v);
    this.renderState(v);
    this.syncTicker();
    this.updateClock();
    this.speakNew(v);
    this.report(v);
  }

  private renderDiverged(v: RunView): void {
    const box = byId('diverged');
    box.hidden = !v.diverged;
    if (!v.diverged) return;
    const input = this.inputs[v.diverged.index];
    const what = input && 'choose' in input ? `“${input.choose}”` : 'the timeout';
    const reason = v.diverged.reason.replace(/\.$/, '');
    box.textContent = `The scenario changed: choice ${v.diverged.index + 1} (${what}) no longer fits — ${reason}. Choose again from there.`;
  }

  private renderTranscript(v: RunView): void {
    const ctx = {
      mode: this.options.mode,
      reveal: (stepId: string) => this.post({ type: 'reveal', stepId }),
    };
    const w = v.waiting;
    // The choice point waiting for the trainee is drawn below, with its options.
    const pending = (e: TranscriptEntry, i: number) =>
      i === v.transcript.length - 1 &&
      !e.choice &&
      w.kind === 'choice' &&
      w.step === e.step &&
      e.kind === 'choice';
    const entries = v.transcript.slice(0, this.visible).filter((e, i) => !pending(e, i));
    // Only new lines are added (the log announces what is added): lines already drawn the same stay.
    const keys = entries.map((e) => `${this.options.mode} ${JSON.stringify(e)}`);
    let same = 0;
    while (same < keys.length && keys[same] === this.drawn[same]) same++;
    const list = byId('transcript');
    while (list.children.length > same) list.lastElementChild?.remove();
    list.append(...entries.slice(same).map((e) => entryElement(e, ctx)));
    this.drawn = keys;
  }

  private renderWaiting(v: RunView): void {
    const box = byId('waiting');
    const hadFocus = box.contains(document.activeElement);
    box.replaceChildren();
    if (!this.allShown) {
      const next = h('button', { type: 'button', class: 'continue' }, 'Continue (Enter)');
      next.addEventListener('click', () => this.continue());
      box.append(next);
    } else if (v.waiting.kind === 'choice') {
      box.append(this.choiceElement(v.waiting));
    } else if (v.waiting.kind === 'end') {
      box.append(debriefElement(v.debrief ?? v.waiting.debrief));
    } else {
      const at = v.waiting.step ? ` at step ${v.waiting.step}` : '';
      box.append(h('p', { class: 'stopped', role: 'alert' }, `The run stopped${at}: ${v.waiting.reason}`));
    }
    // Keys act on the page, not on a focused option: Enter must never pick an option by accident.
    if (hadFocus || !document.activeElement || document.activeElement === document.body)
      byId('run').focus({ preventScroll: true });
    box.scrollIntoView?.({ block: 'nearest' });
  }

  private choiceElement(w: Extract<RunView['waiting'], { kind: 'choice' }>): HTMLElement {
    const prompt = w.prompt ?? 'What does the handler do?';
    const list = h('ol', { class: 'options', 'aria-label': prompt });
    w.options.forEach((o, i) => {
      const key = i < 9 ? String(i + 1) : i === 9 ? '0' : '';
      const button = h(
        'button',
        { type: 'button', 'aria-keyshortcuts': key || undefined, 'data-option': i },
        h('span', { class: 'key', 'aria-hidden': 'true' }, key),
        h('span', { class: 'label' }, o.label),
        optionDetails(o, this.options.mode),
      );
      button.disabled = this.pending;
      button.addEventListener('click', () => this.chooseOption(i));
      list.append(h('li', {}, button));
    });
    const timeout =
      w.timeout && this.options.mode === 'trainer'
        ? h('p', { class: 'meta' }, `If nobody acts for ${w.timeout.seconds} s: → ${w.timeout.next}`)
        : null;
    return h('div', { class: 'choice' }, h('p', { class: 'prompt' }, prompt), list, timeout);
  }

  private renderState(v: RunView): void {
    const panel = byId('state');
    panel.hidden = this.options.mode !== 'trainer';
    if (panel.hidden) return panel.replaceChildren();
    panel.replaceChildren();
    for (const c of stateElements(v.state, v.best).flat())
      if (c) panel.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  }

  private updateClock(): void {
    const v = this.view;
    if (!v) return;
    const now = this.clock();
    byId('clock').textContent = clockText(now);
    byId('targets').replaceChildren(...targetElements(v.state.targets, now));
    const countdown = byId('countdown');
    const w = v.waiting;
    if (this.realTimeWaiting() && w.kind === 'choice' && w.timeout) {
      const left = Math.max(0, w.timeout.seconds - (performance.now() - this.waitStart) / 1000);
      countdown.hidden = false;
      countdown.textContent = `Timeout in ${Math.ceil(left)} s`;
      if (left <= 0) this.timeout();
    } else countdown.hidden = true;
  }

  /** Starts, keeps or stops the real-time clock for the choice on screen. */
  private syncTicker(): void {
    if (!this.realTimeWaiting() || !this.view) return this.stopTicker();
    const key = `${this.view.used}:${this.view.waiting.step ?? ''}`;
    if (key !== this.waitKey || !this.ticker) {
      if (key !== this.waitKey) this.waitStart = performance.now();
      this.waitKey = key;
      if (!this.ticker) this.ticker = window.setInterval(() => this.updateClock(), TICK_MS);
    }
  }

  private stopTicker(): void {
    if (this.ticker) window.clearInterval(this.ticker);
    this.ticker = 0;
    this.waitKey = '';
  }

  private speakNew(v: RunView): void {
    const upTo = this.visible;
    if (this.options.readAloud)
      for (const e of v.transcript.slice(this.spoken, upTo))
        if (e.who === 'caller' && e.text) this.speech.say(e.text);
    this.spoken = Math.max(this.spoken, upTo);
  }

  private report(v: RunView): void {
    const debrief = this.allShown && v.waiting.kind === 'end' ? byId('debrief')?.innerText : undefined;
    this.post({
      type: 'shown',
      mode: this.options.mode,
      waiting: v.waiting.kind,
      step: v.waiting.step,
      shown: this.visible,
      of: v.transcript.length,
      options: byId('waiting').querySelectorAll('ol.options button').length,
      debrief,
    });
  }
}
