// Reduce-by-row over the sorted occurrences. Reference: src/engine/reference/reduceRows.ts.
// A run is a maximal range of equal rows in sorted order; its start p owns the row this step.
//   countRows, thread p: at a run start, CF-SGD counters n_k += run length and the largest counter
//     of k's table (counters[R + t]) = max(itself, n_k), and p is appended to the list of run starts (runs[0]: U, how many; runs[1 …]: the
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
// [1 + O]: U, then the run starts (advanceStep sets U back to 0); countRows appends to it.
@group(0) @binding(4) var<storage, read_write> runs: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read> coefs: array<f32>;     // [L, B]
@group(0) @binding(6) var<storage, read> occRows: array<u32>;   // [O] row of occurrence o
@group(0) @binding(7) var<storage, read> contexts: array<f32>;  // [B, d]
@group(0) @binding(8) var<storage, read> table: array<f32>;     // [L, R, d], before this step's update
// The same run list, read-only for reduceRows: every thread reads runs[0], and an atomic load of one
// address is an interlocked operation on some backends (D3D12), which would serialise them all.
@group(0) @binding(9) var<storage, read> runList: array<u32>;

fn isRunStart(p: u32) -> bool {
  return p == 0u || pairs[p].x != pairs[p - 1u].x;
}

const COLS = 4u; // columns per thread

// P.workload, fixed per pipeline so each one holds only its workload's branch (with a uniform
// branch on P.workload, SwiftShader ran every branch: 50% more time at 40 lanes).
override WORKLOAD: u32;

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
  if (u >= runList[0]) {
    return;
  }
  let p = runList[1u + u];
  let l = t / (blocks * O);
  let j0 = (t % blocks) * COLS;
  let n = min(COLS, d - j0);
  let k = pairs[p].x;
  let lane = l * P.rows * d;
  var acc = vec4f(0.0);
  let B = P.batch;
  for (var q = p; q < O && pairs[q].x == k; q++) {
    // Occurrence o of sample i: its gradient row is coef × its partner (see the file comment).
    let o = pairs[q].y;
    // Sample i of occurrence o = f·B + i, without an integer division where S <= 2 (a division
    // per occurrence is slow where SIMD lanes have no integer divide, e.g. on CPU adapters).
    var i = o;
    if (WORKLOAD == 1u || WORKLOAD == 2u) {
      i = select(o - B, o, o < B);
    } else if (WORKLOAD == 3u) {
      i = o % B;
    }
    let coef = coefs[l * B + i];
    if (WORKLOAD == 0u) {
      let x = i * d + j0;
      for (var c = 0u; c < n; c++) {
        acc[c] += coef * contexts[x + c];
      }
    } else if (WORKLOAD == 3u) {
      for (var c = 0u; c < n; c++) {
        var sum = 0.0;
        for (var f = 0u; f < P.slots; f++) {
          sum += table[lane + occRows[f * B + i] * d + j0 + c];
        }
        acc[c] += coef * (sum - table[lane + k * d + j0 + c]);
      }
    } else {
      let partner = lane + occRows[select(i, o + B, o < B)] * d + j0;
      for (var c = 0u; c < n; c++) {
        acc[c] += coef * table[partner + c];
      }
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
  atomicMax(&counters[P.rows + tableOfRow(k, P.tableStart, P.slots)], n);
  atomicStore(&runs[1u + atomicAdd(&runs[0], 1u)], p);
}
