/**
 * The trainee pack's data and its player. A trainee page carries the trainee view of the scenario in the
 * clear and, unless exported with `--no-answers`, the answers (the whole scenario and the catalogue)
 * hidden with {@link hideText}. The page plays the trainee view with the run engine; when a run reaches an
 * end, the answers are revealed and the same inputs are replayed on the whole scenario for the debrief.
 */
import { rehearse } from '../run/rehearse';
import { parseScenario } from '../syntax/parse';
import type { Project } from '../model/project';
import { defaultConfig } from '../model/config';
import type { Catalogue } from '../model/catalogue';
import type { RunInput, RunView, TranscriptEntry } from '../../shared/rehearsal';
import { catalogueFromData, type CatalogueData } from './catalogue-data';
import { revealText } from './codec';

/** The version of the pack data a page carries. */
export const PACK_VERSION = 1;

/** What the answers hold once revealed. */
export interface PackAnswers {
  /** The whole scenario as YAML (or JSON) text. */
  scenario: string;
  catalogue: CatalogueData;
}

/** The data a trainee page carries. */
export interface PackData {
  version: typeof PACK_VERSION;
  /** The scenario's title (or id, or file name). */
  title: string;
  /** The scenario's id, when it has one. */
  id?: string;
  /** The trainee view (see `traineeScenario`) as YAML or JSON text. */
  scenario: string;
  /** The answers (a JSON {@link PackAnswers}) hidden under `key`; absent when exported without answers. */
  answers?: { hidden: string; key: string };
  /** The exported file's name and when it was exported (ISO 8601). */
  source: { file: string; exported: string };
  /** In a SCORM package: the version of the learning platform's API the page reports to. */
  lms?: '1.2' | '2004';
}

/** A choice made on the run, as the whole scenario marks it (for a learning platform's interactions). */
export interface MarkedChoice {
  step: string;
  label: string;
  /** Seconds on the call clock when it was made. */
  at: number;
  score?: number;
  critical?: string;
}

/** A run as the page shows it. */
export interface PackRun {
  view: RunView;
  /** True when the view's debrief comes from the answers (false: the trainee view's own, without them). */
  answered: boolean;
  /** The choices made, marked from the answers (without scores when there are none). */
  choices: MarkedChoice[];
}

function choicesOf(transcript: TranscriptEntry[]): MarkedChoice[] {
  return transcript.flatMap((e) => {
    const c = e.choice;
    if (!c) return [];
    const out: MarkedChoice = { step: e.step, label: c.label, at: e.at + e.seconds };
    if (c.score !== undefined) out.score = c.score;
    if (c.critical !== undefined) out.critical = c.critical;
    return [out];
  });
}

const EMPTY_CATALOGUE: Catalogue = { name: 'none', families: new Map(), sources: [] };

const projectOf = (catalogue: Catalogue): Project => ({ config: defaultConfig(), catalogue, problems: [] });

/** True when `x` has the shape of {@link PackData}. */
export function isPackData(x: unknown): x is PackData {
  const p = x as Partial<PackData> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.version === PACK_VERSION &&
    typeof p.title === 'string' &&
    typeof p.scenario === 'string' &&
    (p.answers === undefined ||
      (typeof p.answers?.hidden === 'string' && typeof p.answers?.key === 'string')) &&
    typeof p.source?.file === 'string' &&
    (p.lms === undefined || p.lms === '1.2' || p.lms === '2004')
  );
}

/** Same steps at the same clock, entry by entry. */
function sameRoute(a: TranscriptEntry[], b: TranscriptEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.step === b[i].step && e.at === b[i].at);
}

/** Plays a pack: the trainee view until an end, then the whole scenario for the debrief. */
export class PackPlayer {
  private readonly trainee;
  private full: { doc: ReturnType<typeof parseScenario>; project: Project } | null | undefined;

  constructor(private readonly pack: PackData) {
    this.trainee = parseScenario('pack:trainee', pack.scenario);
  }

  /** True when the pack carries answers. */
  get hasAnswers(): boolean {
    return this.pack.answers !== undefined;
  }

  /** The run for these inputs. Never throws. */
  run(inputs: RunInput[]): PackRun {
    const view = rehearse(this.trainee, projectOf(EMPTY_CATALOGUE), { inputs });
    const plain = { view, answered: false, choices: choicesOf(view.transcript) };
    if (view.waiting.kind !== 'end') return plain;
    const full = this.answers();
    if (!full) return plain;
    const whole = rehearse(full.doc, full.project, { inputs });
    if (whole.waiting.kind !== 'end' || !sameRoute(view.transcript, whole.transcript)) return plain;
    // The lines stay those of the trainee view (the page draws them already); the debrief is the whole one.
    const shown = { ...whole, transcript: view.transcript };
    return { view: shown, answered: true, choices: choicesOf(whole.transcript) };
  }

  /** The answers, revealed on first need; null when there are none or they cannot be read. */
  private answers(): { doc: ReturnType<typeof parseScenario>; project: Project } | null {
    if (this.full !== undefined) return this.full;
    this.full = null;
    const a = this.pack.answers;
    const text = a && revealText(a.hidden, a.key);
    if (!text) return null;
    try {
      const data = JSON.parse(text) as Partial<PackAnswers>;
      const catalogue = catalogueFromData(data.catalogue);
      if (typeof data.scenario !== 'string' || !catalogue) return null;
      this.full = { doc: parseScenario('pack:answers', data.scenario), project: projectOf(catalogue) };
    } catch {
      /* unreadable answers: the debrief shows what it can without them */
    }
    return this.full;
  }
}
