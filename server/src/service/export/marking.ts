/**
 * The assessor's marking sheet: the time targets and required actions to tick, the obligations the model
 * answer meets (location first, the weapon question, hand-over content…), every choice point with its
 * options, scores, critical markers and feedback, the critical failures, the expected outcome, the
 * expected THRIVE assessment, the ends and their results, and what really happened.
 */
import type { Project } from '../model/project';
import { THRIVE_KEYS } from '../model/vocabulary';
import { bestRouteOf } from '../run/best-route';
import { rehearse } from '../run/rehearse';
import type { ScenarioDocument } from '../syntax/parse';

/** One option at a choice point, with its marks. */
export interface MarkedOption {
  label: string;
  next: string;
  score?: number;
  critical?: string;
  feedback?: string;
}

/** The marking sheet's data. */
export interface MarkingSheet {
  targets: { key: string; seconds: number }[];
  actions: string[];
  /** The obligations the model answer meets, as the debrief names them. */
  obligations: { rule: string; title: string }[];
  choicePoints: { step: string; prompt?: string; options: MarkedOption[] }[];
  critical: { step: string; label: string; reason: string }[];
  /** Expected codes and result, as [label, value] rows. */
  expected: [string, string][];
  justification?: string;
  /** The six THRIVE factors, with the expected assessment where the scenario gives one. */
  thrive: { factor: string; expected?: string }[];
  ends: { step: string; result?: string; text?: string }[];
  /** The model answer: the best score reachable and the options it takes. */
  best: { score: number | null; route: string[] };
  truth?: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
const list = (x: unknown) => (Array.isArray(x) ? x.map(str).filter((s): s is string => !!s) : []);

function expectedRows(e: Obj): [string, string][] {
  const grade = Array.isArray(e.grade) ? list(e.grade).join(' or ') : str(e.grade);
  const rows: [string, string | undefined][] = [
    ['Result', str(e.result)],
    ['Grade', grade],
    ['Incident category', str(e.category)],
    ['Qualifiers', list(e.qualifiers).join(', ') || undefined],
    ['Ambulance category', str(e.ambulance)],
    ['Medical determinant', str(e.determinant)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined);
}

function choicePoints(doc: ScenarioDocument): Pick<MarkingSheet, 'choicePoints' | 'critical' | 'ends'> {
  const out: Pick<MarkingSheet, 'choicePoints' | 'critical' | 'ends'> = {
    choicePoints: [],
    critical: [],
    ends: [],
  };
  for (const step of doc.steps) {
    const d = (step.data ?? {}) as Obj;
    if (d.kind === 'end') {
      const outcome = isObj(d.outcome) ? d.outcome : {};
      out.ends.push({ step: step.id, result: str(outcome.result), text: str(d.say) });
    }
    if (d.kind !== 'choice' || !Array.isArray(d.choices)) continue;
    const options = d.choices.filter(isObj).map((c) => {
      const o: MarkedOption = { label: str(c.label) ?? '', next: str(c.next) ?? '' };
      if (typeof c.score === 'number') o.score = c.score;
      if (str(c.critical)) o.critical = str(c.critical);
      if (str(c.feedback)) o.feedback = str(c.feedback);
      if (o.critical) out.critical.push({ step: step.id, label: o.label, reason: o.critical });
      return o;
    });
    const prompt = str(d.prompt) ?? str(d.say);
    out.choicePoints.push({ step: step.id, ...(prompt ? { prompt } : {}), options });
  }
  return out;
}

/** The marking sheet of a scenario (its obligations from a run of the model answer). Never throws. */
export function markingSheet(doc: ScenarioDocument, project: Project): MarkingSheet {
  const v = isObj(doc.value) ? doc.value : {};
  const e = isObj(v.expected) ? v.expected : {};
  const targets = isObj(e.targets)
    ? Object.entries(e.targets).flatMap(([key, s]) => (typeof s === 'number' ? [{ key, seconds: s }] : []))
    : [];
  const thriveIn = isObj(e.thrive) ? e.thrive : {};
  const inputs = bestRouteOf(doc);
  const model = rehearse(doc, project, { inputs });
  const obligations = (model.debrief?.obligations ?? [])
    .filter((o) => o.met)
    .map(({ rule, title }) => ({ rule, title }));
  const incident = isObj(v.incident) ? v.incident : {};
  const sheet: MarkingSheet = {
    targets,
    actions: list(e.actions),
    obligations,
    ...choicePoints(doc),
    expected: expectedRows(e),
    thrive: THRIVE_KEYS.map((factor) => ({
      factor,
      ...(str(thriveIn[factor]) ? { expected: str(thriveIn[factor]) } : {}),
    })),
    best: {
      score: model.best,
      route: inputs.map((i) => ('choose' in i ? i.choose : 'nobody acts (timeout)')),
    },
  };
  if (str(e.justification)) sheet.justification = str(e.justification);
  if (str(incident.truth)) sheet.truth = str(incident.truth);
  return sheet;
}
