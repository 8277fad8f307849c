// The fused optimizer update, once per unique row and lane, after reduceRows, in two dispatches.
// Rules: src/engine/optimizers.ts; reference: src/engine/reference/optimizerStep.ts.
// Both are launched with one thread per run and lane (reduceRows.wgsl launchSizes writes the grids).
//   rowSteps, thread (l, u): lane l, the u-th run start p (from countRows). The step size of the run's row: η·m_k (SGD, FA-SGD, CF-SGD), or for row-wise Adagrad
//     η/(√s_k + ε) after s_k += mean_j g_kj² (its state is updated here, once per row); into
//     steps[l·U + u]. Coordinate-wise Adagrad has no row step.
//   optimizerStep, thread (l, u, c): columns [4c, 4c + 4) of the run's row: θ −= step·g, or the
//     coordinate-wise Adagrad update of those columns and their states. Neighbouring threads take
//     neighbouring columns of one row, so a row is read and written in whole segments.
// The arithmetic is that of one thread per row (same order, same f32 operations): same bits.

@group(0) @binding(0) var<uniform> P: Params;
// [L ≤ MAX_LANES] as a uniform: storage bindings are limited to 8 per stage by default.
@group(0) @binding(1) var<uniform> lanes: array<Lane, MAX_LANES>;
@group(0) @binding(2) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(3) var<storage, read> grads: array<f32>;         // [L, O, d] after reduceRows: a run's sum at its start
@group(0) @binding(4) var<storage, read_write> table: array<f32>;   // [L, R, d]
// Per lane from lane.stateOffset: adagradRow s_k [R]; adagradCoord s_kj [R, d].
@group(0) @binding(5) var<storage, read_write> optState: array<f32>;
@group(0) @binding(6) var<storage, read> counters: array<u32>;      // [R + S]: n_k, then each table's largest
@group(0) @binding(7) var<storage, read> logRatio: array<f32>;      // [R] log2(p_max / p_k)
@group(0) @binding(8) var<storage, read> runs: array<u32>;          // [1 + O]: U, then run starts
@group(0) @binding(9) var<storage, read> control: array<u32>;       // [0]: this step, counted from 1
@group(0) @binding(10) var<storage, read_write> steps: array<f32>;  // [L·U]: step of run u of lane l

const COLS = 4u; // columns per thread of optimizerStep

// CF-SGD's n_ref for row k (0 for other lanes: not needed).
fn cfReference(k: u32, lane: Lane) -> f32 {
  if (lane.kind != CFSGD) {
    return 0.0;
  }
  let t = tableOfRow(k, P.tableStart, P.slots);
  return referenceCount(counters[P.rows + t], startOf(P.tableStart, t + 1u) - startOf(P.tableStart, t));
}

// Lane l as it steps now: its η scaled by the schedule.
fn laneNow(l: u32) -> Lane {
  var lane = lanes[l];
  lane.lr = lane.lr * scheduleFactor(lane, control[0] - 1u);
  return lane;
}

@compute @workgroup_size(WG)
fn rowSteps(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let O = P.occurrences;
  let U = runs[0];
  if (t >= P.lanes * U) {
    return;
  }
  let l = t / U;
  let u = t % U;
  let lane = laneNow(l);
  let p = runs[1u + u];
  let k = pairs[p].x;
  if (lane.kind == ADAGRAD_ROW) {
    let d = P.dim;
    let g = (l * O + p) * d;
    var sq = 0.0;
    for (var j = 0u; j < d; j++) {
      sq += grads[g + j] * grads[g + j];
    }
    let s = optState[lane.stateOffset + k] + sq / f32(d);
    optState[lane.stateOffset + k] = s;
    steps[t] = lane.lr / (sqrt(s) + lane.eps);
  } else if (lane.kind != ADAGRAD_COORD) {
    steps[t] = lane.lr * frequencyMultiplier(lane, logRatio[k], counters[k], cfReference(k, lane));
  }
}

@compute @workgroup_size(WG)
fn optimizerStep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let d = P.dim;
  let blocks = (d + COLS - 1u) / COLS;
  let O = P.occurrences;
  let U = runs[0];
  if (t >= P.lanes * U * blocks) {
    return;
  }
  let run = t / blocks; // l·U + u
  let u = run % U;
  let l = run / U;
  let p = runs[1u + u];
  let k = pairs[p].x;
  let j0 = (t % blocks) * COLS;
  let n = min(COLS, d - j0);
  let g = (l * O + p) * d + j0;
  let row = (l * P.rows + k) * d + j0;
  let lane = laneNow(l);
  if (lane.kind == ADAGRAD_COORD) {
    for (var c = 0u; c < n; c++) {
      let gj = grads[g + c];
      let i = lane.stateOffset + k * d + j0 + c;
      let s = optState[i] + gj * gj;
      optState[i] = s;
      table[row + c] -= lane.lr * gj / (sqrt(s) + lane.eps);
    }
  } else {
    let step = steps[run];
    for (var c = 0u; c < n; c++) {
      table[row + c] -= step * grads[g + c];
    }
  }
}
