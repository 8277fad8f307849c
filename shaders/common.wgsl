// Declarations shared by every kernel; the op modules prepend this file to each shader.
// Dimension legend: R rows of the (concatenated) table, d dimension, B samples per step,
// O = S·B occurrences per step (S = 1 token regression, 2 pair workloads, F CTR fields), L lanes.

struct Params {
  rows: u32,          // R
  dim: u32,           // d
  batch: u32,         // B
  occurrences: u32,   // O
  lanes: u32,         // L
  seed: u32,
  userRows: u32,      // rows of the first table (tokens or users); items follow it
  workload: u32,      // 0 token regression, 1 matrix factorisation, 2 data (training pairs), 3 CTR
  invBatch: f32,      // 1 / B
  noise: f32,         // σ
  metricChunks: u32,  // C: chunks of metric items
  effRows: u32,       // E: rows whose effective step is reported
  metricsWords: u32,  // G + E: raw metric words per lane
  metricGroups: u32,  // G: loss sums per lane (src/engine/metrics.ts GROUP)
  trainPairs: u32,    // N: training pairs of a data run
  negThreshold: u32,  // a data sample is a negative when its draw 1 is below this
  loss: u32,          // 0 squared, 1 (LOGISTIC) logistic
  bias: f32,          // CTR: the global logit b
  scoresAt: u32,      // CTR: first word of the evaluation scores [L, M] in the metrics output
  slots: u32,         // S: table rows per sample (one per table)
  evalItems: u32,     // M: metric items
  itemHeadEnd: u32,   // matrix factorisation: first item rank of the torso, and of the tail
  itemTorsoEnd: u32,
  _pad2: u32,
  tableStart: array<vec4u, 3>, // first row of table t (t <= S; t = S: R), read with tableStartOf
}

const LOGISTIC = 1u; // Params.loss

// One optimizer lane (packLanes in src/engine/gpu/layout.ts).
struct Lane {
  kind: u32,          // 0 sgd, 1 fasgd, 2 cfsgd, 3 adagradRow, 4 adagradCoord
  lr: f32,            // η
  beta: f32,          // β
  cap: f32,           // c
  eps: f32,           // ε
  stateOffset: u32,   // first word of this lane's optimizer state in optState
  decay: f32,         // schedule t₀ (0: constant η)
  _pad1: u32,
}

// Lanes of a run at most (validateConfig): the size of the lanes array where it is a uniform.
const MAX_LANES = 64u;

// η(t)/η after `done` steps: 1/√(1 + done/t₀), or 1 for a constant η (src/engine/optimizers.ts).
fn scheduleFactor(lane: Lane, done: u32) -> f32 {
  if (lane.decay <= 0.0) {
    return 1.0;
  }
  return inverseSqrt(1.0 + f32(done) / lane.decay);
}

const SGD = 0u;
const FASGD = 1u;
const CFSGD = 2u;
const ADAGRAD_ROW = 3u;
const ADAGRAD_COORD = 4u;

// WGSL lets an implementation assume that no value is infinite (or NaN): an expression that would
// overflow has an indeterminate result there, so no kernel may rely on inf. Exponents are clamped
// before exp2, and the sigmoid takes exp of −|s| only.

// The largest exponent passed to exp2: 2^126 is finite in f32, with room for a product with η.
const MAX_EXP2 = 126.0;

// min(2^e, cap) without an infinity: the same value as unclamped whenever cap < 2^126 (the
// configuration allows caps up to 1e30).
fn cappedExp2(e: f32, cap: f32) -> f32 {
  return min(exp2(min(e, MAX_EXP2)), cap);
}

// σ(s) = 1/(1 + e^−s) from exp(−|s|) ≤ 1 (the same bits as that formula for s ≥ 0).
fn sigmoid(s: f32) -> f32 {
  let e = exp(-abs(s));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), s >= 0.0);
}

// m_k = min(ratio^β, c) of FA-SGD (ratio p_max/p_k, given as log2) and CF-SGD (n_ref/n_k from the
// counters, n_ref = referenceCount of k's table; a row never seen gets the cap), computed as
// exp2(β·log2 ratio); 1 for other lanes. A tail row's β·log2 ratio may pass 128 (p_k is floored at
// e^−700 of the head's): cappedExp2 returns the cap for it.
fn frequencyMultiplier(lane: Lane, log2FreqRatio: f32, n: u32, nref: f32) -> f32 {
  if (lane.kind == FASGD) {
    return cappedExp2(lane.beta * log2FreqRatio, lane.cap);
  }
  if (lane.kind == CFSGD) {
    if (n == 0u) {
      return lane.cap;
    }
    return cappedExp2(lane.beta * (log2(nref) - log2(f32(n))), lane.cap);
  }
  return 1.0;
}

// First row of table t from Params.tableStart (t = S: R).
fn startOf(starts: array<vec4u, 3>, t: u32) -> u32 {
  return starts[t / 4u][t % 4u];
}

// The table (0 … S − 1) of row k (S = Params.slots).
fn tableOfRow(k: u32, starts: array<vec4u, 3>, slots: u32) -> u32 {
  var t = 0u;
  while (t + 1u < slots && k >= startOf(starts, t + 1u)) {
    t++;
  }
  return t;
}

// E[max of n standard normals], and CF-SGD's reference count for a table of `rows` rows whose
// largest counter is nmax (src/engine/optimizers.ts: the same in float64, at least 1).
fn expectedMaxNormal(n: u32) -> f32 {
  if (n < 3u) {
    return 0.0;
  }
  let ln = log(f32(n));
  let a = sqrt(2.0 * ln);
  return max(0.0, a - (log(ln) + 2.5310242 - 1.1544313) / (2.0 * a)); // log(4π), 2γ
}

fn referenceCount(nmax: u32, rows: u32) -> f32 {
  let z = expectedMaxNormal(rows);
  if (z == 0.0) {
    return f32(nmax);
  }
  let goal = max(0.0, f32(nmax) - (z * z - 1.0) / 6.0);
  let u = (sqrt(z * z + 4.0 * goal) - z) / 2.0;
  return max(1.0, u * u);
}

// Threads per workgroup of the one-dimensional kernels. Grids larger than 65535 workgroups are
// folded into y; linearIndex undoes the fold.
const WG = 64u;

fn linearIndex(gid: vec3u, nwg: vec3u) -> u32 {
  return gid.y * nwg.x * WG + gid.x;
}

// ---- counter-based RNG (mirrors src/engine/sampling/rng.ts bit for bit) ----

fn pcg(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn sampleKey(seed: u32, step: u32, index: u32) -> u32 {
  return pcg(pcg(pcg(seed) + step) + index);
}

fn draw(base: u32, k: u32) -> u32 {
  return pcg(base + k);
}

fn mulhi(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
}

// f32 nearest to sqrt(3)/65536, set from TypeScript (NORMAL_SCALE) so both sides share the bits.
override NORMAL_SCALE: f32;

// Approximately N(0,1): centred sum of four 16-bit uniforms from draws k, k+1, times one constant.
fn normalDraw(base: u32, k: u32) -> f32 {
  let h0 = draw(base, k);
  let h1 = draw(base, k + 1u);
  let s = (h0 & 0xffffu) + (h0 >> 16u) + (h1 & 0xffffu) + (h1 >> 16u) + 2u;
  return f32(i32(s) - 131072) * NORMAL_SCALE;
}
