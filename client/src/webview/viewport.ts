/**
 * Zoom and pan: a `translate(x,y) scale(k)` on the viewport group. Wheel zooms at the pointer, drag
 * pans, and `fit`/`centerOn` frame boxes. A drag shorter than a few pixels is reported as a click.
 */
import type { Box } from '../../../server/src/shared/layout';

/** The current view transform. */
export interface Transform {
  x: number;
  y: number;
  k: number;
}

const MIN_K = 0.02;
const MAX_K = 4;

/** Owns the transform of `group` inside `svg`. */
export class Viewport {
  transform: Transform = { x: 0, y: 0, k: 1 };
  private drag: { x: number; y: number; tx: number; ty: number; moved: boolean; id: number } | undefined;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly group: SVGGElement,
    private readonly onChange: () => void,
    private readonly onClick: (target: EventTarget | null) => void,
  ) {
    svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    svg.addEventListener('pointermove', (e) => this.onPointerMove(e));
    svg.addEventListener('pointerup', (e) => this.onPointerUp(e));
    svg.addEventListener('pointercancel', () => this.endDrag());
  }

  /** Size of the visible area in screen pixels. */
  size(): { width: number; height: number } {
    const r = this.svg.getBoundingClientRect();
    return { width: r.width || 800, height: r.height || 600 };
  }

  /** Sets the transform (clamping the zoom) and redraws. */
  set(t: Transform): void {
    const k = Math.min(MAX_K, Math.max(MIN_K, t.k));
    this.transform = { x: t.x, y: t.y, k };
    this.group.setAttribute('transform', `translate(${round(t.x)},${round(t.y)}) scale(${round(k, 5)})`);
    this.onChange();
  }

  /** Zooms by `factor` keeping the screen point (cx, cy) still (default: the centre). */
  zoomBy(factor: number, cx?: number, cy?: number): void {
    const { width, height } = this.size();
    const px = cx ?? width / 2;
    const py = cy ?? height / 2;
    const { x, y, k } = this.transform;
    const nk = Math.min(MAX_K, Math.max(MIN_K, k * factor));
    this.set({ k: nk, x: px - ((px - x) * nk) / k, y: py - ((py - y) * nk) / k });
  }

  /** Frames `box` (layout coordinates) with a margin; never zooms in past 100 %. */
  fit(box: Box, margin = 24): void {
    const { width, height } = this.size();
    if (box.width <= 0 || box.height <= 0) return;
    const k = Math.min(1, (width - 2 * margin) / box.width, (height - 2 * margin) / box.height);
    this.set({ k, x: (width - box.width * k) / 2 - box.x * k, y: (height - box.height * k) / 2 - box.y * k });
  }

  /** Centres `box` at the current zoom (zooming in to at least `minK`). */
  centerOn(box: Box, minK = 0.6): void {
    const { width, height } = this.size();
    const k = Math.max(this.transform.k, minK);
    this.set({ k, x: width / 2 - (box.x + box.width / 2) * k, y: height / 2 - (box.y + box.height / 2) * k });
  }

  /** True when `box` is fully on screen. */
  contains(box: Box, margin = 16): boolean {
    const v = this.visibleRect();
    return (
      box.x >= v.x + margin / this.transform.k &&
      box.y >= v.y + margin / this.transform.k &&
      box.x + box.width <= v.x + v.width - margin / this.transform.k &&
      box.y + box.height <= v.y + v.height - margin / this.transform.k
    );
  }

  /** The visible area in layout coordinates. */
  visibleRect(): Box {
    const { width, height } = this.size();
    const { x, y, k } = this.transform;
    return { x: -x / k, y: -y / k, width: width / k, height: height / k };
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.svg.getBoundingClientRect();
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.zoomBy(Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = {
      x: e.clientX,
      y: e.clientY,
      tx: this.transform.x,
      ty: this.transform.y,
      moved: false,
      id: e.pointerId,
    };
  }

  private onPointerMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      this.svg.setPointerCapture(e.pointerId);
      this.svg.parentElement?.classList.add('panning');
    }
    this.set({ ...this.transform, x: d.tx + dx, y: d.ty + dy });
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    if (!d.moved) this.onClick(e.target);
    this.endDrag();
  }

  private endDrag(): void {
    this.drag = undefined;
    this.svg.parentElement?.classList.remove('panning');
  }
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
