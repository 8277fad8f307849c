// What defines a training step beyond the update rules (optimizers.ts), shared by every engine and
// the float64 reference so that each is stated once: the order a row's gradients are summed in,
// and what a label is compared with.

/**
 * Sorted positions per segment of the row sums: a run of equal rows is summed part by part, one
 * part per segment it touches (in sorted order), then its parts in order (reduceRows.wgsl
 * segmentSums, optimizerStep.wgsl). 32 keeps every GPU thread's walk short; the float64 reference
 * sums in the same order, so the only difference left is f32 rounding.
 */
export const SEGMENT = 32;
