/**
 * The learning platform's side of a SCORM package: finds the LMS API the standard way (the `API` object
 * for SCORM 1.2, `API_1484_11` for 2004, on this window's parents, then on the opener's), and reports the
 * run: completion, pass or fail by the run's result, the score scaled to the best reachable, the session
 * time, each choice as an interaction, and the inputs in the suspend data where they fit. Without an LMS
 * the page plays as usual. Every call into the LMS is guarded: a platform that throws never stops the run.
 */
import type { Debrief } from '../../../shared/rehearsal';
import type { MarkedChoice } from '../../../service/export/pack';
import type { ResultFile } from './result';

/** The calls a SCORM 1.2 API offers (those the page uses). */
interface Api12 {
  LMSInitialize(x: ''): string;
  LMSSetValue(k: string, v: string): string;
  LMSGetValue(k: string): string;
  LMSCommit(x: ''): string;
  LMSFinish(x: ''): string;
}

/** The calls a SCORM 2004 API offers (those the page uses). */
interface Api2004 {
  Initialize(x: ''): string;
  SetValue(k: string, v: string): string;
  GetValue(k: string): string;
  Commit(x: ''): string;
  Terminate(x: ''): string;
}

/** What the page tells the platform. */
export interface LmsReporter {
  readonly version: '1.2' | '2004';
  /** The learner starts (marks the attempt incomplete). */
  begin(): void;
  /** A run reached its end: report it and commit. */
  finish(file: ResultFile, choices: MarkedChoice[]): void;
  /** The page goes away: end the session. */
  end(): void;
}

/** Looks for `name` on `start` and its parents (at most 500 levels, as the SCORM run-time guide does). */
function findOn(start: Window | null, name: string): unknown {
  let w: Window | null = start;
  for (let i = 0; w && i < 500; i++) {
    try {
      const api = (w as unknown as Record<string, unknown>)[name];
      if (api && typeof api === 'object') return api;
    } catch {
      /* a frame of another origin: go on up */
    }
    if (!w.parent || w.parent === w) break;
    w = w.parent;
  }
  return undefined;
}

/** The API of `version` seen from `win`: its parents first, then its opener's. */
function findApi(win: Window, name: string): unknown {
  const own = findOn(win, name);
  if (own) return own;
  try {
    return win.opener ? findOn(win.opener as Window, name) : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds as SCORM 1.2's `HHHH:MM:SS.SS`. */
export function timespan12(seconds: number): string {
  const s = Math.max(0, seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = (s % 60).toFixed(2).padStart(5, '0');
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${ss}`;
}

/** Seconds as SCORM 2004's ISO 8601 duration (`PT1H2M3.4S`). */
export function duration2004(seconds: number): string {
  const s = Math.max(0, Math.round(seconds * 100) / 100);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = Math.round((s % 60) * 100) / 100;
  return `PT${hh ? `${hh}H` : ''}${mm ? `${mm}M` : ''}${ss}S`;
}

/** The score scaled to 0…1 against the best reachable; undefined when it cannot be scaled. */
export function scaledScore(d: Debrief): number | undefined {
  if (d.best === null || d.best <= 0) return undefined;
  return Math.min(1, Math.max(0, d.score / d.best));
}

const passed = (d: Debrief) => d.result === 'pass' || d.result === 'acceptable';

/** `correct` / `wrong` / `neutral` for a choice by its mark. */
function verdict(c: MarkedChoice): 'correct' | 'wrong' | 'neutral' {
  if (c.critical !== undefined || (c.score ?? 0) < 0) return 'wrong';
  return (c.score ?? 0) > 0 ? 'correct' : 'neutral';
}

/** The inputs, as much as fits in `max` characters of suspend data. */
function suspendData(file: ResultFile, max: number): string {
  const inputs = [...file.inputs];
  for (;;) {
    const text = JSON.stringify({ v: 1, inputs, result: file.debrief?.result });
    if (text.length <= max || !inputs.length) return text.length <= max ? text : '';
    inputs.pop();
  }
}

const safe = (f: () => unknown) => {
  try {
    f();
  } catch {
    /* the platform refused: the run goes on */
  }
};

const idOf = (file: ResultFile, i: number, c: MarkedChoice) =>
  `urn:callflow:${(file.scenario.id ?? 'scenario').replace(/[^A-Za-z0-9_-]/g, '-')}:${i + 1}-${c.step}`;

function reporter12(api: Api12): LmsReporter {
  const began = Date.now();
  let open = false;
  const set = (k: string, v: string) => safe(() => api.LMSSetValue(k, v));
  return {
    version: '1.2',
    begin() {
      safe(() => (open = String(api.LMSInitialize('')) === 'true'));
      if (!open) return;
      const status = (() => {
        try {
          return api.LMSGetValue('cmi.core.lesson_status');
        } catch {
          return '';
        }
      })();
      if (!status || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
    },
    finish(file, choices) {
      if (!open) return;
      const d = file.debrief;
      if (d) {
        set('cmi.core.lesson_status', passed(d) ? 'passed' : 'failed');
        const scaled = scaledScore(d);
        if (scaled !== undefined) {
          set('cmi.core.score.min', '0');
          set('cmi.core.score.max', '100');
          set('cmi.core.score.raw', String(Math.round(scaled * 100)));
        }
      } else set('cmi.core.lesson_status', 'completed');
      set('cmi.core.session_time', timespan12((Date.now() - began) / 1000));
      choices.forEach((c, i) => {
        const n = `cmi.interactions.${i}`;
        set(`${n}.id`, idOf(file, i, c));
        set(`${n}.type`, 'performance');
        set(`${n}.student_response`, c.label.slice(0, 255));
        set(`${n}.result`, verdict(c));
      });
      set('cmi.suspend_data', suspendData(file, 4096));
      safe(() => api.LMSCommit(''));
    },
    end() {
      if (!open) return;
      open = false;
      safe(() => api.LMSFinish(''));
    },
  };
}

function reporter2004(api: Api2004): LmsReporter {
  const began = Date.now();
  let open = false;
  const set = (k: string, v: string) => safe(() => api.SetValue(k, v));
  return {
    version: '2004',
    begin() {
      safe(() => (open = String(api.Initialize('')) === 'true'));
      if (open) set('cmi.completion_status', 'incomplete');
    },
    finish(file, choices) {
      if (!open) return;
      const d = file.debrief;
      set('cmi.completion_status', 'completed');
      if (d) {
        set('cmi.success_status', passed(d) ? 'passed' : 'failed');
        const scaled = scaledScore(d);
        if (scaled !== undefined) {
          set('cmi.score.scaled', String(Math.round(scaled * 10000) / 10000));
          set('cmi.score.min', '0');
          set('cmi.score.max', '100');
          set('cmi.score.raw', String(Math.round(scaled * 100)));
        }
      }
      set('cmi.session_time', duration2004((Date.now() - began) / 1000));
      choices.forEach((c, i) => {
        const n = `cmi.interactions.${i}`;
        set(`${n}.id`, idOf(file, i, c));
        set(`${n}.type`, 'other');
        set(`${n}.learner_response`, c.label.slice(0, 4000));
        const v = verdict(c);
        set(`${n}.result`, v === 'wrong' ? 'incorrect' : v);
      });
      set('cmi.suspend_data', suspendData(file, 64000));
      set('cmi.exit', 'normal');
      safe(() => api.Commit(''));
    },
    end() {
      if (!open) return;
      open = false;
      safe(() => api.Terminate(''));
    },
  };
}

/** The reporter for the platform the page runs in, or undefined when none is found. */
export function connectLms(win: Window, version: '1.2' | '2004' | undefined): LmsReporter | undefined {
  if (version === '1.2') {
    const api = findApi(win, 'API') as Partial<Api12> | undefined;
    return typeof api?.LMSInitialize === 'function' ? reporter12(api as Api12) : undefined;
  }
  if (version === '2004') {
    const api = findApi(win, 'API_1484_11') as Partial<Api2004> | undefined;
    return typeof api?.Initialize === 'function' ? reporter2004(api as Api2004) : undefined;
  }
  return undefined;
}
