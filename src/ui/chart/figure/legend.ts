// Which series an exported figure's legend lists (issue 27: "as clear as the page"): only those
// whose lines can be seen. A series with nothing inside the plot is left out; a series drawn
// within a pixel of an earlier one everywhere is listed as "… coincides with …" (e.g. FA-SGD on
// uniform tokens draws exactly SGD's curve), so the reader is not left looking for a line.

import { drawable } from '../chartScale.ts';
import type { Axes, Escape, Row, Series } from './plot.ts';

/** How a series shows in a plot: seen; hidden (nothing inside the plot); or under an earlier series. */
export type Visibility = { seen: true } | { seen: false; coincidesWith: Series | null };

/** Position of v along an axis as a fraction of its length (log axes in log space), clamped to [0, 1]. */
export function axisFraction(v: number, [lo, hi]: [number, number], log: boolean): number {
  const t = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
  return Math.min(1, Math.max(0, t));
}

/**
 * The visibility of each listed series of a plot `plotHeight` pixels high (unlisted series are
 * left out of the result). A series is seen when a value of it lies inside both axes' domains or
 * it left through the top (its escape mark shows it). A series lies under another when, at every
 * row where it has a value, the other has one too, less than a pixel away (once both are clamped
 * to the plot, in the axis' own scale). Which of two such series is said to coincide with the other:
 * a faint context line (a theory curve) with a curve of data, whichever comes first; of two alike,
 * the later with the earlier (the legend keeps its order).
 */
export function legendVisibility(
  rows: Row[],
  series: Series[],
  axes: Axes,
  plotHeight: number,
  escapes: Escape[],
): Map<string, Visibility> {
  const out = new Map<string, Visibility>();
  let seen: Series[] = [];
  const [x0, x1] = axes.xDomain;
  const [y0, y1] = axes.yDomain;
  const px = (v: number) => axisFraction(v, axes.yDomain, axes.yLog) * plotHeight;
  /** Whether `a` lies within a pixel of `b` wherever `a` has a value. */
  const under = (a: Series, b: Series) =>
    rows.every((r) => {
      const v = r[a.key];
      if (!drawable(v, axes.yLog)) return true;
      const w = r[b.key];
      return drawable(w, axes.yLog) && Math.abs(px(v) - px(w)) < 1;
    });
  for (const s of series) {
    if (s.unlisted) continue;
    const inside = rows.some(
      (r) =>
        drawable(r.x, axes.xLog) &&
        r.x >= x0 &&
        r.x <= x1 &&
        drawable(r[s.key], axes.yLog) &&
        r[s.key]! >= y0 &&
        r[s.key]! <= y1,
    );
    const escaped = escapes.some((e) => e.key === s.key);
    if (!inside && !escaped) {
      out.set(s.key, { seen: false, coincidesWith: null });
      continue;
    }
    // Under an earlier series at least as prominent (a faint one under any; data under data);
    // one that left through the top shows by its mark.
    const over = escaped ? undefined : seen.find((b) => (s.faint || !b.faint) && under(s, b));
    if (over) {
      out.set(s.key, { seen: false, coincidesWith: over });
      continue;
    }
    out.set(s.key, { seen: true });
    // A curve of data over earlier faint lines: those lie under it.
    if (!s.faint)
      seen = seen.filter((b) => {
        const hidden = b.faint && under(b, s);
        if (hidden) out.set(b.key, { seen: false, coincidesWith: s });
        return !hidden;
      });
    seen.push(s);
  }
  return out;
}
