// Token-frequency distributions. Token id = frequency rank (0 is the most frequent), so
// probabilities are non-increasing in the id and head/torso/tail buckets are id ranges.
// Every token gets p > 0 (weights below e^-700 of the head's are raised to it), so log ratios
// such as FA-SGD's log2(p_max / p_k) stay finite.

export type DistributionSpec =
  | { kind: 'uniform' }
  /** p_k ∝ (k + 1)^-s, s >= 0. */
  | { kind: 'zipf'; s: number }
  /** The first headSize tokens share headShare of the mass, uniformly; the rest share the rest. */
  | { kind: 'headTail'; headSize: number; headShare: number }
  /** p_k ∝ (k + 1)^-s · exp(-(k + 1) / cutoff): a power law bent down past rank `cutoff`. */
  | { kind: 'powerLaw'; s: number; cutoff: number }
  /**
   * A hand-drawn rank-frequency curve: log10 of the relative weight at DRAWN_KNOTS knots spaced
   * evenly in log rank from rank 1 to rank N (null: not drawn there). Scales to any N.
   */
  | { kind: 'drawn'; knots: (number | null)[] }
  /** Observed counts, one per token (any order, all > 0); the vocabulary is their number. */
  | { kind: 'counts'; counts: number[] };

export type DistributionKind = DistributionSpec['kind'];

export const DISTRIBUTION_LABEL: Record<DistributionKind, string> = {
  uniform: 'Uniform',
  zipf: 'Zipf',
  headTail: 'Head / tail',
  powerLaw: 'Power law with cutoff',
  drawn: 'Drawn curve',
  counts: 'Pasted or uploaded counts',
};

/** Knots of a drawn curve, and the lowest relative weight one may have (log10). */
/** A distribution in words: 'Zipf s=1.1', 'uniform', … */
export function distributionSummary(d: DistributionSpec): string {
  switch (d.kind) {
    case 'zipf':
      return `Zipf s=${d.s}`;
    case 'powerLaw':
      return `power law s=${d.s}, cutoff ${d.cutoff}`;
    case 'headTail':
      return `head/tail ${d.headSize} tokens with ${d.headShare * 100}%`;
    default:
      return DISTRIBUTION_LABEL[d.kind].toLowerCase();
  }
}

export const DRAWN_KNOTS = 24;
export const DRAWN_FLOOR = -8;

/** Rank (1-based) of knot i of a drawn curve over n tokens. */
export const knotRank = (i: number, n: number) => Math.pow(n, i / (DRAWN_KNOTS - 1));

/** Largest number of tokens a counts distribution may have. */
export const MAX_COUNT_TOKENS = 1 << 20;

const LOG_FLOOR = -700;

/** Normalises natural-log weights into probabilities (floored, see above). */
function fromLogWeights(logw: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logw) max = Math.max(max, v);
  let total = 0;
  const p = logw.map((v) => Math.exp(Math.max(v - max, LOG_FLOOR)));
  for (const v of p) total += v;
  return p.map((v) => v / total);
}

/** Probabilities [n], summing to 1, non-increasing, all > 0. For 'counts', n must equal their number. */
export function probabilities(spec: DistributionSpec, n: number): Float64Array {
  switch (spec.kind) {
    case 'uniform':
      return new Float64Array(n).fill(1 / n);
    case 'zipf':
      return fromLogWeights(Float64Array.from({ length: n }, (_, k) => -spec.s * Math.log(k + 1)));
    case 'headTail': {
      const h = spec.headSize;
      return Float64Array.from({ length: n }, (_, k) => (k < h ? spec.headShare / h : (1 - spec.headShare) / (n - h)));
    }
    case 'powerLaw':
      return fromLogWeights(
        Float64Array.from({ length: n }, (_, k) => -spec.s * Math.log(k + 1) - (k + 1) / spec.cutoff),
      );
    case 'drawn': {
      // Linear in log-log between knots; sorted, since rank is by definition frequency order.
      const knots = spec.knots as number[];
      const scale = (DRAWN_KNOTS - 1) / Math.log(n);
      const logw = Float64Array.from({ length: n }, (_, k) => {
        const x = n > 1 ? Math.log(k + 1) * scale : 0;
        const i = Math.min(DRAWN_KNOTS - 2, Math.floor(x));
        const y = knots[i] + (knots[i + 1] - knots[i]) * (x - i);
        return y * Math.LN10;
      });
      return fromLogWeights(logw).sort().reverse();
    }
    case 'counts': {
      const sorted = Float64Array.from(spec.counts).sort().reverse();
      const total = sorted.reduce((a, b) => a + b, 0);
      return sorted.map((c) => c / total);
    }
  }
}

/** The last probabilities shared: the page asks for the same ones from several places (1M rows: ~0.1 s each). */
let lastShared: { key: string; p: Float64Array } | null = null;

/**
 * probabilities(spec, n), computed once while the same spec and n are asked for in a row (the
 * page's previews, notes and stability limits). The array is shared: callers must not write to it.
 */
export function sharedProbabilities(spec: DistributionSpec, n: number): Float64Array {
  const key = JSON.stringify([spec, n]);
  if (lastShared?.key !== key) lastShared = { key, p: probabilities(spec, n) };
  return lastShared.p;
}

/** Vocabularies above this get closed-form previews instead of a full probability array. */
const FULL_ARRAY_MAX = 1 << 21;

/**
 * k ↦ p_k for a valid spec, without an n-sized array for the closed-form kinds (previews of
 * vocabularies up to 2^24): the normaliser is summed once, in the same order as `probabilities`.
 */
export function probabilityFn(spec: DistributionSpec, n: number): (k: number) => number {
  const logWeight =
    spec.kind === 'zipf'
      ? (k: number) => -spec.s * Math.log(k + 1)
      : spec.kind === 'powerLaw'
        ? (k: number) => -spec.s * Math.log(k + 1) - (k + 1) / spec.cutoff
        : null;
  if (spec.kind === 'uniform') return () => 1 / n;
  if (spec.kind === 'headTail')
    return (k) => (k < spec.headSize ? spec.headShare / spec.headSize : (1 - spec.headShare) / (n - spec.headSize));
  if (logWeight && n > FULL_ARRAY_MAX) {
    const max = logWeight(0);
    const w = (k: number) => Math.exp(Math.max(logWeight(k) - max, LOG_FLOOR));
    let total = 0;
    for (let k = 0; k < n; k++) total += w(k);
    return (k) => w(k) / total;
  }
  const p = sharedProbabilities(spec, n);
  return (k) => p[k];
}

const finiteIn = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;

/** One problem with a distribution: the parameter at fault (null: the whole distribution) and why. */
export interface DistributionProblem {
  param: 's' | 'headSize' | 'headShare' | 'cutoff' | null;
  message: string;
}

/** Problems with a distribution for n tokens (empty when valid). */
export function distributionErrors(spec: DistributionSpec, n: number): DistributionProblem[] {
  const whole = (messages: string[]) => messages.map((message) => ({ param: null, message }));
  switch (spec.kind) {
    case 'uniform':
      return [];
    case 'zipf':
      return finiteIn(spec.s, 0, 10)
        ? []
        : [{ param: 's', message: `Zipf exponent must be a number from 0 to 10 (got ${spec.s}).` }];
    case 'headTail': {
      const errors: DistributionProblem[] = [];
      if (!Number.isInteger(spec.headSize) || spec.headSize < 1 || spec.headSize >= n)
        errors.push({
          param: 'headSize',
          message: `Head size must be a whole number from 1 to ${n - 1} (got ${spec.headSize}).`,
        });
      if (!(spec.headShare > 0 && spec.headShare < 1))
        errors.push({
          param: 'headShare',
          message: `Head share must be between 0 and 1, exclusive (got ${spec.headShare}).`,
        });
      return errors;
    }
    case 'powerLaw': {
      const errors: DistributionProblem[] = [];
      if (!finiteIn(spec.s, 0, 10))
        errors.push({ param: 's', message: `Power-law exponent must be a number from 0 to 10 (got ${spec.s}).` });
      if (!finiteIn(spec.cutoff, 1, 1e9))
        errors.push({
          param: 'cutoff',
          message: `Cutoff rank must be a number from 1 to 1,000,000,000 (got ${spec.cutoff}).`,
        });
      return errors;
    }
    case 'drawn':
      return whole(drawnCurveErrors(spec.knots, n));
    case 'counts': {
      const c = spec.counts;
      if (Array.isArray(c) && c.length === 0) return whole(['Paste or upload counts first.']);
      if (!Array.isArray(c) || c.length < 2 || c.length > MAX_COUNT_TOKENS)
        return whole([`Counts must list from 2 to ${MAX_COUNT_TOKENS.toLocaleString('en-US')} tokens.`]);
      const bad = c.findIndex((v) => !(Number.isFinite(v) && v > 0));
      if (bad >= 0) return whole([`Count ${bad + 1} must be a finite number > 0 (got ${c[bad]}).`]);
      if (c.length !== n) return whole([`The counts describe ${c.length} tokens, but the vocabulary has ${n}.`]);
      return [];
    }
    default:
      return whole([`Unknown distribution "${String((spec as { kind: unknown }).kind)}".`]);
  }
}

/** Problems with a drawn curve: wrong shape, values off the pad, or gaps (named by rank). */
export function drawnCurveErrors(knots: (number | null)[], n: number): string[] {
  if (!Array.isArray(knots) || knots.length !== DRAWN_KNOTS)
    return [`A drawn curve has ${DRAWN_KNOTS} points (got ${Array.isArray(knots) ? knots.length : 'none'}).`];
  if (knots.every((y) => y === null)) return ['Draw a curve first: drag across the pad from rank 1 to the last rank.'];
  const off = knots.findIndex((y) => y !== null && !finiteIn(y, DRAWN_FLOOR, 0));
  if (off >= 0) return [`Point ${off + 1} of the drawn curve is off the pad (log10 weight ${knots[off]}).`];
  const rank = (i: number) => Math.round(knotRank(i, n)).toLocaleString('en-US');
  const first = knots.findIndex((y) => y !== null);
  const last = knots.length - 1 - [...knots].reverse().findIndex((y) => y !== null);
  if (first > 0) return [`The drawn curve starts at rank ${rank(first)}: draw it from rank 1.`];
  if (last < knots.length - 1) return [`The drawn curve ends at rank ${rank(last)}: draw it to the last rank.`];
  const gap = knots.findIndex((y) => y === null);
  if (gap >= 0) {
    let end = gap;
    while (knots[end] === null) end++;
    return [`The drawn curve has a gap between rank ${rank(gap - 1)} and rank ${rank(end)}: draw across it.`];
  }
  return [];
}

/** Head / torso / tail ends as fractions of the ranks: head = top 1%, torso = up to 10%. */
export const DEFAULT_BUCKET_ENDS: [number, number] = [0.01, 0.1];

/**
 * Head / torso / tail by rank: head = the top `ends[0]` of the tokens, torso up to `ends[1]`,
 * tail = the rest; each at least one token where n allows. Returns the end ids [headEnd, torsoEnd]
 * (tail ends at n).
 */
export function bucketBounds(n: number, ends: [number, number] = DEFAULT_BUCKET_ENDS): [number, number] {
  const headEnd = Math.min(n - 1, Math.max(1, Math.round(n * ends[0])));
  const torsoEnd = Math.min(n - 1, Math.max(headEnd + 1, Math.round(n * ends[1])));
  return [headEnd, Math.max(headEnd, torsoEnd)];
}

/** Problems with bucket ends (fractions of the ranks). */
export function bucketEndsErrors(ends: [number, number]): { index: 0 | 1; message: string }[] {
  const errors: { index: 0 | 1; message: string }[] = [];
  const [h, t] = ends;
  if (!(Number.isFinite(h) && h > 0 && h < 1))
    errors.push({
      index: 0,
      message: `The head must be more than 0% and less than 100% of the ranks (got ${h * 100}%).`,
    });
  if (!(Number.isFinite(t) && t > 0 && t < 1))
    errors.push({ index: 1, message: `The torso must end above 0% and below 100% of the ranks (got ${t * 100}%).` });
  else if (errors.length === 0 && !(t > h)) {
    // Either number may be the one to change: both fields say so.
    const message = `The head (top ${+(h * 100).toPrecision(12)}%) must end before the torso does (${+(t * 100).toPrecision(12)}%).`;
    errors.push({ index: 0, message }, { index: 1, message });
  }
  return errors;
}

export const BUCKETS = ['head', 'torso', 'tail'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function bucketOf(k: number, bounds: [number, number]): number {
  return k < bounds[0] ? 0 : k < bounds[1] ? 1 : 2;
}

/** Rank bins of the per-token error chart: log-spaced in rank. */
export const RANK_BINS = 16;

/** Bin of token id k among n: floor(RANK_BINS · ln(k + 1) / ln(n)), the last bin closed. */
export function rankBinOf(k: number, n: number): number {
  return n <= 1 ? 0 : Math.min(RANK_BINS - 1, Math.floor((RANK_BINS * Math.log(k + 1)) / Math.log(n)));
}

/** First token id of each rank bin, then n: [RANK_BINS + 1] (equal neighbours mark an empty bin). */
export function rankBinStarts(n: number): Uint32Array {
  const starts = new Uint32Array(RANK_BINS + 1).fill(n);
  for (let k = n - 1; k >= 0; k--) starts[rankBinOf(k, n)] = k;
  for (let b = RANK_BINS - 1; b >= 0; b--) starts[b] = Math.min(starts[b], starts[b + 1]);
  return starts;
}
