// Numbers as the page prints them: three significant digits, short exponents, and a sign for
// values that are not finite.

/** Short numbers for ticks and tooltips: 0, 0.25, 1500, 1e-4, 2.5e-6; ∞ and — (NaN) for the rest. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 10000)) return String(Number(v.toPrecision(3)));
  const [m, e] = v.toExponential(1).split('e');
  return `${m.replace(/\.0$/, '')}e${e.replace('+', '')}`;
}
