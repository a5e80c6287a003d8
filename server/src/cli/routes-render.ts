/**
 * `callflow routes` reports: stylish (the terminal, one block per end), markdown (a pull-request comment:
 * a summary line, a table per end, the options no run can pick, the model route with its recorded run)
 * and json (versioned). Scenario text is made printable (stylish) or inert Markdown (markdown).
 */
import {
  ROUTES_VERSION,
  type EndRoutes,
  type MilestoneRange,
  type RouteCount,
  type RouteReport,
  type RunInput,
} from '../service';
import { mdText } from './diff/markdown';
import { clock } from './play-render';
import { printable, styles } from './reporters/ansi';

/** Options of the text formats. */
export interface RoutesRenderOptions {
  color: boolean;
}

/** "13 routes", "1 route", "over 1,000,000 routes". */
export function routesText(r: RouteCount): string {
  if (r.over) return 'over 1,000,000 routes';
  return `${r.count.toLocaleString('en-GB')} route${r.count === 1 ? '' : 's'}`;
}

const span = (a: number, b: number, f: (n: number) => string = String) =>
  a === b ? f(a) : `${f(a)} … ${f(b)}`;

/** A step id in a code span when it is a plain id, else as escaped text. */
const codeId = (id: string) => (/^[A-Za-z0-9_./-]+$/.test(id) ? `\`${id}\`` : mdText(id));

const inputText = (i: RunInput) => ('timeout' in i ? 'nobody acts (timeout)' : i.choose);

function summary(r: RouteReport): string {
  const ends = `${r.ends.length} end${r.ends.length === 1 ? '' : 's'}`;
  const reach =
    r.reachable === r.steps
      ? `all ${r.steps} steps reachable`
      : `${r.reachable} of ${r.steps} steps reachable`;
  const loops = r.loops === 0 ? 'no loops' : `${r.loops} loop${r.loops === 1 ? '' : 's'} (each counted once)`;
  return `${routesText(r.routes)} to ${ends} · ${reach} · ${loops}`;
}

function statusWord(m: MilestoneRange): string {
  if (!m.status) return 'no target';
  if (m.status === 'some') return 'met on some routes';
  return m.status;
}

/** One milestone as "00:47 … 00:57" with "(not on every route)" / "never". */
function whenText(m: MilestoneRange): string {
  if (m.earliest === undefined) return 'never';
  const when = span(m.earliest, m.latest!, clock);
  return m.without ? `${when}, not on every route` : when;
}

/** The stylish report. */
export function routesStylish(r: RouteReport, display: string, o: RoutesRenderOptions): string {
  const c = styles(o.color);
  const title = r.scenario.title ? ` — ${printable(r.scenario.title)}` : '';
  const out = [`${c.bold(printable(display))}${title}`];
  if (r.note) out.push(`  ${c.yellow(printable(r.note))}`);
  out.push(`  ${summary(r)}`);
  const status = (m: MilestoneRange) => {
    const w = statusWord(m);
    return m.status === 'met'
      ? c.green(w)
      : m.status === 'missed'
        ? c.red(w)
        : m.status
          ? c.yellow(w)
          : c.dim(w);
  };
  for (const e of r.ends) {
    const result = e.result
      ? `  ${e.result === 'pass' || e.result === 'acceptable' ? c.green(e.result) : c.red(e.result)}`
      : '';
    const marks = [
      e.reachable ? routesText(e.routes) : c.red('no route reaches it'),
      ...(e.criticalOnly ? [c.red('only through a critical option')] : []),
      ...(e.loops ? ['through a loop: can take longer'] : []),
      ...(e.approximate ? [c.yellow('a loop too large to enumerate: figures are bounds')] : []),
    ];
    out.push('', `  ${c.bold(printable(e.step))}${result}  ${marks.join(' · ')}`);
    if (!e.reachable) continue;
    const clean =
      e.clean && e.clean.score !== e.score!.best
        ? `  (best without a critical option: ${e.clean.score})`
        : '';
    out.push(`    ${'score'.padEnd(10)}${span(e.score!.worst, e.score!.best)}${clean}`);
    out.push(`    ${'ends at'.padEnd(10)}${span(e.seconds!.earliest, e.seconds!.latest, clock)}`);
    for (const m of e.milestones) {
      const target = m.target === undefined ? '' : `target ${clock(m.target)}  `;
      out.push(`    ${m.key.padEnd(10)}${whenText(m).padEnd(28)}${target}${status(m)}`);
    }
  }
  out.push('', `  ${c.bold('Options no run can pick')}:${r.unpickable.length ? '' : ' none'}`);
  for (const u of r.unpickable) {
    const at = `${printable(display)}:${u.range.start.line + 1}:${u.range.start.character + 1}`;
    out.push(`    ${c.dim(at)}  ${printable(u.message)}`);
  }
  out.push('', ...modelStylish(r, c));
  return out.join('\n') + '\n';
}

function modelStylish(r: RouteReport, c: ReturnType<typeof styles>): string[] {
  const m = r.model;
  if (!m)
    return [
      `  ${c.bold('Model route')}: ${c.red('none: no route reaches a pass or acceptable end without a critical option')}`,
    ];
  const lines = [
    `  ${c.bold('Model route')}: score ${m.score}, ${clock(m.seconds)}, ends at ${printable(m.end)} (${m.inputs.length} choice${m.inputs.length === 1 ? '' : 's'})`,
  ];
  m.inputs.forEach((i, k) => lines.push(`    ${k + 1}. ${printable(inputText(i))}`));
  if (m.runText)
    lines.push(c.dim('    callflow routes --format run prints it as a recorded run for the runs file.'));
  return lines;
}

/** The markdown report: fits a pull-request comment. */
export function routesMarkdown(r: RouteReport, display: string): string {
  const title = r.scenario.title ? `${mdText(r.scenario.title)} ` : '';
  const out = [`### Routes: ${title}(${codeId(display)})`, ''];
  if (r.note) out.push(`> ${mdText(r.note)}`, '');
  out.push(mdText(summary(r)), '');
  if (r.ends.length <= DETAILED_ENDS) for (const e of r.ends) out.push(...endMarkdown(e), '');
  else out.push(...endsTable(r.ends), '');
  if (r.unpickable.length) {
    out.push('#### Options no run can pick', '');
    for (const u of r.unpickable) out.push(`- line ${u.range.start.line + 1}: ${mdText(u.message)}`);
    out.push('');
  }
  out.push(...modelMarkdown(r));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** Up to this many ends, a table each; past it one table with a row per end (a comment has a size limit). */
const DETAILED_ENDS = 20;
/** Choices of the model route a comment lists (with its recorded run only when all fit). */
const MODEL_CHOICES = 40;
/** Rows of the one table of a scenario with many ends. */
const TABLE_ROWS = 150;

const statusMark = (m: MilestoneRange) =>
  m.status === 'met' ? '✅' : m.status === 'missed' ? '❌' : m.status ? '⚠️' : '';

/** Many ends: one row each (result, routes, score, time, each target's status), the first TABLE_ROWS. */
function endsTable(ends: EndRoutes[]): string[] {
  const rows = ends.slice(0, TABLE_ROWS).map((e) => {
    const cells = e.reachable
      ? [
          mdText(routesText(e.routes)) + (e.criticalOnly ? ' \\(critical only\\)' : ''),
          span(e.score!.worst, e.score!.best),
          span(e.seconds!.earliest, e.seconds!.latest, clock),
          e.milestones.map((m) => `${m.key} ${statusMark(m) || '–'}`).join(' '),
        ]
      : ['**no route reaches it**', '', '', ''];
    return `| ${codeId(e.step)} | ${mdText(e.result ?? '')} | ${cells.join(' | ')} |`;
  });
  const more = ends.length - TABLE_ROWS;
  return [
    '| end | result | routes | score | time | targets |',
    '|---|---|---|---:|---:|---|',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more ends: \`callflow routes --format json\` lists them all.`] : []),
  ];
}

function endMarkdown(e: EndRoutes): string[] {
  const marks = [
    e.result ? `**${mdText(e.result)}**` : 'no result',
    e.reachable ? mdText(routesText(e.routes)) : '**no route reaches it**',
    ...(e.criticalOnly ? ['**only through a critical option**'] : []),
    ...(e.loops ? ['through a loop \\(can take longer\\)'] : []),
    ...(e.approximate ? ['figures are bounds \\(a loop too large to enumerate\\)'] : []),
  ];
  const head = [`#### ${codeId(e.step)} — ${marks.join(' · ')}`];
  if (!e.reachable) return head;
  const rows = [
    '| | earliest / worst | latest / best | target | |',
    '|---|---:|---:|---:|---|',
    `| score | ${e.score!.worst} | ${e.score!.best} | | |`,
    `| time to the end | ${clock(e.seconds!.earliest)} | ${clock(e.seconds!.latest)} | | |`,
    ...e.milestones.map((m) => {
      const [a, b] = m.earliest === undefined ? ['never', 'never'] : [clock(m.earliest), clock(m.latest!)];
      const note = m.without && m.earliest !== undefined ? ' \\(not on every route\\)' : '';
      const target = m.target === undefined ? '' : clock(m.target);
      const status =
        m.status === 'met'
          ? '✅ met'
          : m.status === 'missed'
            ? '❌ missed'
            : m.status
              ? '⚠️ met on some routes'
              : '';
      return `| ${m.key} | ${a} | ${b}${note} | ${target} | ${status} |`;
    }),
  ];
  return [...head, '', ...rows];
}

function modelMarkdown(r: RouteReport): string[] {
  const m = r.model;
  if (!m)
    return [
      '#### Model route',
      '',
      'None: no route reaches a pass or acceptable end without a critical option.',
    ];
  const shown = m.inputs.slice(0, MODEL_CHOICES);
  const out = [
    `#### Model route — score ${m.score}, ${clock(m.seconds)}, ends at ${codeId(m.end)}`,
    '',
    ...shown.map((i, k) => `${k + 1}. ${mdText(inputText(i))}`),
  ];
  const more = m.inputs.length - shown.length;
  if (more > 0) out.push('', `…and ${more} more choices: \`callflow routes --format run\` prints them all.`);
  else if (m.runText)
    out.push(
      '',
      '<details><summary>As a recorded run (paste under <code>runs:</code> in the runs file)</summary>',
      '',
      '```yaml',
      m.runText.replace(/```/g, '`\u200b``').replace(/\n$/, ''),
      '```',
      '',
      '</details>',
    );
  return out;
}

/** The json report (versioned). */
export function routesJson(r: RouteReport, display: string): string {
  return JSON.stringify({ ...r, version: ROUTES_VERSION, file: display }, null, 2) + '\n';
}
