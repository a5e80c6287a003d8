/**
 * A tiny DOM builder for the rehearsal page. Every string child becomes a text node and attributes are
 * set one by one (never `on*`), so scenario text is never parsed as markup: no innerHTML anywhere.
 */

/** A child: an element, text (inserted as a text node) or nothing. */
export type Child = Node | string | number | false | null | undefined;

/** Creates `<tag>` with attributes (booleans toggle presence) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || /^on/i.test(name)) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (flattened; text as text nodes). */
export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** `m:ss` for a number of seconds (negative values keep their sign). */
export function clockText(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const s = Math.round(Math.abs(seconds));
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A signed score: `+3`, `−2`, `0`. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}

/** `score plus|minus` class for a score. */
export const scoreClass = (n: number) => `score ${n > 0 ? 'plus' : n < 0 ? 'minus' : ''}`.trim();

/** Looks an element up by id (the page defines them all). */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
