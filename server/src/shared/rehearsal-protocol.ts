/**
 * Messages between the rehearsal panel's host (the VS Code panel, or a test page) and its webview.
 * Declared once, imported by both sides, validated on receipt with `isRehearsalHostMessage` and
 * `isRehearsalWebviewMessage`: a message that fails validation is dropped (the webview answers `error`).
 *
 * The host owns nothing but the document and the start: the webview asks for a run with the inputs it
 * wants (`play`: choose, step back, restart are all "this list of inputs"), the host asks the language
 * server (`callflow/rehearse`) and answers with the run (`run`). After an edit the host asks again with
 * the same inputs and sends the new run with `reason: 'edit'`.
 */
import { isRunInput, REHEARSAL_VERSION, RUN_LIMITS, type RunInput, type RunView } from './rehearsal';

/** The two ways to show a run. */
export type RehearsalMode = 'trainee' | 'trainer';

/** Panel options the host sends from the settings (the webview's toggles change them locally). */
export interface RehearsalOptions {
  mode: RehearsalMode;
  /** A `timeout:` fires when the trainee does not act within its seconds (wall-clock). */
  realTime: boolean;
  /** Read caller lines aloud where the platform has a voice. */
  readAloud: boolean;
}

/**
 * Why a run is sent: a new rehearsal (`open`), the answer to `play`, a replay after an edit (`edit`), or
 * the same run again for a page that was reloaded (`restore`: every line shown, as after an edit).
 */
export type RunReason = 'open' | 'play' | 'edit' | 'restore';

/** Host → webview: the run for the inputs asked for (or replayed after an edit). */
export interface RunMessage {
  type: 'run';
  view: RunView;
  /** The inputs the view was computed from (the webview's next `play` builds on them). */
  inputs: RunInput[];
  /** The document's file name, for the title. */
  title: string;
  /** The step the run started at when it is a "rehearse from here" run. */
  from?: string;
  reason: RunReason;
}

/** Host → webview: options (on open and when the settings change). */
export interface OptionsMessage {
  type: 'options';
  options: RehearsalOptions;
}

/** Host → webview: act as if the user pressed this key in the panel (commands, automation). */
export interface PressMessage {
  type: 'press';
  key: string;
}

/** Host → webview: no run can be shown (the document was closed, the server is not answering). */
export interface UnavailableMessage {
  type: 'unavailable';
  message: string;
}

/** Everything the host may send. */
export type RehearsalHostMessage = RunMessage | OptionsMessage | PressMessage | UnavailableMessage;

/** Webview → host: the script is listening; send the options and the run. */
export interface RehearsalReadyMessage {
  type: 'ready';
}

/** Webview → host: play these inputs from the start (a choice appends one, Back drops one, Restart sends none). */
export interface PlayMessage {
  type: 'play';
  inputs: RunInput[];
}

/** Webview → host: show this step's YAML in the editor. */
export interface RehearsalRevealMessage {
  type: 'reveal';
  stepId: string;
}

/** Webview → host: what the panel shows now (after each run, reveal or mode change). For tests and status. */
export interface ShownMessage {
  type: 'shown';
  mode: RehearsalMode;
  /** What the run waits for. */
  waiting: 'choice' | 'end' | 'stopped';
  step?: string;
  /** Transcript entries shown, of how many. */
  shown: number;
  of: number;
  /** The number of options offered (0 unless waiting for a choice and every line is shown). */
  options: number;
  /** The debrief's text as shown, when the run is at an end and every line is shown. */
  debrief?: string;
}

/**
 * Webview → host: save this run (the inputs of the run shown, from the panel's start) as a test in the
 * scenario's runs file. The host replays the inputs and records the run only when it reached an end.
 */
export interface SaveRunMessage {
  type: 'save-run';
  inputs: RunInput[];
}

/** Webview → host: something went wrong (an invalid message). */
export interface RehearsalErrorMessage {
  type: 'error';
  message: string;
}

/** Everything the webview may send. */
export type RehearsalWebviewMessage =
  | RehearsalReadyMessage
  | PlayMessage
  | RehearsalRevealMessage
  | ShownMessage
  | SaveRunMessage
  | RehearsalErrorMessage;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const opt =
  (p: (x: unknown) => boolean) =>
  (x: unknown): boolean =>
    x === undefined || p(x);
const listOf =
  (p: (x: unknown) => boolean) =>
  (x: unknown): boolean =>
    Array.isArray(x) && x.every(p);
const strList = listOf(isStr);
const has = (o: Obj, fields: Record<string, (x: unknown) => boolean>) =>
  Object.entries(fields).every(([k, p]) => p(o[k]));
const shape =
  (fields: Record<string, (x: unknown) => boolean>) =>
  (x: unknown): boolean =>
    isObj(x) && has(x, fields);

const isGiven = shape({ value: isStr, at: isNum, step: opt(isStr) });
const isReached = shape({ to: isStr, at: isNum, step: opt(isStr) });
const isCritical = shape({ step: isStr, reason: isStr, at: isNum });
const isTarget = (x: unknown) =>
  shape({ key: isStr, target: isNum, at: opt(isNum), by: opt(isNum) })(x) &&
  ['met', 'missed', 'open'].includes((x as Obj).status as string);
const isChoiceMade = shape({
  input: isNum,
  index: isNum,
  label: isStr,
  next: isStr,
  score: opt(isNum),
  critical: opt(isStr),
  timeout: opt(isBool),
});
const isAction = shape({ action: isStr, to: opt(isStr), rationale: opt(isStr), grade: opt(isStr) });
const isEntry = (x: unknown) =>
  shape({
    step: isStr,
    kind: isStr,
    text: opt(isStr),
    event: opt(isStr),
    quote: opt(isStr),
    at: isNum,
    seconds: isNum,
    facts: opt(strList),
    asks: opt(strList),
    action: opt(isAction),
    choice: opt(isChoiceMade),
    notes: opt(isStr),
    result: opt(isStr),
  })(x) && ['caller', 'handler', 'system', 'trainee'].includes((x as Obj).who as string);
const isState = shape({
  seconds: isNum,
  facts: strList,
  asked: strList,
  grade: opt(isGiven),
  grades: listOf(isGiven),
  category: opt(isGiven),
  qualifiers: strList,
  ambulance: opt(isGiven),
  determinant: opt(isGiven),
  dispatched: listOf(isReached),
  conferenced: listOf(isReached),
  transferred: listOf(isReached),
  score: isNum,
  critical: listOf(isCritical),
  targets: listOf(isTarget),
});
const isOption = shape({
  label: isStr,
  next: isStr,
  score: opt(isNum),
  critical: opt(isStr),
  risk: opt(isStr),
});
const isDebrief = (x: unknown) =>
  shape({
    declared: opt(isStr),
    end: isStr,
    seconds: isNum,
    score: isNum,
    best: (b) => b === null || isNum(b),
    targets: listOf(isTarget),
    codes: listOf(
      shape({ field: isStr, given: opt(isStr), at: opt(isNum), expected: strList, ok: opt(isBool) }),
    ),
    actions: listOf(shape({ action: isStr, done: isBool, at: opt(isNum) })),
    obligations: listOf(shape({ rule: isStr, title: isStr, met: isBool, detail: isStr, step: opt(isStr) })),
    critical: listOf(isCritical),
    notes: listOf(shape({ step: isStr, text: isStr })),
    truth: opt(isStr),
  })(x) && ['pass', 'acceptable', 'fail', 'critical-failure'].includes((x as Obj).result as string);

function isWaiting(x: unknown): boolean {
  if (!isObj(x)) return false;
  switch (x.kind) {
    case 'choice':
      return has(x, {
        step: isStr,
        prompt: opt(isStr),
        options: listOf(isOption),
        timeout: opt(shape({ seconds: isNum, next: isStr })),
      });
    case 'end':
      return isStr(x.step) && isDebrief(x.debrief);
    case 'stopped':
      return opt(isStr)(x.step) && isStr(x.reason);
    default:
      return false;
  }
}

/** Checks the shape of a run received over the wire: every field the panel reads has its type. */
export function isRunView(x: unknown): x is RunView {
  return (
    isObj(x) &&
    x.version === REHEARSAL_VERSION &&
    shape({ id: opt(isStr), title: opt(isStr) })(x.scenario) &&
    has(x, {
      start: opt(isStr),
      transcript: listOf(isEntry),
      state: isState,
      waiting: isWaiting,
      used: isNum,
      diverged: opt(shape({ index: isNum, reason: isStr })),
      best: (b) => b === null || isNum(b),
      debrief: opt(isDebrief),
    })
  );
}

/** True for well-formed options. */
export function isRehearsalOptions(x: unknown): x is RehearsalOptions {
  return (
    isObj(x) && (x.mode === 'trainee' || x.mode === 'trainer') && isBool(x.realTime) && isBool(x.readAloud)
  );
}

/** True when `x` is a well-formed host → webview message. */
export function isRehearsalHostMessage(x: unknown): x is RehearsalHostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'run':
      return (
        isRunView(x.view) &&
        listOf(isRunInput)(x.inputs) &&
        isStr(x.title) &&
        opt(isStr)(x.from) &&
        ['open', 'play', 'edit', 'restore'].includes(x.reason as string)
      );
    case 'options':
      return isRehearsalOptions(x.options);
    case 'press':
      return isStr(x.key) && x.key.length > 0 && x.key.length <= 20;
    case 'unavailable':
      return isStr(x.message);
    default:
      return false;
  }
}

/** True when `x` is a well-formed webview → host message. */
export function isRehearsalWebviewMessage(x: unknown): x is RehearsalWebviewMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'play':
      return listOf(isRunInput)(x.inputs);
    case 'save-run':
      return Array.isArray(x.inputs) && x.inputs.length <= RUN_LIMITS.inputs && listOf(isRunInput)(x.inputs);
    case 'reveal':
      return isStr(x.stepId);
    case 'shown':
      return (
        (x.mode === 'trainee' || x.mode === 'trainer') &&
        ['choice', 'end', 'stopped'].includes(x.waiting as string) &&
        has(x, { step: opt(isStr), shown: isNum, of: isNum, options: isNum, debrief: opt(isStr) })
      );
    case 'error':
      return isStr(x.message);
    default:
      return false;
  }
}
