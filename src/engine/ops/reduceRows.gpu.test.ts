import { describe, expect, test } from 'vitest';
import { countRows, reduceRows } from '../reference/reduceRows.ts';
import { compare, maxMagnitude } from '../testing/compare.ts';
import { engineFor, f32, randomFloats, smallConfig, smallMfConfig, u32, unpair } from '../testing/gpuHarness.ts';

describe('reduceRows and countRows on the GPU equal the reference', () => {
  for (const [name, config] of [
    ['token regression, Zipf', smallConfig({ dim: 5, batch: 1500 })],
    ['token regression, 3 rows', smallConfig({ rows: 3, tokens: { kind: 'uniform' }, batch: 700 })],
    ['matrix factorisation', smallMfConfig({ batch: 300 })],
  ] as const)
    test(name, async () => {
      const { engine, data } = await engineFor(config);
      const R = data.rows;
      const d = config.dim;
      engine.writeNamed('table', randomFloats(config.lanes.length * R * d, 5));
      // Counters from earlier steps, and an n_max above all of them.
      const counters = Uint32Array.from({ length: R + 1 }, (_, k) => (k === R ? 50 : (k * 7) % 40));
      engine.writeNamed('counters', counters);
      engine.runStages(['sampleBatch', 'forward', 'radixSort']);
      const { keys, vals } = unpair(await engine.readNamed('sorted'), data.occurrences);
      const G = Float64Array.from(f32(await engine.readNamed('grads')));
      engine.runStages(['countRows', 'reduceRows']);

      const wantCounters = counters.slice(0, R);
      const nmax = countRows(keys, wantCounters, counters[R]);
      const gotCounters = u32(await engine.readNamed('counters'));
      expect(gotCounters.slice(0, R)).toEqual(wantCounters);
      expect(gotCounters[R]).toBe(nmax);

      const got = f32(await engine.readNamed('grads'));
      const size = data.occurrences * d;
      for (let l = 0; l < config.lanes.length; l++) {
        const want = reduceRows(keys, vals, G.subarray(l * size, (l + 1) * size), d);
        // Long runs sum hundreds of terms that cancel: error is judged against the largest sum.
        const c = compare(got.subarray(l * size, (l + 1) * size), want, 0.1 * maxMagnitude(want), 1e-5);
        expect(c.mismatches, `lane ${l}`).toEqual([]);
      }
      engine.destroy();
    });
});
