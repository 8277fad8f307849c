// The fused update, once per unique row and lane, after reduceRows.wgsl: thread (l, u) takes the
// u-th run start p of the sorted occurrences (countRows' list) and the run's row k, in lane l:
//   1. the run's gradient sum, column by column: its first part (segmentSums' sum at p) plus its
//      later parts, which start at the segment boundaries inside the run, in order; written back
//      to grads[l, p, ·] (reference: src/engine/reference/reduceRows.ts);
//   2. the step size: η·m_k (SGD, FA-SGD, CF-SGD), or for row-wise Adagrad η/(√s_k + ε) after
//      s_k += mean_j g_kj²; coordinate-wise Adagrad has none;
//   3. the row: θ_k −= step·g, or coordinate-wise Adagrad's update of every column and its state.
// Rules: src/engine/optimizers.ts; reference: src/engine/reference/optimizerStep.ts.
// Launched on L·U threads where U is read back into an indirect grid (countRows writes it), or on
// a grid bounded on the host, L·O threads of which those past a lane's U runs leave at once
// (DIRECT): an indirect dispatch costs a validation dispatch on Dawn and wgpu.

@group(0) @binding(0) var<uniform> P: Params;
// [L ≤ MAX_LANES] as a uniform: storage bindings are limited to 8 per stage by default.
@group(0) @binding(1) var<uniform> lanes: array<Lane, MAX_LANES>;
@group(0) @binding(2) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
// [L, O, d] after segmentSums: each part's sum at its first position; a run's sum at its start after this.
@group(0) @binding(3) var<storage, read_write> grads: array<f32>;
@group(0) @binding(4) var<storage, read_write> table: array<f32>;   // [L, R, d]
// Per lane from lane.stateOffset: adagradRow s_k [R]; adagradCoord s_kj [R, d].
@group(0) @binding(5) var<storage, read_write> optState: array<f32>;
@group(0) @binding(6) var<storage, read> counters: array<u32>;      // [R + S]: n_k, then each table's largest
@group(0) @binding(7) var<storage, read> logRatio: array<f32>;      // [R] log2(p_max / p_k)
@group(0) @binding(8) var<storage, read> runs: array<u32>;          // [1 + O]: U, then run starts
// [0]: the next step (countRows has moved it on), counted from 1.
@group(0) @binding(9) var<storage, read> control: array<u32>;

// Sorted positions per segment of segmentSums (src/engine/step.ts SEGMENT).
override SEGMENT: u32;
// Whether the grid is L·O threads bounded on the host (true) or L·U read from the GPU (false).
override DIRECT: bool;

const COLS = 4u; // columns summed together

// CF-SGD's n_ref for row k (0 for other lanes: not needed).
fn cfReference(k: u32, lane: Lane) -> f32 {
  if (lane.kind != CFSGD) {
    return 0.0;
  }
  let t = tableOfRow(k, P.tableStart, P.slots);
  return referenceCount(counters[P.rows + t], startOf(P.tableStart, t + 1u) - startOf(P.tableStart, t));
}

@compute @workgroup_size(WG)
fn optimizerStep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let O = P.occurrences;
  let U = runs[0];
  // Threads per lane in the grid.
  let stride = select(U, O, DIRECT);
  let l = t / stride;
  let u = t % stride;
  if (l >= P.lanes || u >= U) {
    return;
  }
  let d = P.dim;
  let p = runs[1u + u];
  let k = pairs[p].x;
  var e = O;
  if (u + 1u < U) {
    e = runs[2u + u];
  }
  let g = (l * O + p) * d;
  // 1. The run's sum, 4 columns at a time (4 independent chains of additions), and its squares
  // summed in column order.
  var squares = 0.0;
  for (var j0 = 0u; j0 < d; j0 += COLS) {
    let n = min(COLS, d - j0);
    var sum = vec4f(0.0);
    for (var c = 0u; c < n; c++) {
      sum[c] = grads[g + j0 + c];
    }
    for (var b = (p / SEGMENT + 1u) * SEGMENT; b < e; b += SEGMENT) {
      let h = (l * O + b) * d + j0;
      for (var c = 0u; c < n; c++) {
        sum[c] += grads[h + c];
      }
    }
    for (var c = 0u; c < n; c++) {
      grads[g + j0 + c] = sum[c];
      squares += sum[c] * sum[c];
    }
  }
  // 2. The step size (η scaled by the schedule after control[0] − 2 steps done).
  var lane = lanes[l];
  lane.lr = lane.lr * scheduleFactor(lane, control[0] - 2u);
  var step = 0.0;
  if (lane.kind == ADAGRAD_ROW) {
    let s = optState[lane.stateOffset + k] + squares / f32(d);
    optState[lane.stateOffset + k] = s;
    step = lane.lr / (sqrt(s) + lane.eps);
  } else if (lane.kind != ADAGRAD_COORD) {
    step = lane.lr * frequencyMultiplier(lane, logRatio[k], counters[k], cfReference(k, lane));
  }
  // 3. The row.
  let row = (l * P.rows + k) * d;
  for (var j = 0u; j < d; j++) {
    let gj = grads[g + j];
    if (lane.kind == ADAGRAD_COORD) {
      let i = lane.stateOffset + k * d + j;
      let s = optState[i] + gj * gj;
      optState[i] = s;
      table[row + j] -= lane.lr * gj / (sqrt(s) + lane.eps);
    } else {
      table[row + j] -= step * gj;
    }
  }
}
