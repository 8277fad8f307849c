// Each sample's coefficient c = r/B of the mean batch loss (r: prediction − label), every lane in
// one dispatch; reduceRows.wgsl turns coefficients into gradient rows while it sums them, so no
// [L, O, d] buffer of per-occurrence gradients is written. Thread (l, i): lane l, sample i.
// Reference: src/engine/reference/forward.ts.
//   token regression: r = ⟨θ_k, x_i⟩ − y_i
//   pairs:            r = prediction(⟨θ_u, θ_v⟩) − y_i
//   CTR (S fields):   r = σ(b + Σ_{f<g}⟨θ_f, θ_g⟩) − y_i
// Lane 0 also copies each occurrence's row to occRows (the sort reorders pairs).

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> table: array<f32>;     // [L, R, d]
@group(0) @binding(2) var<storage, read> pairs: array<vec2u>;   // [O] unsorted: occurrence o at o
@group(0) @binding(3) var<storage, read> contexts: array<f32>;  // [d, B]: neighbouring samples side by side
@group(0) @binding(4) var<storage, read> labels: array<f32>;    // [B]
@group(0) @binding(5) var<storage, read_write> coefs: array<f32>;   // [L, B]
@group(0) @binding(6) var<storage, read_write> occRows: array<u32>; // [O] row of occurrence o

// What a label is compared with: the score s, or σ(s) under the logistic loss.
fn prediction(s: f32) -> f32 {
  if (P.loss == LOGISTIC) {
    return sigmoid(s);
  }
  return s;
}

@compute @workgroup_size(WG)
fn forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  if (t >= P.lanes * P.batch) {
    return;
  }
  let l = t / P.batch;
  let i = t % P.batch;
  let d = P.dim;
  let lane = l * P.rows * d;
  if (l == 0u) {
    for (var f = 0u; f < P.slots; f++) {
      occRows[f * P.batch + i] = pairs[f * P.batch + i].x;
    }
  }
  var score = 0.0;
  if (P.workload == 3u) {
    score = P.bias;
    for (var j = 0u; j < d; j++) {
      var sum = 0.0;
      var sq = 0.0;
      for (var f = 0u; f < P.slots; f++) {
        let v = table[lane + pairs[f * P.batch + i].x * d + j];
        sum += v;
        sq += v * v;
      }
      score += 0.5 * (sum * sum - sq);
    }
  } else if (P.workload != 0u) {
    let a = lane + pairs[i].x * d;
    let b = lane + pairs[P.batch + i].x * d;
    for (var j = 0u; j < d; j++) {
      score += table[a + j] * table[b + j];
    }
  } else {
    let a = lane + pairs[i].x * d;
    for (var j = 0u; j < d; j++) {
      score += table[a + j] * contexts[j * P.batch + i];
    }
  }
  coefs[t] = (prediction(score) - labels[i]) * P.invBatch;
}
