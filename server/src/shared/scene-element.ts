/** The plain element tree the drawing is made of (see `scene.ts`). */

/** One SVG element; children are elements or text. */
export interface SceneElement {
  tag: string;
  attrs: Record<string, string | number>;
  children: (SceneElement | string)[];
}

/** Creates a scene element. */
export function el(
  tag: string,
  attrs: Record<string, string | number> = {},
  ...children: (SceneElement | string)[]
) {
  return { tag, attrs, children } as SceneElement;
}
