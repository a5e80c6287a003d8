/**
 * The premise a role-player reads before the call: the scenario's title and summary, the learning
 * objectives, the call (line, device), the caller's profile and the person at risk, as label/value rows.
 */

/** The premise's data. */
export interface Premise {
  title: string;
  id?: string;
  /** Version, level, duration, audience, tags, review… as rows. */
  about: [string, string][];
  summary?: string;
  objectives: string[];
  call: [string, string][];
  caller: [string, string][];
  subject: [string, string][];
  location?: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A scalar or a list of scalars as text; undefined when empty or not text. */
function text(x: unknown): string | undefined {
  if (typeof x === 'string') return x.trim() || undefined;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return x.map(text).filter(Boolean).join(', ') || undefined;
  return undefined;
}

/** `key_name` → `Key name`. */
const label = (key: string) => (key.charAt(0).toUpperCase() + key.slice(1)).replace(/[-_]/g, ' ');

/** Every scalar (or list) field of a mapping as rows, in the order written. */
function rows(x: unknown, skip: string[] = []): [string, string][] {
  if (!isObj(x)) return [];
  return Object.entries(x).flatMap(([k, v]) => {
    const t = skip.includes(k) ? undefined : text(v);
    return t === undefined ? [] : [[label(k), t] as [string, string]];
  });
}

/** The premise of a scenario (its plain data as parsed). */
export function premiseOf(value: unknown, fallbackTitle: string): Premise {
  const v = isObj(value) ? value : {};
  const duration =
    typeof v.duration === 'number' ? `about ${Math.max(1, Math.round(v.duration / 60))} min` : undefined;
  const about: [string, string | undefined][] = [
    ['Version', text(v.version)],
    ['Level', text(v.level)],
    ['Duration', duration],
    ['Audience', text(v.audience)],
    ['Tags', text(v.tags)],
    ['Authors', text(v.authors)],
  ];
  const incident = isObj(v.incident) ? v.incident : {};
  const premise: Premise = {
    title: text(v.title) ?? text(v.id) ?? fallbackTitle,
    about: about.filter((r): r is [string, string] => r[1] !== undefined),
    objectives: Array.isArray(v.objectives) ? v.objectives.map(text).filter((s): s is string => !!s) : [],
    call: rows(v.call),
    caller: rows(v.caller),
    subject: rows(v.subject),
  };
  if (text(v.id)) premise.id = text(v.id);
  if (text(v.summary)) premise.summary = text(v.summary);
  if (text(incident.location)) premise.location = text(incident.location);
  return premise;
}
