// The optimizer family, shared by every engine (GPU, fast CPU, float64 reference).
// Per row k present in a step, g_k = that row's summed gradient of the mean batch loss:
//   sgd           θ_k −= η g_k
//   fasgd         θ_k −= η m_k g_k,  m_k = min((p_max / p_k)^β, c)        (true frequencies)
//   cfsgd         n_k += r_k;  θ_k −= η m_k g_k,  m_k = min((n_ref / n_k)^β, c)  (counters; n_ref:
//                 the largest counter of k's table, less its selection bias: referenceCount)
//   adagradRow    s_k += mean_j g_kj²;  θ_k −= η g_k / (√s_k + ε)
//   adagradCoord  s_kj += g_kj²;  θ_kj −= η g_kj / (√s_kj + ε)
// Semantics are "dedupe, then update": duplicates of a row in a batch are summed first and the
// optimizer runs once per unique row (as in FBGEMM), so Adagrad accumulates (Σ g)², not Σ g².

export const OPTIMIZERS = ['sgd', 'fasgd', 'cfsgd', 'adagradRow', 'adagradCoord'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

/** Numeric code of each kind in WGSL (Lane.kind in shaders/common.wgsl). */
export const OPTIMIZER_CODE: Record<OptimizerKind, number> = {
  sgd: 0,
  fasgd: 1,
  cfsgd: 2,
  adagradRow: 3,
  adagradCoord: 4,
};

export const OPTIMIZER_LABEL: Record<OptimizerKind, string> = {
  sgd: 'SGD',
  fasgd: 'FA-SGD',
  cfsgd: 'CF-SGD',
  adagradRow: 'Adagrad (row-wise)',
  adagradCoord: 'Adagrad (coordinate-wise)',
};

/**
 * Float optimizer state per embedding row for dimension d: row-wise Adagrad 1, coordinate-wise d,
 * others 0. (CF-SGD's one u32 counter per row is kept once per run: all lanes share the stream.)
 */
export function stateWordsPerRow(kind: OptimizerKind, d: number): number {
  return kind === 'adagradRow' ? 1 : kind === 'adagradCoord' ? d : 0;
}

/** Frequency boost min(ratio^β, cap) for ratio = p_max/p_k (FA-SGD) or n_max/n_k (CF-SGD). */
export function boost(ratio: number, beta: number, cap: number): number {
  return Math.min(Math.pow(ratio, beta), cap);
}

/**
 * The schedule's factor η(t)/η after `done` steps (for step done + 1): 1/√(1 + done/t₀), or 1 for a
 * constant η (t₀ absent or 0). Rounded to f32, as the GPU computes it.
 */
export function scheduleFactor(decay: number | undefined, done: number): number {
  return decay ? Math.fround(1 / Math.sqrt(1 + done / decay)) : 1;
}

/** The lane as it steps after `done` steps: its η times the schedule's factor (f32, as on the GPU). */
export function laneAt<T extends { lr: number; decay?: number }>(lane: T, done: number): T {
  return lane.decay ? { ...lane, lr: Math.fround(Math.fround(lane.lr) * scheduleFactor(lane.decay, done)) } : lane;
}

/** E[max of n standard normals] (the Gumbel limit, at least 0): a maximum's selection bias. */
export function expectedMaxNormal(n: number): number {
  if (n < 3) return 0;
  const a = Math.sqrt(2 * Math.log(n));
  const EULER_GAMMA = 0.5772156649;
  return Math.max(0, a - (Math.log(Math.log(n)) + Math.log(4 * Math.PI) - 2 * EULER_GAMMA) / (2 * a));
}

/**
 * CF-SGD's reference count for a table of `rows` rows whose largest counter is `nmax`. The largest
 * of noisy counts is biased upwards: were the rows equally frequent with mean count c (Poisson), it
 * would be about c + z√c + (z² − 1)/6 (z = expectedMaxNormal(rows); the last term is the Poisson
 * skew's, Cornish–Fisher), so n_ref solves that for c. On equally frequent rows the boost n_ref/n_k
 * is then about 1; once a head row clearly leads, n_ref is within a few percent of its count. At
 * least 1 (a tiny early maximum would otherwise give 0). The GPU computes the same in f32.
 */
export function referenceCount(nmax: number, rows: number): number {
  const z = expectedMaxNormal(rows);
  const target = Math.max(0, nmax - (z * z - 1) / 6);
  const u = (-z + Math.sqrt(z * z + 4 * target)) / 2;
  return z === 0 ? nmax : Math.max(1, u * u);
}

/** "SGD (η=10)": how a lane is named in legends, tables and CSV headers. */
export function laneLabel(lane: { optimizer: OptimizerKind; lr: number; decay?: number }): string {
  return `${OPTIMIZER_LABEL[lane.optimizer]} (η=${lane.lr}${lane.decay ? `/√(1+t/${lane.decay})` : ''})`;
}
