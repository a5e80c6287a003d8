/**
 * How `callflow play` shows a run on a terminal: transcript lines with the clock, the options at a
 * choice point, a state line, and the debrief. The trainee view hides scores, critical markers, risks and
 * the trainer's notes until the debrief; the trainer view shows them as the run goes. Scenario text is
 * made printable (no control characters reach the terminal).
 */
import type { Debrief, RunState, RunView, TargetStatus, TranscriptEntry, Waiting } from '../service';
import { printable, styles } from './reporters/ansi';

/** Which view: what a trainee would see, or everything. */
export type PlayView = 'trainee' | 'trainer';

/** Rendering settings. */
export interface RenderOptions {
  view: PlayView;
  color: boolean;
}

type Styles = ReturnType<typeof styles>;

/** Seconds as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const text = (s: string) => printable(s.replace(/\s*\n\s*/g, ' ').trim());

const WHO: Record<string, string> = {
  caller: 'Caller ',
  handler: 'Handler',
  trainee: 'Choice ',
  system: 'System ',
};

/**
 * One transcript entry, as one or a few lines: `line` is the step itself (shown while the run waits
 * there), `choice` the choice made at it (shown once made), `all` both.
 */
export function renderEntry(
  e: TranscriptEntry,
  o: RenderOptions,
  part: 'all' | 'line' | 'choice' = 'all',
): string {
  const c = styles(o.color);
  const head = c.dim(`[${clock(e.at)}]`);
  const lines: string[] = [];
  const who =
    e.kind === 'timer'
      ? 'Timer  '
      : e.kind === 'action'
        ? 'Action '
        : e.kind === 'end'
          ? 'End    '
          : WHO[e.who];
  const cue = e.event && e.event !== 'speech' ? c.yellow(`(${text(e.event)}) `) : '';
  let body = e.text !== undefined ? text(e.text) : '';
  if (e.action) body = [actionLine(e), body].filter(Boolean).join(' — ');
  if (e.kind === 'timer') body = `${e.seconds} s${body ? `: ${body}` : ''}`;
  const line = part !== 'choice' && e.kind !== 'choice';
  const speaker = e.speaker && e.speaker !== 'caller' ? c.dim(`(${text(e.speaker)}) `) : '';
  if (line) lines.push(`${head} ${c.bold(who)}  ${speaker}${cue}${body}`.trimEnd());
  if (e.choice && part !== 'line')
    lines.push(
      `${head} ${c.bold(WHO.trainee)}  ${c.cyan('→ ' + text(e.choice.label))}${choiceMarks(e, o, c)}`,
    );
  if (o.view === 'trainer' && part !== 'choice') {
    if (e.facts?.length) lines.push(`        ${c.dim('+ facts: ' + e.facts.map(text).join(', '))}`);
    if (e.notes !== undefined) lines.push(`        ${c.dim('note: ' + text(e.notes))}`);
  }
  return lines.join('\n') + '\n';
}

function actionLine(e: TranscriptEntry): string {
  const a = e.action!;
  const parts = [a.to ? `${a.action} to ${a.to}` : a.action];
  if (a.grade && a.action === 'grade' && !a.to) parts[0] = `grade ${a.grade}`;
  else if (a.grade) parts.push(`grade ${a.grade}`);
  if (a.category) parts.push(`category ${a.category}`);
  if (a.qualifiers?.length) parts.push(`qualifiers ${a.qualifiers.join(', ')}`);
  if (a.ambulance) parts.push(`ambulance ${a.ambulance}`);
  if (a.determinant) parts.push(`determinant ${a.determinant}`);
  return text(parts.join(', '));
}

function choiceMarks(e: TranscriptEntry, o: RenderOptions, c: Styles): string {
  const ch = e.choice!;
  if (ch.timeout) return '';
  if (o.view !== 'trainer') return '';
  const marks = [
    ch.score !== undefined ? `${ch.score > 0 ? '+' : ''}${ch.score}` : '',
    ch.critical ? c.red(`critical: ${text(ch.critical)}`) : '',
  ];
  const shown = marks.filter(Boolean);
  return shown.length ? `  [${shown.join('; ')}]` : '';
}

/** The options at a choice point, numbered from 1; `t)` for the timeout. */
export function renderChoice(w: Extract<Waiting, { kind: 'choice' }>, o: RenderOptions): string {
  const c = styles(o.color);
  const lines: string[] = [];
  if (w.prompt !== undefined) lines.push(`  ${c.bold(text(w.prompt))}`);
  w.options.forEach((opt, i) => {
    let line = `  ${c.cyan(String(i + 1) + ')')} ${text(opt.label)}`;
    if (o.view === 'trainer') {
      const marks = [
        opt.score !== undefined ? `${opt.score > 0 ? '+' : ''}${opt.score}` : '',
        opt.critical ? c.red(`critical: ${text(opt.critical)}`) : '',
        opt.risk ? c.yellow(`risk: ${text(opt.risk)}`) : '',
      ].filter(Boolean);
      if (marks.length) line += c.dim('  [') + marks.join('; ') + c.dim(']');
    }
    lines.push(line);
  });
  if (w.timeout) lines.push(`  ${c.cyan('t)')} ${c.dim(`Nobody acts for ${w.timeout.seconds} s`)}`);
  return lines.join('\n') + '\n';
}

/** A target as a short phrase: `location ✓ 0:04`, `grade open (by 1:15)`, `dispatch ✗ 2:10 (+40 s)`. */
function target(t: TargetStatus, c: Styles): string {
  if (t.status === 'open') return `${t.key} ${c.dim(`open (by ${clock(t.target)})`)}`;
  if (t.status === 'met') return `${t.key} ${c.green('✓')} ${clock(t.at ?? 0)}`;
  const late = t.by !== undefined ? ` (+${t.by} s)` : ' (not done)';
  return `${t.key} ${c.red('✗')}${t.at !== undefined ? ' ' + clock(t.at) : ''}${late}`;
}

/** One state line: the clock, grade, score (trainer view) and targets. */
export function renderState(s: RunState, o: RenderOptions): string {
  const c = styles(o.color);
  const parts = [`${c.bold('clock')} ${clock(s.seconds)}`, `grade ${s.grade ? text(s.grade.value) : '—'}`];
  if (s.dispatched.length) parts.push(`dispatched ${s.dispatched.map((d) => text(d.to)).join(', ')}`);
  if (o.view === 'trainer') parts.push(`score ${s.score}`);
  if (s.targets.length) parts.push(s.targets.map((t) => target(t, c)).join(', '));
  return `  ${c.dim('state:')} ${parts.join(c.dim(' · '))}\n`;
}

const RESULT_TEXT: Record<Debrief['result'], string> = {
  pass: 'PASS',
  acceptable: 'ACCEPTABLE',
  fail: 'FAIL',
  'critical-failure': 'CRITICAL FAILURE',
};

/** The debrief: everything, whatever the view (notes and truth are revealed at the end). */
export function renderDebrief(d: Debrief, o: RenderOptions): string {
  const c = styles(o.color);
  const ok = (b: boolean | undefined) => (b === undefined ? c.dim('·') : b ? c.green('✓') : c.red('✗'));
  const good = d.result === 'pass' || d.result === 'acceptable';
  const out = [
    '',
    c.bold(`Debrief: ${(good ? c.green : c.red)(RESULT_TEXT[d.result])}`) +
      c.dim(`  (ended at ${text(d.end)}, ${clock(d.seconds)})`),
    `  Score ${d.score}${d.best !== null ? ` of a best ${d.best}` : ''}`,
  ];
  if (d.targets.length) out.push(`  Targets: ${d.targets.map((t) => target(t, c)).join(', ')}`);
  for (const code of d.codes)
    out.push(
      `  ${ok(code.ok)} ${code.field}: ${code.given !== undefined ? text(code.given) : 'none given'}${code.expected.length ? c.dim(` (expected ${text(code.expected.join(code.field === 'qualifiers' ? ', ' : ' or '))})`) : ''}`,
    );
  if (d.actions.length)
    out.push(`  Required actions: ${d.actions.map((a) => `${a.action} ${ok(a.done)}`).join(', ')}`);
  for (const ob of d.obligations) {
    out.push(`  ${ok(ob.met)} ${text(ob.title)}: ${text(ob.detail)}`);
    if (ob.why !== undefined) out.push(`      ${c.dim('Why it matters: ' + text(ob.why))}`);
  }
  for (const cf of d.critical)
    out.push(`  ${c.red('Critical failure')} at ${text(cf.step)}: ${text(cf.reason)}`);
  if (d.feedback?.length) {
    out.push('  Feedback on the choices made:');
    for (const f of d.feedback) out.push(`    ${c.cyan('→ ' + text(f.label))}: ${text(f.text)}`);
  }
  if (d.notes.length) {
    out.push('  Trainer notes:');
    for (const n of d.notes) out.push(`    ${c.dim(text(n.step) + ':')} ${text(n.text)}`);
  }
  if (d.truth !== undefined) out.push(`  What really happened: ${text(d.truth)}`);
  return out.join('\n') + '\n';
}

/** Why a run ends here without a debrief. */
export function renderStopped(v: RunView, o: RenderOptions): string {
  const c = styles(o.color);
  const w = v.waiting;
  if (w.kind !== 'stopped') return '';
  return `\n${c.red('Stopped')}${w.step ? ` at ${text(w.step)}` : ''}: ${text(w.reason)}\n`;
}
