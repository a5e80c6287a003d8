/** `callflow diff` on a terminal: per file, the changes step by step, then what they do to the flow. */
import type { FlowChange, WordPart } from '../../service';
import { printable, styles } from '../reporters/ansi';
import {
  bestLine,
  byStep,
  problemsLine,
  reachLines,
  runLines,
  stepsLine,
  transitionsLine,
  type DiffRenderer,
} from './report';

const SIGN: Partial<Record<FlowChange['kind'], string>> = {
  'step-added': '+',
  'step-removed': '-',
  'step-renamed': '>',
  'transition-added': '+',
  'option-added': '+',
  'transition-removed': '-',
  'option-removed': '-',
};

export const stylish: DiffRenderer = (files, color) => {
  const s = styles(color);
  const words = (parts: WordPart[]) =>
    parts
      .map((p) =>
        p.op === 'added'
          ? s.green(`{+${printable(p.text)}+}`)
          : p.op === 'removed'
            ? s.red(`[-${printable(p.text)}-]`)
            : printable(p.text),
      )
      .join('');
  const out: string[] = [];
  for (const f of files) {
    out.push(
      s.underline(printable(f.file)) +
        s.dim(
          `  ${printable(f.oldLabel)} → ${printable(f.newLabel)}${f.status === 'modified' ? '' : ` (file ${f.status})`}`,
        ),
    );
    const groups = byStep(f.diff);
    if (!groups.length) out.push(s.dim('  no flow change'));
    for (const [step, changes] of groups) {
      out.push(`  ${s.bold(step ? printable(step) : '(scenario)')}`);
      for (const c of changes) {
        const sign = SIGN[c.kind] ?? '~';
        const paint = sign === '+' ? s.green : sign === '-' ? s.red : s.yellow;
        const line = c.words ? `${printable(c.field ?? '')}: ${words(c.words)}` : printable(c.message);
        out.push(`    ${paint(sign)} ${line}  ${s.dim(c.kind)}`);
      }
    }
    out.push(`  ${s.bold('Steps')}        ${stepsLine(f.diff)}`);
    out.push(`  ${s.bold('Transitions')}  ${transitionsLine(f.diff)}`);
    out.push(`  ${s.bold('Best route')}   ${printable(bestLine(f.diff))}`);
    for (const r of reachLines(f.diff)) out.push(`  ${s.bold('Reach')}        ${printable(r)}`);
    for (const r of runLines(f.diff)) out.push(`  ${s.bold('Runs')}         ${printable(r)}`);
    out.push(`  ${s.bold('Problems')}     ${problemsLine(f.diff)}`);
    for (const p of f.diff.effects.problemsAdded)
      out.push(`    ${s.red('+')} ${p.line}  ${printable(p.message)}  ${s.dim(p.ruleId)}`);
    for (const p of f.diff.effects.problemsFixed)
      out.push(`    ${s.green('-')} ${printable(p.message)}  ${s.dim(p.ruleId)}`);
    out.push('');
  }
  if (!files.length) out.push('No scenario changed.', '');
  return out.join('\n');
};
