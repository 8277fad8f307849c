// Reduce-by-row over the sorted occurrences. Reference: src/engine/reference/reduceRows.ts.
// A run is a maximal range of equal rows in sorted order; its start p owns the row this step.
//   countRows, thread p: at a run start, CF-SGD counters n_k += run length and n_max = max(n_max,
//     n_k), and p is appended to the list of run starts (runs[0]: U, how many; runs[1 …]: the
//     starts, in no particular order). Integer atomics only: counters and the set of starts do not
//     depend on order, and every later use of a start depends only on its own run.
//   reduceRows, thread (l, u, c): for the u-th run start p, sums columns [4c, 4c+4) of the run's
//     gradient rows, in sorted order, into G[l, occurrence(p), ·]. Each gradient row is formed here
//     from its sample's coefficient (forward.wgsl) and its partner: the context x_i (token
//     regression), the other row of the pair, or the sum of the sample's other field rows (CTR).
//     Threads u >= U leave at once; they sit at the end of each lane's range, so whole workgroups
//     skip (no thread of an occurrence that is not a run start is ever busy).

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;   // [L, O, d]: sums at run starts
// [R + 1]: n_k for each row, then n_max.
@group(0) @binding(3) var<storage, read_write> counters: array<atomic<u32>>;
// [1 + O]: U, then the run starts (advanceStep sets U back to 0).
@group(0) @binding(4) var<storage, read_write> runs: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read> coefs: array<f32>;     // [L, B]
@group(0) @binding(6) var<storage, read> occRows: array<u32>;   // [O] row of occurrence o
@group(0) @binding(7) var<storage, read> contexts: array<f32>;  // [B, d]
@group(0) @binding(8) var<storage, read> table: array<f32>;     // [L, R, d], before this step's update

// Column j of the gradient row of occurrence o (sample i = o mod B, slot f = o / B), given the
// sample's coefficient c; k is the occurrence's own row and lane the lane's first table word.
fn gradient(o: u32, j: u32, c: f32, k: u32, lane: u32) -> f32 {
  let B = P.batch;
  let d = P.dim;
  let i = o % B;
  if (P.workload == 0u) {
    return c * contexts[i * d + j];
  }
  if (P.workload == 3u) {
    var sum = 0.0;
    for (var f = 0u; f < P.slots; f++) {
      sum += table[lane + occRows[f * B + i] * d + j];
    }
    return c * (sum - table[lane + k * d + j]);
  }
  let partner = select(i, B + i, o < B);
  return c * table[lane + occRows[partner] * d + j];
}

fn isRunStart(p: u32) -> bool {
  return p == 0u || pairs[p].x != pairs[p - 1u].x;
}

const COLS = 4u; // columns per thread

@compute @workgroup_size(WG)
fn reduceRows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let d = P.dim;
  let blocks = (d + COLS - 1u) / COLS;
  let O = P.occurrences;
  if (t >= P.lanes * O * blocks) {
    return;
  }
  let u = (t / blocks) % O;
  if (u >= atomicLoad(&runs[0])) {
    return;
  }
  let p = atomicLoad(&runs[1u + u]);
  let l = t / (blocks * O);
  let j0 = (t % blocks) * COLS;
  let n = min(COLS, d - j0);
  let k = pairs[p].x;
  let lane = l * P.rows * d;
  var acc = vec4f(0.0);
  for (var q = p; q < O && pairs[q].x == k; q++) {
    let o = pairs[q].y;
    let coef = coefs[l * P.batch + o % P.batch];
    for (var c = 0u; c < n; c++) {
      acc[c] += gradient(o, j0 + c, coef, k, lane);
    }
  }
  let g = (l * O + pairs[p].y) * d + j0;
  for (var c = 0u; c < n; c++) {
    grads[g + c] = acc[c];
  }
}

@compute @workgroup_size(WG)
fn countRows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let p = linearIndex(gid, nwg);
  let O = P.occurrences;
  if (p >= O || !isRunStart(p)) {
    return;
  }
  let k = pairs[p].x;
  var q = p + 1u;
  while (q < O && pairs[q].x == k) {
    q++;
  }
  let n = atomicAdd(&counters[k], q - p) + (q - p);
  atomicMax(&counters[P.rows], n);
  atomicStore(&runs[1u + atomicAdd(&runs[0], 1u)], p);
}
