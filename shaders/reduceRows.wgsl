// Reduce-by-row over the sorted occurrences. Reference: src/engine/reference/reduceRows.ts.
// A run is a maximal range of equal rows in sorted order; its start p owns the row this step. The
// sorted positions are cut into segments of SEGMENT; a run falls into one part per segment it
// touches, so no thread walks more than SEGMENT positions however hot a row is (the head row of a
// skewed batch may hold a third of it).
//   countRows, thread s: for each part of segment s, CF-SGD counters n_k += part length and the
//     largest counter of k's table (counters[R + t]) = max(itself, n_k); and how many runs start in
//     the segment (segmentRuns[s]). Integer atomics only: the counters do not depend on order (the
//     last part of a run to add sees its whole count).
//   prefixRuns, one thread: segmentRuns becomes each segment's first slot in the run list (an
//     exclusive prefix sum, in segment order), runs[0] = U, and the grids of the per-run kernels
//     (launch: L·U·⌈d/4⌉ threads at 0, L·U at 3; more than 65,535 workgroups fold into y), so they
//     start only threads that have a run, in a dispatch of their own (an indirect buffer may not be
//     written where it is used). A single thread: there are at most O/SEGMENT (2,048) segments, and
//     WebGPU promises no order between workgroups that a one-pass scan would need.
//   listRuns, thread s: writes the run starts of segment s at its slots: the list runs[1 …] is in
//     sorted order (neighbouring threads of the per-run kernels take neighbouring rows), the same
//     on every device.
//   segmentSums, thread (l, s, c): for each part of segment s, sums columns [4c, 4c+4) of the
//     part's gradient rows, in sorted order, into grads[l, q, ·] at the part's first position q. Each
//     gradient row is formed here from its sample's coefficient (forward.wgsl) and its partner: the
//     context x_i (token regression), the other row of the pair, or the sum of the sample's other
//     field rows (CTR).
//   combineRuns, thread (l, u, c): for the u-th run start p, adds the run's later parts (at the
//     segment boundaries inside it) to its first, in order: grads[l, p, ·] is the run's sum.

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;   // [L, O, d] by sorted position
// [R + 1]: n_k for each row, then n_max.
@group(0) @binding(3) var<storage, read_write> counters: array<atomic<u32>>;
// [1 + O]: U, then the run starts in sorted order (prefixRuns and listRuns write it).
@group(0) @binding(4) var<storage, read_write> runs: array<u32>;
@group(0) @binding(5) var<storage, read> coefs: array<f32>;     // [L, B]
@group(0) @binding(6) var<storage, read> occRows: array<u32>;   // [O] row of occurrence o
@group(0) @binding(7) var<storage, read> contexts: array<f32>;  // [d, B]
@group(0) @binding(8) var<storage, read> table: array<f32>;     // [L, R, d], before this step's update
// The same run list, read-only for combineRuns (every thread reads runList[0]).
@group(0) @binding(9) var<storage, read> runList: array<u32>;
@group(0) @binding(10) var<storage, read_write> launch: array<u32>;      // [6]: two (x, y, z) grids
@group(0) @binding(11) var<storage, read_write> segmentRuns: array<u32>; // [⌈O / SEGMENT⌉]

// Sorted positions per segment (src/engine/reference/reduceRows.ts SEGMENT).
override SEGMENT: u32;

const COLS = 4u; // columns per thread

// P.workload, fixed per pipeline so each one holds only its workload's branch (with a uniform
// branch on P.workload, SwiftShader ran every branch: 50% more time at 40 lanes).
override WORKLOAD: u32;

// Segments of the sorted positions, and the end of segment s (its start is s·SEGMENT).
fn segmentCount() -> u32 {
  return (P.occurrences + SEGMENT - 1u) / SEGMENT;
}

fn segmentEnd(s: u32) -> u32 {
  return min(P.occurrences, (s + 1u) * SEGMENT);
}

fn isRunStart(p: u32) -> bool {
  return p == 0u || pairs[p].x != pairs[p - 1u].x;
}

// The end of the part that starts at q: the next change of row, or the segment's end.
fn partEnd(q: u32, segmentEnd: u32) -> u32 {
  let k = pairs[q].x;
  var e = q + 1u;
  while (e < segmentEnd && pairs[e].x == k) {
    e++;
  }
  return e;
}

// Columns [j0, j0 + n) of occurrence o's gradient row in lane l (see the file comment).
fn gradientRow(l: u32, o: u32, k: u32, j0: u32, n: u32) -> vec4f {
  let d = P.dim;
  let B = P.batch;
  let lane = l * P.rows * d;
  // Sample i of occurrence o = f·B + i, without an integer division where S <= 2 (a division
  // per occurrence is slow where SIMD lanes have no integer divide, e.g. on CPU adapters).
  var i = o;
  if (WORKLOAD == 1u || WORKLOAD == 2u) {
    i = select(o - B, o, o < B);
  } else if (WORKLOAD == 3u) {
    i = o % B;
  }
  let coef = coefs[l * B + i];
  var g = vec4f(0.0);
  if (WORKLOAD == 0u) {
    for (var c = 0u; c < n; c++) {
      g[c] = coef * contexts[(j0 + c) * B + i];
    }
  } else if (WORKLOAD == 3u) {
    for (var c = 0u; c < n; c++) {
      var sum = 0.0;
      for (var f = 0u; f < P.slots; f++) {
        sum += table[lane + occRows[f * B + i] * d + j0 + c];
      }
      g[c] = coef * (sum - table[lane + k * d + j0 + c]);
    }
  } else {
    let partner = lane + occRows[select(i, o + B, o < B)] * d + j0;
    for (var c = 0u; c < n; c++) {
      g[c] = coef * table[partner + c];
    }
  }
  return g;
}

@compute @workgroup_size(WG)
fn segmentSums(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let d = P.dim;
  let blocks = (d + COLS - 1u) / COLS;
  let O = P.occurrences;
  let segments = segmentCount();
  if (t >= P.lanes * segments * blocks) {
    return;
  }
  let l = t / (segments * blocks);
  let s = (t / blocks) % segments;
  let j0 = (t % blocks) * COLS;
  let n = min(COLS, d - j0);
  let end = segmentEnd(s);
  var q = s * SEGMENT;
  while (q < end) {
    let k = pairs[q].x;
    let e = partEnd(q, end);
    var acc = vec4f(0.0);
    for (var r = q; r < e; r++) {
      acc += gradientRow(l, pairs[r].y, k, j0, n);
    }
    let g = (l * O + q) * d + j0;
    for (var c = 0u; c < n; c++) {
      grads[g + c] = acc[c];
    }
    q = e;
  }
}

// The grid of `threads` WG-sized threads into launch[at …] (x ≥ 1, so y is defined; 0 threads: y = 0).
fn writeGrid(threads: u32, at: u32) {
  let groups = (threads + WG - 1u) / WG;
  let x = max(1u, min(groups, 65535u));
  launch[at] = x;
  launch[at + 1u] = (groups + x - 1u) / x;
  launch[at + 2u] = 1u;
}

@compute @workgroup_size(1)
fn prefixRuns() {
  var U = 0u;
  for (var s = 0u; s < segmentCount(); s++) {
    let n = segmentRuns[s];
    segmentRuns[s] = U;
    U += n;
  }
  runs[0] = U;
  writeGrid(P.lanes * U * ((P.dim + COLS - 1u) / COLS), 0u);
  writeGrid(P.lanes * U, 3u);
}

@compute @workgroup_size(WG)
fn listRuns(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let s = linearIndex(gid, nwg);
  if (s >= segmentCount()) {
    return;
  }
  var slot = 1u + segmentRuns[s];
  for (var q = s * SEGMENT; q < segmentEnd(s); q++) {
    if (isRunStart(q)) {
      runs[slot] = q;
      slot++;
    }
  }
}

@compute @workgroup_size(WG)
fn combineRuns(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let d = P.dim;
  let blocks = (d + COLS - 1u) / COLS;
  let O = P.occurrences;
  let U = runList[0];
  if (t >= P.lanes * U * blocks) {
    return;
  }
  let u = (t / blocks) % U;
  let p = runList[1u + u];
  let l = t / (blocks * U);
  let j0 = (t % blocks) * COLS;
  let n = min(COLS, d - j0);
  let k = pairs[p].x;
  let g = (l * O + p) * d + j0;
  var acc = vec4f(0.0);
  for (var c = 0u; c < n; c++) {
    acc[c] = grads[g + c];
  }
  // The later parts start at the segment boundaries inside the run.
  var b = (p / SEGMENT + 1u) * SEGMENT;
  while (b < O && pairs[b].x == k) {
    let h = (l * O + b) * d + j0;
    for (var c = 0u; c < n; c++) {
      acc[c] += grads[h + c];
    }
    b += SEGMENT;
  }
  for (var c = 0u; c < n; c++) {
    grads[g + c] = acc[c];
  }
}

@compute @workgroup_size(WG)
fn countRows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let s = linearIndex(gid, nwg);
  if (s >= segmentCount()) {
    return;
  }
  let end = segmentEnd(s);
  var q = s * SEGMENT;
  var starts = 0u;
  while (q < end) {
    let k = pairs[q].x;
    let e = partEnd(q, end);
    let n = atomicAdd(&counters[k], e - q) + (e - q);
    atomicMax(&counters[P.rows + tableOfRow(k, P.tableStart, P.slots)], n);
    if (isRunStart(q)) {
      starts++;
    }
    q = e;
  }
  segmentRuns[s] = starts;
}
