// How a number field moves under the arrow keys and its slider: on a log scale (rates, caps,
// sizes: each press one step of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) or a linear one
// (exponents, shares: ± step), within a range, whole numbers where the field takes only those.

export interface FieldScale {
  log: boolean;
  min: number;
  max: number;
  /** Linear scales: one arrow press. */
  step?: number;
  whole?: boolean;
  /** Offers a slider beside the field. */
  slider?: boolean;
}

const SCALES: [RegExp, FieldScale][] = [
  [/^lanes\.\d+\.lr$/, { log: true, min: 1e-4, max: 1e4, slider: true }],
  [/^lanes\.\d+\.cap$/, { log: true, min: 1, max: 1e4, slider: true }],
  [/^lanes\.\d+\.beta$/, { log: false, min: 0, max: 2, step: 0.05, slider: true }],
  [/^lanes\.\d+\.eps$/, { log: true, min: 1e-12, max: 1 }],
  [/^(rows|items)$/, { log: true, min: 2, max: 16_777_216, whole: true, slider: true }],
  [/^(tokens|itemTokens)\.s$/, { log: false, min: 0, max: 3, step: 0.05, slider: true }],
  [/^dim$/, { log: true, min: 1, max: 256, whole: true }],
  [/^batch$/, { log: true, min: 1, max: 65536, whole: true }],
  [/^noise$/, { log: false, min: 0, max: 10, step: 0.05 }],
  [/^bucketEnds\.[01]$/, { log: false, min: 0.5, max: 99.5, step: 0.5 }],
  [/^seed$/, { log: false, min: 0, max: 0xffffffff, step: 1, whole: true }],
];

export function scaleOf(path: string): FieldScale | undefined {
  return SCALES.find(([re]) => re.test(path))?.[1];
}

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/** The nice log-scale values around v: every NICE × 10^k. */
function niceAround(v: number): number[] {
  const e = Math.floor(Math.log10(v));
  return [e - 1, e, e + 1].flatMap((k) => NICE.map((m) => Number((m * 10 ** k).toPrecision(6))));
}

const clamp = (v: number, s: FieldScale) => Math.min(s.max, Math.max(s.min, v));
const tidy = (v: number, s: FieldScale) => (s.whole ? Math.round(v) : Number(v.toPrecision(6)));

/** One arrow press from v: up (+1) or down (−1); `big` (Shift) moves ten times as far. */
export function nudge(v: number, s: FieldScale, direction: 1 | -1, big = false): number {
  if (!Number.isFinite(v)) return s.log ? s.min : clamp(0, s);
  let out = v;
  for (let i = 0; i < (big ? 10 : 1); i++) {
    if (!s.log) out = Math.round((out + direction * s.step!) / s.step!) * s.step!;
    else {
      const around = niceAround(Math.max(out, Number.MIN_VALUE));
      out = direction > 0 ? around.find((n) => n > out * (1 + 1e-9))! : around.findLast((n) => n < out * (1 - 1e-9))!;
      if (s.whole && Math.round(out) === Math.round(v) && i === 0) out = Math.round(v) + direction;
    }
    out = clamp(out, s);
  }
  return tidy(out, s);
}

/** The slider's position (0 … 1000) for v, and back. */
export const SLIDER_STEPS = 1000;
export function sliderOf(v: number, s: FieldScale): number {
  if (!Number.isFinite(v)) return 0;
  const t = s.log ? Math.log(v / s.min) / Math.log(s.max / s.min) : (v - s.min) / (s.max - s.min);
  return Math.round(SLIDER_STEPS * Math.min(1, Math.max(0, t)));
}
export function valueOfSlider(x: number, s: FieldScale): number {
  const t = x / SLIDER_STEPS;
  const v = s.log ? s.min * (s.max / s.min) ** t : s.min + t * (s.max - s.min);
  if (s.log) return tidy(clamp(Number(v.toPrecision(2)), s), s);
  return tidy(clamp(Math.round(v / s.step!) * s.step!, s), s);
}
