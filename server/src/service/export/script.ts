/**
 * The role-player's script: every step of the scenario grouped by branch, each branch with its cue (the
 * start of the call, the trainee's option that leads into it, or nobody acting before a timeout), the
 * lines to say with their events and timings, the handler's lines that cue them, and the trainer's notes.
 *
 * A branch is a run of steps that follow one another by `next:`; it ends at a choice point (whose options
 * each open a branch), at an end, or where it joins a step already written in an earlier branch. Steps
 * nothing leads to from the start are listed last, as their own branches, so nothing is left out.
 */
import type { Step } from '../model/vocabulary';
import type { ScenarioDocument, StepInfo } from '../syntax/parse';

/** What leads into a branch. */
export type BranchCue =
  | { kind: 'start' }
  | { kind: 'option'; step: string; label: string; prompt?: string }
  | { kind: 'timeout'; step: string; seconds: number }
  | { kind: 'unreached' };

/** One step as the script shows it. */
export interface ScriptLine {
  step: string;
  kind: string;
  /** Caller, Handler, Action, Timer, Choice, End. */
  who: string;
  text?: string;
  /** `speaker:` of a caller line (relay assistant, interpreter…) when it is not the caller. */
  speaker?: string;
  event?: string;
  seconds?: number;
  quote?: string;
  notes?: string;
  /** What an action does (`grade EMERGENCY · 001`), an end's result. */
  detail?: string;
  /** A step that waits: nobody acting for `seconds` leads to `next`. */
  timeout?: { seconds: number; next: string };
  /** A choice point's options (the branches they open follow). */
  options?: { label: string; next: string }[];
  /** The step the line moves on to (`next:`), when not the line after it. */
  next?: string;
}

/** A branch of the script. */
export interface ScriptBranch {
  /** 1-based, in the order the script lists them. */
  number: number;
  cue: BranchCue;
  lines: ScriptLine[];
  /** Where the branch joins a step written earlier (the step id and its branch number). */
  joins?: { step: string; branch: number };
}

const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const WHO: Record<string, string> = {
  caller: 'Caller',
  handler: 'Handler',
  action: 'Action',
  timer: 'Timer',
  choice: 'Choice',
  end: 'End',
};

/** An action step in one line: `grade → police · EMERGENCY · 001 · 633`. */
export function actionDetail(d: Partial<Step>): string | undefined {
  const action = str(d.action);
  if (!action) return undefined;
  const codes = [
    d.grade,
    d.category,
    ...(Array.isArray(d.qualifiers) ? d.qualifiers : []),
    d.ambulance,
    d.determinant,
  ]
    .map(str)
    .filter((c): c is string => c !== undefined);
  const to = str(d.to);
  return [to ? `${action} → ${to}` : action, ...codes].join(' · ');
}

function lineOf(step: StepInfo): ScriptLine {
  const d = step.data ?? {};
  const kind = str(d.kind) ?? 'unknown';
  const line: ScriptLine = { step: step.id, kind, who: WHO[kind] ?? kind };
  const text = kind === 'choice' ? (str(d.prompt) ?? str(d.say)) : str(d.say);
  if (text) line.text = text;
  const fields: [keyof ScriptLine, string | number | undefined][] = [
    ['speaker', str(d.speaker) === 'caller' ? undefined : str(d.speaker)],
    ['event', str(d.event)],
    ['seconds', num(d.seconds)],
    ['quote', str(d.quote)],
    ['notes', str(d.notes)],
    [
      'detail',
      kind === 'end' ? str((d.outcome as { result?: unknown } | undefined)?.result) : actionDetail(d),
    ],
  ];
  for (const [k, v] of fields) if (v !== undefined) (line as unknown as Record<string, unknown>)[k] = v;
  const t = d.timeout as { seconds?: unknown; next?: unknown } | undefined;
  if (t && str(t.next)) line.timeout = { seconds: num(t.seconds) ?? 0, next: str(t.next)! };
  if (kind === 'choice' && Array.isArray(d.choices))
    line.options = d.choices.flatMap((c) =>
      c && typeof c === 'object' && str(c.next)
        ? [{ label: str(c.label) ?? str(c.next)!, next: str(c.next)! }]
        : [],
    );
  return line;
}

/** The script's branches, in the order a trainer reads them (depth first from the start). */
export function scriptBranches(doc: ScenarioDocument): ScriptBranch[] {
  const branchOf = new Map<string, number>();
  const branches: ScriptBranch[] = [];
  const pending: { first: string; cue: BranchCue }[] = [];
  const start = str((doc.value as { start?: unknown } | undefined)?.start);
  if (start && doc.stepsById.has(start)) pending.push({ first: start, cue: { kind: 'start' } });
  const walk = (first: string, cue: BranchCue) => {
    const number = branches.length + 1;
    const branch: ScriptBranch = { number, cue, lines: [] };
    const opened: { first: string; cue: BranchCue }[] = [];
    let id: string | undefined = first;
    while (id !== undefined) {
      const seen = branchOf.get(id);
      if (seen !== undefined) {
        branch.joins = { step: id, branch: seen };
        break;
      }
      const step = doc.stepsById.get(id);
      if (!step) break;
      branchOf.set(id, number);
      const line = lineOf(step);
      branch.lines.push(line);
      if (line.timeout)
        opened.push({
          first: line.timeout.next,
          cue: { kind: 'timeout', step: id, seconds: line.timeout.seconds },
        });
      if (line.options) {
        for (const o of line.options)
          opened.push({
            first: o.next,
            cue: { kind: 'option', step: id, label: o.label, ...(line.text ? { prompt: line.text } : {}) },
          });
        break;
      }
      id = line.kind === 'end' ? undefined : str(step.data?.next);
      if (id !== undefined) line.next = id;
    }
    if (branch.lines.length || branch.joins) branches.push(branch);
    // Depth first: the branches this one opens come right after it.
    pending.unshift(...opened);
  };
  for (;;) {
    const next = pending.shift();
    if (next) {
      walk(next.first, next.cue);
      continue;
    }
    const left = doc.steps.find((s) => !branchOf.has(s.id));
    if (!left) break;
    walk(left.id, { kind: 'unreached' });
  }
  return branches;
}
