/**
 * Free text in a step: what callers and handlers say, notes, quotes, rationales, the words of a
 * hand-over. Most keystrokes in a scenario change it, and the last check is kept across such edits
 * (reuse.ts) when no document rule would find anything else. So what a rule reads of free text is
 * declared, not remembered: each rule lists it (`Rule.reads`), the reuse fingerprints a step with the
 * union of those declarations, and a test rewrites every free text no rule declared (and the words of
 * those read only as "written or not") and expects the same problems from every rule.
 *
 * A key not listed below is never blanked: any edit to its value checks the document again (safe, only
 * slower). List a new free-text key here to let edits to it keep the last check.
 */

/** Step keys (at any depth of a step) whose values are free text. */
export const STEP_TEXT_KEYS = ['say', 'notes', 'prompt', 'quote', 'rationale', 'justification'] as const;
/** Keys under `handover:` whose values are free text (`grade` is not: it is compared with the grade). */
export const HANDOVER_TEXT_KEYS = ['location', 'nature', 'hazards', 'threats'] as const;

/** A free text: a step key, or a key under `handover:` (`handover.threats`). */
export type FreeText = (typeof STEP_TEXT_KEYS)[number] | `handover.${(typeof HANDOVER_TEXT_KEYS)[number]}`;

/** How a rule reads a free text: its words, or only whether it is written (see isWritten). */
export type TextRead = 'words' | 'written';

/** What a rule reads of free text; a text not listed must not change its problems. */
export type TextReads = Readonly<Partial<Record<FreeText, TextRead>>>;

/** Every free text, as rules name them. */
export const FREE_TEXTS: readonly FreeText[] = [
  ...STEP_TEXT_KEYS,
  ...HANDOVER_TEXT_KEYS.map((k) => `handover.${k}` as const),
];

/** The free text a value under `key` is, if it is one (`inHandover`: its mapping is a `handover:`). */
export function freeTextOf(key: string, inHandover: boolean): FreeText | undefined {
  if ((STEP_TEXT_KEYS as readonly string[]).includes(key)) return key as FreeText;
  if (inHandover && (HANDOVER_TEXT_KEYS as readonly string[]).includes(key))
    return `handover.${key}` as FreeText;
  return undefined;
}

/** What a set of rules reads together: each text at the most any of them reads of it. */
export function unionOfReads(reads: Iterable<TextReads | undefined>): TextReads {
  const union: Partial<Record<FreeText, TextRead>> = {};
  for (const r of reads)
    for (const [text, how] of Object.entries(r ?? {}) as [FreeText, TextRead][])
      if (union[text] !== 'words') union[text] = how;
  return union;
}

/** True when a text field is written and says something (blank and `TODO…` placeholders do not count). */
export function isWritten(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !/^todo\b/i.test(value.trim());
}
