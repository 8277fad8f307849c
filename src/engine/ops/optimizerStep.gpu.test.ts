import { describe, expect, test } from 'vitest';
import type { LaneConfig } from '../config.ts';
import { stateOffsets } from '../gpu/layout.ts';
import { laneAt, stateWordsPerRow } from '../optimizers.ts';
import { optimizerStep } from '../reference/optimizerStep.ts';
import { isRunStart, runSums } from '../reference/reduceRows.ts';
import { KERNEL_PATHS } from '../gpu/device.ts';
import { compare } from '../testing/compare.ts';
import { engineFor, f32, randomFloats, smallConfig, smallMfConfig, u32, unpair } from '../testing/gpuHarness.ts';

const lanes: LaneConfig[] = [
  { optimizer: 'sgd', lr: 0.7, beta: 0.5, cap: 10, eps: 1e-8 },
  { optimizer: 'fasgd', lr: 0.5, beta: 0.5, cap: 1e6, eps: 1e-8 },
  { optimizer: 'fasgd', lr: 0.5, beta: 1, cap: 3, eps: 1e-8 },
  { optimizer: 'cfsgd', lr: 0.3, beta: 0.7, cap: 1e6, eps: 1e-8 },
  { optimizer: 'cfsgd', lr: 0.3, beta: 0.5, cap: 2, eps: 1e-8 },
  { optimizer: 'adagradRow', lr: 0.1, beta: 0.5, cap: 1, eps: 1e-3 },
  { optimizer: 'adagradCoord', lr: 0.2, beta: 0.5, cap: 1, eps: 1e-6 },
  // Schedules: at step 11 these take η/√(1 + 10/t₀).
  { optimizer: 'sgd', lr: 0.7, beta: 0.5, cap: 10, eps: 1e-8, decay: 5 },
  { optimizer: 'fasgd', lr: 0.5, beta: 0.5, cap: 1e6, eps: 1e-8, decay: 3 },
  { optimizer: 'adagradRow', lr: 0.1, beta: 0.5, cap: 1, eps: 1e-3, decay: 2 },
];

/** The step the kernels are run at (the sampler's and the schedule's t). */
const STEP = 11;

// Both dispatch paths: the grid bounded on the host (GPUs) and the indirect one (the software adapter).
describe.each(Object.entries(KERNEL_PATHS))(
  'optimizerStep on the GPU equals the reference for every optimizer (%s path)',
  (_, path) => {
    for (const [name, config] of [
      ['token regression', smallConfig({ lanes, dim: 6, batch: 400 })],
      ['matrix factorisation', smallMfConfig({ lanes, dim: 4, batch: 200 })],
    ] as const)
      test(name, async () => {
        const { engine, data } = await engineFor(config, path);
        const R = data.rows;
        const d = config.dim;
        const size = R * d;
        engine.writeNamed('table', randomFloats(lanes.length * size, 3));
        engine.writeNamed('optState', randomFloats(stateOffsets(config).words, 4, 1e-4, 0.01));
        engine.writeNamed(
          'counters',
          // Counters, then each table's largest (MF: the item table's differs from the user table's).
          Uint32Array.from({ length: R + data.tableStarts.length - 1 }, (_, k) => (k >= R ? 60 + 7 * (k - R) : k % 50)),
        );
        engine.writeNamed('control', new Uint32Array([STEP]));
        engine.runStages(['sampleBatch', 'forward', 'radixSort', 'countRows', 'reduceRows']);
        const { keys } = unpair(await engine.readNamed('sorted'), data.occurrences);
        const table = Float64Array.from(f32(await engine.readNamed('table')));
        const state = Float64Array.from(f32(await engine.readNamed('optState')));
        // Each part's sum at its first position (segmentSums); optimizerStep first adds up each run's.
        const parts = Float64Array.from(f32(await engine.readNamed('grads')));
        const counters = u32(await engine.readNamed('counters'));
        engine.runStages(['optimizerStep']);
        const gotTable = f32(await engine.readNamed('table'));
        const gotState = f32(await engine.readNamed('optState'));
        const gotSums = f32(await engine.readNamed('grads'));
        const O = data.occurrences;
        const starts = Array.from(keys.keys()).filter((p) => isRunStart(keys, p));

        const { offsets } = stateOffsets(config);
        lanes.forEach((lane, l) => {
          const t = table.slice(l * size, (l + 1) * size);
          const end = offsets[l] + R * stateWordsPerRow(lane.optimizer, d);
          const s = state.slice(offsets[l], end);
          const G = runSums(keys, parts.slice(l * O * d, (l + 1) * O * d), d);
          const sums = (g: ArrayLike<number>) =>
            starts.flatMap((p) => Array.from({ length: d }, (_, j) => g[p * d + j]));
          const cg = compare(sums(gotSums.subarray(l * O * d, (l + 1) * O * d)), sums(G), 1e-3, 1e-5);
          expect(cg.mismatches, `run sums, lane ${l}`).toEqual([]);
          optimizerStep(laneAt(lane, STEP - 1), t, s, {
            d,
            keys,
            G,
            rowFreq: data.rowFreq,
            pmax: data.pmax,
            counters,
            tableStarts: data.tableStarts,
          });
          const ct = compare(gotTable.subarray(l * size, (l + 1) * size), t, 1e-3, 1e-5);
          expect(ct.mismatches, `table, lane ${l} (${lane.optimizer})`).toEqual([]);
          const cs = compare(gotState.subarray(offsets[l], end), s, 1e-6, 1e-5);
          expect(cs.mismatches, `state, lane ${l} (${lane.optimizer})`).toEqual([]);
        });
        engine.destroy();
      });
  },
);
