// Reduce-by-row over the sorted occurrences. Reference: src/engine/reference/reduceRows.ts.
// A run is a maximal range of equal rows in sorted order; its start p owns the row this step.
//   countRows, one workgroup of SCAN_THREADS threads (256; 1 on the software adapter, where
//     barriers are dear): the run starts in sorted order into runs[1 …] and U into runs[0], by an
//     ordered compaction (each thread counts the starts in its contiguous chunk of positions, a scan
//     across threads gives it its first slot, it writes them there); then a thread per run adds the
//     run's length to its row's CF-SGD counter (each row has exactly one run: a plain read and
//     write, no atomics) and raises its table's largest counter. It also writes optimizerStep's
//     grid for an indirect launch (L·U threads) and moves the step counter on: it runs once a step,
//     after every kernel that reads the step it is on.
//   segmentSums, thread (l, s, c): the sorted positions are cut into segments of SEGMENT; a run
//     falls into one part per segment it touches, so no thread walks more than SEGMENT positions
//     however hot a row is (the head row of a skewed batch may hold a third of it). For each part
//     of segment s it sums columns [4c, 4c+4) of the part's gradient rows, in sorted order, into
//     grads[l, q, ·] at the part's first position q. Each gradient row is formed here from its
//     sample's coefficient (forward.wgsl) and its partner: the context x_i (token regression), the
//     other row of the pair, or the sum of the sample's other field rows (CTR). optimizerStep.wgsl
//     adds a run's parts together.

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;   // [L, O, d] by sorted position
// [R + S]: n_k of each row, then each table's largest.
@group(0) @binding(3) var<storage, read_write> counters: array<u32>;
// [1 + O]: U, then the run starts in sorted order.
@group(0) @binding(4) var<storage, read_write> runs: array<u32>;
@group(0) @binding(5) var<storage, read> coefs: array<f32>;     // [L, B]
@group(0) @binding(6) var<storage, read> occRows: array<u32>;   // [O] row of occurrence o
@group(0) @binding(7) var<storage, read> contexts: array<f32>;  // [d, B]
@group(0) @binding(8) var<storage, read> table: array<f32>;     // [L, R, d], before this step's update
@group(0) @binding(9) var<storage, read_write> launch: array<u32>;  // [3]: optimizerStep's (x, y, z) grid
@group(0) @binding(10) var<storage, read_write> control: array<u32>; // [0]: the step, counted from 1

// Sorted positions per segment (src/engine/step.ts SEGMENT).
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

// ---- countRows ----

// Threads of countRows: 256, or 1 on the software adapter.
override SCAN_THREADS: u32;

// Run starts counted by each thread, then (scanned) before each thread's end.
var<workgroup> slots: array<u32, 256>;
// The largest counter of each table (S <= 8) after this step's increments.
var<workgroup> largest: array<atomic<u32>, 8>;

// The grid of `threads` WG-sized threads into launch (x ≥ 1, so y is defined; 0 threads: y = 0).
fn writeGrid(threads: u32) {
  let groups = (threads + WG - 1u) / WG;
  let x = max(1u, min(groups, 65535u));
  launch[0] = x;
  launch[1] = (groups + x - 1u) / x;
  launch[2] = 1u;
}

@compute @workgroup_size(SCAN_THREADS)
fn countRows(@builtin(local_invocation_index) t: u32) {
  let O = P.occurrences;
  let chunk = (O + SCAN_THREADS - 1u) / SCAN_THREADS;
  let start = min(O, t * chunk);
  let end = min(O, start + chunk);
  var n = 0u;
  for (var q = start; q < end; q++) {
    if (isRunStart(q)) {
      n++;
    }
  }
  // Inclusive scan of the counts across threads (Hillis–Steele).
  slots[t] = n;
  workgroupBarrier();
  for (var o = 1u; o < SCAN_THREADS; o *= 2u) {
    var before = 0u;
    if (t >= o) {
      before = slots[t - o];
    }
    workgroupBarrier();
    slots[t] += before;
    workgroupBarrier();
  }
  var slot = 1u + slots[t] - n;
  for (var q = start; q < end; q++) {
    if (isRunStart(q)) {
      runs[slot] = q;
      slot++;
    }
  }
  let U = slots[SCAN_THREADS - 1u];
  storageBarrier(); // every thread sees the whole run list
  for (var u = t; u < U; u += SCAN_THREADS) {
    let p = runs[1u + u];
    var e = O;
    if (u + 1u < U) {
      e = runs[2u + u];
    }
    let k = pairs[p].x;
    let count = counters[k] + (e - p);
    counters[k] = count;
    atomicMax(&largest[tableOfRow(k, P.tableStart, P.slots)], count);
  }
  workgroupBarrier();
  for (var f = t; f < P.slots; f += SCAN_THREADS) {
    counters[P.rows + f] = max(counters[P.rows + f], atomicLoad(&largest[f]));
  }
  if (t == 0u) {
    runs[0] = U;
    writeGrid(P.lanes * U);
    control[0] += 1u;
  }
}
