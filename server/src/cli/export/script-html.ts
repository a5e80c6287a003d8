/**
 * `--format script`: the role-player's script and the assessor's marking sheet as one print-ready HTML
 * document (no script; its style allowed by hash; the flow picture, with `--with-graph`, as an inline
 * SVG image). All scenario text is escaped.
 */
import { escapeXml as esc } from '../../shared/escape';
import { htmlHead } from '../../shared/html-page';
import type { BranchCue, MarkingSheet, Premise, ScriptBranch, ScriptLine } from '../../service';
import { cspHash } from './page-html';
import { SCRIPT_CSS } from './script-css';

/** What the script document is made of. */
export interface ScriptDocument {
  premise: Premise;
  branches: ScriptBranch[];
  sheet: MarkingSheet;
  /** The flow picture (SVG text), when asked for. */
  graph?: string;
}

const EVENTS: Record<string, string> = {
  'background-noise': 'background noise',
  'press-55': 'presses 5 5',
  disconnect: 'the line drops',
  silence: 'silence',
  keypress: 'keypress',
};

/** The sentence that opens a branch. */
export function cueText(cue: BranchCue): string {
  switch (cue.kind) {
    case 'start':
      return 'The call starts.';
    case 'option':
      return `If the trainee chooses “${cue.label}” (at ${cue.step})`;
    case 'timeout':
      return `If nobody acts for ${cue.seconds} s at ${cue.step}`;
    case 'unreached':
      return 'Not reached from the start (kept for completeness)';
  }
}

const rows = (r: [string, string][]) =>
  r.length
    ? `<dl class="rows">${r.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`
    : '';

function lineHtml(l: ScriptLine): string {
  const who = l.speaker ? `${l.who} (${l.speaker})` : l.who;
  const parts = [
    l.event && l.event !== 'speech' ? `<span class="event">${esc(EVENTS[l.event] ?? l.event)}</span>` : '',
    l.detail
      ? `<span class="detail">${esc(l.kind === 'end' ? `End · ${l.detail}` : l.detail)}</span>${l.text ? ' — ' : ''}`
      : '',
    l.text ? `<span class="say">${esc(l.text)}</span>` : '',
  ].join('');
  const meta = [
    l.seconds !== undefined ? `${l.seconds} s` : '',
    l.timeout ? `waits ${l.timeout.seconds} s, then → ${l.timeout.next}` : '',
    l.step,
  ].filter(Boolean);
  return `<li class="${esc(l.kind)}"><span class="who">${esc(who)}</span><div>${parts}${
    l.quote ? `<div class="meta">Verbatim: “${esc(l.quote)}”</div>` : ''
  }${l.options ? `<div class="meta">Options: ${l.options.map((o) => `“${esc(o.label)}”`).join(' · ')}</div>` : ''}${
    l.notes ? `<div class="note">${esc(l.notes)}</div>` : ''
  }<div class="meta">${esc(meta.join(' · '))}</div></div></li>`;
}

function branchHtml(b: ScriptBranch): string {
  const joins = b.joins
    ? `<p class="joins">→ continues at ${esc(b.joins.step)} (branch ${b.joins.branch})</p>`
    : '';
  return `<section class="branch" id="branch-${b.number}"><h3>Branch ${b.number}</h3><p class="cue">${esc(
    cueText(b.cue),
  )}</p><ol class="lines">${b.lines.map(lineHtml).join('')}</ol>${joins}</section>`;
}

function scriptPart(d: ScriptDocument): string {
  const p = d.premise;
  return `<section class="part" id="script"><h2>Role-player’s script</h2>
${p.summary ? `<h3>Premise</h3><p>${esc(p.summary)}</p>` : ''}
${p.caller.length ? `<h3>Caller</h3>${rows(p.caller)}` : ''}
${p.subject.length ? `<h3>Person at risk</h3>${rows(p.subject)}` : ''}
${p.call.length || p.location ? `<h3>The call</h3>${rows([...p.call, ...(p.location ? [['Location', p.location] as [string, string]] : [])])}` : ''}
<h3>Lines by branch</h3><p class="meta">Say the caller’s lines (in bold) when the handler’s line or the trainee’s choice above them comes; a branch opens where the trainee chooses. Timings are the scripted seconds of each step.</p>
${d.branches.map(branchHtml).join('\n')}
</section>`;
}

const tick = (text: string, extra = '') => `<li><span class="box"></span>${esc(text)}${extra}</li>`;

function choiceTable(c: MarkingSheet['choicePoints'][number]): string {
  const body = c.options
    .map(
      (o) =>
        `<tr><td><span class="box"></span></td><td>${esc(o.label)}${o.feedback ? `<div class="meta">${esc(o.feedback)}</div>` : ''}</td><td>${
          o.score === undefined ? '' : esc(o.score > 0 ? `+${o.score}` : String(o.score))
        }</td><td>${o.critical ? `<span class="critical">${esc(o.critical)}</span>` : ''}</td></tr>`,
    )
    .join('');
  return `<h3>${esc(c.prompt ?? c.step)}</h3><table><colgroup><col class="tick"><col><col class="score"><col class="crit"></colgroup><thead><tr><th></th><th>Option (${esc(c.step)})</th><th>Score</th><th>Critical failure</th></tr></thead><tbody>${body}</tbody></table>`;
}

function markingPart(d: ScriptDocument): string {
  const s = d.sheet;
  const thrive = s.thrive
    .map(
      (t) =>
        `<tr><td>${esc(t.factor.charAt(0).toUpperCase() + t.factor.slice(1))}</td><td>${esc(t.expected ?? '—')}</td><td></td></tr>`,
    )
    .join('');
  const best = s.best.score === null ? '' : ` of ${s.best.score}`;
  return `<section class="part" id="marking"><h2>Marking sheet</h2>
<dl class="rows"><dt>Trainee</dt><dd><span class="fill"></span></dd><dt>Assessor</dt><dd><span class="fill"></span></dd><dt>Date</dt><dd><span class="fill"></span></dd></dl>
<h3>Result</h3><ul class="ticks">${['Pass', 'Acceptable', 'Fail', 'Critical failure'].map((r) => tick(r)).join('')}</ul>
<p>Score <span class="fill"></span>${esc(best)} · call time <span class="fill"></span></p>
${s.targets.length ? `<h3>Time targets</h3><ul class="ticks">${s.targets.map((t) => tick(`${t.key.charAt(0).toUpperCase() + t.key.slice(1)} within ${t.seconds} s`, ' — at <span class="fill"></span>')).join('')}</ul>` : ''}
${s.actions.length ? `<h3>Required actions</h3><ul class="ticks">${s.actions.map((a) => tick(a)).join('')}</ul>` : ''}
${s.obligations.length ? `<h3>Obligations</h3><ul class="ticks">${s.obligations.map((o) => tick(o.title)).join('')}</ul>` : ''}
<h3>Expected outcome</h3>${rows(s.expected)}${s.justification ? `<p class="meta">${esc(s.justification)}</p>` : ''}
<h3>THRIVE</h3><table><colgroup><col class="factor"><col><col class="assess"></colgroup><thead><tr><th>Factor</th><th>Expected</th><th>Trainee’s assessment</th></tr></thead><tbody>${thrive}</tbody></table>
<h2>Choice points</h2>${s.choicePoints.map(choiceTable).join('\n')}
${s.critical.length ? `<h3>Critical failures</h3><ul>${s.critical.map((c) => `<li><span class="critical">${esc(c.reason)}</span> — “${esc(c.label)}” at ${esc(c.step)}</li>`).join('')}</ul>` : ''}
<h3>Ends</h3><ul>${s.ends.map((e) => `<li>${esc(e.step)}: ${esc(e.result ?? 'no result')}${e.text ? ` — ${esc(e.text)}` : ''}</li>`).join('')}</ul>
<h3>Model answer</h3><ol>${s.best.route.map((r) => `<li>${esc(r)}</li>`).join('')}</ol>
${s.truth ? `<h3>What really happened</h3><p class="truth">${esc(s.truth)}</p>` : ''}
</section>`;
}

/** The whole document. */
export function scriptHtml(d: ScriptDocument): string {
  const graph = d.graph
    ? `<section class="part graph" id="flow"><h2>The call flow</h2><img alt="The call flow of ${esc(d.premise.title)}" src="data:image/svg+xml;base64,${Buffer.from(d.graph, 'utf8').toString('base64')}"></section>`
    : '';
  const csp = `default-src 'none'; style-src ${cspHash(SCRIPT_CSS)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const p = d.premise;
  const head = htmlHead({ csp, title: `${p.title} — script and marking sheet`, style: SCRIPT_CSS });
  return `${head}<body>
<header><h1>${esc(p.title)}</h1><p class="meta">Role-player’s script and marking sheet${p.id ? ` · ${esc(p.id)}` : ''}</p>${rows(p.about)}
${p.objectives.length ? `<h3>Objectives</h3><ul>${p.objectives.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>` : ''}</header>
${scriptPart(d)}
${markingPart(d)}
${graph}
</body>
</html>
`;
}
