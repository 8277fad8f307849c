// Axis scales of the charts: the value ranges of rows, and round ticks (decades on a log axis).
// Recharts' own log ticks are not decades, and a log axis without an explicit domain blanks the
// chart, so every chart passes both.

/** One chart row: x and a value per series key (null or absent: no value at this x). */
export type Row = Record<string, number | null>;

/** Log-axis ticks covering [lo, hi]: powers of ten (every k-th over many decades), plus 2× and 5× when few show. */
export function logTicks(lo: number, hi: number): number[] {
  const [e0, e1] = [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
  // Within one decade (held-out losses often are) 1–8 × 10^k; within two 1, 2, 5; else decades.
  const steps = e1 - e0 <= 1 ? [1, 2, 3, 4, 5, 6, 8] : e1 - e0 <= 2 ? [1, 2, 5] : [1];
  // At most about 10 labels: every k-th decade over a wide range.
  const k = Math.max(1, Math.ceil((e1 - e0) / 10));
  const out: number[] = [];
  for (let e = e0; e <= e1 + k - 1; e += k) for (const m of steps) out.push(Number((m * 10 ** e).toPrecision(1)));
  const first = out.findLastIndex((t) => t <= lo);
  const last = out.findIndex((t) => t >= hi);
  return out.slice(Math.max(0, first), last < 0 ? out.length : last + 1);
}

/** Whether v can be placed on an axis at all (finite; positive on a log axis). */
export const drawable = (v: number | null | undefined, log: boolean): v is number =>
  v != null && Number.isFinite(v) && (!log || v > 0);

/** Positive finite range of the given keys over the rows ([0.01, 1] when there is none). */
export function positiveRange(rows: Row[], keys: string[]): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (v != null && Number.isFinite(v) && v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  return hi > 0 ? [lo, hi] : [0.01, 1];
}

/** Finite range of the given keys over the rows ([0, 1] when there is none). */
export function valueRange(rows: Row[], keys: string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (v != null && Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  return hi >= lo ? [lo, hi] : [0, 1];
}

/** A log range at least a factor 2.25 wide around its middle (one value alone gets an axis it sits in the middle of). */
export function widenLog([lo, hi]: [number, number]): [number, number] {
  return hi / lo >= 2.25 ? [lo, hi] : [Math.sqrt(lo * hi) / 1.5, Math.sqrt(lo * hi) * 1.5];
}

/** About `count` round ticks (1, 2 or 5 × 10^k apart) covering [lo, hi] (a linear axis that need not start at 0). */
export function rangeTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo, lo + 1];
  const raw = (hi - lo) / count;
  const e = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * e).find((s) => s >= raw)!;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** About `count` round ticks from 0 to at least hi. */
export const linearTicks = (hi: number, count = 5) => rangeTicks(0, Math.max(0, hi), count);
