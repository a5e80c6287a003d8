/**
 * `callflow check --fix` and `--fix-dry-run`: apply the safe fixes (the core's fixAll, through the same
 * fix producers and edit builder as the editor's quick fixes) to each file before it is checked.
 * `--fix` writes the files it changed (a byte-order mark kept) and says on stderr what it changed;
 * `--fix-dry-run` writes nothing: it prints a unified diff and the check reads the fixed text.
 */
import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { pathToUri } from '../node/project';
import { readTextFile } from '../node/read';
import { displayPath, type Input } from './check';
import { printable } from './reporters/ansi';
import type { CliProjects } from './projects';
import { fixAll, type AppliedFix, type ScenarioService } from '../service';

/** What fixing one file did. */
export interface FixedFile {
  display: string;
  applied: AppliedFix[];
  /** The unified diff of the change. */
  patch: string;
}

/** The outcome of fixing every input. */
export interface FixRun {
  /** The inputs to check after fixing (a dry run checks the fixed text in memory). */
  inputs: Input[];
  fixed: FixedFile[];
  /** Files that could not be written (they are checked as they are on disk). */
  failures: string[];
}

const BOM = '\ufeff';

async function textOf(input: Input): Promise<string | undefined> {
  if (input.text !== undefined) return input.text;
  const read = await readTextFile(input.path);
  return 'text' in read ? read.text : undefined;
}

/** Fixes each input; writes the changed files unless `dryRun`. */
export async function fixInputs(
  inputs: Input[],
  service: ScenarioService,
  projects: CliProjects,
  options: { cwd: string; dryRun: boolean },
): Promise<FixRun> {
  const out: FixRun = { inputs: [], fixed: [], failures: [] };
  for (const input of inputs) {
    const raw = await textOf(input);
    // A file that cannot be read is left to the check, which reports it.
    if (raw === undefined) {
      out.inputs.push(input);
      continue;
    }
    const bom = raw.startsWith(BOM) ? BOM : '';
    const before = raw.slice(bom.length);
    const { project } = projects.forFile(input.path);
    const uri = pathToUri(input.path);
    const result = fixAll(before, (text) => {
      const doc = service.parse(uri, text);
      return { doc, problems: service.validate(doc, project) };
    });
    if (result.text === before) {
      out.inputs.push(input);
      continue;
    }
    const display = input.display ?? displayPath(input.path, options.cwd);
    const patch = createTwoFilesPatch(`a/${display}`, `b/${display}`, before, result.text, '', '', {
      context: 3,
    });
    out.fixed.push({ display, applied: result.applied, patch });
    if (options.dryRun || input.text !== undefined) {
      out.inputs.push({ ...input, text: result.text, display });
      continue;
    }
    try {
      writeFileSync(input.path, bom + result.text);
      out.inputs.push(input);
    } catch (e) {
      out.failures.push(
        `Cannot write the fixes to ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
      );
      out.inputs.push(input);
    }
  }
  return out;
}

/** What `--fix` changed, one line per fix (for stderr). */
export function describeFixes(fixed: readonly FixedFile[], dryRun: boolean): string {
  const lines: string[] = [];
  let count = 0;
  for (const f of fixed)
    for (const a of f.applied) {
      count++;
      lines.push(
        `  ${printable(f.display)}:${a.line + 1}:${a.character + 1}  ${a.ruleId}  ${printable(a.title)}`,
      );
    }
  const verb = dryRun ? 'would apply' : 'applied';
  const head = `callflow: --fix${dryRun ? '-dry-run' : ''} ${verb} ${count} fix${count === 1 ? '' : 'es'} in ${fixed.length} file${fixed.length === 1 ? '' : 's'}${count ? ':' : '.'}`;
  return [head, ...lines].join('\n') + '\n';
}
