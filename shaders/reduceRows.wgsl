// Reduce-by-row over the sorted occurrences. Reference: src/engine/reference/reduceRows.ts.
// A run is a maximal range of equal rows in sorted order; its start p owns the row this step.
//   countRows, thread p: at a run start, CF-SGD counters n_k += run length and n_max = max(n_max,
//     n_k), and p is appended to the list of run starts (runs[0]: U, how many; runs[1 …]: the
//     starts, in no particular order). Integer atomics only: counters and the set of starts do not
//     depend on order, and every later use of a start depends only on its own run.
//   reduceRows, thread (l, u, c): for the u-th run start p, sums columns [4c, 4c+4) of the run's
//     gradient rows in sorted order into G[l, occurrence(p), ·] (in place: no other thread reads
//     those cells). Threads u >= U leave at once; they sit at the end of each lane's range, so
//     whole workgroups skip (no thread of an occurrence that is not a run start is ever busy).

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;   // [L, O, d]
// [R + 1]: n_k for each row, then n_max.
@group(0) @binding(3) var<storage, read_write> counters: array<atomic<u32>>;
// [1 + O]: U, then the run starts (advanceStep sets U back to 0).
@group(0) @binding(4) var<storage, read_write> runs: array<atomic<u32>>;

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
  var acc = vec4f(0.0);
  for (var q = p; q < O && pairs[q].x == k; q++) {
    let g = (l * O + pairs[q].y) * d + j0;
    for (var c = 0u; c < n; c++) {
      acc[c] += grads[g + c];
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
