/**
 * `--baseline FILE` and `--update-baseline`: known problems recorded once, so that a new rule (or a
 * stricter config) can ship without failing a library of existing scenarios. A problem is matched by
 * file, rule, step and message (numbers of lines in the message ignored), never by its line, so editing
 * above it does not bring it back; each entry is counted, so a second identical problem is new.
 *
 * The file (JSON, kept in version control):
 *   { "version": 1, "files": { "<path from the baseline's folder>": [{ ruleId, step, message, count }] } }
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToUri } from '../node/project';
import type { CheckRun, FileResult } from './check';
import { InputError } from './errors';
import { toPosix } from './files';
import type { Problem, ScenarioService } from '../service';

/** One known problem (or several identical ones). */
export interface BaselineEntry {
  ruleId: string;
  /** The step the problem is in (null: outside the steps). */
  step: string | null;
  message: string;
  count: number;
}

/** The baseline file's content. */
export interface Baseline {
  version: 1;
  files: Record<string, BaselineEntry[]>;
}

/** A message with line numbers it may quote made neutral (`line 12` → `line #`). */
function neutral(message: string): string {
  return message.replace(/\b(lines?) \d+/gi, '$1 #');
}

function keyOf(e: { ruleId: string; step: string | null; message: string }): string {
  return `${e.ruleId}\u0000${e.step ?? ''}\u0000${neutral(e.message)}`;
}

/** The step each problem is in (by the step's full range), in problem order. */
function stepsOf(file: FileResult, service: ScenarioService): (string | null)[] {
  const doc = service.parse(pathToUri(file.path), file.text);
  return file.problems.map((p) => {
    const offset = doc.lines.offset(p.range.start);
    const step = doc.steps.find((s) => s.fullOffsets[0] <= offset && offset <= s.fullOffsets[1]);
    return step?.id ?? null;
  });
}

/** Reads a baseline file; a missing file is an empty baseline (the first --update-baseline makes it). */
export function readBaseline(path: string, mustExist: boolean): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (!mustExist && (e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: {} };
    throw new InputError(
      `Cannot read the baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  try {
    const data = JSON.parse(text) as Baseline;
    if (data?.version !== 1 || typeof data.files !== 'object' || data.files === null)
      throw new Error('not a baseline');
    return data;
  } catch {
    throw new InputError(
      `The baseline ${path} is not a callflow baseline (JSON with "version": 1 and "files").`,
    );
  }
}

function baselineKey(file: FileResult, baselinePath: string): string {
  return toPosix(relative(dirname(baselinePath), file.path));
}

/** Removes the problems the baseline knows from the run; returns how many were removed. */
export function applyBaseline(
  run: CheckRun,
  baseline: Baseline,
  baselinePath: string,
  service: ScenarioService,
): number {
  let removed = 0;
  for (const file of run.files) {
    const entries = baseline.files[baselineKey(file, baselinePath)];
    if (!entries?.length || !file.problems.length) continue;
    const left = new Map<string, number>();
    for (const e of entries) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + e.count);
    const steps = stepsOf(file, service);
    const kept: Problem[] = [];
    file.problems.forEach((p, i) => {
      const key = keyOf({ ruleId: p.ruleId, step: steps[i], message: p.message });
      const n = left.get(key) ?? 0;
      if (n > 0) {
        left.set(key, n - 1);
        removed++;
      } else kept.push(p);
    });
    file.problems = kept;
  }
  return removed;
}

/**
 * The baseline of this run's problems; files not checked in this run (another shard, unchanged files)
 * keep their entries from `previous`.
 */
export function baselineOf(
  run: CheckRun,
  previous: Baseline,
  baselinePath: string,
  service: ScenarioService,
): Baseline {
  const files: Record<string, BaselineEntry[]> = { ...previous.files };
  for (const file of run.files) {
    const key = baselineKey(file, baselinePath);
    delete files[key];
    if (!file.problems.length) continue;
    const steps = stepsOf(file, service);
    const byKey = new Map<string, BaselineEntry>();
    file.problems.forEach((p, i) => {
      const entry = { ruleId: p.ruleId, step: steps[i], message: neutral(p.message), count: 1 };
      const known = byKey.get(keyOf(entry));
      if (known) known.count++;
      else byKey.set(keyOf(entry), entry);
    });
    files[key] = [...byKey.values()];
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { version: 1, files: sorted };
}

/** Writes a baseline file. */
export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, JSON.stringify(baseline, null, 2) + '\n');
  } catch (e) {
    throw new InputError(
      `Cannot write the baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
}

/** The baseline path of the command line, absolute. */
export function baselinePath(given: string, cwd: string): string {
  return resolve(cwd, given);
}
