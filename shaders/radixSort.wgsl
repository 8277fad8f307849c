// Stable LSD radix sort of (row, occurrence) pairs by row, 8 bits per pass, shared by all lanes.
// Reference: src/engine/reference/radixSort.ts. Per pass: histogram → scanHistogram → scatter.
//
// A tile of TILE pairs belongs to one workgroup of RADIX threads; thread t owns digit t. It counts
// (histogram) and places (scatter) the tile's pairs with digit t, walking the tile in order from
// workgroup memory, so the sort is stable without atomics or subgroup ballots, and each kernel
// needs one barrier. On a real GPU the walk is a broadcast read of workgroup memory.

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

const RADIX = 256u;
override TILE: u32 = 1024u;

var<workgroup> tile: array<vec2u, TILE>;
var<workgroup> totals: array<u32, RADIX>;

fn digit(key: u32) -> u32 {
  return (key >> S.shift) & (RADIX - 1u);
}

// Loads tile w into workgroup memory; returns how many pairs it holds.
fn loadTile(w: u32, t: u32) -> u32 {
  let start = w * TILE;
  let n = min(TILE, S.count - start);
  for (var e = t; e < n; e += RADIX) {
    tile[e] = src[start + e];
  }
  workgroupBarrier();
  return n;
}

@compute @workgroup_size(RADIX)
fn histogram(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) t: u32) {
  let n = loadTile(wid.x, t);
  var c = 0u;
  for (var e = 0u; e < n; e++) {
    c += select(0u, 1u, digit(tile[e].x) == t);
  }
  hist[t * S.numTiles + wid.x] = c;
}

@compute @workgroup_size(RADIX)
fn scanHistogram(@builtin(local_invocation_index) t: u32) {
  var sum = 0u;
  for (var w = 0u; w < S.numTiles; w++) {
    sum += hist[t * S.numTiles + w];
  }
  totals[t] = sum;
  workgroupBarrier();
  var running = 0u;
  for (var u = 0u; u < t; u++) {
    running += totals[u];
  }
  for (var w = 0u; w < S.numTiles; w++) {
    let c = hist[t * S.numTiles + w];
    hist[t * S.numTiles + w] = running;
    running += c;
  }
}

@compute @workgroup_size(RADIX)
fn scatter(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) t: u32) {
  let n = loadTile(wid.x, t);
  var pos = hist[t * S.numTiles + wid.x];
  for (var e = 0u; e < n; e++) {
    let pair = tile[e];
    if (digit(pair.x) == t) {
      dst[pos] = pair;
      pos++;
    }
  }
}
