// The k largest of n scores, without sorting all n: a bounded insertion list, O(n + k·kept) where
// kept (how often a score enters the list) is small for scores in random order. Ties: the lower
// index first, so a result never depends on anything but the scores.

/**
 * Indices of the k largest `score(i)` for i in [0, n) other than those `skip` rejects, best first
 * (fewer when fewer remain). NaN scores are never kept.
 */
export function topK(n: number, k: number, score: (i: number) => number, skip?: (i: number) => boolean): number[] {
  const idx: number[] = [];
  const val: number[] = [];
  if (k <= 0) return idx;
  for (let i = 0; i < n; i++) {
    if (skip?.(i)) continue;
    const s = score(i);
    if (Number.isNaN(s) || (idx.length === k && !(s > val[k - 1]))) continue;
    // Insert at the end (or over the worst when full), then move up past smaller scores only.
    let at = Math.min(idx.length, k - 1);
    while (at > 0 && val[at - 1] < s) {
      idx[at] = idx[at - 1];
      val[at] = val[at - 1];
      at--;
    }
    idx[at] = i;
    val[at] = s;
  }
  return idx;
}

/** |a ∩ b| / k: the share of the k reference items that a also lists (overlap@k). */
export function overlapAt(k: number, a: ArrayLike<number>, reference: ArrayLike<number>): number {
  const want = new Set(Array.from(reference).slice(0, k));
  let hit = 0;
  for (let i = 0; i < Math.min(k, a.length); i++) if (want.has(a[i])) hit++;
  return hit / k;
}
