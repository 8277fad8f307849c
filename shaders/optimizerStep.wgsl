// The fused optimizer update, once per unique row and lane, after reduceRows.
// Thread (l, u): lane l, the u-th run start p (from countRows; threads u >= U leave at once).
// Rules: src/engine/optimizers.ts; reference: src/engine/reference/optimizerStep.ts.

@group(0) @binding(0) var<uniform> P: Params;
// [L ≤ MAX_LANES] as a uniform: a storage binding would be this stage's ninth (WebGPU's default limit is 8).
@group(0) @binding(1) var<uniform> lanes: array<Lane, MAX_LANES>;
@group(0) @binding(2) var<storage, read> pairs: array<vec2u>;       // [O] sorted by row
@group(0) @binding(3) var<storage, read> grads: array<f32>;         // [L, O, d] after reduceRows
@group(0) @binding(4) var<storage, read_write> table: array<f32>;   // [L, R, d]
// Per lane from lane.stateOffset: adagradRow s_k [R]; adagradCoord s_kj [R, d].
@group(0) @binding(5) var<storage, read_write> optState: array<f32>;
@group(0) @binding(6) var<storage, read> counters: array<u32>;      // [R + S]: n_k, then each table's largest
@group(0) @binding(7) var<storage, read> logRatio: array<f32>;      // [R] log2(p_max / p_k)
@group(0) @binding(8) var<storage, read> runs: array<u32>;          // [1 + O]: U, then run starts
@group(0) @binding(9) var<storage, read> control: array<u32>;       // [0]: this step, counted from 1

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
  if (t >= P.lanes * O) {
    return;
  }
  let l = t / O;
  let u = t % O;
  if (u >= runs[0]) {
    return;
  }
  let p = runs[1u + u];
  // The lane at this step: its η scaled by the schedule.
  var lane = lanes[l];
  lane.lr = lane.lr * scheduleFactor(lane, control[0] - 1u);
  let d = P.dim;
  let k = pairs[p].x;
  let g = (l * O + pairs[p].y) * d;
  let row = (l * P.rows + k) * d;
  switch lane.kind {
    case ADAGRAD_ROW: {
      var sq = 0.0;
      for (var j = 0u; j < d; j++) {
        sq += grads[g + j] * grads[g + j];
      }
      let s = optState[lane.stateOffset + k] + sq / f32(d);
      optState[lane.stateOffset + k] = s;
      let step = lane.lr / (sqrt(s) + lane.eps);
      for (var j = 0u; j < d; j++) {
        table[row + j] -= step * grads[g + j];
      }
    }
    case ADAGRAD_COORD: {
      for (var j = 0u; j < d; j++) {
        let gj = grads[g + j];
        let i = lane.stateOffset + k * d + j;
        let s = optState[i] + gj * gj;
        optState[i] = s;
        table[row + j] -= lane.lr * gj / (sqrt(s) + lane.eps);
      }
    }
    default: {
      let step = lane.lr * frequencyMultiplier(lane, logRatio[k], counters[k], cfReference(k, lane));
      for (var j = 0u; j < d; j++) {
        table[row + j] -= step * grads[g + j];
      }
    }
  }
}
