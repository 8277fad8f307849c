// Reference of shaders/radixSort.wgsl: a stable sort of occurrences by row.

/** Occurrence indices in stable order of their keys, and the sorted keys. */
export function radixSort(keys: Uint32Array): {
  keys: Uint32Array;
  vals: Uint32Array;
} {
  const vals = Uint32Array.from(keys, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  return { keys: Uint32Array.from(vals, (v) => keys[v]), vals };
}
