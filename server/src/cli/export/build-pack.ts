/**
 * One scenario's pack data for its trainee page: the trainee view in the clear and, unless left out, the
 * answers (the scenario as written and the catalogue in force) hidden under a fresh random key.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import {
  PACK_VERSION,
  catalogueData,
  hideText,
  traineeScenario,
  type PackAnswers,
  type PackData,
  type Project,
  type ScenarioDocument,
} from '../../service';

/** What a pack is built from. */
export interface PackSource {
  path: string;
  text: string;
  doc: ScenarioDocument;
  project: Project;
  answers: boolean;
  lms?: '1.2' | '2004';
  now: Date;
}

const textOf = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

/** The scenario file's name without its `.scenario.yaml` (or `.yaml`) ending. */
export function baseName(path: string): string {
  return basename(path).replace(/(\.scenario)?\.ya?ml$/i, '') || 'scenario';
}

/** The pack data of one scenario. */
export function buildPack(src: PackSource): PackData {
  const value = src.doc.value as { id?: unknown; title?: unknown } | undefined;
  const id = textOf(value?.id);
  const pack: PackData = {
    version: PACK_VERSION,
    title: textOf(value?.title) ?? id ?? baseName(src.path),
    scenario: JSON.stringify(traineeScenario(src.doc.value)),
    source: { file: basename(src.path), exported: src.now.toISOString() },
  };
  if (id !== undefined) pack.id = id;
  if (src.lms) pack.lms = src.lms;
  if (src.answers) {
    const answers: PackAnswers = { scenario: src.text, catalogue: catalogueData(src.project.catalogue) };
    const key = randomBytes(16).toString('hex');
    pack.answers = { hidden: hideText(JSON.stringify(answers), key), key };
  }
  return pack;
}
