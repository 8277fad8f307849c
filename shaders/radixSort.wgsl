// Stable LSD radix sort of (row, occurrence) pairs by row, 6 bits per pass, shared by all lanes.
// Reference: src/engine/reference/radixSort.ts. Per pass: histogram → scanHistogram → scatter.
//
// A tile of TILE = WG·PER_THREAD pairs belongs to one workgroup; thread t owns the contiguous chunk
// [t·PER_THREAD, (t+1)·PER_THREAD) of it. Each thread counts the digits of its chunk in order into
// column t of a [RADIX, WG] table in workgroup memory; an exclusive scan of each digit's row across
// threads then gives every pair its stable rank inside the tile. No atomics, no subgroup
// operations, every pair read once per kernel, two barriers per workgroup: portable, deterministic
// and cheap on devices where barriers are slow. RADIX = WG = 64, so in the scans thread t owns
// digit t. The table is 64·64·4 = 16 KiB, the default workgroup storage limit.

struct SortPass {
  shift: u32,     // bit offset of this pass's digit
  numTiles: u32,  // ceil(count / TILE)
  count: u32,     // O: pairs to sort
  _pad: u32,
}

@group(0) @binding(0) var<uniform> S: SortPass;
@group(0) @binding(1) var<storage, read> src: array<vec2u>;
@group(0) @binding(2) var<storage, read_write> dst: array<vec2u>;
// [RADIX, numTiles] digit-major: counts after histogram, exclusive offsets after scanHistogram.
@group(0) @binding(3) var<storage, read_write> hist: array<u32>;

const RADIX = 64u;
const PER_THREAD = 16u;
const TILE = WG * PER_THREAD;

// counts[d * WG + t]: pairs with digit d in thread t's chunk (then: exclusive rank across threads).
var<workgroup> counts: array<u32, RADIX * WG>;

fn digit(key: u32) -> u32 {
  return (key >> S.shift) & (RADIX - 1u);
}

// Counts the digits of thread t's chunk of tile w into column t; returns the chunk's first index.
fn countChunk(w: u32, t: u32) -> u32 {
  for (var d = 0u; d < RADIX; d++) {
    counts[d * WG + t] = 0u;
  }
  let start = w * TILE + t * PER_THREAD;
  let end = min(start + PER_THREAD, S.count);
  for (var i = start; i < end; i++) {
    counts[digit(src[i].x) * WG + t] += 1u;
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
    sum += counts[t * WG + u];
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
    let c = counts[t * WG + u];
    counts[t * WG + u] = running;
    running += c;
  }
  workgroupBarrier();
  let end = min(start + PER_THREAD, S.count);
  for (var i = start; i < end; i++) {
    let pair = src[i];
    let d = digit(pair.x);
    dst[hist[d * S.numTiles + wid.x] + counts[d * WG + t]] = pair;
    counts[d * WG + t] += 1u;
  }
}

// ---- Serial variant, for the software adapter (SwiftShader runs the invocations of a workgroup
// as coroutines, and each barrier costs about a microsecond per invocation): one invocation per
// pass does a whole LSD pass over 8-bit digits with its counters in private memory: count, scan,
// scatter in input order. No barriers, no workgroup memory; the same stable order, bit for bit.
// Its work is serial: cheap on a CPU, not for a GPU.

const SERIAL_RADIX = 256u;

@compute @workgroup_size(1)
fn radixPassSerial() {
  var offsets: array<u32, SERIAL_RADIX>;
  for (var i = 0u; i < S.count; i++) {
    offsets[(src[i].x >> S.shift) & (SERIAL_RADIX - 1u)] += 1u;
  }
  var running = 0u;
  for (var d = 0u; d < SERIAL_RADIX; d++) {
    let c = offsets[d];
    offsets[d] = running;
    running += c;
  }
  for (var i = 0u; i < S.count; i++) {
    let pair = src[i];
    let d = (pair.x >> S.shift) & (SERIAL_RADIX - 1u);
    dst[offsets[d]] = pair;
    offsets[d] += 1u;
  }
}
