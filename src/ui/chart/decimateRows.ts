// Fewer points for drawing: each series thinned to about `target` points by largest-triangle-
// three-buckets (LTTB: keeps the points that shape the curve, spikes included), in the axes' own
// coordinates (log where the axis is log). The store keeps every point for CSV and tables; only
// what is drawn is thinned, family by family (series with values on the same rows).

import { drawable, type Row } from './chartScale.ts';

/** A series to thin: `key`, drawn with these other keys (a band's bounds) kept at the same rows. */
export interface DecimateGroup {
  key: string;
  with?: string[];
  /** Points to keep, if not the call's `target` (a family keeps its first member's). */
  target?: number;
}

/**
 * Indices (into xs and each of ys) LTTB keeps: at most `target`, always the first and the last.
 * Several series over the same xs are thinned together: each bucket keeps the point whose
 * triangles, summed over the series, are largest, so they all keep the same rows.
 */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>[], target: number): number[] {
  const n = xs.length;
  if (n <= target || target < 3) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  const every = (n - 2) / (target - 2);
  let a = 0;
  for (let b = 0; b < target - 2; b++) {
    // Bucket b holds points [start, end); the next bucket's average is the third corner.
    const start = Math.floor(b * every) + 1;
    const end = Math.min(n - 1, Math.floor((b + 1) * every) + 1);
    const nextEnd = Math.min(n, Math.floor((b + 2) * every) + 1);
    const [from, to] = nextEnd > end ? [end, nextEnd] : [n - 1, n];
    let cx = 0;
    for (let i = from; i < to; i++) cx += xs[i];
    cx /= to - from;
    const cys = ys.map((y) => {
      let c = 0;
      for (let i = from; i < to; i++) c += y[i];
      return c / (to - from);
    });
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      let area = 0;
      for (let k = 0; k < ys.length; k++) {
        const y = ys[k];
        area += Math.abs((xs[a] - cx) * (y[i] - y[a]) - (xs[a] - xs[i]) * (cys[k] - y[a]));
      }
      if (area > bestArea) {
        best = i;
        bestArea = area;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

/** Series that have values on the same rows, and those rows, thinned, holding only their keys. */
export interface Family {
  keys: string[];
  rows: Row[];
}

/**
 * What to draw: the groups in families by the rows they have values on (finite, and positive on a
 * log axis; others are left out), e.g. the lanes of one run, or their theory curves; each family's
 * rows thinned together to at most `target`, holding only its keys (a group's key and its `with`
 * keys). Recharts walks every row of a line's data, so each family is drawn from its own.
 */
export function decimateRows(
  rows: Row[],
  groups: DecimateGroup[],
  { target = 300, xLog = false, yLog = true }: { target?: number; xLog?: boolean; yLog?: boolean } = {},
): Family[] {
  const fx = (v: number) => (xLog ? Math.log(v) : v);
  const fy = (v: number) => (yLog ? Math.log(v) : v);
  const families = new Map<string, { at: number[]; members: DecimateGroup[] }>();
  for (const g of groups) {
    const at: number[] = [];
    for (let i = 0; i < rows.length; i++) if (drawable(rows[i].x, xLog) && drawable(rows[i][g.key], yLog)) at.push(i);
    if (at.length === 0) continue;
    // The rows' identity: count, first, last and a hash of every index (a string of them all costs more).
    let hash = 0;
    for (const i of at) hash = (Math.imul(hash, 31) + i) | 0;
    const id = `${at.length}:${at[0]}:${at[at.length - 1]}:${hash}`;
    const family = families.get(id) ?? families.set(id, { at, members: [] }).get(id)!;
    family.members.push(g);
  }
  return [...families.values()].map(({ at, members }) => {
    const xs = at.map((i) => fx(rows[i].x!));
    const ys = members.map((g) => at.map((i) => fy(rows[i][g.key]!)));
    const keys = members.flatMap((g) => [g.key, ...(g.with ?? [])]);
    const kept = lttb(xs, ys, members[0].target ?? target).map((k) => {
      const r = rows[at[k]];
      const row: Row = { x: r.x };
      for (const key of keys) if (drawable(r[key], yLog)) row[key] = r[key];
      return row;
    });
    return { keys, rows: kept };
  });
}
