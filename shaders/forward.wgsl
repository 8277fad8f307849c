// Per-occurrence gradient rows of the mean batch loss, every lane in one dispatch.
// Thread (l, i): lane l, sample i. Reference: src/engine/reference/forward.ts.
//   token regression: r = ⟨θ_k, x_i⟩ − y_i;  G[l, i] = (r/B) x_i
//   pairs:            r = prediction(⟨θ_u, θ_v⟩) − y_i;  G[l, i] = (r/B) θ_v;  G[l, B+i] = (r/B) θ_u
//   CTR (S fields):   r = σ(b + Σ_{f<g}⟨θ_f, θ_g⟩) − y_i;  G[l, f·B+i] = (r/B)(Σ_g θ_g − θ_f)

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> table: array<f32>;     // [L, R, d]
@group(0) @binding(2) var<storage, read> pairs: array<vec2u>;   // [O] unsorted: occurrence o at o
@group(0) @binding(3) var<storage, read> contexts: array<f32>;  // [B, d]
@group(0) @binding(4) var<storage, read> labels: array<f32>;    // [B]
@group(0) @binding(5) var<storage, read_write> grads: array<f32>; // [L, O, d]

// What a label is compared with: the score s, or σ(s) under the logistic loss.
fn prediction(s: f32) -> f32 {
  if (P.loss == LOGISTIC) {
    return 1.0 / (1.0 + exp(-s));
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
  let a = lane + pairs[i].x * d;
  let ga = (l * P.occurrences + i) * d;
  var dot = 0.0;
  if (P.workload == 3u) {
    var logit = P.bias;
    for (var j = 0u; j < d; j++) {
      var sum = 0.0;
      var sq = 0.0;
      for (var f = 0u; f < P.slots; f++) {
        let v = table[lane + pairs[f * P.batch + i].x * d + j];
        sum += v;
        sq += v * v;
      }
      logit += 0.5 * (sum * sum - sq);
    }
    let c = (prediction(logit) - labels[i]) * P.invBatch;
    for (var j = 0u; j < d; j++) {
      var sum = 0.0;
      for (var f = 0u; f < P.slots; f++) {
        sum += table[lane + pairs[f * P.batch + i].x * d + j];
      }
      for (var f = 0u; f < P.slots; f++) {
        let g = (l * P.occurrences + f * P.batch + i) * d + j;
        grads[g] = c * (sum - table[lane + pairs[f * P.batch + i].x * d + j]);
      }
    }
  } else if (P.workload != 0u) {
    let b = lane + pairs[P.batch + i].x * d;
    let gb = (l * P.occurrences + P.batch + i) * d;
    for (var j = 0u; j < d; j++) {
      dot += table[a + j] * table[b + j];
    }
    let c = (prediction(dot) - labels[i]) * P.invBatch;
    for (var j = 0u; j < d; j++) {
      grads[ga + j] = c * table[b + j];
      grads[gb + j] = c * table[a + j];
    }
  } else {
    for (var j = 0u; j < d; j++) {
      dot += table[a + j] * contexts[i * d + j];
    }
    let c = (dot - labels[i]) * P.invBatch;
    for (var j = 0u; j < d; j++) {
      grads[ga + j] = c * contexts[i * d + j];
    }
  }
}
