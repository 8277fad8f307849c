// Metrics every K steps, into a small buffer that is copied to a staging ring.
// Reference: src/engine/reference/metrics.ts. Raw layout per lane (metricsWords words):
// [G group sums of w·err (src/engine/metrics.ts GROUP), effective step of each reported row].
//   excessLoss, thread (l, c): chunk c's sum of w·err in item order → partials[l, c]; err is
//     ‖θ_a − θ*_a‖² (token), (⟨θ_a, θ_b⟩ − ⟨θ*_a, θ*_b⟩)² (teacher pair), (s − y)² (rated data
//     pair, s = ⟨θ_a, θ_b⟩), log(1 + e^s) − y·s (implicit data pair) or KL(p* ‖ σ(s)) (CTR
//     sample a = e: rows evalRows[e·S …], s its FM score, p* = y); CTR also writes every s to
//     out[scoresAt + l·M + i]
//   sumPartials, thread (l, g): the chunks of group g in order → out[l, g]
//   effectiveStep, thread (l, r): η·m (SGD family), η/(√s+ε), η·geomean_j 1/(√s_j+ε) → out[l, G + r];
//     lane 0 also writes the row's occurrence count n_k → out[L·metricsWords + r]

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> lanes: array<Lane>;
@group(0) @binding(2) var<storage, read> table: array<f32>;        // [L, R, d]
@group(0) @binding(3) var<storage, read> teacher: array<f32>;      // [R, d]
// (a, b, bitcast weight, bitcast label): a token (b = NO_ROW) or a pair of rows.
@group(0) @binding(4) var<storage, read> items: array<vec4u>;
@group(0) @binding(5) var<storage, read> chunks: array<vec4u>;     // [C] (start, end, group mask, 0)
@group(0) @binding(6) var<storage, read_write> partials: array<f32>; // [L, C]
@group(0) @binding(7) var<storage, read_write> out: array<f32>;    // [L, metricsWords] then [E] counts
@group(0) @binding(8) var<storage, read> optState: array<f32>;
@group(0) @binding(9) var<storage, read> counters: array<u32>;     // [R + S]: n_k, then each table's largest
@group(0) @binding(10) var<storage, read> logRatio: array<f32>;    // [R]
@group(0) @binding(11) var<storage, read> effRows: array<u32>;     // [E]
@group(0) @binding(12) var<storage, read> evalRows: array<u32>;    // CTR: [M, S] rows of each sample
@group(0) @binding(13) var<storage, read> control: array<u32>;     // [0]: the next step, counted from 1
// Matrix factorisation: q_v of each item, and per lane and item bucket b the moments
// (M1_b = Σ_{v∈b} q_v v vᵀ, M2_b = Σ_{v∈b} q_v v v*ᵀ) at ((l·3 + b)·2 + k)·d² (k = 0, 1).
@group(0) @binding(14) var<storage, read> itemFreq: array<f32>;
@group(0) @binding(15) var<storage, read_write> moments: array<f32>;

const NO_ROW = 0xffffffffu;

// p·log p, 0 at p = 0.
fn xlogx(p: f32) -> f32 {
  return select(0.0, p * log(p), p > 0.0);
}

// log(1 + e^s) without overflow.
fn softplus(s: f32) -> f32 {
  return max(s, 0.0) + log(1.0 + exp(-abs(s)));
}

// First item rank of item bucket b (b = 3: the number of items).
fn itemBucketStart(b: u32) -> u32 {
  switch b {
    case 0u: {
      return 0u;
    }
    case 1u: {
      return P.itemHeadEnd;
    }
    case 2u: {
      return P.itemTorsoEnd;
    }
    default: {
      return P.rows - P.userRows;
    }
  }
}

// Matrix factorisation, thread (l, b, i, j): entry (i, j) of M1_b and M2_b of lane l, summed over the
// bucket's items in rank order.
@compute @workgroup_size(WG)
fn itemMoments(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  let d = P.dim;
  let dd = d * d;
  if (t >= P.lanes * 3u * dd) {
    return;
  }
  let l = t / (3u * dd);
  let b = (t / dd) % 3u;
  let i = (t % dd) / d;
  let j = t % d;
  let lane = l * P.rows * d;
  var s1 = 0.0;
  var s2 = 0.0;
  for (var v = itemBucketStart(b); v < itemBucketStart(b + 1u); v++) {
    let row = (P.userRows + v) * d;
    let x = itemFreq[v] * table[lane + row + i];
    s1 += x * table[lane + row + j];
    s2 += x * teacher[row + j];
  }
  let at = (l * 3u + b) * 2u * dd + i * d + j;
  moments[at] = s1;
  moments[at + dd] = s2;
}

@compute @workgroup_size(WG)
fn excessLoss(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  if (t >= P.lanes * P.metricChunks) {
    return;
  }
  let l = t / P.metricChunks;
  let chunk = chunks[t % P.metricChunks];
  let d = P.dim;
  let lane = l * P.rows * d;
  var sum = 0.0;
  for (var i = chunk.x; i < chunk.y; i++) {
    let item = items[i];
    let a = item.x * d;
    var err = 0.0;
    if (P.workload == 1u) {
      // (user, item bucket): uᵀM1_b u − 2uᵀM2_b u* + u*ᵀM3_b u* (the last in the item's label).
      let m = (l * 3u + item.y) * 2u * d * d;
      err = bitcast<f32>(item.w);
      for (var r = 0u; r < d; r++) {
        var r1 = 0.0;
        var r2 = 0.0;
        for (var s = 0u; s < d; s++) {
          r1 += moments[m + r * d + s] * table[lane + a + s];
          r2 += moments[m + d * d + r * d + s] * teacher[a + s];
        }
        err += table[lane + a + r] * (r1 - 2.0 * r2);
      }
    } else if (P.workload == 3u) {
      var s = P.bias;
      for (var j = 0u; j < d; j++) {
        var sum = 0.0;
        var sq = 0.0;
        for (var f = 0u; f < P.slots; f++) {
          let v = table[lane + evalRows[item.x * P.slots + f] * d + j];
          sum += v;
          sq += v * v;
        }
        s += 0.5 * (sum * sum - sq);
      }
      let pStar = bitcast<f32>(item.w);
      err = xlogx(pStar) + xlogx(1.0 - pStar) + pStar * softplus(-s) + (1.0 - pStar) * softplus(s);
      out[P.scoresAt + l * P.evalItems + i] = s;
    } else if (item.y == NO_ROW) {
      for (var j = 0u; j < d; j++) {
        let e = table[lane + a + j] - teacher[a + j];
        err += e * e;
      }
    } else {
      let b = item.y * d;
      var dot = 0.0;
      for (var j = 0u; j < d; j++) {
        dot += table[lane + a + j] * table[lane + b + j];
      }
      if (P.workload == 2u) {
        let y = bitcast<f32>(item.w);
        if (P.loss == LOGISTIC) {
          err = softplus(dot) - y * dot;
        } else {
          err = (dot - y) * (dot - y);
        }
      } else {
        var dotStar = 0.0;
        for (var j = 0u; j < d; j++) {
          dotStar += teacher[a + j] * teacher[b + j];
        }
        err = (dot - dotStar) * (dot - dotStar);
      }
    }
    sum += bitcast<f32>(item.z) * err;
  }
  partials[t] = sum;
}

@compute @workgroup_size(WG)
fn sumPartials(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  if (t >= P.lanes * P.metricGroups) {
    return;
  }
  let l = t / P.metricGroups;
  let group = t % P.metricGroups;
  var sum = 0.0;
  for (var c = 0u; c < P.metricChunks; c++) {
    if (((chunks[c].z >> group) & 1u) == 1u) {
      sum += partials[l * P.metricChunks + c];
    }
  }
  out[l * P.metricsWords + group] = sum;
}

@compute @workgroup_size(WG)
fn effectiveStep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = linearIndex(gid, nwg);
  if (t >= P.lanes * P.effRows) {
    return;
  }
  let l = t / P.effRows;
  let k = effRows[t % P.effRows];
  // The step each row would take next: a schedule's η after control[0] − 1 steps.
  var lane = lanes[l];
  lane.lr = lane.lr * scheduleFactor(lane, control[0] - 1u);
  let d = P.dim;
  var eff: f32;
  switch lane.kind {
    case ADAGRAD_ROW: {
      eff = lane.lr / (sqrt(optState[lane.stateOffset + k]) + lane.eps);
    }
    case ADAGRAD_COORD: {
      // Geometric mean over the coordinates (an arithmetic one is dominated by near-zero s_kj).
      var s = 0.0;
      for (var j = 0u; j < d; j++) {
        s += log2(sqrt(optState[lane.stateOffset + k * d + j]) + lane.eps);
      }
      eff = lane.lr * exp2(min(-s / f32(d), MAX_EXP2));
    }
    default: {
      var nref = 0.0;
      if (lane.kind == CFSGD) {
        let t = tableOfRow(k, P.tableStart, P.slots);
        nref = referenceCount(counters[P.rows + t], startOf(P.tableStart, t + 1u) - startOf(P.tableStart, t));
      }
      eff = lane.lr * frequencyMultiplier(lane, logRatio[k], counters[k], nref);
    }
  }
  out[l * P.metricsWords + P.metricGroups + t % P.effRows] = eff;
  if (l == 0u) {
    out[P.lanes * P.metricsWords + t] = f32(counters[k]);
  }
}
