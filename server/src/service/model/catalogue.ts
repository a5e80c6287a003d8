/**
 * The triage-code catalogue: families of codes keyed by (family, code), with aliases unique within a
 * family. `I`, `E` and `R` are both THRIVE factors and grade aliases, so every lookup names the family
 * the key expects. A workspace catalogue extends (or replaces families of) the shipped default.
 */
import { isMap, nodeAtPath, valueNode } from '../syntax/nodes';
import defaultCodes from './default-codes.json';
import { parseYamlText, offsetsOf } from '../syntax/parse';
import { validateAgainst, type SchemaName, type SchemaValidators } from '../schema/validators';
import type { Problem, Range } from './types';
import { code as q } from '../syntax/text';

/** One code of a family. */
export interface CodeEntry {
  family: string;
  code: string;
  label?: string;
  aliases: string[];
  group?: string;
  description?: string;
  rank?: number;
  emergency?: boolean;
  targetSeconds?: number;
  target?: string;
  deprecated?: string | boolean;
  replacedBy?: string;
  /** Where the code is defined (absent for the shipped default). */
  source?: { uri: string; range: Range };
}

/** A family of codes and its lookup table (codes and aliases). */
export interface CodeFamily {
  name: string;
  label?: string;
  description?: string;
  codes: CodeEntry[];
  /** Code or alias → entry. */
  lookup: Map<string, CodeEntry>;
}

/** One level of the medical determinant. */
export interface DeterminantLevel {
  name: string;
  /** 1 = most urgent. */
  rank?: number;
  /** Other ways to write the level (`O` for `Ω`). */
  aliases?: string[];
  meaning?: string;
  ambulance?: string[];
}

/** The medical determinant format. */
export interface DeterminantFormat {
  label?: string;
  description?: string;
  pattern: RegExp;
  patternSource: string;
  complaintRange?: [number, number];
  levels: Record<string, DeterminantLevel>;
}

/** A merged catalogue. */
export interface Catalogue {
  name: string;
  families: Map<string, CodeFamily>;
  determinant?: DeterminantFormat;
  /** The files it was built from, most specific last (empty for the shipped default). */
  sources: string[];
}

/** A code as written in a catalogue file: the entry's fields, all optional until checked. */
type RawCode = Partial<Omit<CodeEntry, 'family' | 'code' | 'source'>> & { code?: unknown };
interface RawFamily {
  label?: string;
  description?: string;
  merge?: 'extend' | 'replace';
  codes?: RawCode[];
}
interface RawCatalogue {
  name?: string;
  extends?: 'default' | 'none';
  families?: Record<string, RawFamily>;
  determinant?: {
    label?: string;
    description?: string;
    pattern?: string;
    complaintRange?: [number, number];
    levels?: Record<string, DeterminantLevel>;
  };
}

/** Finds a code (or alias) within one family. */
export function lookupCode(cat: Catalogue, family: string, value: string): CodeEntry | undefined {
  return cat.families.get(family)?.lookup.get(value);
}

/** The families, other than `except`, in which a value is a code or alias (for "wrong family" messages). */
export function familiesOf(cat: Catalogue, value: string, except?: string): CodeFamily[] {
  return [...cat.families.values()].filter((f) => f.name !== except && f.lookup.has(value));
}

/** The rank of a grade (1 = most urgent), or undefined for unknown grades. */
export function gradeRank(cat: Catalogue, value: string): number | undefined {
  return lookupCode(cat, 'grade', value)?.rank;
}

/** True when the grade is marked as an emergency grade (or has rank 1 when none is marked). */
export function isEmergencyGrade(cat: Catalogue, value: string): boolean {
  const entry = lookupCode(cat, 'grade', value);
  if (!entry) return false;
  const family = cat.families.get('grade')!;
  const anyMarked = family.codes.some((c) => c.emergency !== undefined);
  return anyMarked ? entry.emergency === true : entry.rank === 1;
}

/** The shipped default catalogue. Built fresh for each call: callers own and cache it. */
export function defaultCatalogue(): Catalogue {
  const cat: Catalogue = { name: 'Callflow Studio default', families: new Map(), sources: [] };
  const problems: Problem[] = [];
  mergeInto(cat, defaultCodes as unknown as RawCatalogue, undefined, undefined, problems);
  return cat;
}

/**
 * Builds the catalogue from workspace files (each extends the previous, the first extends the default
 * unless it says `extends: none`). Returns the problems of each file with its uri.
 */
export function loadCatalogue(
  files: { uri: string; text: string }[],
  validators: SchemaValidators,
): { catalogue: Catalogue; problems: (Problem & { uri: string })[] } {
  const problems: (Problem & { uri: string })[] = [];
  let cat = defaultCatalogue();
  files.forEach((file, i) => {
    const doc = parseYamlText(
      file.uri,
      file.text,
      undefined,
      'The catalogue is empty. Start it with `catalogue: 1` and a `families:` mapping.',
    );
    const fileProblems: Problem[] = [...doc.problems];
    if (doc.convertible) fileProblems.push(...validateAgainst('codes', doc, validators));
    const raw = (doc.value ?? {}) as RawCatalogue;
    if (i === 0 && raw.extends === 'none')
      cat = { name: raw.name ?? file.uri, families: new Map(), sources: [] };
    const hasErrors = fileProblems.some((p) => p.severity === 'error');
    if (!hasErrors && doc.root) mergeInto(cat, raw, file.uri, doc, fileProblems);
    cat.sources.push(file.uri);
    if (raw.name) cat.name = raw.name;
    for (const p of fileProblems) problems.push({ ...p, uri: file.uri });
  });
  return { catalogue: cat, problems };
}

/** The file a catalogue is merged from (none for the shipped default), and where its problems go. */
interface MergeSource {
  uri: string | undefined;
  doc: ReturnType<typeof parseYamlText> | undefined;
  problems: Problem[];
}

function mergeInto(
  cat: Catalogue,
  raw: RawCatalogue,
  uri: string | undefined,
  doc: ReturnType<typeof parseYamlText> | undefined,
  problems: Problem[],
): void {
  const src: MergeSource = { uri, doc, problems };
  for (const [name, rawFamily] of Object.entries(raw.families ?? {})) mergeFamily(cat, name, rawFamily, src);
  mergeDeterminant(cat, raw.determinant, src);
}

/** Extends (or, with `merge: replace`, replaces) a family with a file's codes. */
function mergeFamily(cat: Catalogue, name: string, rawFamily: RawFamily, src: MergeSource): void {
  const existing = cat.families.get(name);
  const family: CodeFamily =
    existing && rawFamily.merge !== 'replace'
      ? existing
      : { name, label: existing?.label, description: existing?.description, codes: [], lookup: new Map() };
  if (rawFamily.label) family.label = rawFamily.label;
  if (rawFamily.description) family.description = rawFamily.description;
  (rawFamily.codes ?? []).forEach((rc, index) => addCode(family, rc, index, src));
  cat.families.set(name, family);
}

/** Adds one code (replacing a code of the same name from a less specific file) and its aliases. */
function addCode(family: CodeFamily, rc: RawCode, index: number, src: MergeSource): void {
  const { uri, doc, problems } = src;
  const name = family.name;
  const codeText = String(rc.code);
  const range = doc ? codeRange(doc, name, index) : undefined;
  const entry: CodeEntry = {
    family: name,
    code: codeText,
    label: rc.label,
    aliases: (rc.aliases ?? []).map(String),
    group: rc.group,
    description: rc.description,
    rank: rc.rank,
    emergency: rc.emergency,
    targetSeconds: rc.targetSeconds,
    target: rc.target,
    deprecated: rc.deprecated,
    replacedBy: rc.replacedBy,
    source: uri && range ? { uri, range } : undefined,
  };
  const previous = family.lookup.get(codeText);
  if (previous && previous.code === codeText && previous.source?.uri === uri && uri) {
    problems.push(catalogueProblem(range, `Code ${q(codeText)} is defined twice in family ${q(name)}.`));
    return;
  }
  if (previous) family.codes = family.codes.filter((c) => c !== previous);
  family.codes.push(entry);
  [codeText, ...entry.aliases].forEach((key, k) => {
    const clash = family.lookup.get(key);
    if (clash && clash !== previous && clash.code !== codeText && uri) {
      problems.push(
        catalogueProblem(
          (k > 0 && doc ? aliasRange(doc, name, index, k - 1) : undefined) ?? range,
          `${q(key)} is already ${clash.code === key ? 'a code' : 'an alias of ' + q(clash.code)} in family ${q(name)}: aliases must be unique within a family.`,
        ),
      );
      return;
    }
    family.lookup.set(key, entry);
  });
}

/** A file's determinant format: a new pattern replaces the format, levels are merged. */
function mergeDeterminant(cat: Catalogue, d: RawCatalogue['determinant'], src: MergeSource): void {
  if (!d?.pattern) {
    if (d && cat.determinant)
      cat.determinant = { ...cat.determinant, levels: { ...cat.determinant.levels, ...(d.levels ?? {}) } };
    return;
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(d.pattern, 'u');
  } catch (e) {
    src.problems.push(
      catalogueProblem(
        src.doc ? keyRange(src.doc, ['determinant', 'pattern']) : undefined,
        `The determinant pattern is not a valid regular expression: ${(e as Error).message}`,
      ),
    );
    return;
  }
  cat.determinant = {
    label: d.label ?? cat.determinant?.label,
    description: d.description ?? cat.determinant?.description,
    pattern,
    patternSource: d.pattern,
    complaintRange: d.complaintRange ?? cat.determinant?.complaintRange,
    levels: { ...(cat.determinant?.levels ?? {}), ...(d.levels ?? {}) },
  };
}

function catalogueProblem(range: Range | undefined, message: string): Problem {
  return {
    ruleId: 'catalogue/invalid',
    severity: 'error',
    message,
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

function codeRange(doc: ReturnType<typeof parseYamlText>, family: string, index: number): Range | undefined {
  const item = nodeAtPath(doc.root, ['families', family, 'codes', index]);
  const node = isMap(item) ? (valueNode(item, 'code') ?? item) : item;
  return node ? doc.lines.range(...offsetsOf(node)) : undefined;
}

/** The range of one alias as written (`aliases: [I, G1]`). */
function aliasRange(
  doc: ReturnType<typeof parseYamlText>,
  family: string,
  index: number,
  aliasIndex: number,
): Range | undefined {
  const alias = nodeAtPath(doc.root, ['families', family, 'codes', index, 'aliases', aliasIndex]);
  return alias ? doc.lines.range(...offsetsOf(alias)) : undefined;
}

function keyRange(doc: ReturnType<typeof parseYamlText>, path: string[]): Range | undefined {
  const node = nodeAtPath(doc.root, path);
  return node ? doc.lines.range(...offsetsOf(node)) : undefined;
}

export type { SchemaName };
