// Walker/Vose alias table with integer thresholds (shaders/sampleBatch.wgsl samples it).
//
// Bin j of n is picked by mulhi(r0, n); the token is j when r1 < threshold[j], else alias[j].
// Thresholds are probabilities scaled by 2^32, so sampling is integer-only and identical on
// every device. Construction runs once per distribution on the CPU in float64.

import { mulhi } from './rng.ts';

export interface AliasTable {
  /** [n] u32: P(keep bin j) * 2^32, clamped to 2^32 - 1. */
  threshold: Uint32Array;
  /** [n] u32: token used when the bin is not kept. */
  alias: Uint32Array;
}

const TWO32 = 4294967296;

/** Vose's O(n) construction from probabilities p (sum 1, all >= 0). */
export function buildAliasTable(p: Float64Array): AliasTable {
  const n = p.length;
  const q = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    q[i] = p[i] * n;
    (q[i] < 1 ? small : large).push(i);
  }
  const threshold = new Uint32Array(n);
  const alias = new Uint32Array(n);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1];
    threshold[s] = Math.min(TWO32 - 1, Math.floor(q[s] * TWO32));
    alias[s] = l;
    q[l] = q[l] + q[s] - 1;
    if (q[l] < 1) {
      large.pop();
      small.push(l);
    }
  }
  // Leftovers are full bins (q = 1 up to rounding): always keep.
  for (const i of [...small, ...large]) {
    threshold[i] = TWO32 - 1;
    alias[i] = i;
  }
  return { threshold, alias };
}

/** Token for two uniform u32 draws. */
export function sampleAlias(table: AliasTable, r0: number, r1: number): number {
  const j = mulhi(r0, table.threshold.length);
  return r1 < table.threshold[j] ? j : table.alias[j];
}

/** Exact probability of each token under the table (for tests). */
export function aliasProbabilities(table: AliasTable): Float64Array {
  const n = table.threshold.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const keep = table.threshold[j] / TWO32;
    out[j] += keep / n;
    out[table.alias[j]] += (1 - keep) / n;
  }
  return out;
}
