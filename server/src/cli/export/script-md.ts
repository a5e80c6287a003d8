/**
 * `--format script-md`: the role-player's script and the marking sheet as Markdown (for a wiki, a
 * repository or a word processor). Scenario text is escaped so it cannot become markup or a link.
 */
import type { ScriptLine } from '../../service';
import type { ScriptDocument } from './script-html';
import { cueText } from './script-html';

/** Text that Markdown shows as written: markup characters escaped, line breaks as spaces. */
export function md(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

const rows = (r: [string, string][]) => r.map(([k, v]) => `- **${md(k)}:** ${md(v)}`).join('\n');

function line(l: ScriptLine): string {
  const who = l.speaker ? `${l.who} (${l.speaker})` : l.who;
  const bits = [
    l.event && l.event !== 'speech' ? `*[${md(l.event.replace(/-/g, ' '))}]*` : '',
    l.detail ? md(l.kind === 'end' ? `End · ${l.detail}` : l.detail) : '',
    l.text ? (l.kind === 'caller' ? `**${md(l.text)}**` : md(l.text)) : '',
  ].filter(Boolean);
  const meta = [
    l.seconds !== undefined ? `${l.seconds} s` : '',
    l.timeout ? `waits ${l.timeout.seconds} s, then → ${l.timeout.next}` : '',
    l.step,
  ]
    .filter(Boolean)
    .map(md)
    .join(' · ');
  const out = [`- **${md(who)}:** ${bits.join(' ')} — ${meta}`];
  if (l.quote) out.push(`  - Verbatim: “${md(l.quote)}”`);
  if (l.options) out.push(`  - Options: ${l.options.map((o) => `“${md(o.label)}”`).join(' · ')}`);
  if (l.notes) out.push(`  - *Note:* ${md(l.notes)}`);
  return out.join('\n');
}

function scriptPart(d: ScriptDocument): string[] {
  const p = d.premise;
  const out = ['## Role-player’s script', ''];
  if (p.summary) out.push('### Premise', '', md(p.summary), '');
  if (p.caller.length) out.push('### Caller', '', rows(p.caller), '');
  if (p.subject.length) out.push('### Person at risk', '', rows(p.subject), '');
  const call: [string, string][] = [
    ...p.call,
    ...(p.location ? [['Location', p.location] as [string, string]] : []),
  ];
  if (call.length) out.push('### The call', '', rows(call), '');
  out.push('### Lines by branch', '');
  for (const b of d.branches) {
    out.push(`#### Branch ${b.number}`, '', `> ${md(cueText(b.cue))}`, '', ...b.lines.map(line));
    if (b.joins) out.push(`- → continues at ${md(b.joins.step)} (branch ${b.joins.branch})`);
    out.push('');
  }
  return out;
}

function markingPart(d: ScriptDocument): string[] {
  const s = d.sheet;
  const out = ['## Marking sheet', '', 'Trainee: ______ · Assessor: ______ · Date: ______', ''];
  out.push(
    '### Result',
    '',
    ...['Pass', 'Acceptable', 'Fail', 'Critical failure'].map((r) => `- [ ] ${r}`),
    '',
  );
  out.push(`Score: ____${s.best.score === null ? '' : ` of ${s.best.score}`} · call time: ____`, '');
  if (s.targets.length)
    out.push(
      '### Time targets',
      '',
      ...s.targets.map(
        (t) => `- [ ] ${md(t.key.charAt(0).toUpperCase() + t.key.slice(1))} within ${t.seconds} s — at ____`,
      ),
      '',
    );
  if (s.actions.length) out.push('### Required actions', '', ...s.actions.map((a) => `- [ ] ${md(a)}`), '');
  if (s.obligations.length)
    out.push('### Obligations', '', ...s.obligations.map((o) => `- [ ] ${md(o.title)}`), '');
  out.push('### Expected outcome', '', rows(s.expected), '');
  if (s.justification) out.push(md(s.justification), '');
  out.push('### THRIVE', '', '| Factor | Expected | Trainee’s assessment |', '|---|---|---|');
  for (const t of s.thrive) out.push(`| ${md(t.factor)} | ${md(t.expected ?? '—')} | |`);
  out.push('', '## Choice points', '');
  for (const c of s.choicePoints) {
    out.push(
      `### ${md(c.prompt ?? c.step)}`,
      '',
      `| | Option (${md(c.step)}) | Score | Critical failure |`,
      '|---|---|---|---|',
    );
    for (const o of c.options)
      out.push(
        `| [ ] | ${md(o.label)}${o.feedback ? ` — *${md(o.feedback)}*` : ''} | ${o.score === undefined ? '' : o.score > 0 ? `+${o.score}` : o.score} | ${o.critical ? md(o.critical) : ''} |`,
      );
    out.push('');
  }
  if (s.critical.length)
    out.push(
      '### Critical failures',
      '',
      ...s.critical.map((c) => `- ${md(c.reason)} — “${md(c.label)}” at ${md(c.step)}`),
      '',
    );
  out.push(
    '### Ends',
    '',
    ...s.ends.map(
      (e) => `- ${md(e.step)}: ${md(e.result ?? 'no result')}${e.text ? ` — ${md(e.text)}` : ''}`,
    ),
    '',
  );
  out.push('### Model answer', '', ...s.best.route.map((r, i) => `${i + 1}. ${md(r)}`), '');
  if (s.truth) out.push('### What really happened', '', md(s.truth), '');
  return out;
}

/** The whole document; `graphFile` is the flow picture written beside it, when asked for. */
export function scriptMarkdown(d: ScriptDocument, graphFile?: string): string {
  const p = d.premise;
  const out = [
    `# ${md(p.title)}`,
    '',
    `Role-player’s script and marking sheet${p.id ? ` · ${md(p.id)}` : ''}`,
    '',
  ];
  if (p.about.length) out.push(rows(p.about), '');
  if (p.objectives.length) out.push('### Objectives', '', ...p.objectives.map((o) => `- ${md(o)}`), '');
  out.push(...scriptPart(d), ...markingPart(d));
  if (graphFile) out.push('## The call flow', '', `![The call flow](${encodeURI(graphFile)})`, '');
  return out.join('\n');
}
