import { describe, expect, test } from 'vitest';
import { radixSort } from '../reference/radixSort.ts';
import { engineFor, smallConfig, unpair } from '../testing/gpuHarness.ts';
import { pcg } from '../sampling/rng.ts';

// (rows, batch) → the workgroup variant sorts up to 4,096 pairs in one workgroup, 4-bit passes: 2
// (result back in pairs), 2, 3 (result in scratch), 5; above, tiles of 1024 and 6-bit passes: 3
// passes, 5 tiles (the last partial). 8-bit passes (serial variant): 1, 1, 2, 3, 3.
const shapes = [
  [50, 100],
  [200, 3000],
  [3000, 2000],
  [70000, 2500],
  [70000, 4500],
] as const;

const patterns: Record<string, (i: number, rows: number) => number> = {
  random: (i, rows) => pcg(i + 17) % rows,
  'all equal': () => 7,
  'descending (distinct while batch <= rows)': (i, rows) => (((rows - 1 - i) % rows) + rows) % rows,
  'run ending on a tile boundary': (i, rows) => (i < 1024 ? 3 : rows - 1),
  'few rows, many duplicates': (i, rows) => (pcg(i) % 3) * Math.floor(rows / 3),
};

// Both variants: cooperative (GPUs) and one invocation (the software adapter) give the same bits.
describe.each(['workgroup', 'serial'] as const)('radixSort (%s) on the GPU equals a stable sort', (sort) => {
  for (const [rows, batch] of shapes)
    for (const [name, key] of Object.entries(patterns))
      test(`${name}, ${batch} pairs, rows < ${rows}`, async () => {
        const { engine } = await engineFor(
          smallConfig({
            rows,
            batch,
            dim: 1,
            lanes: smallConfig().lanes.slice(0, 1),
          }),
          { sort },
        );
        const keys = Uint32Array.from({ length: batch }, (_, i) => key(i, rows));
        const pairs = new Uint32Array(2 * batch);
        keys.forEach((k, i) => pairs.set([k, i], 2 * i));
        engine.writeNamed('pairs', pairs);
        engine.runStages(['radixSort']);
        const got = unpair(await engine.readNamed('sorted'), batch);
        const want = radixSort(keys);
        expect(got.keys).toEqual(want.keys);
        expect(got.vals).toEqual(want.vals);
        engine.destroy();
      });
});
