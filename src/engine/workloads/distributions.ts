// Token-frequency distributions. Token id = frequency rank (0 is the most frequent), so
// probabilities are non-increasing in the id and head/torso/tail buckets are id ranges.

export type DistributionSpec =
  | { kind: 'uniform' }
  /** p_k ∝ (k + 1)^-s, s >= 0. */
  | { kind: 'zipf'; s: number }
  /** The first headSize tokens share headShare of the mass, uniformly; the rest share the rest. */
  | { kind: 'headTail'; headSize: number; headShare: number };

/** Probabilities [n], summing to 1, non-increasing. */
export function probabilities(spec: DistributionSpec, n: number): Float64Array {
  const p = new Float64Array(n);
  switch (spec.kind) {
    case 'uniform':
      p.fill(1 / n);
      return p;
    case 'zipf': {
      let total = 0;
      for (let k = 0; k < n; k++) total += p[k] = Math.pow(k + 1, -spec.s);
      for (let k = 0; k < n; k++) p[k] /= total;
      return p;
    }
    case 'headTail': {
      const h = spec.headSize;
      for (let k = 0; k < n; k++) p[k] = k < h ? spec.headShare / h : (1 - spec.headShare) / (n - h);
      return p;
    }
  }
}

/** Problems with a distribution for n tokens, as messages (empty when valid). */
export function distributionErrors(spec: DistributionSpec, n: number): string[] {
  switch (spec.kind) {
    case 'uniform':
      return [];
    case 'zipf':
      return Number.isFinite(spec.s) && spec.s >= 0 && spec.s <= 10
        ? []
        : [`Zipf exponent must be a number from 0 to 10 (got ${spec.s}).`];
    case 'headTail': {
      const errors: string[] = [];
      if (!Number.isInteger(spec.headSize) || spec.headSize < 1 || spec.headSize >= n)
        errors.push(`Head size must be a whole number from 1 to ${n - 1} (got ${spec.headSize}).`);
      if (!(spec.headShare > 0 && spec.headShare < 1))
        errors.push(`Head share must be between 0 and 1, exclusive (got ${spec.headShare}).`);
      return errors;
    }
  }
}

/**
 * Head / torso / tail by rank: head = top 1%, torso = next 9%, tail = the rest; each at least
 * one token where n allows. Returns the end ids [headEnd, torsoEnd] (tail ends at n).
 */
export function bucketBounds(n: number): [number, number] {
  const headEnd = Math.max(1, Math.round(n * 0.01));
  const torsoEnd = Math.min(n - 1, Math.max(headEnd + 1, Math.round(n * 0.1)));
  return [headEnd, Math.max(headEnd, torsoEnd)];
}

export const BUCKETS = ['head', 'torso', 'tail'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function bucketOf(k: number, bounds: [number, number]): number {
  return k < bounds[0] ? 0 : k < bounds[1] ? 1 : 2;
}
