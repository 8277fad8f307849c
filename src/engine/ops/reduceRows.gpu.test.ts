import { describe, expect, test } from 'vitest';
import { occurrenceGradients } from '../reference/forward.ts';
import { countRows, isRunStart, partSums } from '../reference/reduceRows.ts';
import { KERNEL_PATHS } from '../gpu/device.ts';
import { SEGMENT } from '../step.ts';
import { compare, maxMagnitude } from '../testing/compare.ts';
import {
  contextsOf,
  engineFor,
  f32,
  randomFloats,
  smallConfig,
  smallCtrConfig,
  smallMfConfig,
  u32,
  unpair,
} from '../testing/gpuHarness.ts';

// countRows on both paths: one workgroup of 256 (GPUs) and one invocation (the software adapter).
describe.each(Object.entries(KERNEL_PATHS))(
  'reduceRows and countRows on the GPU equal the reference (%s path)',
  (_, path) => {
    for (const [name, config] of [
      ['token regression, Zipf', smallConfig({ dim: 5, batch: 1500 })],
      ['token regression, 3 rows', smallConfig({ rows: 3, tokens: { kind: 'uniform' }, batch: 700 })],
      // The head row holds about 80% of the batch: one run over a dozen segments.
      ['token regression, one hot row', smallConfig({ rows: 50, tokens: { kind: 'zipf', s: 3 }, batch: 4096, dim: 6 })],
      ['matrix factorisation', smallMfConfig({ batch: 300 })],
      ['CTR (3 fields)', smallCtrConfig({ batch: 300 })],
    ] as const)
      test(name, async () => {
        const { engine, data } = await engineFor(config, path);
        const R = data.rows;
        const d = config.dim;
        // Counters from earlier steps, and each table's largest: above all of them in the first table,
        // below some in the others (the maxima are per table).
        const S = data.tableStarts.length - 1;
        const counters = Uint32Array.from({ length: R + S }, (_, k) => (k === R ? 50 : k > R ? 10 : (k * 7) % 40));
        engine.writeNamed('counters', counters);
        const table = randomFloats(config.lanes.length * R * d, 5);
        engine.writeNamed('table', table);
        engine.runStages(['sampleBatch', 'forward', 'radixSort']);
        const { keys, vals } = unpair(await engine.readNamed('sorted'), data.occurrences);
        // The gradient rows reduceRows forms from the GPU's coefficients (reference).
        const batch = {
          rows: u32(await engine.readNamed('occRows')),
          x: contextsOf(await engine.readNamed('contexts'), config.batch, config.dim),
          y: new Float64Array(config.batch),
        };
        const coefs = f32(await engine.readNamed('coefs'));
        const B = config.batch;
        engine.runStages(['countRows', 'reduceRows']);

        const wantCounters = counters.slice();
        countRows(keys, wantCounters, data.tableStarts);
        expect(u32(await engine.readNamed('counters'))).toEqual(wantCounters);

        // The run list holds every run start once, in sorted order (an ordered compaction, not atomics).
        const starts = Array.from(keys.keys()).filter((p) => isRunStart(keys, p));
        const runs = u32(await engine.readNamed('runs'));
        expect(Array.from(runs.subarray(1, 1 + runs[0]))).toEqual(starts);
        // countRows moves the step on (sampleBatch read step 1).
        expect(u32(await engine.readNamed('control'))[0]).toBe(2);

        const got = f32(await engine.readNamed('grads'));
        const size = data.occurrences * d;
        // Parts start at run starts and segment boundaries; other cells are not written.
        const parts = Array.from(keys.keys()).filter((p) => isRunStart(keys, p) || p % SEGMENT === 0);
        const at = (G: ArrayLike<number>) => parts.flatMap((p) => Array.from({ length: d }, (_, j) => G[p * d + j]));
        for (let l = 0; l < config.lanes.length; l++) {
          const lane = table.subarray(l * R * d, (l + 1) * R * d);
          const G = occurrenceGradients(data, lane, batch, coefs.subarray(l * B, (l + 1) * B));
          const want = at(partSums(keys, vals, G, d));
          // A part sums up to SEGMENT terms that cancel: error is judged against the largest sum.
          const c = compare(at(got.subarray(l * size, (l + 1) * size)), want, 0.1 * maxMagnitude(want), 1e-5);
          expect(c.mismatches, `lane ${l}`).toEqual([]);
        }
        engine.destroy();
      });
  },
);
