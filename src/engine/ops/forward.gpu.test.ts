import { describe, expect, test } from 'vitest';
import { forward } from '../reference/forward.ts';
import { compare } from '../testing/compare.ts';
import {
  contextsOf,
  engineFor,
  f32,
  randomFloats,
  smallConfig,
  smallCtrConfig,
  smallDataRun,
  smallMfConfig,
  u32,
  unpair,
} from '../testing/gpuHarness.ts';

const rated = smallDataRun(true, { dim: 6, batch: 90 });
const implicit = smallDataRun(false, { dim: 6, batch: 90 });

describe("forward on the GPU equals the reference: each sample's coefficient", () => {
  for (const [name, config, pairs] of [
    ['token regression', smallConfig({ dim: 7, batch: 150 }), undefined],
    ['matrix factorisation', smallMfConfig({ dim: 6, batch: 90 }), undefined],
    ['rated log (squared loss)', rated.config, rated.pairs],
    ['implicit log (logistic loss)', implicit.config, implicit.pairs],
    ['CTR (3 fields)', smallCtrConfig({ dim: 6, batch: 90 }), undefined],
  ] as const)
    test(name, async () => {
      const { engine, data } = await engineFor(config, {}, pairs);
      const R = data.rows;
      const d = config.dim;
      const L = config.lanes.length;
      const table = randomFloats(L * R * d, 11);
      engine.writeNamed('table', table);
      engine.runStages(['sampleBatch', 'forward']);
      const batch = {
        rows: unpair(await engine.readNamed('pairs'), data.occurrences).keys,
        x: contextsOf(await engine.readNamed('contexts'), config.batch, config.dim),
        y: Float64Array.from(f32(await engine.readNamed('labels'))),
      };
      // Each occurrence's row is kept for reduceRows (the sort reorders pairs).
      expect(u32(await engine.readNamed('occRows'))).toEqual(batch.rows);
      const coefs = f32(await engine.readNamed('coefs'));
      for (let l = 0; l < L; l++) {
        const want = forward(data, table.subarray(l * R * d, (l + 1) * R * d), batch);
        const got = coefs.subarray(l * want.length, (l + 1) * want.length);
        // A coefficient is a residual over B: judged against the scale of a residual (1/B).
        const c = compare(got, want, 1 / config.batch, 1e-4);
        expect(c.mismatches, `lane ${l}`).toEqual([]);
      }
      engine.destroy();
    });
});
