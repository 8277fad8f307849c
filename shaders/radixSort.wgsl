// Stable LSD radix sort of (row, occurrence) pairs by row, shared by all lanes.
// Reference: src/engine/reference/radixSort.ts. Three variants with the same result (a stable sort
// has one answer), chosen on the host (src/engine/ops/radixSort.ts):
//   sortInWorkgroup: every pass in one workgroup of 256 threads, one dispatch (GPUs, O <= 4,096);
//   histogram → scanHistogram → scatter: 3 dispatches a pass over tiles of 1,024 (GPUs, larger O);
//   sortSerial: every pass in one invocation, one dispatch (the software adapter).
// Pass p reads the pairs from `pairs` when p is even and from `scratch` when it is odd, and writes
// the other: the result lands in `pairs` after an even number of passes, else in `scratch`.
// No atomics, no subgroup operations: portable and deterministic.

struct SortPass {
  current: u32,   // this pass (the tiled kernels; the one-dispatch kernels run all)
  passes: u32,    // passes in all
  numTiles: u32,  // ceil(count / TILE)
  count: u32,     // O: pairs to sort
}

@group(0) @binding(0) var<uniform> S: SortPass;
@group(0) @binding(1) var<storage, read_write> pairs: array<vec2u>;   // [O] (row, occurrence)
@group(0) @binding(2) var<storage, read_write> scratch: array<vec2u>; // [O]
// [RADIX, numTiles] digit-major: counts after histogram, exclusive offsets after scanHistogram.
@group(0) @binding(3) var<storage, read_write> hist: array<u32>;

// Pair i as pass p reads it, and where pass p writes pair i (p is uniform: both branches are).
fn load(p: u32, i: u32) -> vec2u {
  if (p % 2u == 0u) {
    return pairs[i];
  }
  return scratch[i];
}

fn store(p: u32, i: u32, v: vec2u) {
  if (p % 2u == 0u) {
    scratch[i] = v;
  } else {
    pairs[i] = v;
  }
}

// ---- One workgroup, every pass (GPUs, O <= 4,096: 16 pairs a thread at most) ----
// 4-bit digits. Thread t owns the contiguous chunk [t·c, (t+1)·c) of the pairs (c = ⌈O/256⌉ <= 16)
// and counts its digits into column t of a [16, 256] table in workgroup memory (16 KiB, the
// default limit). The exclusive scan of the table in digit-major order is every (digit, chunk)'s
// first rank in the whole sorted pass: thread t scans the 16 cells [16t, 16t + 16) of that order,
// then a Hillis–Steele scan across threads adds what comes before. The pairs stay in storage
// (a few KiB, in cache) and every pass ends with a storage barrier.

const SINGLE_RADIX = 16u;
const SINGLE_THREADS = 256u;

var<workgroup> table: array<u32, 4096>; // SINGLE_RADIX · SINGLE_THREADS

// Where cell i (digit-major) is kept: an XOR swizzle of its low 4 bits by bits 5–8, so that both
// the counting (thread t at cell d·256 + t) and the scan (thread t at cell 16t + j) spread the 32
// threads of a warp over the 32 banks instead of stacking them on two.
fn cell(i: u32) -> u32 {
  return i ^ ((i >> 5u) & 15u);
}

@compute @workgroup_size(SINGLE_THREADS)
fn sortInWorkgroup(@builtin(local_invocation_index) t: u32) {
  let chunk = (S.count + SINGLE_THREADS - 1u) / SINGLE_THREADS;
  let start = min(S.count, t * chunk);
  let end = min(S.count, start + chunk);
  for (var p = 0u; p < S.passes; p++) {
    let shift = 4u * p;
    for (var d = 0u; d < SINGLE_RADIX; d++) {
      table[cell(d * SINGLE_THREADS + t)] = 0u;
    }
    for (var i = start; i < end; i++) {
      let at = cell(((load(p, i).x >> shift) & 15u) * SINGLE_THREADS + t);
      table[at] += 1u;
    }
    workgroupBarrier();
    // Thread t's 16 cells of the digit-major order, as exclusive ranks among themselves; their
    // total goes into the first (whose rank is 0) for the scan across threads.
    var total = 0u;
    for (var j = 0u; j < 16u; j++) {
      let at = cell(16u * t + j);
      let c = table[at];
      table[at] = total;
      total += c;
    }
    table[cell(16u * t)] = total;
    workgroupBarrier();
    for (var o = 1u; o < SINGLE_THREADS; o *= 2u) {
      var before = 0u;
      if (t >= o) {
        before = table[cell(16u * (t - o))];
      }
      workgroupBarrier();
      table[cell(16u * t)] += before;
      workgroupBarrier();
    }
    let offset = table[cell(16u * t)] - total;
    table[cell(16u * t)] = offset;
    for (var j = 1u; j < 16u; j++) {
      table[cell(16u * t + j)] += offset;
    }
    workgroupBarrier();
    for (var i = start; i < end; i++) {
      let pair = load(p, i);
      let at = cell(((pair.x >> shift) & 15u) * SINGLE_THREADS + t);
      store(p, table[at], pair);
      table[at] += 1u;
    }
    storageBarrier();
  }
}

// ---- Tiles, three dispatches a pass (GPUs, larger batches) ----
// 6-bit digits, tiles of TILE = WG·PER_THREAD pairs, one per workgroup; thread t owns the
// contiguous chunk [t·PER_THREAD, (t+1)·PER_THREAD) of it. Each thread counts the digits of its
// chunk in order into column t of a [RADIX, WG] table in workgroup memory; an exclusive scan of
// each digit's row across threads then gives every pair its stable rank inside the tile, and
// scanHistogram the tile's offset. Two barriers per workgroup, every pair read once per kernel.
// RADIX = WG = 64, so in the row scans thread t owns digit t. The table is 64·64·4 = 16 KiB.

const RADIX = 64u;
const PER_THREAD = 16u;
const TILE = WG * PER_THREAD;

var<workgroup> counts: array<u32, RADIX * WG>;

// Where (digit d, thread u) is kept: column u XOR d, so that a row scan (thread t reads row t)
// puts the 32 threads of a warp on 32 banks (unswizzled, every thread of the warp hit one bank).
fn countAt(d: u32, u: u32) -> u32 {
  return d * WG + (u ^ d);
}

fn digit(key: u32) -> u32 {
  return (key >> (6u * S.current)) & (RADIX - 1u);
}

// Counts the digits of thread t's chunk of tile w into column t; returns the chunk's first index.
fn countChunk(w: u32, t: u32) -> u32 {
  for (var d = 0u; d < RADIX; d++) {
    counts[countAt(d, t)] = 0u;
  }
  let start = w * TILE + t * PER_THREAD;
  let end = min(start + PER_THREAD, S.count);
  for (var i = start; i < end; i++) {
    counts[countAt(digit(load(S.current, i).x), t)] += 1u;
  }
  workgroupBarrier();
  return start;
}

@compute @workgroup_size(WG)
fn histogram(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) t: u32) {
  countChunk(wid.x, t);
  // Thread t sums digit t over all chunks of the tile.
  var sum = 0u;
  for (var u = 0u; u < WG; u++) {
    sum += counts[countAt(t, u)];
  }
  hist[t * S.numTiles + wid.x] = sum;
}

var<workgroup> totals: array<u32, RADIX>;

@compute @workgroup_size(WG)
fn scanHistogram(@builtin(local_invocation_index) t: u32) {
  var sum = 0u;
  for (var w = 0u; w < S.numTiles; w++) {
    sum += hist[t * S.numTiles + w];
  }
  totals[t] = sum;
  workgroupBarrier();
  var running = 0u;
  for (var d = 0u; d < t; d++) {
    running += totals[d];
  }
  for (var w = 0u; w < S.numTiles; w++) {
    let c = hist[t * S.numTiles + w];
    hist[t * S.numTiles + w] = running;
    running += c;
  }
}

@compute @workgroup_size(WG)
fn scatter(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) t: u32) {
  let start = countChunk(wid.x, t);
  // Thread t turns digit t's row into exclusive ranks across the chunks.
  var running = 0u;
  for (var u = 0u; u < WG; u++) {
    let at = countAt(t, u);
    let c = counts[at];
    counts[at] = running;
    running += c;
  }
  workgroupBarrier();
  let end = min(start + PER_THREAD, S.count);
  for (var i = start; i < end; i++) {
    let pair = load(S.current, i);
    let d = digit(pair.x);
    let at = countAt(d, t);
    store(S.current, hist[d * S.numTiles + wid.x] + counts[at], pair);
    counts[at] += 1u;
  }
}

// ---- One invocation, every pass (the software adapter) ----
// SwiftShader runs the invocations of a workgroup as coroutines, and each barrier costs about a
// microsecond per invocation: here one invocation does each LSD pass over 8-bit digits with its
// counters in private memory (count, scan, scatter in input order). No barriers, no workgroup
// memory. Its work is serial: cheap on a CPU, not for a GPU.

const SERIAL_RADIX = 256u;

@compute @workgroup_size(1)
fn sortSerial() {
  for (var p = 0u; p < S.passes; p++) {
    let shift = 8u * p;
    var offsets = array<u32, SERIAL_RADIX>(); // zeros, every pass
    for (var i = 0u; i < S.count; i++) {
      offsets[(load(p, i).x >> shift) & (SERIAL_RADIX - 1u)] += 1u;
    }
    var running = 0u;
    for (var d = 0u; d < SERIAL_RADIX; d++) {
      let c = offsets[d];
      offsets[d] = running;
      running += c;
    }
    for (var i = 0u; i < S.count; i++) {
      let pair = load(p, i);
      let d = (pair.x >> shift) & (SERIAL_RADIX - 1u);
      store(p, offsets[d], pair);
      offsets[d] += 1u;
    }
  }
}
