// Numbers in sentences, printed so a reader can check what the words say of them: at a precision
// that shows every stated order (two values that print alike are called alike), counts whole with
// their unit, changes in percent with as many decimals as it takes to be non-zero.

/** The most significant digits a sentence prints: values equal to this many are called equal. */
export const MOST_DIGITS = 6;

/** `x` to `digits` significant digits: 0.0923, 11.9, 1,500, 2.50e-6, 1.60e6; ∞ and — for the rest. */
export function print(x: number, digits = 3): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a === 0) return '0';
  if (a >= 0.01 && a < 1e6) {
    const v = Number(a.toPrecision(digits));
    return sign + (v >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 20 }) : String(v));
  }
  // The mantissa keeps its trailing zeros: they are digits asked for (4.0e-4, not 4e-4).
  const [m, e] = a.toExponential(digits - 1).split('e');
  return `${sign}${m}e${e.replace('+', '')}`;
}

/** Whether two values print alike at `digits` significant digits. */
export const alike = (a: number, b: number, digits = MOST_DIGITS) => print(a, digits) === print(b, digits);

/**
 * The fewest significant digits, from `least` up to MOST_DIGITS, at which every two of `values`
 * that are not alike at MOST_DIGITS print differently.
 */
export function digitsToTell(values: number[], least = 3): number {
  for (let d = least; d < MOST_DIGITS; d++) {
    const ok = values.every((a, i) => values.every((b, j) => j <= i || alike(a, b) || !alike(a, b, d)));
    if (ok) return d;
  }
  return MOST_DIGITS;
}

/**
 * Each of `values` at the fewest significant digits (from `least`) that tell it apart from the
 * values next to it in order: enough to show the order, no more ("0.0554; 0.086148; 0.086149").
 */
export function printEach(values: number[], least = 3): string[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const digits = values.map(() => least);
  order.forEach((i, r) => {
    for (const j of [order[r - 1], order[r + 1]])
      if (j !== undefined) digits[i] = Math.max(digits[i], digitsToTell([values[i], values[j]], least));
  });
  return values.map((v, i) => print(v, digits[i]));
}

/** "a token", "an item". */
export const article = (noun: string) => `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** An expected count: whole from 100 up ("1,000"), three significant digits below ("3.21"). */
export const count = (x: number) =>
  x >= 100 ? Math.round(Number(x.toPrecision(3))).toLocaleString('en-US') : print(x);

/** A whole number with separators: 10,000. */
export const whole = (n: number) => n.toLocaleString('en-US');

/**
 * How much lower or higher a is than b, in percent with the fewest decimals (up to 3) that keep it
 * from printing as 0: "−26%", "+0.4%". Values alike at MOST_DIGITS are the caller's to call equal.
 */
export function percent(a: number, b: number): string {
  const d = (a / b - 1) * 100;
  let decimals = 0;
  while (decimals < 3 && Number(Math.abs(d).toFixed(decimals)) === 0) decimals++;
  return `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(decimals)}%`;
}

/** A share in whole percent: 65%. */
export const share = (x: number) => `${Math.round(100 * x)}%`;

/** Names joined for a sentence: "A", "A and B", "A, B and C". */
export const names = (xs: string[]) =>
  xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
