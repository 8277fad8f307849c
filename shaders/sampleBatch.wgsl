// The shared token stream of one step (all lanes see it) and its labels (the teacher's, or a
// data pair's).
// Reference: src/engine/reference/sampleBatch.ts; draw layout in src/engine/sampling/sampleStep.ts.

@group(0) @binding(0) var<uniform> P: Params;
// [0]: the current step, counted from 1 (countRows in reduceRows.wgsl moves it on).
@group(0) @binding(1) var<storage, read> control: array<u32>;
// [R] (threshold, alias) of the token/user table, then of the item table (local ids).
@group(0) @binding(2) var<storage, read> aliasTable: array<vec2u>;
@group(0) @binding(3) var<storage, read> teacher: array<f32>;       // [R, d]
@group(0) @binding(4) var<storage, read_write> pairs: array<vec2u>; // [O] (row, occurrence)
@group(0) @binding(5) var<storage, read_write> contexts: array<f32>; // [d, B] token regression: x_ij at j·B + i
@group(0) @binding(6) var<storage, read_write> labels: array<f32>;   // [B]
// A data run's training pairs: [N] (first-table row, second-table row within its table), labels.
@group(0) @binding(7) var<storage, read> trainPairs: array<vec2u>;
@group(0) @binding(8) var<storage, read> trainLabels: array<f32>;

fn tableStartOf(t: u32) -> u32 {
  return P.tableStart[t / 4u][t % 4u];
}

fn sampleAlias(offset: u32, n: u32, r0: u32, r1: u32) -> u32 {
  let j = mulhi(r0, n);
  let e = aliasTable[offset + j];
  return select(e.y, j, r1 < e.x);
}

@compute @workgroup_size(WG)
fn sampleBatch(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = linearIndex(gid, nwg);
  if (i >= P.batch) {
    return;
  }
  let d = P.dim;
  let base = sampleKey(P.seed, control[0], i);
  if (P.workload == 3u) {
    // CTR: one value per field (occurrence f·B + i), then a click with the teacher's probability
    // σ(b + Σ_{f<g} ⟨θ*_f, θ*_g⟩), summed coordinate by coordinate as ½((Σ_f θ*_fj)² − Σ_f θ*_fj²).
    for (var f = 0u; f < P.slots; f++) {
      let start = tableStartOf(f);
      let k = start + sampleAlias(start, tableStartOf(f + 1u) - start, draw(base, 2u * f), draw(base, 2u * f + 1u));
      pairs[f * P.batch + i] = vec2u(k, f * P.batch + i);
    }
    var logit = P.bias;
    for (var j = 0u; j < d; j++) {
      var sum = 0.0;
      var sq = 0.0;
      for (var f = 0u; f < P.slots; f++) {
        let v = teacher[pairs[f * P.batch + i].x * d + j];
        sum += v;
        sq += v * v;
      }
      logit += 0.5 * (sum * sum - sq);
    }
    let p = sigmoid(logit);
    labels[i] = select(0.0, 1.0, f32(draw(base, 2u * P.slots)) < p * 4294967296.0);
    return;
  }
  if (P.workload == 2u) {
    let j = mulhi(draw(base, 0u), P.trainPairs);
    let p = trainPairs[j];
    pairs[i] = vec2u(p.x, i);
    if (draw(base, 1u) < P.negThreshold) {
      let v = sampleAlias(P.userRows, P.rows - P.userRows, draw(base, 2u), draw(base, 3u));
      pairs[P.batch + i] = vec2u(P.userRows + v, P.batch + i);
      labels[i] = 0.0;
    } else {
      pairs[P.batch + i] = vec2u(P.userRows + p.y, P.batch + i);
      labels[i] = trainLabels[j];
    }
    return;
  }
  let a = sampleAlias(0u, P.userRows, draw(base, 0u), draw(base, 1u));
  pairs[i] = vec2u(a, i);
  var dot = 0.0;
  var z: f32;
  if (P.workload == 1u) {
    let b = P.userRows + sampleAlias(P.userRows, P.rows - P.userRows, draw(base, 2u), draw(base, 3u));
    pairs[P.batch + i] = vec2u(b, P.batch + i);
    for (var j = 0u; j < d; j++) {
      dot += teacher[a * d + j] * teacher[b * d + j];
    }
    z = normalDraw(base, 4u);
  } else {
    for (var j = 0u; j < d; j++) {
      let x = normalDraw(base, 2u + 2u * j);
      contexts[j * P.batch + i] = x;
      dot += teacher[a * d + j] * x;
    }
    z = normalDraw(base, 2u + 2u * d);
  }
  labels[i] = dot + P.noise * z;
}
