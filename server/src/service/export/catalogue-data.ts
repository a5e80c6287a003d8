/**
 * A catalogue as plain JSON data and back, so a page without the catalogue files (and without the schema
 * validators that load them) can still check the codes a run gave in its debrief.
 */
import type { Catalogue, CodeEntry, CodeFamily, DeterminantFormat } from '../model/catalogue';

/** One family as data: its codes, and the lookup as (code or alias, index in `codes`). */
export interface FamilyData {
  name: string;
  label?: string;
  description?: string;
  codes: Omit<CodeEntry, 'source'>[];
  lookup: [string, number][];
}

/** A catalogue as data. */
export interface CatalogueData {
  name: string;
  families: FamilyData[];
  determinant?: Omit<DeterminantFormat, 'pattern'> & { flags: string };
}

/** The catalogue as plain data (where codes are defined is left out). */
export function catalogueData(cat: Catalogue): CatalogueData {
  const families = [...cat.families.values()].map((f) => {
    const codes = f.codes.map((c) => {
      const copy: Partial<CodeEntry> = { ...c };
      delete copy.source;
      return copy as Omit<CodeEntry, 'source'>;
    });
    const lookup: [string, number][] = [];
    for (const [key, entry] of f.lookup) {
      const index = f.codes.indexOf(entry);
      if (index >= 0) lookup.push([key, index]);
    }
    const data: FamilyData = { name: f.name, codes, lookup };
    if (f.label !== undefined) data.label = f.label;
    if (f.description !== undefined) data.description = f.description;
    return data;
  });
  const out: CatalogueData = { name: cat.name, families };
  if (cat.determinant) {
    const { pattern, ...rest } = cat.determinant;
    out.determinant = { ...rest, flags: pattern.flags };
  }
  return out;
}

/** The catalogue back from its data; undefined when the data is not a catalogue's. */
export function catalogueFromData(data: unknown): Catalogue | undefined {
  const d = data as Partial<CatalogueData> | undefined;
  if (!d || typeof d.name !== 'string' || !Array.isArray(d.families)) return undefined;
  const families = new Map<string, CodeFamily>();
  for (const f of d.families) {
    if (!f || typeof f.name !== 'string' || !Array.isArray(f.codes) || !Array.isArray(f.lookup)) continue;
    const codes = f.codes.map((c) => ({ ...c, aliases: Array.isArray(c.aliases) ? c.aliases : [] }));
    const lookup = new Map<string, CodeEntry>();
    for (const [key, index] of f.lookup) if (codes[index]) lookup.set(String(key), codes[index]);
    families.set(f.name, { ...f, codes, lookup });
  }
  const cat: Catalogue = { name: d.name, families, sources: [] };
  if (d.determinant) {
    try {
      const { flags, ...rest } = d.determinant;
      cat.determinant = { ...rest, pattern: new RegExp(rest.patternSource, flags) };
    } catch {
      /* a pattern that does not compile: no determinant format */
    }
  }
  return cat;
}
